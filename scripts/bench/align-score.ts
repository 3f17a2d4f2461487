/**
 * Scoring an alignment against a recording's ground truth: which aligned word is which spoken
 * word, the start errors of words and cues, the speakers, and the naive baseline (words spread
 * evenly over the detected speech) scored the same way.
 *
 * All times in seconds; errors reported in milliseconds.
 */
import type { RecordingTruth, TruthWord } from '../recordings/recording.ts';
import { max, median, percentile } from './stats.ts';

/** A word of the aligner's `--json` report (see /work/team/align-report-format.md, v1). */
export interface ReportWord {
  readonly text: string;
  readonly startTime: number | null;
  readonly endTime: number | null;
  readonly timed: boolean;
  /** 1-based position in the transcript file; col counts code points. */
  readonly line: number;
  readonly col: number;
}

export interface ReportCue {
  readonly id: string;
  readonly speaker: string;
  readonly startTime: number;
  readonly endTime: number;
  readonly confidence: number | null;
  readonly placed: boolean;
  readonly words: readonly ReportWord[];
}

/** The parts of the aligner's `--json` report the bench reads. */
export interface AlignReport {
  readonly version: number;
  readonly ok: boolean;
  readonly error: string | null;
  readonly mediaDuration: number;
  readonly mismatch: {
    readonly verdict: boolean;
    readonly cost: number;
    readonly threshold: number;
  };
  readonly cues: readonly ReportCue[];
  readonly findings: readonly {
    readonly line: number;
    readonly col: number;
    readonly rule: string;
  }[];
  readonly durations: Readonly<Record<string, number>>;
}

/** Where a truth word is in the report: its cue and word index. */
export interface WordPlace {
  readonly cue: number;
  readonly word: number;
}

/**
 * For each truth word, the report word that holds it: same line, and the truth word's column
 * inside the report word's text (the report attaches lone punctuation to a neighbour, so a word
 * may start a little before the truth's). Null when no report word covers it.
 */
export function placeTruthWords(
  truth: readonly TruthWord[],
  cues: readonly ReportCue[],
): (WordPlace | null)[] {
  const byLine = new Map<number, { from: number; to: number; place: WordPlace }[]>();
  cues.forEach((cue, cueIndex) =>
    cue.words.forEach((word, wordIndex) => {
      const spans = byLine.get(word.line) ?? [];
      spans.push({
        from: word.col,
        to: word.col + [...word.text].length,
        place: { cue: cueIndex, word: wordIndex },
      });
      byLine.set(word.line, spans);
    }),
  );
  return truth.map((word) => {
    const span = byLine
      .get(word.line)
      ?.find((candidate) => candidate.from <= word.col && word.col < candidate.to);
    return span?.place ?? null;
  });
}

/** Start-error figures in milliseconds. */
export interface ErrorFigures {
  readonly count: number;
  readonly median: number;
  readonly p90: number;
  readonly p95: number;
  readonly max: number;
}

/** Median, p90, p95 and max of absolute errors given in seconds, as milliseconds. */
export function errorFigures(errorsSeconds: readonly number[]): ErrorFigures {
  const ms = errorsSeconds.map((error) => Math.abs(error) * 1000);
  return {
    count: ms.length,
    median: median(ms),
    p90: percentile(ms, 90),
    p95: percentile(ms, 95),
    max: max(ms),
  };
}

/** How one method (the aligner, or the baseline) did on one recording: signed errors, seconds. */
export interface Score {
  /** Aligned − true start of each spoken word the method timed. */
  readonly wordErrors: readonly number[];
  /** Aligned − true start of each cue (its first spoken word's true start). */
  readonly cueErrors: readonly number[];
  /** Spoken words in the truth (the share timed is wordErrors.length over this). */
  readonly spokenWords: number;
}

/** The aligner's score, with the speaker check. */
export interface AlignerScore extends Score {
  /** Cues whose speaker is the truth's speaker of every spoken word in them. */
  readonly speakersRight: number;
  readonly cueCount: number;
  /** Ids of cues with a wrong speaker (at most a few, for the report). */
  readonly wrongSpeakers: readonly string[];
  /** Truth words no report word covers (none when both read the transcript alike). */
  readonly unplacedTruthWords: number;
  /** The cue whose start is furthest off (aligned − true, seconds), where to look first. */
  readonly worstCue: { readonly id: string; readonly error: number } | null;
}

const sameName = (a: string, b: string) =>
  a.normalize('NFC').trim().toLowerCase() === b.normalize('NFC').trim().toLowerCase();

/** Each cue's first spoken truth word (index into the truth's words), or -1 when it has none. */
function firstTruthWordOfCues(places: readonly (WordPlace | null)[], cueCount: number): number[] {
  const first = new Array<number>(cueCount).fill(-1);
  places.forEach((place, index) => {
    if (place && first[place.cue] === -1) first[place.cue] = index;
  });
  return first;
}

/** Score the aligner's report against the truth. */
export function scoreAlignment(truth: RecordingTruth, report: AlignReport): AlignerScore {
  const places = placeTruthWords(truth.words, report.cues);
  const wordErrors: number[] = [];
  places.forEach((place, index) => {
    const word = place && report.cues[place.cue]!.words[place.word]!;
    if (word?.timed && word.startTime !== null)
      wordErrors.push(word.startTime - truth.words[index]!.startTime);
  });
  const firstWords = firstTruthWordOfCues(places, report.cues.length);
  const cueErrors: number[] = [];
  const wrongSpeakers: string[] = [];
  let worstCue: AlignerScore['worstCue'] = null;
  report.cues.forEach((cue, cueIndex) => {
    const first = firstWords[cueIndex]!;
    if (first >= 0) {
      const error = cue.startTime - truth.words[first]!.startTime;
      cueErrors.push(error);
      if (!worstCue || Math.abs(error) > Math.abs(worstCue.error)) worstCue = { id: cue.id, error };
    }
    const speakers = truth.words.filter((_, index) => places[index]?.cue === cueIndex);
    if (speakers.length === 0 || speakers.some((word) => !sameName(word.speaker, cue.speaker)))
      wrongSpeakers.push(cue.id);
  });
  return {
    wordErrors,
    cueErrors,
    spokenWords: truth.words.length,
    speakersRight: report.cues.length - wrongSpeakers.length,
    cueCount: report.cues.length,
    wrongSpeakers: wrongSpeakers.slice(0, 5),
    unplacedTruthWords: places.filter((place) => place === null).length,
    worstCue,
  };
}

/**
 * Speech regions by energy, the way a simple tool finds them: 10 ms frames; a frame is speech
 * when its level is 6 dB (or a quarter of the range to the loud frames) above the noise floor
 * (the 10th percentile of frame levels); gaps under 200 ms are bridged, regions under 100 ms
 * dropped. Returns [start, end) pairs in seconds.
 */
export function detectSpeech(samples: Float32Array, rate: number): [number, number][] {
  const frame = Math.round(rate / 100);
  const levels: number[] = [];
  for (let at = 0; at + frame <= samples.length; at += frame) {
    let power = 0;
    for (let i = at; i < at + frame; i++) power += samples[i]! * samples[i]!;
    levels.push(10 * Math.log10(power / frame + 1e-12));
  }
  const floor = percentile(levels, 10);
  const loud = percentile(levels, 90);
  const threshold = floor + Math.max(6, (loud - floor) / 4);
  const regions: [number, number][] = [];
  levels.forEach((level, index) => {
    if (level < threshold) return;
    const start = index / 100;
    const last = regions.at(-1);
    if (last && start - last[1] < 0.2) last[1] = start + 0.01;
    else regions.push([start, start + 0.01]);
  });
  return regions.filter(([start, end]) => end - start >= 0.1);
}

/**
 * The naive baseline: the words laid out at one even pace over the detected speech, each word
 * taking a share of the speech time proportional to its letters and digits (pauses skipped).
 * Returns each word's start in seconds.
 */
export function evenSpreadStarts(
  words: readonly string[],
  regions: readonly [number, number][],
): number[] {
  const weights = words.map((word) => Math.max(1, (word.match(/[\p{L}\p{N}]/gu) ?? []).length));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const speech = regions.reduce((sum, [start, end]) => sum + end - start, 0);
  let region = 0;
  let spent = 0; // speech seconds before the current region
  let before = 0; // letters before the current word
  return weights.map((weight) => {
    const at = (before / total) * speech;
    before += weight;
    while (region < regions.length - 1 && at >= spent + regions[region]![1] - regions[region]![0]) {
      spent += regions[region]![1] - regions[region]![0];
      region++;
    }
    return regions[region]![0] + (at - spent);
  });
}

/**
 * The baseline scored like the aligner: its word starts against the truth, and its cue starts for
 * the aligner's own cues (each cue's first spoken word, placed by the baseline).
 */
export function scoreBaseline(
  truth: RecordingTruth,
  baselineStarts: readonly number[],
  report: AlignReport,
): Score {
  const wordErrors = truth.words.map((word, index) => baselineStarts[index]! - word.startTime);
  const places = placeTruthWords(truth.words, report.cues);
  const cueErrors = firstTruthWordOfCues(places, report.cues.length)
    .filter((first) => first >= 0)
    .map((first) => baselineStarts[first]! - truth.words[first]!.startTime);
  return { wordErrors, cueErrors, spokenWords: truth.words.length };
}
