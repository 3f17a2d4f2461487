/**
 * Undo and redo across rows: the workspace's own history of whole-file snapshots (cheap, since
 * edits share every untouched cue), not the browser's per-field one. Typing in one row is one
 * step until the translator pauses or moves on, as in the editors people know.
 */

export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** What the last step was (a row, an action), to fold quick edits of the same thing into one. */
  readonly lastKey: string | null;
  /** When the last step was recorded (ms). */
  readonly lastAt: number;
}

export interface RecordOptions {
  /** Steps with the same key within `foldWithinMs` of each other become one step. */
  readonly key?: string;
  /** The time of the step (ms; `Date.now()` in the app, given in tests). */
  readonly at: number;
  readonly foldWithinMs?: number;
  /** Steps kept (the oldest are dropped). */
  readonly limit?: number;
}

/** Typing pauses longer than this start a new undo step. */
export const FOLD_WITHIN_MS = 1000;
export const HISTORY_LIMIT = 500;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

/** Record `next` as the present. The same object as now records nothing. */
export function recordStep<T>(history: History<T>, next: T, options: RecordOptions): History<T> {
  if (next === history.present) return history;
  const fold =
    options.key !== undefined &&
    options.key === history.lastKey &&
    options.at - history.lastAt < (options.foldWithinMs ?? FOLD_WITHIN_MS) &&
    history.future.length === 0;
  const limit = options.limit ?? HISTORY_LIMIT;
  const past = fold ? history.past : [...history.past, history.present].slice(-limit);
  return { past, present: next, future: [], lastKey: options.key ?? null, lastAt: options.at };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

/** Step back (nothing to undo: the same history). */
export function undoStep<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (previous === undefined) return history;
  return {
    past: history.past.slice(0, -1),
    present: previous,
    future: [history.present, ...history.future],
    lastKey: null,
    lastAt: 0,
  };
}

/** Step forward again (nothing to redo: the same history). */
export function redoStep<T>(history: History<T>): History<T> {
  const [next, ...rest] = history.future;
  if (next === undefined) return history;
  return {
    past: [...history.past, history.present],
    present: next,
    future: rest,
    lastKey: null,
    lastAt: 0,
  };
}
