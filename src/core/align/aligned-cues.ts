/**
 * From a published transcript and its words' times to a Contract 1 transcript: cues split by the
 * reading limits (cue-split.ts), ids c001…, `<v Name>` on the first cue of each turn, and a
 * WebVTT timestamp tag `<hh:mm:ss.ttt>` before every spoken word after a cue's first. Editor's
 * insertions stay in the text with no tag of their own: they show with the word before them, and
 * only timed words become elements in the page (Contract 9).
 */
import type { Cue, CueSegment, Seconds } from '../cue-model.ts';
import type { ReadingProfile } from '../reading-profile.ts';
import { plainText } from '../vtt-parse.ts';
import { serializeVtt, type WritableCue } from '../vtt-serialize.ts';
import type { AlignedWord } from './aligner.ts';
import { splitTurn, type TimedWord } from './cue-split.ts';
import type { PublishedTranscript } from './published-transcript.ts';
import { wordTagTimes } from './word-timestamps.ts';

/** One word of an aligned cue, as the report gives it. */
export interface AlignedCueWord {
  readonly text: string;
  readonly startTime: Seconds | null;
  readonly endTime: Seconds | null;
  readonly timed: boolean;
  /** True when no white space separates it from the word before. */
  readonly glued: boolean;
  readonly line: number;
  readonly col: number;
}

/** A cue of the aligned transcript. */
export interface AlignedCue {
  readonly id: string;
  readonly speaker: string;
  /** True on the first cue of a turn: it carries the voice span. */
  readonly firstOfTurn: boolean;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  readonly lines: readonly string[];
  /** Index of the first word of the second line within `words`, or -1. */
  readonly secondLineFrom: number;
  readonly words: readonly AlignedCueWord[];
  /** Mean local DTW cost of its spoken words (lower is better), or null when none is spoken. */
  readonly cost: number | null;
  /** Position of its first word in the transcript. */
  readonly line: number;
  readonly col: number;
  /** Index of the paragraph (in the whole transcript) it belongs to. */
  readonly paragraphIndex: number;
}

/** A cue id: c001, c002 … (more digits past 999). */
export function cueId(index: number): string {
  return `c${String(index + 1).padStart(3, '0')}`;
}

/**
 * Split every turn into cues. `timings[k]` is the timing of the k-th spoken word of the transcript
 * (in reading order).
 */
export function buildAlignedCues(
  transcript: PublishedTranscript,
  timings: readonly AlignedWord[],
  profile: ReadingProfile,
): AlignedCue[] {
  let spokenIndex = 0;
  let paragraphBase = 0;
  const perTurn = transcript.turns.map((turn) => {
    const words: Array<
      TimedWord & { line: number; col: number; cost: number | null; paragraphIndex: number }
    > = [];
    turn.paragraphs.forEach((paragraph, p) => {
      for (const word of paragraph.words) {
        const timing = word.spoken ? timings[spokenIndex++] : undefined;
        words.push({
          text: word.text,
          paragraph: p,
          glued: word.glued,
          boundary: word.boundary,
          startTime: timing ? timing.startTime : null,
          endTime: timing ? timing.endTime : null,
          line: word.line,
          col: word.col,
          cost: timing ? timing.cost : null,
          paragraphIndex: paragraphBase + p,
        });
      }
    });
    paragraphBase += turn.paragraphs.length;
    return { speaker: turn.speaker, words };
  });

  const cues: AlignedCue[] = [];
  perTurn.forEach((turn, t) => {
    const nextStart =
      perTurn
        .slice(t + 1)
        .flatMap((later) => later.words)
        .find((word) => word.startTime !== null)?.startTime ?? null;
    splitTurn(turn.words, profile, nextStart).forEach((split, k) => {
      const words = turn.words.slice(split.from, split.to);
      const costs = words.flatMap((word) => (word.cost === null ? [] : [word.cost]));
      cues.push({
        id: cueId(cues.length),
        speaker: turn.speaker,
        firstOfTurn: k === 0,
        startTime: split.startTime,
        endTime: split.endTime,
        lines: split.lines,
        secondLineFrom: split.secondLineFrom < 0 ? -1 : split.secondLineFrom - split.from,
        words: words.map((word) => ({
          text: word.text,
          startTime: word.startTime,
          endTime: word.endTime,
          timed: word.startTime !== null,
          glued: word.glued,
          line: word.line,
          col: word.col,
        })),
        cost: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : null,
        line: words[0]!.line,
        col: words[0]!.col,
        paragraphIndex: words[0]!.paragraphIndex,
      });
    });
  });
  return cues;
}

/** The cue's segments: an optional voice span around text runs and timestamp tags. */
export function alignedCueSegments(cue: AlignedCue): CueSegment[] {
  const words = cue.words;
  // A tag before each timed word after the first timed one: inside the cue, in order, no word
  // shorter than MIN_WORD_DURATION (wordTagTimes).
  const timed = words.flatMap((word, i) => (word.timed && word.startTime !== null ? [i] : []));
  const tagTimes = new Map<number, Seconds | null>();
  wordTagTimes(
    timed.slice(1).map((i) => words[i]!.startTime!),
    cue,
  ).forEach((time, k) => tagTimes.set(timed[k + 1]!, time));
  const children: CueSegment[] = [];
  let text = '';
  words.forEach((word, i) => {
    if (i > 0) text += i === cue.secondLineFrom ? '\n' : word.glued ? '' : ' ';
    const time = tagTimes.get(i);
    if (time != null) {
      if (text) children.push({ type: 'text', text });
      text = '';
      children.push({ type: 'timestamp', time });
    }
    text += word.text;
  });
  if (text) children.push({ type: 'text', text });
  return cue.firstOfTurn
    ? [{ type: 'voice', classes: [], annotation: cue.speaker, children }]
    : children;
}

/** The cues as a WebVTT file (Contract 1 transcript). */
export function alignedCuesToVtt(cues: readonly AlignedCue[]): string {
  const blocks = cues.map((cue) => {
    const segments = alignedCueSegments(cue);
    const vttCue: Cue & WritableCue = {
      id: cue.id,
      startTime: cue.startTime,
      endTime: cue.endTime,
      settings: '',
      text: plainText(segments),
      segments,
      voice: cue.firstOfTurn ? cue.speaker : null,
      speakerId: null,
      line: 0,
      timingLine: 0,
    };
    return { type: 'cue' as const, cue: vttCue };
  });
  return serializeVtt({ header: 'WEBVTT', blocks });
}
