/** Small hooks that keep values stable for memoised rows and effects. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Seconds } from '../../core/cue-model.ts';

/** A function whose identity never changes and that always calls the latest `fn`. */
export function useStableCallback<A extends unknown[], R>(
  fn: (...args: A) => R,
): (...args: A) => R {
  const latest = useRef(fn);
  useLayoutEffect(() => {
    latest.current = fn;
  });
  return useCallback((...args: A) => latest.current(...args), []);
}

/** `value`, changing at most once per `delayMs` while it keeps changing (then settling). */
export function useDebouncedValue<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** True once `started` has held for `delayMs` (false again while it does not hold). */
export function useElapsedSince(started: boolean, delayMs: number): boolean {
  const [elapsed, setElapsed] = useState(false);
  useEffect(() => {
    if (!started) return;
    const timer = setTimeout(() => setElapsed(true), delayMs);
    return () => {
      clearTimeout(timer);
      setElapsed(false);
    };
  }, [started, delayMs]);
  return started && elapsed;
}

interface Timing {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

/**
 * The cues' times as an array that keeps its identity while no time changes: typing changes a
 * cue's text, not its timing, so the time index (and every row's "am I spoken" subscription)
 * survives keystrokes.
 */
export function useStableTimings(cues: readonly Timing[]): readonly Timing[] {
  const [timings, setTimings] = useState<readonly Timing[]>(() => cues.map(timingOf));
  const changed =
    cues.length !== timings.length ||
    cues.some(
      (cue, i) => cue.startTime !== timings[i]!.startTime || cue.endTime !== timings[i]!.endTime,
    );
  if (changed) {
    const next = cues.map(timingOf);
    setTimings(next);
    return next;
  }
  return timings;
}

function timingOf(cue: Timing): Timing {
  return { startTime: cue.startTime, endTime: cue.endTime };
}
