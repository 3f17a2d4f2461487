import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandAround, bandedDtw, diagonalBand, fullBand } from '../../../src/core/align/dtw.ts';

/** Plain DTW over the whole grid, the textbook way: the reference the banded one must match. */
function bruteForceDtw(costs: number[][], diagonalWeight = 1): number {
  const rows = costs.length;
  const cols = costs[0]!.length;
  const total = costs.map((row) => row.map(() => Infinity));
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const c = costs[i]![j]!;
      if (i === 0 && j === 0) {
        total[0]![0] = c;
        continue;
      }
      let best = Infinity;
      if (i > 0 && j > 0) best = Math.min(best, total[i - 1]![j - 1]! + diagonalWeight * c);
      if (i > 0) best = Math.min(best, total[i - 1]![j]! + c);
      if (j > 0) best = Math.min(best, total[i]![j - 1]! + c);
      total[i]![j] = best;
    }
  }
  return total[rows - 1]![cols - 1]!;
}

const grid = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
  .chain(([rows, cols]) =>
    fc.array(
      fc.array(fc.float({ min: 0, max: 10, noNaN: true }), { minLength: cols, maxLength: cols }),
      {
        minLength: rows,
        maxLength: rows,
      },
    ),
  );

/** The path's own cost, step by step, with the same step weights. */
function costAlong(
  costs: number[][],
  rows: Int32Array,
  cols: Int32Array,
  diagonalWeight = 1,
): number {
  let total = costs[rows[0]!]![cols[0]!]!;
  for (let k = 1; k < rows.length; k++) {
    const diagonal = rows[k]! - rows[k - 1]! === 1 && cols[k]! - cols[k - 1]! === 1;
    total += (diagonal ? diagonalWeight : 1) * costs[rows[k]!]![cols[k]!]!;
  }
  return total;
}

describe(bandedDtw.name, () => {
  it('finds the same cost as a brute-force DTW when the band covers the grid', () => {
    fc.assert(
      fc.property(grid, fc.constantFrom(1, 2), (costs, diagonalWeight) => {
        const rows = costs.length;
        const cols = costs[0]!.length;
        const path = bandedDtw(rows, cols, fullBand(rows, cols), (i, j) => costs[i]![j]!, {
          diagonalWeight,
        });
        expect(path.cost).toBeCloseTo(bruteForceDtw(costs, diagonalWeight), 4);
        expect(costAlong(costs, path.rows, path.cols, diagonalWeight)).toBeCloseTo(path.cost, 4);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a monotone, connected path from corner to corner', () => {
    fc.assert(
      fc.property(grid, fc.integer({ min: 0, max: 4 }), (costs, radius) => {
        const rows = costs.length;
        const cols = costs[0]!.length;
        const path = bandedDtw(
          rows,
          cols,
          diagonalBand(rows, cols, radius),
          (i, j) => costs[i]![j]!,
        );
        expect([path.rows[0], path.cols[0]]).toEqual([0, 0]);
        expect([path.rows.at(-1), path.cols.at(-1)]).toEqual([rows - 1, cols - 1]);
        for (let k = 1; k < path.rows.length; k++) {
          const di = path.rows[k]! - path.rows[k - 1]!;
          const dj = path.cols[k]! - path.cols[k - 1]!;
          expect(di === 0 || di === 1).toBe(true);
          expect(dj === 0 || dj === 1).toBe(true);
          expect(di + dj).toBeGreaterThan(0);
        }
        // Never cheaper than the unconstrained optimum, and exactly its own cost.
        expect(path.cost).toBeGreaterThanOrEqual(bruteForceDtw(costs) - 1e-6);
        expect(costAlong(costs, path.rows, path.cols)).toBeCloseTo(path.cost, 4);
      }),
      { numRuns: 300 },
    );
  });

  it('visits only cells inside the band, and only once each', () => {
    const visited = new Map<string, number>();
    const band = diagonalBand(40, 25, 3);
    bandedDtw(40, 25, band, (i, j) => {
      const key = `${i},${j}`;
      visited.set(key, (visited.get(key) ?? 0) + 1);
      expect(j).toBeGreaterThanOrEqual(band.from[i]!);
      expect(j).toBeLessThan(band.to[i]!);
      return Math.abs(i * 25 - j * 40);
    });
    expect(Math.max(...visited.values())).toBe(1);
    expect(visited.size).toBeLessThan((40 * 25) / 2);
  });

  it('follows a shifted copy of a signal', () => {
    const signal = Array.from({ length: 60 }, (_, t) => Math.sin(t / 3) + (t % 7 === 0 ? 2 : 0));
    const shifted = [0, 0, 0, 0, 0, ...signal.slice(0, 55)];
    const path = bandedDtw(60, 60, diagonalBand(60, 60, 10), (i, j) =>
      Math.abs(shifted[i]! - signal[j]!),
    );
    // Row 30 of the shifted copy is column 25 of the original.
    const at = path.rows.indexOf(30);
    expect(path.cols[at]).toBe(25);
  });
});

describe(bandAround.name, () => {
  it('connects every row to the next even when the centre jumps', () => {
    const band = bandAround([0, 0, 10, 10, 20], 1, 21);
    for (let i = 0; i + 1 < 5; i++) expect(band.to[i]!).toBeGreaterThan(band.from[i + 1]!);
    expect(band.from[0]).toBe(0);
    expect(band.to[4]).toBe(21);
  });
});
