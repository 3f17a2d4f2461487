/**
 * Timed words: the words of each cue, from its WebVTT timestamp tags (`<00:00:03.150>`), as the
 * aligner writes them (Contract 7) and the viewer lights them (Contract 9).
 *
 * A timed word is the text a timestamp tag times: from the tag to the next tag (or the cue's
 * end), without the whitespace around it. The text before a cue's first tag starts with the cue.
 * A cue without any tag has timed words only when it is a single word (the aligner writes no tag
 * in a one-word cue: that word starts with the cue); a longer untagged cue has none, since its
 * words' times are unknown.
 *
 * Tags carry only starts. A word lasts until the next word starts, the cue ends, or
 * WORD_HOLD_LIMIT after its start, whichever comes first: so no word stays lit through a pause
 * longer than that. Intervals are half-open [startTime, endTime), in seconds.
 */
import type { Cue, Seconds } from './cue-model.ts';
import { walkSegments } from './segment-walk.ts';
import {
  timeIndexFromTables,
  timeIndexTablesOf,
  type TimeIndex,
  type TimeIndexTables,
} from './time-index.ts';

/** The longest a word stays current without the next one starting (seconds). */
export const WORD_HOLD_LIMIT: Seconds = 1;

/** One timed word of a cue. */
export interface CueWord {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** [textStart, textEnd): where the word sits in the cue's plain text (`cue.text`). */
  readonly textStart: number;
  readonly textEnd: number;
  readonly text: string;
}

/** Whether a cue carries at least one timestamp tag. */
export function hasTimestampTags(cue: Pick<Cue, 'segments'>): boolean {
  let found = false;
  walkSegments(cue.segments, (segment) => {
    if (segment.type === 'timestamp') {
      found = true;
      return 'stop';
    }
    return 'descend';
  });
  return found;
}

/** True for the whitespace that `\s` matches in the code units a word is trimmed of. */
function isSpace(text: string, at: number): boolean {
  return /\s/.test(text[at]!);
}

/**
 * Visit the timed words of one cue in text order, as (startTime, textStart, textEnd), without an
 * object per word (a 10,000-cue transcript has ~100,000): see the module comment for the rules.
 */
function forEachCueWord(
  cue: Pick<Cue, 'segments' | 'text' | 'startTime' | 'endTime'>,
  visit: (time: Seconds, textStart: number, textEnd: number) => void,
): void {
  const text = cue.text;
  let offset = 0;
  let runTime = cue.startTime;
  let runStart = 0;
  let tagged = false;
  const flush = (runEnd: number): void => {
    let start = runStart;
    let end = runEnd;
    while (start < end && isSpace(text, start)) start++;
    while (end > start && isSpace(text, end - 1)) end--;
    if (start >= end) return;
    // Untagged, the cue is one run: a word only when it holds no space (see the module comment).
    if (!tagged) for (let i = start; i < end; i++) if (isSpace(text, i)) return;
    visit(runTime, start, end);
  };
  walkSegments(cue.segments, (segment) => {
    if (segment.type === 'text') offset += segment.text.length;
    else if (segment.type === 'timestamp') {
      tagged = true;
      flush(offset);
      // A tag outside the cue (the spec forbids it) is held to the cue's own range.
      runTime = Math.min(Math.max(segment.time, cue.startTime), cue.endTime);
      runStart = offset;
    }
    // Ruby annotations are not part of the plain text (see plainText): they move no offsets.
    return segment.type === 'ruby-text' ? 'skip' : 'descend';
  });
  flush(offset);
}

/** A word's end: the next word's start, the cue's end or the hold limit, whichever is first. */
function wordEnd(startTime: Seconds, nextStart: Seconds | undefined, cueEnd: Seconds): Seconds {
  return Math.min(nextStart ?? cueEnd, cueEnd, startTime + WORD_HOLD_LIMIT);
}

/** The timed words of one cue, in text order ([] when it has none: see the module comment). */
export function cueWords(cue: Pick<Cue, 'segments' | 'text' | 'startTime' | 'endTime'>): CueWord[] {
  const words: CueWord[] = [];
  forEachCueWord(cue, (startTime, textStart, textEnd) => {
    // endTime is set below, once the next word is known.
    words.push({
      startTime,
      endTime: startTime,
      textStart,
      textEnd,
      text: cue.text.slice(textStart, textEnd),
    });
  });
  return words.map((word, i) => ({
    ...word,
    endTime: wordEnd(word.startTime, words[i + 1]?.startTime, cue.endTime),
  }));
}

/**
 * Every timed word of a transcript, as flat tables (a three-hour transcript has ~100,000 words:
 * typed arrays, not an object per word). Word `w` belongs to cue `cueOf[w]`; the words of cue
 * `c` are `firstWord[c]` up to `firstWord[c + 1]`. Plain data: the parser worker builds them and
 * sends them over without copying (see transcriptWordTables).
 */
export interface TranscriptWordTables {
  readonly count: number;
  readonly startTimes: Float64Array;
  readonly endTimes: Float64Array;
  readonly cueOf: Int32Array;
  readonly firstWord: Int32Array;
  /** The tables of the time index over the words' ranges. */
  readonly index: TimeIndexTables;
}

/** The word tables with their time index ready: which word is current at t (−1 between words). */
export interface TranscriptWords extends Omit<TranscriptWordTables, 'index'> {
  readonly index: TimeIndex;
  /** Bytes the tables and the index hold (typed arrays only: the figure the bench reports). */
  readonly bytes: number;
}

/**
 * The word tables of a transcript, or null when no cue carries a timestamp tag (then the
 * transcript behaves as one without word timings, exactly). One pass over the cues' segments,
 * no object per word.
 */
export function transcriptWordTables(cues: readonly Cue[]): TranscriptWordTables | null {
  if (!cues.some(hasTimestampTags)) return null;
  // Plain number arrays grow cheaply and hold unboxed doubles; copied once into typed arrays.
  const starts: number[] = [];
  const ends: number[] = [];
  const cueOf: number[] = [];
  const firstWord = new Int32Array(cues.length + 1);
  for (let c = 0; c < cues.length; c++) {
    const cue = cues[c]!;
    firstWord[c] = starts.length;
    forEachCueWord(cue, (time) => {
      const w = starts.length;
      // The previous word of this cue ends where this one starts.
      if (w > firstWord[c]!) ends[w - 1] = wordEnd(starts[w - 1]!, time, cue.endTime);
      starts.push(time);
      ends.push(wordEnd(time, undefined, cue.endTime));
      cueOf.push(c);
    });
  }
  firstWord[cues.length] = starts.length;
  const startTimes = Float64Array.from(starts);
  const endTimes = Float64Array.from(ends);
  return {
    count: startTimes.length,
    startTimes,
    endTimes,
    cueOf: Int32Array.from(cueOf),
    firstWord,
    index: timeIndexTablesOf(startTimes, endTimes),
  };
}

/** The word tables made usable: their time index over the tables (no copy). */
export function transcriptWordsFromTables(tables: TranscriptWordTables): TranscriptWords {
  const { index } = tables;
  const bytes = [
    tables.startTimes,
    tables.endTimes,
    tables.cueOf,
    tables.firstWord,
    index.spans,
    index.current,
    index.recent,
  ].reduce((sum, array) => sum + array.byteLength, 0);
  return { ...tables, index: timeIndexFromTables(index), bytes };
}

/** The timed words of a transcript, or null without word timings (see transcriptWordTables). */
export function transcriptWords(cues: readonly Cue[]): TranscriptWords | null {
  const tables = transcriptWordTables(cues);
  return tables && transcriptWordsFromTables(tables);
}

/** Where word `w` sits: its cue and its position among that cue's words; null for no word. */
export function wordPosition(
  words: TranscriptWords,
  w: number,
): { readonly cueIndex: number; readonly wordInCue: number } | null {
  if (!(w >= 0 && w < words.count)) return null;
  const cueIndex = words.cueOf[w]!;
  return { cueIndex, wordInCue: w - words.firstWord[cueIndex]! };
}
