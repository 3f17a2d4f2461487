/**
 * What the aligner says about its result: the verdict on whether the text is what is spoken, the
 * paragraphs it could not place or is unsure of (findings at their place in the transcript), and
 * the `--json` report (its shape is fixed in the README, "Aligning a transcript").
 */
import type { Seconds } from '../cue-model.ts';
import type { AlignFinding } from './align-finding.ts';
import type { AlignedCue } from './aligned-cues.ts';
import type { AlignmentResult } from './aligner.ts';

/**
 * Above this contrast (the coarse pass's cost over its cost against the reference played
 * backwards) the text is taken not to be what is spoken. Calibrated on the tuning recordings:
 * text that is spoken 0.70–0.85 clean, 0.91 under 10 dB pink noise; English text over Korean
 * speech, Korean over English, and another English text 0.986–0.997.
 */
export const MISMATCH_RATIO = 0.95;

/** The verdict on the whole file. */
export interface MismatchVerdict {
  readonly verdict: boolean;
  readonly cost: number;
  readonly threshold: number;
}

/** Whether the alignment's own cost says the text is not what is spoken. */
export function mismatchVerdict(result: Pick<AlignmentResult, 'contrast'>): MismatchVerdict {
  return {
    verdict: result.contrast > MISMATCH_RATIO,
    cost: Math.round(result.contrast * 1000) / 1000,
    threshold: MISMATCH_RATIO,
  };
}

/** A paragraph is unplaced when less than this share of its words' frames landed on speech. */
const MIN_ON_SPEECH = 0.35;
/** …or when its words were squeezed below this share of their synthesized length. */
const MIN_STRETCH = 0.3;
/** A paragraph's cost this far above the file's mean (and above 0.9) is worth a look. */
const LOW_CONFIDENCE_FACTOR = 1.3;
const LOW_CONFIDENCE_FLOOR = 0.9;

/** Per paragraph: what its spoken words' alignment looked like. */
export interface ParagraphAlignment {
  readonly line: number;
  readonly col: number;
  /** Mean share of its words' frames on speech (0–1). */
  readonly onSpeech: number;
  /** Its aligned duration over its synthesized duration. */
  readonly stretch: number;
  readonly cost: number;
}

/**
 * Findings for paragraphs that found no speech (or were squeezed into almost none: text missing
 * from the audio) and for paragraphs with a high cost. Returns the unplaced paragraphs' indices too.
 */
export function paragraphFindings(
  paragraphs: readonly ParagraphAlignment[],
  fileCost: number,
  file: string,
): { findings: AlignFinding[]; unplaced: Set<number> } {
  const findings: AlignFinding[] = [];
  const unplaced = new Set<number>();
  paragraphs.forEach((paragraph, index) => {
    const warn = (rule: AlignFinding['rule'], message: string): void => {
      findings.push({
        rule,
        severity: 'warning',
        file,
        line: paragraph.line,
        col: paragraph.col,
        message,
      });
    };
    if (paragraph.onSpeech < MIN_ON_SPEECH) {
      unplaced.add(index);
      warn(
        'align-unplaced',
        `No speech found for this paragraph (${Math.round(paragraph.onSpeech * 100)} % of it fell on silence or noise): check that it is spoken in the recording; its times are estimates.`,
      );
    } else if (paragraph.stretch < MIN_STRETCH) {
      unplaced.add(index);
      warn(
        'align-unplaced',
        `This paragraph seems missing from the audio: its words fit in ${Math.round(paragraph.stretch * 100)} % of the time they take to say. Check the recording, or remove the text that is not spoken; its times are estimates.`,
      );
    } else if (paragraph.cost > Math.max(LOW_CONFIDENCE_FLOOR, fileCost * LOW_CONFIDENCE_FACTOR)) {
      warn(
        'align-low-confidence',
        `This paragraph matched the speech poorly (cost ${paragraph.cost.toFixed(2)}, the file's mean is ${fileCost.toFixed(2)}): listen to it first; the text may differ from what is said.`,
      );
    }
  });
  return { findings, unplaced };
}

/** Seconds spent per stage of a run. */
export type StageDurations = Readonly<Record<string, Seconds>>;

/** The `--json` report (version 1). */
export interface AlignReport {
  readonly version: 1;
  readonly ok: boolean;
  readonly error: string | null;
  readonly media: string;
  readonly transcript: string;
  readonly lang: string;
  readonly out: string | null;
  readonly mediaDuration: Seconds | null;
  readonly mismatch: MismatchVerdict | null;
  readonly cues: readonly ReportCue[];
  readonly findings: readonly AlignFinding[];
  readonly durations: StageDurations;
  readonly stats: { turns: number; cues: number; words: number; timedWords: number };
}

/** One cue in the report. */
export interface ReportCue {
  readonly id: string;
  readonly speaker: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** Mean normalised DTW cost over the cue's words: lower is better. */
  readonly confidence: number | null;
  readonly placed: boolean;
  readonly line: number;
  readonly col: number;
  readonly words: ReadonlyArray<{
    readonly text: string;
    readonly startTime: Seconds | null;
    readonly endTime: Seconds | null;
    readonly timed: boolean;
    readonly line: number;
    readonly col: number;
  }>;
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** The cues as the report lists them. */
export function reportCues(
  cues: readonly AlignedCue[],
  unplaced: ReadonlySet<number>,
): ReportCue[] {
  return cues.map((cue) => ({
    id: cue.id,
    speaker: cue.speaker,
    startTime: round(cue.startTime),
    endTime: round(cue.endTime),
    confidence: cue.cost === null ? null : round(cue.cost),
    placed: !unplaced.has(cue.paragraphIndex),
    line: cue.line,
    col: cue.col,
    words: cue.words.map((word) => ({
      text: word.text,
      startTime: word.startTime === null ? null : round(word.startTime),
      endTime: word.endTime === null ? null : round(word.endTime),
      timed: word.timed,
      line: word.line,
      col: word.col,
    })),
  }));
}
