/**
 * Moving cue edges by hand, as the waveform, the edge sliders, the nudges and tap to time do:
 * an edge snaps to the nearest speech onset (a start) or offset (an end) within a distance the
 * caller picks from the zoom, and never crosses a neighbour or comes closer to it than the
 * minimum gap (2 frames, TRANSLATION-RULES.md). Word timestamps that fall outside the cue's new
 * span are dropped (the cue's start times its first word), so the file stays valid; re-aligning
 * the row times its words again from the audio.
 *
 * Times are seconds, rounded to the millisecond as files write them. Cues are addressed by index
 * in the document (file order), as in translation-edit.ts.
 */
import type { SpeechRegion } from './align/speech-activity.ts';
import type { Seconds } from './cue-model.ts';
import {
  MIN_EDITED_DURATION,
  updateCueAt,
  withTimestampsWithin,
  type CueDocument,
} from './translation-edit.ts';
import type { ParsedCue } from './vtt-parse.ts';

export type CueEdge = 'start' | 'end';

/** How an edge may move. */
export interface EdgeRules {
  /** The least time between a cue's end and the next cue's start (2 frames). */
  readonly minGap: Seconds;
  /** Speech regions to snap to (null: no waveform, no snapping). */
  readonly speech: readonly SpeechRegion[] | null;
  /** Snap only within this distance (0: snapping off). */
  readonly snapDistance: Seconds;
}

const roundToMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;
/** Float noise below a microsecond is not a move. */
const EPSILON = 1e-6;

/**
 * Where an edge of the cue at `index` may go, [min, max]: a start between the previous cue's end
 * plus the gap and its own end less the shortest duration; an end between its start plus that
 * duration and the next cue's start less the gap. Where a file already breaks the gap, the edge
 * may stay where it is but not make it worse.
 */
export function edgeRange(
  cues: readonly Pick<ParsedCue, 'startTime' | 'endTime'>[],
  index: number,
  edge: CueEdge,
  minGap: Seconds,
): { readonly min: Seconds; readonly max: Seconds } {
  const cue = cues[index]!;
  if (edge === 'start') {
    const previous = cues[index - 1];
    const floor = previous ? previous.endTime + minGap : 0;
    return {
      min: roundToMs(Math.max(0, Math.min(floor, cue.startTime))),
      max: roundToMs(cue.endTime - MIN_EDITED_DURATION),
    };
  }
  const next = cues[index + 1];
  const ceiling = next ? next.startTime - minGap : Infinity;
  return {
    min: roundToMs(cue.startTime + MIN_EDITED_DURATION),
    max: roundToMs(Math.max(ceiling, cue.endTime)),
  };
}

/**
 * The speech onset (for a start) or offset (for an end) nearest `time` within `distance`, or
 * null. With `beyond`, only candidates past it in the direction of `sign` count (a keyboard step
 * from `beyond` must never snap back to where it started).
 */
export function snapTarget(
  speech: readonly SpeechRegion[],
  edge: CueEdge,
  time: Seconds,
  distance: Seconds,
  beyond?: { readonly from: Seconds; readonly sign: 1 | -1 },
): Seconds | null {
  if (distance <= 0 || speech.length === 0) return null;
  const at = (i: number): Seconds => (edge === 'start' ? speech[i]!.startTime : speech[i]!.endTime);
  // First region whose edge is at or after `time` (regions are in order, so their edges are).
  let low = 0;
  let high = speech.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (at(middle) < time) low = middle + 1;
    else high = middle;
  }
  let best: Seconds | null = null;
  for (let i = Math.max(0, low - 2); i < Math.min(speech.length, low + 2); i++) {
    const candidate = at(i);
    if (Math.abs(candidate - time) > distance) continue;
    if (beyond && (candidate - beyond.from) * beyond.sign <= EPSILON) continue;
    if (best === null || Math.abs(candidate - time) < Math.abs(best - time)) best = candidate;
  }
  return best;
}

/** Where an edge lands when asked to go to `time`: snapped when it can be, then kept in range. */
export function edgeTarget(
  cues: readonly Pick<ParsedCue, 'startTime' | 'endTime'>[],
  index: number,
  edge: CueEdge,
  time: Seconds,
  rules: EdgeRules,
  beyond?: { readonly from: Seconds; readonly sign: 1 | -1 },
): Seconds {
  const range = edgeRange(cues, index, edge, rules.minGap);
  const snapped = rules.speech
    ? snapTarget(rules.speech, edge, time, rules.snapDistance, beyond)
    : null;
  const wanted = snapped !== null && snapped >= range.min && snapped <= range.max ? snapped : time;
  return roundToMs(Math.min(range.max, Math.max(range.min, wanted)));
}

/** The cue with new times, its word timestamps kept only where they still fall inside. */
export function retimedCue(cue: ParsedCue, startTime: Seconds, endTime: Seconds): ParsedCue {
  if (cue.startTime === startTime && cue.endTime === endTime) return cue;
  return { ...withTimestampsWithin(cue, startTime, endTime), startTime, endTime };
}

/**
 * Move one edge of the cue at `index` towards `time` (snapped and kept in range, see
 * `edgeTarget`). Nothing that cannot move changes: the same document comes back.
 */
export function moveCueEdge(
  document: CueDocument,
  index: number,
  edge: CueEdge,
  time: Seconds,
  rules: EdgeRules,
  beyond?: { readonly from: Seconds; readonly sign: 1 | -1 },
): CueDocument {
  const cue = document.cues[index];
  if (!cue || !Number.isFinite(time)) return document;
  const target = edgeTarget(document.cues, index, edge, time, rules, beyond);
  const startTime = edge === 'start' ? target : cue.startTime;
  const endTime = edge === 'end' ? target : cue.endTime;
  return updateCueAt(document, index, (current) => retimedCue(current, startTime, endTime));
}

/**
 * Step an edge by `delta` seconds (a nudge or an arrow key), with the same snapping as a drag to
 * where the step lands, except that the snap distance is at most one step and the edge never
 * snaps back to or behind where it was (so repeated steps always move on).
 */
export function stepCueEdge(
  document: CueDocument,
  index: number,
  edge: CueEdge,
  delta: Seconds,
  rules: EdgeRules,
): CueDocument {
  const cue = document.cues[index];
  if (!cue || delta === 0 || !Number.isFinite(delta)) return document;
  const from = edge === 'start' ? cue.startTime : cue.endTime;
  const stepRules = { ...rules, snapDistance: Math.min(rules.snapDistance, Math.abs(delta)) };
  return moveCueEdge(document, index, edge, from + delta, stepRules, {
    from,
    sign: delta > 0 ? 1 : -1,
  });
}

/** Tap to time: how a key press is corrected for the tapper's reaction time. */
export interface TapCorrection {
  /** Seconds subtracted from every press (people tap after they hear the line start). */
  readonly delay: Seconds;
  /** Then the start snaps to the nearest speech onset within this distance (0: off). */
  readonly snapDistance: Seconds;
}

/** A reaction time typical of tapping along with speech (Amara's users tap 0.15–0.3 s late). */
export const DEFAULT_TAP_CORRECTION: TapCorrection = { delay: 0.2, snapDistance: 0.2 };

/** The corrected time of a tap pressed at `pressTime` (media seconds). */
export function correctedTapTime(
  pressTime: Seconds,
  correction: TapCorrection,
  speech: readonly SpeechRegion[] | null,
): Seconds {
  const guess = Math.max(0, pressTime - correction.delay);
  const snapped = speech ? snapTarget(speech, 'start', guess, correction.snapDistance) : null;
  return roundToMs(snapped ?? guess);
}

/**
 * A tap on the cue at `index` at `time` (already corrected): the cue starts there, and the cue
 * before it ends the minimum gap before (as in Amara: each tap ends the line before). The start
 * never goes before the previous cue's start plus the shortest duration, and the cue keeps its
 * length (up to the next cue) when its end would come before its new start.
 */
export function tapCueStart(
  document: CueDocument,
  index: number,
  time: Seconds,
  minGap: Seconds,
): CueDocument {
  const cue = document.cues[index];
  if (!cue || !Number.isFinite(time)) return document;
  const previous = document.cues[index - 1];
  const next = document.cues[index + 1];
  const earliest = previous ? previous.startTime + MIN_EDITED_DURATION + minGap : 0;
  const startTime = roundToMs(Math.max(earliest, time));
  const room = next ? next.startTime - minGap : Infinity;
  const endTime =
    cue.endTime - startTime >= MIN_EDITED_DURATION
      ? cue.endTime
      : roundToMs(
          Math.max(
            startTime + MIN_EDITED_DURATION,
            Math.min(room, startTime + (cue.endTime - cue.startTime)),
          ),
        );
  let updated = updateCueAt(document, index, (current) => retimedCue(current, startTime, endTime));
  if (previous) {
    const previousEnd = roundToMs(
      Math.max(previous.startTime + MIN_EDITED_DURATION, startTime - minGap),
    );
    updated = updateCueAt(updated, index - 1, (current) =>
      retimedCue(current, current.startTime, previousEnd),
    );
  }
  return updated;
}
