/**
 * Caption files in other languages than the transcript's → translation tracks that reuse the
 * source cues' ids (Contract 1). Where the captions line up with the source cues one to one by
 * time, each keeps its own timing under its source cue's id. Otherwise each source cue gets the
 * text of the captions that overlap it most (import-match.ts) at the source cue's timing, cues
 * without one stay empty (untranslated), and the line-up is left for a person to review.
 */
import type { Seconds } from '../cue-model.ts';
import { matchImportedCues, type ImportedCue } from '../import-match.ts';
import { escapeCueText, formatTimestamp } from '../vtt-serialize.ts';

/** A source cue as the translation needs it. */
export interface SourceCue {
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** The speaker's name when the source cue carries a voice span (first of a turn), else null. */
  readonly voice: string | null;
}

/** A cue of the translation track. */
export interface TranslationCue {
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  readonly voice: string | null;
  readonly text: string;
}

export interface TranslationLineUp {
  /** True when every caption matched exactly one source cue and every source cue one caption. */
  readonly oneToOne: boolean;
  readonly cues: readonly TranslationCue[];
  /** Source cues left without text. */
  readonly emptyIds: readonly string[];
  /** Captions that fit no source cue (their 1-based lines in the caption file). */
  readonly unplacedLines: readonly number[];
  /** Source cues that received more than one caption. */
  readonly mergedIds: readonly string[];
}

/** Line the captions of another language up with the source cues. */
export function lineUpTranslation(
  source: readonly SourceCue[],
  captions: readonly ImportedCue[],
): TranslationLineUp {
  // Ids from a caption file are another tool's ids, not ours: match by time only.
  const match = matchImportedCues(
    source,
    captions.map((caption) => ({ ...caption, id: '' })),
  );
  const bySource = new Map(match.proposals.map((proposal) => [proposal.sourceIndex, proposal]));
  const oneToOne =
    match.unmatched.length === 0 &&
    match.proposals.length === source.length &&
    captions.length === source.length &&
    match.proposals.every((proposal) => proposal.importedIndexes.length === 1);
  const cues = source.map((cue, index): TranslationCue => {
    const proposal = bySource.get(index);
    const own = oneToOne && proposal ? captions[proposal.importedIndexes[0]!]! : null;
    return {
      id: cue.id,
      startTime: own?.startTime ?? cue.startTime,
      endTime: own?.endTime ?? cue.endTime,
      voice: cue.voice,
      text: proposal?.text ?? '',
    };
  });
  return {
    oneToOne,
    cues,
    emptyIds: cues.filter((cue) => cue.text === '').map((cue) => cue.id),
    unplacedLines: match.unmatched.map((index) => captions[index]!.line),
    mergedIds: match.proposals
      .filter((proposal) => proposal.importedIndexes.length > 1)
      .map((proposal) => proposal.sourceId),
  };
}

/** The translation as a Contract 1 transcript file. */
export function translationToVtt(cues: readonly TranslationCue[], note: string): string {
  const blocks = cues.map((cue) => {
    const text = escapeCueText(cue.text.trim());
    const body = cue.voice === null ? text : `<v ${cue.voice}>${text}</v>`;
    return `${cue.id}\n${formatTimestamp(cue.startTime)} --> ${formatTimestamp(cue.endTime)}\n${body}`;
  });
  return ['WEBVTT', `NOTE\n${note}`, ...blocks].join('\n\n') + '\n';
}
