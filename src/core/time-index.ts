/**
 * Which cue is current at time t, in O(log n).
 *
 * Contract 1: intervals are half-open [startTime, endTime); where cues overlap, the current cue
 * is the containing cue with the latest start; in a gap there is no current cue.
 *
 * The index cuts the timeline at every start and end into spans over which the answer cannot
 * change, and computes each span's answer once (a sweep, O(n log n)). A lookup is then one binary
 * search, and it also yields the next boundary after t, where the player aims its timer.
 */
import type { Seconds } from './cue-model.ts';

/** Anything with a half-open time range. */
export interface TimeRange {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

/** Answers for one point in time. */
export interface TimeLookup {
  /** Index of the current item, or -1 in a gap. */
  readonly index: number;
  /** Index of the current item, or in a gap the last item that was current before t; -1 before any. */
  readonly recentIndex: number;
  /** The first time after t at which the answer may change; Infinity when it never will. */
  readonly nextBoundary: Seconds;
  /** The time at which the span holding t began (−Infinity before the first boundary). */
  readonly spanStart: Seconds;
}

/** A precomputed index over items (cues or chapters), in the items' own order. */
export interface TimeIndex {
  readonly size: number;
  lookup(time: Seconds): TimeLookup;
  /** Index of the current item at `time`, or -1. */
  indexAt(time: Seconds): number;
}

const NONE: TimeLookup = {
  index: -1,
  recentIndex: -1,
  nextBoundary: Infinity,
  spanStart: -Infinity,
};

/**
 * The index as plain tables, so it can be built in a worker and sent over (typed arrays
 * transfer without copying): the span boundaries and, per span, the current and recent item.
 */
export interface TimeIndexTables {
  readonly size: number;
  readonly spans: Float64Array;
  readonly current: Int32Array;
  readonly recent: Int32Array;
}

/** Build the index. Items need not be sorted; invalid ranges (end <= start) are never current. */
export function buildTimeIndex(items: readonly TimeRange[]): TimeIndex {
  return timeIndexFromTables(timeIndexTables(items));
}

/** Compute the index's tables (the work of building it). */
export function timeIndexTables(items: readonly TimeRange[]): TimeIndexTables {
  const starts = new Float64Array(items.length);
  const ends = new Float64Array(items.length);
  for (let i = 0; i < items.length; i++) {
    starts[i] = items[i]!.startTime;
    ends[i] = items[i]!.endTime;
  }
  return timeIndexTablesOf(starts, ends);
}

/**
 * Compute the index's tables from columns: item i is [starts[i], ends[i]). For many items
 * (100,000 timed words) held as typed arrays, with no object per item.
 */
export function timeIndexTablesOf(starts: Float64Array, ends: Float64Array): TimeIndexTables {
  const order = validInStartOrder(starts, ends);
  const boundaries = new Float64Array(order.length * 2);
  for (let i = 0; i < order.length; i++) {
    boundaries[2 * i] = starts[order[i]!]!;
    boundaries[2 * i + 1] = ends[order[i]!]!;
  }
  boundaries.sort(); // numeric for typed arrays
  const spans = dedupe(boundaries);
  // current[k]: the answer for [spans[k], spans[k + 1]).
  const current = sweep(starts, ends, order, spans);
  const recent = new Int32Array(current.length);
  let last = -1;
  for (let k = 0; k < current.length; k++) {
    if (current[k]! >= 0) last = current[k]!;
    recent[k] = last;
  }
  return { size: starts.length, spans, current, recent };
}

/** The index over tables computed by timeIndexTables (here or in a worker). */
export function timeIndexFromTables({ size, spans, current, recent }: TimeIndexTables): TimeIndex {
  function lookup(time: Seconds): TimeLookup {
    if (spans.length === 0 || !(time >= spans[0]!)) {
      return { ...NONE, nextBoundary: spans[0] ?? Infinity };
    }
    const k = lastAtOrBefore(spans, time);
    // After the last boundary nothing is current, and the last item that was stays recent.
    const afterAll = k >= current.length;
    return {
      index: afterAll ? -1 : current[k]!,
      recentIndex: afterAll ? (recent[current.length - 1] ?? -1) : recent[k]!,
      nextBoundary: spans[k + 1] ?? Infinity,
      spanStart: spans[k]!,
    };
  }

  return {
    size,
    lookup,
    indexAt: (time) => lookup(time).index,
  };
}

/** Index of the current cue at `time` (−1 in a gap). Builds an index: for one-off questions. */
export function findCueIndexAt(items: readonly TimeRange[], time: Seconds): number {
  return buildTimeIndex(items).indexAt(time);
}

/** Indices of the items with end > start, ordered by start (ties: list order). */
function validInStartOrder(starts: Float64Array, ends: Float64Array): Int32Array {
  const valid: number[] = [];
  let sorted = true;
  let previousStart = -Infinity;
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    if (!(ends[i]! > start)) continue;
    if (start < previousStart) sorted = false;
    previousStart = start;
    valid.push(i);
  }
  // Cue files are almost always in time order already; sort only when they are not.
  if (!sorted) valid.sort((a, b) => starts[a]! - starts[b]! || a - b);
  return Int32Array.from(valid);
}

function dedupe(sorted: Float64Array): Float64Array {
  let length = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (length === 0 || sorted[length - 1] !== sorted[i]) sorted[length++] = sorted[i]!;
  }
  return sorted.slice(0, length);
}

/** Largest k with values[k] <= x (values sorted ascending, values[0] <= x). */
function lastAtOrBefore(values: Float64Array, x: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (values[mid]! <= x) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * For each span, the active item with the latest start (ties: the later item in the list, as a
 * renderer paints later cues on top). A max-heap of active items keyed by (start, index), with
 * lazy removal of items that have ended.
 */
function sweep(
  starts: Float64Array,
  ends: Float64Array,
  order: Int32Array,
  spans: Float64Array,
): Int32Array {
  const result = new Int32Array(Math.max(0, spans.length - 1)).fill(-1);
  if (withoutOverlaps(starts, ends, order)) {
    // The common case (transcripts rarely overlap): one pass, no heap.
    let next = 0;
    for (let k = 0; k < result.length; k++) {
      const t = spans[k]!;
      while (next < order.length && ends[order[next]!]! <= t) next++;
      if (next < order.length && starts[order[next]!]! <= t) result[k] = order[next]!;
    }
    return result;
  }
  const heap: number[] = [];
  const later = (a: number, b: number): boolean => {
    const sa = starts[a]!;
    const sb = starts[b]!;
    return sa > sb || (sa === sb && a > b);
  };
  let next = 0;
  for (let k = 0; k < result.length; k++) {
    const t = spans[k]!;
    while (next < order.length && starts[order[next]!]! <= t) {
      heapPush(heap, order[next]!, later);
      next++;
    }
    while (heap.length > 0 && ends[heap[0]!]! <= t) heapPop(heap, later);
    result[k] = heap.length > 0 ? heap[0]! : -1;
  }
  return result;
}

/** True when, in start order, every item ends before (or as) the next one starts. */
function withoutOverlaps(starts: Float64Array, ends: Float64Array, order: Int32Array): boolean {
  for (let i = 1; i < order.length; i++) {
    if (starts[order[i]!]! < ends[order[i - 1]!]!) return false;
  }
  return true;
}

function heapPush(heap: number[], value: number, before: (a: number, b: number) => boolean): void {
  heap.push(value);
  let i = heap.length - 1;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i]!, heap[parent]!)) break;
    [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
    i = parent;
  }
}

function heapPop(heap: number[], before: (a: number, b: number) => boolean): void {
  const last = heap.pop()!;
  if (heap.length === 0) return;
  heap[0] = last;
  let i = 0;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let top = i;
    if (left < heap.length && before(heap[left]!, heap[top]!)) top = left;
    if (right < heap.length && before(heap[right]!, heap[top]!)) top = right;
    if (top === i) return;
    [heap[i], heap[top]] = [heap[top]!, heap[i]!];
    i = top;
  }
}
