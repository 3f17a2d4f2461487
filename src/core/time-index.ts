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

/** Build the index. Items need not be sorted; invalid ranges (end <= start) are never current. */
export function buildTimeIndex(items: readonly TimeRange[]): TimeIndex {
  const boundaries: number[] = [];
  for (const item of items) {
    if (item.endTime > item.startTime) boundaries.push(item.startTime, item.endTime);
  }
  boundaries.sort((a, b) => a - b);
  const spans = dedupe(boundaries);
  // current[k]: the answer for [spans[k], spans[k + 1]).
  const current = sweep(items, spans);
  const recent = new Int32Array(current.length);
  let last = -1;
  for (let k = 0; k < current.length; k++) {
    if (current[k]! >= 0) last = current[k]!;
    recent[k] = last;
  }

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
    size: items.length,
    lookup,
    indexAt: (time) => lookup(time).index,
  };
}

/** Index of the current cue at `time` (−1 in a gap). Builds an index: for one-off questions. */
export function findCueIndexAt(items: readonly TimeRange[], time: Seconds): number {
  return buildTimeIndex(items).indexAt(time);
}

function dedupe(sorted: number[]): Float64Array {
  const out: number[] = [];
  for (const value of sorted)
    if (out.length === 0 || out[out.length - 1] !== value) out.push(value);
  return Float64Array.from(out);
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
function sweep(items: readonly TimeRange[], spans: Float64Array): Int32Array {
  const result = new Int32Array(Math.max(0, spans.length - 1)).fill(-1);
  const order = items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.endTime > item.startTime)
    .sort((a, b) => a.item.startTime - b.item.startTime || a.index - b.index);
  if (withoutOverlaps(order)) {
    // The common case (transcripts rarely overlap): one pass, no heap.
    let next = 0;
    for (let k = 0; k < result.length; k++) {
      const t = spans[k]!;
      while (next < order.length && order[next]!.item.endTime <= t) next++;
      const candidate = order[next];
      if (candidate && candidate.item.startTime <= t) result[k] = candidate.index;
    }
    return result;
  }
  const heap: number[] = [];
  const later = (a: number, b: number): boolean => {
    const sa = items[a]!.startTime;
    const sb = items[b]!.startTime;
    return sa > sb || (sa === sb && a > b);
  };
  let next = 0;
  for (let k = 0; k < result.length; k++) {
    const t = spans[k]!;
    while (next < order.length && order[next]!.item.startTime <= t) {
      heapPush(heap, order[next]!.index, later);
      next++;
    }
    while (heap.length > 0 && items[heap[0]!]!.endTime <= t) heapPop(heap, later);
    result[k] = heap.length > 0 ? heap[0]! : -1;
  }
  return result;
}

/** True when, in start order, every item ends before (or as) the next one starts. */
function withoutOverlaps(order: readonly { item: TimeRange }[]): boolean {
  for (let i = 1; i < order.length; i++) {
    if (order[i]!.item.startTime < order[i - 1]!.item.endTime) return false;
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
