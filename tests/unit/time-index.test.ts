import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTimeIndex,
  findCueIndexAt,
  timeIndexFromTables,
  timeIndexTables,
  type TimeLookup,
  type TimeRange,
} from '../../src/core/time-index.ts';

const cue = (startTime: number, endTime: number): TimeRange => ({ startTime, endTime });

/** The first question of The Red Box, cut into cues (seconds). */
const EPISODE: readonly TimeRange[] = [
  cue(0, 4.2),
  cue(4.2, 9.8),
  cue(12, 58.5),
  cue(58.5, 63),
  cue(63, 70),
];

describe(findCueIndexAt.name, () => {
  it('finds the cue holding a time', () => {
    expect(findCueIndexAt(EPISODE, 61.2)).toBe(3);
    expect(findCueIndexAt(EPISODE, 0)).toBe(0);
    expect(findCueIndexAt(EPISODE, 69.999)).toBe(4);
  });

  it('answers -1 in a gap, before the first cue and from the last end on', () => {
    expect(findCueIndexAt(EPISODE, 10)).toBe(-1);
    expect(findCueIndexAt(EPISODE, -1)).toBe(-1);
    expect(findCueIndexAt(EPISODE, 70)).toBe(-1);
    expect(findCueIndexAt([], 5)).toBe(-1);
  });
});

describe(buildTimeIndex.name, () => {
  describe('half-open intervals [startTime, endTime)', () => {
    const index = buildTimeIndex(EPISODE);

    it('makes a cue current at its start and no longer at its end', () => {
      expect(index.indexAt(4.2)).toBe(1);
      expect(index.indexAt(4.2 - 1e-9)).toBe(0);
      expect(index.indexAt(9.8)).toBe(-1);
      expect(index.indexAt(9.8 - 1e-9)).toBe(1);
    });

    it('hands over between touching cues without a gap', () => {
      expect(index.indexAt(58.5)).toBe(3);
      expect(index.indexAt(63)).toBe(4);
    });

    it('treats NaN as before everything', () => {
      expect(index.lookup(NaN)).toMatchObject({ index: -1, recentIndex: -1 });
    });
  });

  describe('overlaps: the containing cue with the latest start', () => {
    it('prefers the later start while both hold the time, then falls back', () => {
      // Staggered: [0, 10) and [5, 15).
      const index = buildTimeIndex([cue(0, 10), cue(5, 15)]);
      expect([2, 5, 9.99, 10, 14.99, 15].map(index.indexAt)).toEqual([0, 1, 1, 1, 1, -1]);
    });

    it('returns to the outer cue when a nested one ends', () => {
      const index = buildTimeIndex([cue(0, 20), cue(5, 8), cue(6, 7)]);
      expect([0, 5, 6, 7, 8, 19.99, 20].map(index.indexAt)).toEqual([0, 1, 2, 1, 0, 0, -1]);
    });

    it('picks the later cue in the list when starts are equal', () => {
      const index = buildTimeIndex([cue(0, 10), cue(0, 5)]);
      expect([0, 4.99, 5, 9.99].map(index.indexAt)).toEqual([1, 1, 0, 0]);
      const reversed = buildTimeIndex([cue(0, 5), cue(0, 10)]);
      expect([0, 4.99, 5].map(reversed.indexAt)).toEqual([1, 1, 1]);
    });
  });

  describe('recentIndex', () => {
    const index = buildTimeIndex(EPISODE);

    it('is the current cue while there is one', () => {
      expect(index.lookup(61.2).recentIndex).toBe(3);
    });

    it('keeps the last current cue through a gap and after the end', () => {
      expect(index.lookup(10)).toMatchObject({ index: -1, recentIndex: 1 });
      expect(index.lookup(70)).toMatchObject({ index: -1, recentIndex: 4 });
      expect(index.lookup(1e9)).toMatchObject({ index: -1, recentIndex: 4 });
    });

    it('is -1 before the first cue', () => {
      expect(buildTimeIndex([cue(3, 4)]).lookup(1)).toMatchObject({ index: -1, recentIndex: -1 });
    });

    it('after an overlap, is the cue that was current last', () => {
      // [0, 10) holds [2, 4); after 10 the outer cue was the last current one.
      const index = buildTimeIndex([cue(0, 10), cue(2, 4)]);
      expect(index.lookup(12).recentIndex).toBe(0);
    });
  });

  describe('nextBoundary and spanStart', () => {
    const index = buildTimeIndex(EPISODE);

    it('gives the next start or end after t, where the answer may change', () => {
      expect(index.lookup(-5)).toMatchObject({ nextBoundary: 0, spanStart: -Infinity });
      expect(index.lookup(0)).toMatchObject({ nextBoundary: 4.2, spanStart: 0 });
      expect(index.lookup(4.2)).toMatchObject({ nextBoundary: 9.8, spanStart: 4.2 });
      expect(index.lookup(10)).toMatchObject({ nextBoundary: 12, spanStart: 9.8 });
      expect(index.lookup(69)).toMatchObject({ nextBoundary: 70, spanStart: 63 });
      expect(index.lookup(70)).toMatchObject({ nextBoundary: Infinity, spanStart: 70 });
    });

    it('is Infinity with no cues', () => {
      expect(buildTimeIndex([]).lookup(3)).toEqual({
        index: -1,
        recentIndex: -1,
        nextBoundary: Infinity,
        spanStart: -Infinity,
      });
    });
  });

  it('answers in the input order for unsorted cues', () => {
    const index = buildTimeIndex([cue(20, 30), cue(0, 10), cue(10, 20)]);
    expect([5, 15, 25, 30].map(index.indexAt)).toEqual([1, 2, 0, -1]);
    expect(index.lookup(35).recentIndex).toBe(0);
    expect(index.size).toBe(3);
  });

  it('never makes a zero-length or inverted cue current, nor a boundary of it', () => {
    const index = buildTimeIndex([cue(0, 10), cue(5, 5), cue(7, 6)]);
    expect([5, 6, 7].map(index.indexAt)).toEqual([0, 0, 0]);
    expect(index.lookup(1).nextBoundary).toBe(10);
    expect(buildTimeIndex([cue(5, 5)]).lookup(5)).toMatchObject({ index: -1, recentIndex: -1 });
  });
});

// ---------------------------------------------------------------------------------------------
// Property: the index agrees with an O(n) reference for any cues and any time.

/** The current item by definition: containing it, latest start, ties to the later item. */
function referenceIndexAt(items: readonly TimeRange[], t: number): number {
  let best = -1;
  items.forEach((item, i) => {
    if (!(item.startTime <= t && t < item.endTime)) return;
    if (best === -1 || item.startTime >= items[best]!.startTime) best = i;
  });
  return best;
}

function referenceLookup(items: readonly TimeRange[], t: number): TimeLookup {
  const boundaries = items
    .filter((item) => item.endTime > item.startTime)
    .flatMap((item) => [item.startTime, item.endTime]);
  const before = boundaries.filter((b) => b <= t);
  const after = boundaries.filter((b) => b > t);
  // The answer only changes at boundaries, so the latest non-gap answer at or before t is found
  // at t itself or at one of the boundaries before it.
  const candidates = [t, ...before].sort((a, b) => b - a);
  let recentIndex = -1;
  for (const time of candidates) {
    const index = referenceIndexAt(items, time);
    if (index !== -1) {
      recentIndex = index;
      break;
    }
  }
  return {
    index: referenceIndexAt(items, t),
    recentIndex,
    nextBoundary: after.length > 0 ? Math.min(...after) : Infinity,
    spanStart: before.length > 0 ? Math.max(...before) : -Infinity,
  };
}

// Times on a coarse grid (tenths of a second) so starts, ends and queries collide often.
const gridTime = fc.integer({ min: 0, max: 200 }).map((tenths) => tenths / 10);
const rangeArbitrary = fc
  .tuple(gridTime, fc.integer({ min: -5, max: 60 }))
  .map(([startTime, length]) => cue(startTime, startTime + length / 10));

/** Random cues and query times, for the property tests. */
const cuesAndTimes = () =>
  [
    fc.array(rangeArbitrary, { maxLength: 30 }),
    fc.array(fc.oneof(gridTime, fc.double({ min: -1, max: 30, noNaN: true })), {
      minLength: 1,
      maxLength: 20,
    }),
  ] as const;

describe('buildTimeIndex against a brute-force reference', () => {
  it('agrees on index, recentIndex, nextBoundary and spanStart for random cues and times', () => {
    fc.assert(
      fc.property(...cuesAndTimes(), (items, times) => {
        const index = buildTimeIndex(items);
        // Every boundary, and just before it, is a query too.
        const boundaryTimes = items.flatMap((item) => [
          item.startTime,
          item.endTime,
          item.startTime - 1e-9,
        ]);
        for (const t of [...times, ...boundaryTimes]) {
          expect(index.lookup(t), `t = ${t}`).toEqual(referenceLookup(items, t));
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('time index tables (built in the parser worker, sent over)', () => {
  it('answers as the index built here after a structured clone', () => {
    fc.assert(
      fc.property(...cuesAndTimes(), (items, times) => {
        const sent = timeIndexFromTables(structuredClone(timeIndexTables(items)));
        expect(sent.size).toBe(items.length);
        for (const t of times)
          expect(sent.lookup(t), `t = ${t}`).toEqual(referenceLookup(items, t));
      }),
      { numRuns: 200 },
    );
  });
});
