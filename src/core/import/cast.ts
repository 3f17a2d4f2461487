/**
 * The speakers of an imported episode, from the names in its published transcript (Contract 7's
 * `Name:`), in order of first appearance. Ids are derived from names (Contract 1: lowercase
 * letters, digits and '-', unique); a name with no Latin letters or digits (e.g. Hangul) gets
 * `speaker-<n>`. Names given as anonymous are pseudonyms: the speaker is marked anonymous and
 * gets no portrait (the viewer shows a silhouette).
 */
import type { Speaker } from '../episode-model.ts';
import type { PublishedTranscript } from '../align/published-transcript.ts';

/** An id from a name: "Speaker K" → "speaker-k", "Jeong-yol" → "jeong-yol", "Zoë" → "zoe". */
export function speakerIdFromName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** The result: speakers in order of first appearance, and names given as anonymous but unused. */
export interface Cast {
  readonly speakers: readonly Speaker[];
  /** `--anonymous` names that no turn of the transcript has (a person must check the spelling). */
  readonly unknownAnonymous: readonly string[];
}

/** Speakers from the transcript's turns; `anonymous` names match ignoring case. */
export function castFromTranscript(
  transcript: PublishedTranscript,
  anonymous: readonly string[],
): Cast {
  const anonymousKeys = new Set(anonymous.map((name) => name.trim().toLowerCase()));
  const byName = new Map<string, Speaker>();
  const usedIds = new Set<string>();
  for (const turn of transcript.turns) {
    const key = turn.speaker.toLowerCase();
    if (byName.has(key)) continue;
    const base = speakerIdFromName(turn.speaker) || 'speaker';
    let id = base === 'speaker' ? `speaker-${byName.size + 1}` : base;
    for (let n = 2; usedIds.has(id); n++) id = `${base}-${n}`;
    usedIds.add(id);
    byName.set(key, {
      id,
      name: turn.speaker,
      ...(anonymousKeys.has(key) ? { anonymous: true } : {}),
    });
  }
  return {
    speakers: [...byName.values()],
    unknownAnonymous: anonymous.filter((name) => !byName.has(name.trim().toLowerCase())),
  };
}
