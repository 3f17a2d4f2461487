/**
 * Which speaker a voice name means (Contract 1: an id or a name, ignoring case), and "did you
 * mean" for one that means nobody. An episode may list thousands of speakers and a file may hold
 * thousands of unknown names: lookups go through maps, and suggestions compare only names of a
 * near length, with a distance that gives up past the limit, within a fixed budget per file.
 */
import type { SpeakerRef } from './cue-model.ts';

/** Voices longer than this get no suggestion (names are short; the distance is quadratic). */
const MAX_SUGGESTED_LENGTH = 64;
/**
 * Work one file may spend on suggestions (characters compared, distance-table cells): a bound on
 * the time a file with thousands of speakers and of unknown names can take.
 */
const SUGGESTION_BUDGET = 30_000_000;

/** What is left of the work one file may spend on "did you mean" (see SUGGESTION_BUDGET). */
export interface SuggestionBudget {
  left: number;
}

/** A fresh budget, for one file. */
export function suggestionBudget(): SuggestionBudget {
  return { left: SUGGESTION_BUDGET };
}
/** Characters are counted in this many buckets (code unit mod 64) for a cheap lower bound. */
const BUCKETS = 64;

/** A cast prepared for lookups. */
export interface SpeakerIndex {
  /** The speaker a voice names, by id first, then by name, ignoring case. */
  match(voice: string): SpeakerRef | undefined;
  readonly speakers: readonly SpeakerRef[];
  /** Ids and names (lowercase) by length, for suggestions. */
  readonly byLength: ReadonlyMap<number, readonly Candidate[]>;
}

/** An id or a name (lowercase) to compare with, and the speaker's place in the cast. */
interface Candidate {
  readonly key: string;
  readonly speaker: SpeakerRef;
  readonly order: number;
}

const namesById = new WeakMap<readonly SpeakerRef[], Map<string, string>>();

/** The name of the speaker with this id in the cast (the id itself when none has it). */
export function speakerName(speakers: readonly SpeakerRef[] | undefined, id: string): string {
  if (!speakers) return id;
  let names = namesById.get(speakers);
  if (!names) {
    names = new Map();
    for (const speaker of speakers) if (!names.has(speaker.id)) names.set(speaker.id, speaker.name);
    namesById.set(speakers, names);
  }
  return names.get(id) ?? id;
}

const indexes = new WeakMap<readonly SpeakerRef[], SpeakerIndex>();

/** The lookup index of a cast (built once per cast array). */
export function speakerIndex(speakers: readonly SpeakerRef[]): SpeakerIndex {
  const known = indexes.get(speakers);
  if (known) return known;
  const byId = new Map<string, SpeakerRef>();
  const byName = new Map<string, SpeakerRef>();
  const byLength = new Map<number, Candidate[]>();
  speakers.forEach((speaker, order) => {
    const id = speaker.id.toLowerCase();
    const name = speaker.name.toLowerCase();
    // The first speaker wins, as a search through the list in order would find it.
    if (!byId.has(id)) byId.set(id, speaker);
    if (!byName.has(name)) byName.set(name, speaker);
    for (const key of new Set([id, name])) {
      if (key.length > MAX_SUGGESTED_LENGTH * 2) continue;
      const list = byLength.get(key.length) ?? [];
      list.push({ key, speaker, order });
      byLength.set(key.length, list);
    }
  });
  const index: SpeakerIndex = {
    speakers,
    byLength,
    match(voice) {
      const wanted = voice.trim().toLowerCase();
      return byId.get(wanted) ?? byName.get(wanted);
    },
  };
  indexes.set(speakers, index);
  return index;
}

/**
 * The speaker whose id or name is closest to `voice`, within about one edit per three letters
 * ("Jo" → "Joy", "Jyo" → "Joy", but not "Bob" → "Joy"); undefined when none is that close, the
 * voice is long, or the file's budget is spent.
 */
export function closestSpeaker(
  voice: string,
  index: SpeakerIndex,
  budget: SuggestionBudget,
): SpeakerRef | undefined {
  const wanted = voice.toLowerCase();
  if (wanted.length > MAX_SUGGESTED_LENGTH) return undefined;
  let bestDistance = Math.max(1, Math.ceil(voice.length / 3));
  let best: Candidate | undefined;
  // The cheap filters first. A length difference is a lower bound of the distance, so only near
  // lengths are looked at; and so is half the difference of the character counts (an insertion
  // or deletion changes them by one, a substitution by two, a swap not at all).
  const counts = new Int32Array(BUCKETS);
  for (let i = 0; i < wanted.length; i++) counts[wanted.charCodeAt(i) % BUCKETS]!++;
  for (let difference = 0; difference <= bestDistance; difference++) {
    for (const length of new Set([wanted.length - difference, wanted.length + difference])) {
      for (const candidate of index.byLength.get(length) ?? []) {
        budget.left -= length + BUCKETS;
        if (budget.left < 0) return best?.speaker;
        if (countDifference(counts, candidate.key) > 2 * bestDistance) continue;
        budget.left -= wanted.length * length;
        const distance = editDistance(wanted, candidate.key, bestDistance);
        // Among equally close names the speaker listed first wins.
        if (
          distance < bestDistance ||
          (distance === bestDistance && (!best || candidate.order < best.order))
        ) {
          bestDistance = distance;
          best = candidate;
        }
      }
    }
  }
  return best?.speaker;
}

/** The sum of the differences of per-bucket character counts (`counts` is left as it was). */
function countDifference(counts: Int32Array, key: string): number {
  for (let i = 0; i < key.length; i++) counts[key.charCodeAt(i) % BUCKETS]!--;
  let sum = 0;
  for (let bucket = 0; bucket < BUCKETS; bucket++) sum += Math.abs(counts[bucket]!);
  for (let i = 0; i < key.length; i++) counts[key.charCodeAt(i) % BUCKETS]!++;
  return sum;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions, and swaps of two
 * neighbours ("Jyo" for "Joy" is one slip of the fingers, not two). Past `atMost` it stops and
 * returns `atMost + 1`.
 */
export function editDistance(a: string, b: string, atMost = Infinity): number {
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowBest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      row[j] = best;
      rowBest = Math.min(rowBest, best);
    }
    // Every later row is at least this row's least value (minus nothing: costs only add).
    if (rowBest > atMost) return atMost + 1;
    beforePrevious = previous;
    previous = row;
  }
  return Math.min(previous[b.length]!, atMost + 1);
}
