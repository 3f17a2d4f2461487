/** Shaping cues for reading: speaker turns. */
import type { Cue } from './cue-model.ts';

/** A run of consecutive cues by one speaker (a "turn"), as indexes into the cue list. */
export interface Turn {
  readonly speakerId: string | null;
  /** Index of the turn's first cue. */
  readonly start: number;
  /** Index one past the turn's last cue. */
  readonly end: number;
}

/** Group cues (in order) into speaker turns. */
export function groupIntoTurns(cues: readonly Pick<Cue, 'speakerId'>[]): Turn[] {
  const turns: Turn[] = [];
  let start = 0;
  for (let i = 1; i <= cues.length; i++) {
    if (i === cues.length || cues[i]!.speakerId !== cues[start]!.speakerId) {
      turns.push({ speakerId: cues[start]!.speakerId, start, end: i });
      start = i;
    }
  }
  return turns;
}

/** For each cue index, whether it starts a turn (cheap lookup for list rendering). */
export function turnStarts(cues: readonly Pick<Cue, 'speakerId'>[]): boolean[] {
  return cues.map((cue, i) => i === 0 || cues[i - 1]!.speakerId !== cue.speakerId);
}

/** A stretch of time in which one speaker talks, for the speaker timeline. */
export interface SpeakerSpan {
  readonly speakerId: string;
  readonly startTime: number;
  readonly endTime: number;
}

/** The cues in start order: the list itself when it already is (cue files almost always are). */
function inStartOrder<T extends { startTime: number }>(cues: readonly T[]): readonly T[] {
  for (let i = 1; i < cues.length; i++) {
    if (cues[i]!.startTime < cues[i - 1]!.startTime) {
      return [...cues].sort((a, b) => a.startTime - b.startTime);
    }
  }
  return cues;
}

/**
 * Merge each speaker's cues into spans, joining cues of the same speaker separated by less than
 * `joinGap` seconds (pauses within a turn should not fragment the lane).
 */
export function speakerSpans(
  cues: readonly Pick<Cue, 'speakerId' | 'startTime' | 'endTime'>[],
  joinGap = 1,
): SpeakerSpan[] {
  const open = new Map<string, { startTime: number; endTime: number }>();
  const spans: SpeakerSpan[] = [];
  const sorted = inStartOrder(cues);
  for (const cue of sorted) {
    if (!cue.speakerId || !(cue.endTime > cue.startTime)) continue;
    const span = open.get(cue.speakerId);
    if (span && cue.startTime - span.endTime < joinGap) {
      span.endTime = Math.max(span.endTime, cue.endTime);
    } else {
      if (span) spans.push({ speakerId: cue.speakerId, ...span });
      open.set(cue.speakerId, { startTime: cue.startTime, endTime: cue.endTime });
    }
  }
  for (const [speakerId, span] of open) spans.push({ speakerId, ...span });
  return spans.sort((a, b) => a.startTime - b.startTime);
}
