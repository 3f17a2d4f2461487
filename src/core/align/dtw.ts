/**
 * Dynamic time warping inside a band (Sakoe–Chiba): the cheapest monotone path through a grid of
 * local costs, visiting only the cells a band allows. Rows are frames of the real recording,
 * columns frames of the synthesized reference.
 *
 * Steps are (i−1, j−1), (i−1, j) and (i, j−1), each adding the local cost of the cell it enters
 * (the diagonal step may weigh more, see `diagonalWeight`). Memory is O(cells in the band): two
 * rows of costs and one byte of direction per cell.
 */

/** Allowed columns per row: `[from[i], to[i])`, both non-decreasing. */
export interface DtwBand {
  readonly from: Int32Array;
  readonly to: Int32Array;
}

export interface DtwOptions {
  /** The path may start at any row of column 0 (a recording with something before the text). */
  readonly openStart?: boolean;
  /** The path may end at any row of the last column (something after the text). */
  readonly openEnd?: boolean;
  /** Weight of a diagonal step's local cost (1: every step counts once; 2: symmetric). */
  readonly diagonalWeight?: number;
  /**
   * Extra cost of a step that holds column j while the row advances (i − 1, j → i, j), per column
   * (absent: none). Lets one side's frames stretch freely where that is natural (a pause) and
   * only at a price elsewhere (a word held over seconds of music).
   */
  readonly holdPenalty?: ArrayLike<number>;
}

/** Fills `out[j − from]` with the local cost of row `i` and column j, for j in [from, to). */
export type RowCosts = (i: number, from: number, to: number, out: Float64Array) => void;

/** A warping path, from its first cell to its last: `rows[k]`, `cols[k]` for step k. */
export interface DtwPath {
  readonly rows: Int32Array;
  readonly cols: Int32Array;
  /** The accumulated cost at the path's last cell. */
  readonly cost: number;
}

const DIAGONAL = 0;
const UP = 1; // from (i − 1, j)
const LEFT = 2; // from (i, j − 1)
const START = 3;

/**
 * A band from a lowest and highest allowed column per row (inclusive), made usable: both edges
 * non-decreasing, the corners inside, and every row reaching the first column of the next (or no
 * path could cross between them).
 */
export function bandFromRanges(
  lowest: ArrayLike<number>,
  highest: ArrayLike<number>,
  cols: number,
): DtwBand {
  const rows = lowest.length;
  const from = new Int32Array(rows);
  const to = new Int32Array(rows);
  let lastFrom = 0;
  let lastTo = 0;
  for (let i = 0; i < rows; i++) {
    from[i] = Math.max(lastFrom, Math.min(cols - 1, Math.max(0, Math.round(lowest[i]!))));
    to[i] = Math.max(lastTo, from[i]! + 1, Math.min(cols, Math.round(highest[i]!) + 1));
    lastFrom = from[i]!;
    lastTo = to[i]!;
  }
  if (rows > 0) {
    from[0] = 0;
    to[rows - 1] = cols;
  }
  for (let i = rows - 2; i >= 0; i--) {
    if (to[i]! < from[i + 1]! + 1) to[i] = from[i + 1]! + 1;
  }
  return { from, to };
}

/** A band of ±`radius` columns around a centre curve (one centre column per row, non-decreasing). */
export function bandAround(centres: ArrayLike<number>, radius: number, cols: number): DtwBand {
  const lowest = Float64Array.from({ length: centres.length }, (_, i) => centres[i]! - radius);
  const highest = Float64Array.from({ length: centres.length }, (_, i) => centres[i]! + radius);
  return bandFromRanges(lowest, highest, cols);
}

/** A band of ±`radius` around the straight line from (0, 0) to (rows − 1, cols − 1). */
export function diagonalBand(rows: number, cols: number, radius: number): DtwBand {
  const slope = rows > 1 ? (cols - 1) / (rows - 1) : 0;
  return bandAround(
    Float64Array.from({ length: rows }, (_, i) => i * slope),
    radius,
    cols,
  );
}

/** The band covering every cell: plain DTW. */
export function fullBand(rows: number, cols: number): DtwBand {
  return { from: new Int32Array(rows), to: new Int32Array(rows).fill(cols) };
}

/**
 * The cheapest path through the band. `local(i, j)` is the cost of matching row i with column j
 * (called once per cell in the band). Throws a RangeError when the band admits no path.
 */
export function bandedDtw(
  rows: number,
  cols: number,
  band: DtwBand,
  local: (row: number, col: number) => number,
  options: DtwOptions = {},
): DtwPath {
  return bandedDtwByRows(
    rows,
    cols,
    band,
    (i, from, to, out) => {
      for (let j = from; j < to; j++) out[j - from] = local(i, j);
    },
    options,
  );
}

/** `bandedDtw` with the local costs filled a row at a time (a tight loop, far fewer calls). */
export function bandedDtwByRows(
  rows: number,
  cols: number,
  band: DtwBand,
  fillRow: RowCosts,
  options: DtwOptions = {},
): DtwPath {
  let rowCosts = new Float64Array(64);
  if (rows === 0 || cols === 0) throw new RangeError('DTW needs at least one row and one column');
  const diagonalWeight = options.diagonalWeight ?? 1;
  const holdPenalty = options.holdPenalty;
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) {
    const width = band.to[i]! - band.from[i]!;
    if (width <= 0) throw new RangeError(`DTW band is empty at row ${i}`);
    offsets[i + 1] = offsets[i]! + width;
  }
  const directions = new Uint8Array(offsets[rows]!);
  let previous = new Float64Array(cols).fill(Infinity);
  let current = new Float64Array(cols);
  let bestEnd = { row: -1, cost: Infinity };

  for (let i = 0; i < rows; i++) {
    const from = band.from[i]!;
    const to = band.to[i]!;
    const base = offsets[i]! - from;
    // `current` still holds an older row: only cells written in this row are read from it.
    if (rowCosts.length < to - from) rowCosts = new Float64Array(2 * (to - from));
    fillRow(i, from, to, rowCosts);
    const previousFrom = i > 0 ? band.from[i - 1]! : 0;
    const previousTo = i > 0 ? band.to[i - 1]! : 0;
    for (let j = from; j < to; j++) {
      const cost = rowCosts[j - from]!;
      let best = Infinity;
      let direction = START;
      if (i === 0 && j === 0) best = 0;
      else if (j === 0 && options.openStart) best = 0;
      if (i > 0 && j > 0 && j - 1 >= previousFrom && j - 1 < previousTo) {
        const viaDiagonal = previous[j - 1]! + (diagonalWeight - 1) * cost;
        if (viaDiagonal < best) {
          best = viaDiagonal;
          direction = DIAGONAL;
        }
      }
      if (i > 0 && j >= previousFrom && j < previousTo) {
        const viaUp = previous[j]! + (holdPenalty ? holdPenalty[j]! : 0);
        if (viaUp < best) {
          best = viaUp;
          direction = UP;
        }
      }
      if (j > from && current[j - 1]! < best) {
        best = current[j - 1]!;
        direction = LEFT;
      }
      current[j] = best + cost;
      directions[base + j] = direction;
    }
    if (to === cols && (options.openEnd || i === rows - 1) && current[cols - 1]! < bestEnd.cost) {
      bestEnd = { row: i, cost: current[cols - 1]! };
    }
    [previous, current] = [current, previous];
  }
  if (!Number.isFinite(bestEnd.cost)) throw new RangeError('DTW band admits no path');

  const pathRows: number[] = [];
  const pathCols: number[] = [];
  let i = bestEnd.row;
  let j = cols - 1;
  for (;;) {
    pathRows.push(i);
    pathCols.push(j);
    const direction = directions[offsets[i]! - band.from[i]! + j]!;
    if (direction === START) break;
    if (direction === DIAGONAL) {
      i--;
      j--;
    } else if (direction === UP) i--;
    else j--;
  }
  pathRows.reverse();
  pathCols.reverse();
  return { rows: Int32Array.from(pathRows), cols: Int32Array.from(pathCols), cost: bestEnd.cost };
}
