/**
 * With captions, the aligner times words inside each caption's window. Whether those words are
 * what is spoken there (English captions over Korean speech give nonsense word times) is judged by
 * the aligner's own mismatch measure, the forward/backward contrast (Contract 7, `npm run align`'s
 * verdict), summed per speaker's turn and over the whole file: a turn whose contrast is above
 * MISMATCH_RATIO, or every turn when the whole file's is, keeps its captions' timings but gets no
 * word timestamps, and is listed for review.
 */
import { MISMATCH_RATIO } from '../align/align-report.ts';
import type { Seconds } from '../cue-model.ts';
import type { CaptionPlan } from './caption-cues.ts';

/** What the aligner measured in one caption's window (see `StretchAlignment`). */
export interface StretchContrast {
  readonly forwardCost: number;
  readonly backwardCost: number;
  /** Reference frames of speech the costs are means over; 0 when the caption was not aligned. */
  readonly speechFrames: number;
}

/** A speaker's turn whose caption text does not sound like what is spoken in its windows. */
export interface MismatchedTurn {
  readonly turn: number;
  readonly speaker: string;
  /** Indices of its captions in the plan. */
  readonly captions: readonly number[];
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** First and last caption's line in the caption file. */
  readonly fromLine: number;
  readonly toLine: number;
  readonly contrast: number;
}

export interface CaptionMismatch {
  /** The whole file's contrast (NaN when nothing was aligned) and whether it is above the limit. */
  readonly fileContrast: number;
  readonly fileMismatch: boolean;
  readonly threshold: number;
  readonly turns: readonly MismatchedTurn[];
  /** Per caption: true where its word timestamps are to be dropped. */
  readonly dropWords: readonly boolean[];
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

/** The verdict per turn and on the whole file, from each caption's measured costs. */
export function captionMismatch(
  plan: CaptionPlan,
  measured: readonly StretchContrast[],
): CaptionMismatch {
  const sums = new Map<number, { forward: number; backward: number; captions: number[] }>();
  let forward = 0;
  let backward = 0;
  plan.captions.forEach((caption, c) => {
    const stretch = measured[c];
    if (!stretch || stretch.speechFrames <= 0 || caption.runs.length === 0) return;
    const turn = caption.runs[0]!.turn;
    const sum = sums.get(turn) ?? { forward: 0, backward: 0, captions: [] };
    sum.forward += stretch.forwardCost * stretch.speechFrames;
    sum.backward += stretch.backwardCost * stretch.speechFrames;
    sum.captions.push(c);
    sums.set(turn, sum);
    forward += stretch.forwardCost * stretch.speechFrames;
    backward += stretch.backwardCost * stretch.speechFrames;
  });
  const fileContrast = backward > 0 ? forward / backward : Number.NaN;
  const fileMismatch = fileContrast > MISMATCH_RATIO;
  const turns: MismatchedTurn[] = [];
  const dropWords = plan.captions.map(() => false);
  // A turn is the turn of the captions that start in it: a speaker's run of consecutive captions.
  const ordered = [...sums.entries()].sort(([, a], [, b]) => a.captions[0]! - b.captions[0]!);
  for (const [turn, sum] of ordered) {
    const contrast = sum.backward > 0 ? sum.forward / sum.backward : 1;
    if (!fileMismatch && !(contrast > MISMATCH_RATIO)) continue;
    for (const c of sum.captions) dropWords[c] = true;
    const first = plan.captions[sum.captions[0]!]!;
    const last = plan.captions[sum.captions[sum.captions.length - 1]!]!;
    turns.push({
      turn,
      speaker: plan.speakers[turn] ?? '',
      captions: sum.captions,
      startTime: first.startTime,
      endTime: last.endTime,
      fromLine: first.line,
      toLine: last.line,
      contrast: round(contrast),
    });
  }
  return {
    fileContrast: round(fileContrast),
    fileMismatch,
    threshold: MISMATCH_RATIO,
    turns,
    dropWords,
  };
}
