/**
 * Text to speech timing: the synthesized reference (every word's place known to the sample) is
 * warped onto the real recording with DTW over MFCCs, and each word's reference start is carried
 * through the warping path.
 *
 * Two passes. The coarse pass aligns the whole file at 40 ms frames inside a band that follows
 * "speech time" (the share of each signal's speech said so far), so music, noise and long pauses
 * at the head, the tail or between turns shift the band instead of the words; its ends are open.
 * The fine pass aligns each turn again at 10 ms frames, inside a narrow band around the coarse
 * path, between cut points in the pauses between turns. Word starts near a speech onset are then
 * snapped onto it. Times are seconds; frames are 10 ms (`FRAME_SECONDS`).
 */
import type { Seconds } from '../cue-model.ts';
import {
  FRAME_SECONDS,
  frameDistance,
  matchedFeatures,
  poolFeatures,
} from './alignment-features.ts';
import {
  bandFromRanges,
  bandedDtwByRows,
  diagonalBand,
  type DtwPath,
  type RowCosts,
} from './dtw.ts';
import type { FeatureMatrix } from './mfcc.ts';
import {
  silentClosure,
  type LocatedWords,
  type PauseKind,
  type SynthesisFragment,
} from './reference-speech.ts';
import { backgroundModel, backgroundOnset } from './background-onset.ts';
import { detectSpeech, nearestOnset, type SpeechActivity } from './speech-activity.ts';

/** The sample rate the aligner works at. */
export const ALIGN_SAMPLE_RATE = 16_000;

/** Silence put between fragments in the reference, by the pause a speaker would make there. */
const REFERENCE_PAUSE: Record<PauseKind, Seconds> = { turn: 0.5, paragraph: 0.4, sentence: 0.25 };
/** Silence before the first and after the last word of the reference. */
const REFERENCE_EDGE: Seconds = 0.3;
/** Coarse frames are this many fine (10 ms) frames. */
const COARSE_FACTOR = 4;
/** The fine pass looks this far (in 10 ms frames) either side of the coarse path. */
const FINE_RADIUS = 30;
/** Word starts within this of a speech onset are moved onto it. */
const WORD_SNAP: Seconds = 0.1;
/**
 * The most a reference pause costs against any frame of the recording: silence in the reference
 * absorbs music, noise and breaths in the recording at this price, so they do not pull words in.
 * A first coarse pass uses this; the passes after it lower the price to what the text's own
 * words cost on that pass (their median) plus `FILLER_MARGIN`: music that happens to resemble
 * speech more than silence (it does, once both are normalised) is still cheaper in a pause than
 * under the first words, while the words themselves, matching at their usual cost, stay words.
 */
const FILLER_COST = 1.0;
const FILLER_MARGIN = 0.1;
/** Before the first word and after the last, the price is the words' median less this. */
const EDGE_MARGIN = 0.1;
/** The lowest the adapted price goes. */
const MIN_FILLER_COST = 0.5;
/**
 * The price of holding a reference frame while the recording moves on by one frame. A speaker
 * may say a word more slowly than the reference, but not over seconds; a pause between two
 * sentences of one speaker may last a second, rarely more; between turns it may be long; before
 * the first word and after the last (intro and outro music, silence) anything goes. Without these,
 * music before the first words could be absorbed by the pause after the first sentence as well as
 * by the pause before it, and the first sentence laid over the music.
 */
const HOLD: { readonly speech: number; readonly inTurn: number; readonly betweenTurns: number } = {
  speech: 0.3,
  inTurn: 0.1,
  betweenTurns: 0.02,
};
/** Two words never start closer than this (timestamps must increase). */
const MIN_WORD_SPACING: Seconds = 0.01;

/** The reference: every fragment's audio end to end, with pauses, and where each word is. */
export interface AssembledReference {
  readonly samples: Float32Array;
  /** Per spoken word, its first and one-past-last sample in `samples`. */
  readonly wordStarts: Int32Array;
  readonly wordEnds: Int32Array;
  /** Per spoken word, its turn. */
  readonly wordTurns: Int32Array;
  /** Per spoken word, the silence its first sound follows within the word (seconds; see silentClosure). */
  readonly wordClosures: Float32Array;
}

/** Low-level noise (about −80 dBFS) so the reference's silence has features like a quiet room's. */
function addDither(samples: Float32Array, seed = 12345): void {
  let state = seed >>> 0;
  for (let n = 0; n < samples.length; n++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    samples[n]! += (state / 4294967296 - 0.5) * 2e-4;
  }
}

/**
 * Lay the synthesized fragments end to end (16 kHz), with the pause each fragment's kind asks for.
 * `located[k]` belongs to `fragments[k]`; `words` are the spoken words' texts.
 */
export function assembleReference(
  fragments: readonly SynthesisFragment[],
  located: readonly LocatedWords[],
  words: readonly string[],
): AssembledReference {
  const wordCount = words.length;
  const rate = ALIGN_SAMPLE_RATE;
  const edge = Math.round(REFERENCE_EDGE * rate);
  let length = edge * 2;
  fragments.forEach((fragment, k) => {
    if (k > 0) length += Math.round(REFERENCE_PAUSE[fragment.pauseBefore] * rate);
    length += located[k]!.samples.length;
  });
  const samples = new Float32Array(length);
  const wordStarts = new Int32Array(wordCount);
  const wordEnds = new Int32Array(wordCount);
  const wordTurns = new Int32Array(wordCount);
  let at = edge;
  fragments.forEach((fragment, k) => {
    if (k > 0) at += Math.round(REFERENCE_PAUSE[fragment.pauseBefore] * rate);
    const piece = located[k]!;
    samples.set(piece.samples, at);
    fragment.words.forEach((word, i) => {
      const span = piece.words[i]!;
      wordStarts[word] = at + span.start;
      wordEnds[word] = at + Math.max(span.end, span.start + 1);
      wordTurns[word] = fragment.turn;
    });
    at += piece.samples.length;
  });
  addDither(samples);
  const wordClosures = Float32Array.from(words, silentClosure);
  return { samples, wordStarts, wordEnds, wordTurns, wordClosures };
}

/** One word's timing in the recording. */
export interface AlignedWord {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** Mean local DTW cost over the word's frames (lower is better; ≈ 1.4 for unrelated sound). */
  readonly cost: number;
  /** Share of the word's reference frames that landed on speech in the recording (0–1). */
  readonly onSpeech: number;
}

export interface AlignmentResult {
  readonly words: readonly AlignedWord[];
  readonly activity: SpeechActivity;
  /** Mean local cost along the path over the reference's speech. */
  readonly pathCost: number;
  /** The same over unrelated frame pairs of the two signals (what chance would give). */
  readonly chanceCost: number;
  /** pathCost / chanceCost: near 1 when the text is not what is spoken. */
  readonly costRatio: number;
  /**
   * The coarse pass's cost over the cost of the same pass against the reference played backwards:
   * well under 1 when the text is what is spoken, near 1 when it is not.
   */
  readonly contrast: number;
  /** Seconds of speech in the reference and in the recording. */
  readonly referenceSpeech: Seconds;
  readonly recordingSpeech: Seconds;
}

/** Which reference frames hold a word's sound. */
function referenceSpeechFrames(reference: AssembledReference, frames: number): Uint8Array {
  const speech = new Uint8Array(frames);
  const hop = FRAME_SECONDS * ALIGN_SAMPLE_RATE;
  for (let w = 0; w < reference.wordStarts.length; w++) {
    const from = Math.floor(reference.wordStarts[w]! / hop);
    const to = Math.min(frames, Math.ceil(reference.wordEnds[w]! / hop));
    speech.fill(1, from, to);
  }
  return speech;
}

function cumulative(flags: Uint8Array, factor: number, rows: number): Float64Array {
  const sums = new Float64Array(rows);
  let total = 0;
  for (let i = 0; i < rows; i++) {
    for (let t = i * factor; t < Math.min(flags.length, (i + 1) * factor); t++) total += flags[t]!;
    sums[i] = total;
  }
  return sums;
}

/** First index of a non-decreasing array whose value reaches `target`. */
function firstReaching(values: Float64Array, target: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (values[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A coarse warping path and its mean local cost over the reference's speech. */
interface CoarseAlignment {
  readonly path: DtwPath;
  readonly speechCost: number;
  /** The median local cost over the reference's speech along the path. */
  readonly medianSpeechCost: number;
}

/** The coarse pass: the whole file at 40 ms frames, band around speech time. */
function coarseAlignment(
  real: FeatureMatrix,
  reference: FeatureMatrix,
  realSpeech: Uint8Array,
  referenceSpeech: Uint8Array,
  hold: Float32Array,
  caps: Float32Array,
): CoarseAlignment {
  const realCoarse = poolFeatures(real, COARSE_FACTOR);
  const referenceCoarse = poolFeatures(reference, COARSE_FACTOR);
  const rows = realCoarse.frames;
  const cols = referenceCoarse.frames;
  const realSoFar = cumulative(realSpeech, COARSE_FACTOR, rows);
  const referenceSoFar = cumulative(referenceSpeech, COARSE_FACTOR, cols);
  const scale = referenceSoFar[cols - 1]! / Math.max(1, realSoFar[rows - 1]!);
  const centres = Float64Array.from(realSoFar, (said) =>
    firstReaching(referenceSoFar, said * scale),
  );
  // ±8 % of the reference, between 10 and 40 s: room for speaking rates that drift.
  const radius = Math.round(
    Math.min(
      40 / (FRAME_SECONDS * COARSE_FACTOR),
      Math.max(10 / (FRAME_SECONDS * COARSE_FACTOR), cols * 0.08),
    ),
  );
  const lowest = Float64Array.from(centres, (centre) => centre - radius);
  const highest = Float64Array.from(centres, (centre) => centre + radius);
  const coarseSpeech = Uint8Array.from({ length: cols }, (_, j) =>
    referenceSpeech.subarray(j * COARSE_FACTOR, (j + 1) * COARSE_FACTOR).some((flag) => flag === 1)
      ? 1
      : 0,
  );
  const distance = (i: number, j: number): number =>
    frameDistance(realCoarse, i, referenceCoarse, j);
  const path = bandedDtwByRows(
    rows,
    cols,
    bandFromRanges(lowest, highest, cols),
    cappedRowCosts(realCoarse, referenceCoarse, coarseCaps(caps, cols)),
    { holdPenalty: coarseHoldPenalties(hold, cols) },
  );
  const costs: number[] = [];
  for (let k = 0; k < path.rows.length; k++) {
    if (coarseSpeech[path.cols[k]!] === 1) costs.push(distance(path.rows[k]!, path.cols[k]!));
  }
  costs.sort((a, b) => a - b);
  return {
    path,
    speechCost: costs.length ? costs.reduce((a, b) => a + b, 0) / costs.length : 0,
    medianSpeechCost: costs.length ? costs[costs.length >> 1]! : FILLER_COST,
  };
}

/** The frames of a feature matrix (and flags) in reverse order: the same sounds, no longer words. */
function reversed(features: FeatureMatrix, flags: Uint8Array): [FeatureMatrix, Uint8Array] {
  const { frames, dims, data } = features;
  const out = new Float32Array(data.length);
  for (let t = 0; t < frames; t++)
    out.set(data.subarray(t * dims, (t + 1) * dims), (frames - 1 - t) * dims);
  return [{ frames, dims, data: out }, Uint8Array.from(flags).reverse()];
}

/** Per reference frame (10 ms), the price of holding it (see HOLD). */
function referenceHoldPenalties(reference: AssembledReference, frames: number): Float32Array {
  const hop = FRAME_SECONDS * ALIGN_SAMPLE_RATE;
  const penalties = new Float32Array(frames); // before the first word and after the last: free
  const words = reference.wordStarts.length;
  for (let w = 0; w < words; w++) {
    const from = Math.floor(reference.wordStarts[w]! / hop);
    const to = Math.min(frames, Math.ceil(reference.wordEnds[w]! / hop));
    penalties.fill(HOLD.speech, from, to);
    const next = w + 1 < words ? Math.floor(reference.wordStarts[w + 1]! / hop) : to;
    const pause =
      reference.wordTurns[w + 1] === reference.wordTurns[w] ? HOLD.inTurn : HOLD.betweenTurns;
    if (next > to) penalties.fill(pause, to, Math.min(frames, next));
  }
  return penalties;
}

/** The hold penalties of coarse columns: the highest of the frames each pools. */
function coarseHoldPenalties(penalties: Float32Array, cols: number): Float32Array {
  return Float32Array.from({ length: cols }, (_, j) =>
    Math.max(0, ...penalties.subarray(j * COARSE_FACTOR, (j + 1) * COARSE_FACTOR)),
  );
}

/**
 * Local costs, a row at a time: the distance between recording frame `rowOffset + i` and
 * reference frame `colOffset + j`, capped per reference column (Infinity: no cap; see
 * `referenceCaps`, indexed like the reference's frames).
 */
function cappedRowCosts(
  real: FeatureMatrix,
  reference: FeatureMatrix,
  caps: Float32Array,
  rowOffset = 0,
  colOffset = 0,
): RowCosts {
  const dims = real.dims;
  const x = real.data;
  const y = reference.data;
  const scale = 1 / dims;
  return (i, from, to, out) => {
    const p = (rowOffset + i) * dims;
    for (let j = from; j < to; j++) {
      const col = colOffset + j;
      let q = col * dims;
      let sum = 0;
      for (let d = 0; d < dims; d++, q++) {
        const difference = x[p + d]! - y[q]!;
        sum += difference * difference;
      }
      const distance = Math.sqrt(sum * scale);
      const cap = caps[col]!;
      out[j - from] = distance < cap ? distance : cap;
    }
  };
}

/**
 * Per reference frame, the most it costs against any frame of the recording: nothing caps a
 * word; a pause between words costs at most `filler`; the stretch before the first word and
 * after the last at most `edgeFiller` (lower: whatever is there, intro music included, is not
 * the text by definition, so it goes there rather than under the first words).
 */
function referenceCaps(
  reference: AssembledReference,
  frames: number,
  filler: number,
  edgeFiller: number,
): Float32Array {
  const hop = FRAME_SECONDS * ALIGN_SAMPLE_RATE;
  const caps = new Float32Array(frames).fill(filler);
  const words = reference.wordStarts.length;
  for (let w = 0; w < words; w++) {
    const from = Math.floor(reference.wordStarts[w]! / hop);
    const to = Math.min(frames, Math.ceil(reference.wordEnds[w]! / hop));
    caps.fill(Infinity, from, to);
  }
  if (words > 0) {
    caps.fill(edgeFiller, 0, Math.floor(reference.wordStarts[0]! / hop));
    caps.fill(edgeFiller, Math.min(frames, Math.ceil(reference.wordEnds[words - 1]! / hop)));
  }
  return caps;
}

/** Coarse columns' caps: the highest of the frames each pools (a word anywhere in it wins). */
function coarseCaps(caps: Float32Array, cols: number): Float32Array {
  return Float32Array.from({ length: cols }, (_, j) =>
    Math.max(-Infinity, ...caps.subarray(j * COARSE_FACTOR, (j + 1) * COARSE_FACTOR)),
  );
}

/**
 * Along a path, for each value of one side (`keys`: its rows or its columns), the first and last
 * value of the other side (-1 where the path never passes).
 */
function extentAlong(
  keys: Int32Array,
  values: Int32Array,
  size: number,
): { first: Int32Array; last: Int32Array } {
  const first = new Int32Array(size).fill(-1);
  const last = new Int32Array(size).fill(-1);
  for (let k = 0; k < keys.length; k++) {
    if (first[keys[k]!] === -1) first[keys[k]!] = values[k]!;
    last[keys[k]!] = values[k]!;
  }
  return { first, last };
}

/** For each column, the lowest and highest row of the path in it. */
function rowsPerColumn(path: DtwPath, cols: number): { first: Int32Array; last: Int32Array } {
  return extentAlong(path.cols, path.rows, cols);
}

/** For each row, the lowest and highest column of the path in it. */
function colsPerRow(path: DtwPath, rows: number): { low: Int32Array; high: Int32Array } {
  const { first: low, last: high } = extentAlong(path.rows, path.cols, rows);
  // Rows before the path's start or after its end (open ends): hold the nearest column.
  let lastLow = 0;
  let lastHigh = 0;
  for (let i = 0; i < rows; i++) {
    if (low[i] === -1) {
      low[i] = lastLow;
      high[i] = lastHigh;
    } else {
      lastLow = low[i]!;
      lastHigh = high[i]!;
    }
  }
  return { low, high };
}

/** A stretch to align in the fine pass: real rows [rowFrom, rowTo), reference columns [colFrom, colTo). */
interface Stretch {
  readonly rowFrom: number;
  readonly rowTo: number;
  readonly colFrom: number;
  readonly colTo: number;
}

/**
 * Where to cut the fine pass: in the pause between each two turns, on the reference side, and
 * where the coarse path puts that moment in the recording.
 */
function turnStretches(
  reference: AssembledReference,
  coarse: DtwPath,
  realFrames: number,
  referenceFrames: number,
): Stretch[] {
  const hop = FRAME_SECONDS * ALIGN_SAMPLE_RATE;
  const coarseCols = Math.ceil(referenceFrames / COARSE_FACTOR);
  const { first, last } = rowsPerColumn(coarse, coarseCols);
  const cuts: Array<{ row: number; col: number }> = [{ row: 0, col: 0 }];
  const words = reference.wordStarts.length;
  for (let w = 1; w < words; w++) {
    if (reference.wordTurns[w] === reference.wordTurns[w - 1]) continue;
    const col = Math.round((reference.wordEnds[w - 1]! + reference.wordStarts[w]!) / 2 / hop);
    const coarseCol = Math.min(coarseCols - 1, Math.floor(col / COARSE_FACTOR));
    if (first[coarseCol] === -1) continue;
    const row = Math.round(
      ((first[coarseCol]! + last[coarseCol]!) / 2) * COARSE_FACTOR + COARSE_FACTOR / 2,
    );
    const previous = cuts[cuts.length - 1]!;
    // Cuts must move forward on both sides, or the turn joins the next one's stretch.
    if (row > previous.row + 2 && col > previous.col + 2 && row < realFrames - 2)
      cuts.push({ row, col });
  }
  cuts.push({ row: realFrames, col: referenceFrames });
  const stretches: Stretch[] = [];
  for (let k = 0; k + 1 < cuts.length; k++) {
    stretches.push({
      rowFrom: cuts[k]!.row,
      rowTo: cuts[k + 1]!.row,
      colFrom: cuts[k]!.col,
      colTo: cuts[k + 1]!.col,
    });
  }
  return stretches;
}

/** The fine pass over one stretch, banded around the coarse path. Returns the path in global frames. */
function finePath(
  real: FeatureMatrix,
  reference: FeatureMatrix,
  referenceSpeech: Uint8Array,
  stretch: Stretch,
  coarseCols: { low: Int32Array; high: Int32Array },
  hold: Float32Array,
  caps: Float32Array,
): DtwPath {
  const rows = stretch.rowTo - stretch.rowFrom;
  const cols = stretch.colTo - stretch.colFrom;
  const lowest = new Float64Array(rows);
  const highest = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const coarseRow = Math.min(
      coarseCols.low.length - 1,
      Math.floor((stretch.rowFrom + i) / COARSE_FACTOR),
    );
    lowest[i] = coarseCols.low[coarseRow]! * COARSE_FACTOR - FINE_RADIUS - stretch.colFrom;
    highest[i] =
      coarseCols.high[coarseRow]! * COARSE_FACTOR +
      COARSE_FACTOR -
      1 +
      FINE_RADIUS -
      stretch.colFrom;
  }
  const path = bandedDtwByRows(
    rows,
    cols,
    bandFromRanges(lowest, highest, cols),
    cappedRowCosts(real, reference, caps, stretch.rowFrom, stretch.colFrom),
    { holdPenalty: hold.subarray(stretch.colFrom, stretch.colTo) },
  );
  return {
    rows: path.rows.map((row) => row + stretch.rowFrom),
    cols: path.cols.map((col) => col + stretch.colFrom),
    cost: path.cost,
  };
}

/** Join paths end to end (each starts where the previous one's stretch ends). */
function joinPaths(paths: readonly DtwPath[]): DtwPath {
  const length = paths.reduce((sum, path) => sum + path.rows.length, 0);
  const rows = new Int32Array(length);
  const cols = new Int32Array(length);
  let at = 0;
  let cost = 0;
  for (const path of paths) {
    rows.set(path.rows, at);
    cols.set(path.cols, at);
    at += path.rows.length;
    cost += path.cost;
  }
  return { rows, cols, cost };
}

/** Mean distance of pseudo-random pairs of speech frames, one from each signal. */
function chanceDistance(
  real: FeatureMatrix,
  realSpeech: Uint8Array,
  reference: FeatureMatrix,
  referenceSpeech: Uint8Array,
): number {
  const realFrames = speechIndices(realSpeech, real.frames);
  const referenceFrames = speechIndices(referenceSpeech, reference.frames);
  if (realFrames.length === 0 || referenceFrames.length === 0) return 1;
  let state = 2463534242;
  const next = (limit: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % limit;
  };
  const PAIRS = 4000;
  let sum = 0;
  for (let k = 0; k < PAIRS; k++) {
    sum += frameDistance(
      real,
      realFrames[next(realFrames.length)]!,
      reference,
      referenceFrames[next(referenceFrames.length)]!,
    );
  }
  return sum / PAIRS;
}

function speechIndices(speech: Uint8Array, frames: number): number[] {
  const indices: number[] = [];
  for (let t = 0; t < frames; t++) if (speech[t] === 1) indices.push(t);
  return indices;
}

/** Carry each word's reference span through the path, with its cost and share on speech. */
function mapWords(
  path: DtwPath,
  reference: AssembledReference,
  real: FeatureMatrix,
  referenceFeatures: FeatureMatrix,
  realSpeech: Uint8Array,
): AlignedWord[] {
  const hop = FRAME_SECONDS * ALIGN_SAMPLE_RATE;
  const cols = referenceFeatures.frames;
  // The first row of the path at or after each column.
  const firstRow = new Int32Array(cols + 1).fill(-1);
  const costSum = new Float64Array(cols);
  const costCount = new Int32Array(cols);
  const speechSum = new Float64Array(cols);
  for (let k = 0; k < path.rows.length; k++) {
    const row = path.rows[k]!;
    const col = path.cols[k]!;
    if (firstRow[col] === -1) firstRow[col] = row;
    costSum[col]! += frameDistance(real, row, referenceFeatures, col);
    costCount[col]!++;
    speechSum[col]! += realSpeech[row] ?? 0;
  }
  firstRow[cols] = path.rows[path.rows.length - 1]! + 1;
  for (let col = cols - 1; col >= 0; col--)
    if (firstRow[col] === -1) firstRow[col] = firstRow[col + 1]!;
  const words: AlignedWord[] = [];
  for (let w = 0; w < reference.wordStarts.length; w++) {
    const from = Math.min(cols - 1, Math.round(reference.wordStarts[w]! / hop));
    const to = Math.min(cols, Math.max(from + 1, Math.round(reference.wordEnds[w]! / hop)));
    let cost = 0;
    let count = 0;
    let onSpeech = 0;
    for (let col = from; col < to; col++) {
      cost += costSum[col]!;
      count += costCount[col]!;
      onSpeech += speechSum[col]!;
    }
    words.push({
      startTime: firstRow[from]! * FRAME_SECONDS,
      endTime: firstRow[to]! * FRAME_SECONDS,
      cost: count ? cost / count : 0,
      onSpeech: count ? onSpeech / count : 0,
    });
  }
  return words;
}

/**
 * Move word starts onto speech onsets close by (then back by a leading stop's silent closure),
 * keep them increasing, and ends after starts.
 */
function snapWords(
  words: AlignedWord[],
  activity: SpeechActivity,
  closures: Float32Array,
): AlignedWord[] {
  const snapped: AlignedWord[] = [];
  words.forEach((word, w) => {
    const onset = nearestOnset(activity, word.startTime, WORD_SNAP);
    let startTime = Math.max(0, (onset ?? word.startTime) - closures[w]!);
    const previous = snapped[w - 1];
    if (previous) startTime = Math.max(startTime, previous.startTime + MIN_WORD_SPACING);
    snapped.push({
      ...word,
      startTime,
      endTime: Math.max(word.endTime, startTime + MIN_WORD_SPACING),
    });
  });
  // A word ends no later than the next one starts.
  for (let w = 0; w + 1 < snapped.length; w++) {
    const next = snapped[w + 1]!;
    if (snapped[w]!.endTime > next.startTime)
      snapped[w] = { ...snapped[w]!, endTime: next.startTime };
  }
  return snapped;
}

/** The sound before a turn is a background (music, a jingle) when at least this share of it is sound. */
const MIN_BACKGROUND_SOUND = 0.5;
/** ...and it lasts this long (the intro's own sound, when it has some, is added to it). */
const MIN_BACKGROUND: Seconds = 0.4;
/** The background ends this long before the word's aligned start (DTW may be this early). */
const BACKGROUND_MARGIN: Seconds = 0.25;
/** The onset may lie this far before the aligned start and this far after it. */
const BACKGROUND_SEARCH: { readonly before: Seconds; readonly after: Seconds } = {
  before: 0.2,
  after: 1.0,
};
/** Seconds of the turn's speech after its first word that teach how speech differs from the background. */
const BACKGROUND_SPEECH: Seconds = 3;
/**
 * When the onset overtakes the next words' aligned starts, they are spread again between it and
 * the first word that leaves them at least this share of their reference durations.
 */
const MIN_RESPREAD_SHARE = 0.6;

/** The share of frames in [from, to) seconds that the energy detector calls sound. */
function soundShare(activity: SpeechActivity, from: Seconds, to: Seconds): number {
  const first = Math.max(0, Math.floor(from / activity.frameSeconds));
  const last = Math.min(activity.speech.length, Math.ceil(to / activity.frameSeconds));
  let sound = 0;
  for (let t = first; t < last; t++) sound += activity.speech[t]!;
  return last > first ? sound / (last - first) : 0;
}

/**
 * Move a turn's first word to `start` (later than its aligned start), spreading the words it
 * overtakes between `start` and the first later word of the turn that leaves them room (see
 * MIN_RESPREAD_SHARE) by a linear map of their times. False when no word of the turn leaves room.
 */
function respreadFrom(
  words: AlignedWord[],
  w: number,
  start: Seconds,
  reference: AssembledReference,
): boolean {
  const old = words[w]!.startTime;
  const turn = reference.wordTurns[w];
  const seconds = (samples: number) => samples / ALIGN_SAMPLE_RATE;
  let anchor = w + 1;
  for (; anchor < words.length && reference.wordTurns[anchor] === turn; anchor++) {
    const needed =
      MIN_RESPREAD_SHARE * seconds(reference.wordStarts[anchor]! - reference.wordStarts[w]!);
    if (words[anchor]!.startTime - start >= needed) break;
  }
  const end =
    anchor < words.length && reference.wordTurns[anchor] === turn ? words[anchor]!.startTime : null;
  if (end === null || end <= old) return false;
  const map = (time: Seconds): Seconds =>
    time >= end ? time : start + ((Math.max(time, old) - old) * (end - start)) / (end - old);
  for (let k = w; k < anchor; k++) {
    const word = words[k]!;
    const startTime = map(word.startTime);
    words[k] = {
      ...word,
      startTime,
      endTime: Math.max(map(word.endTime), startTime + MIN_WORD_SPACING),
    };
  }
  return true;
}

/**
 * The first word of each turn that follows sound which is not the text (intro music, a jingle,
 * music under a pause between turns): the energy detector hears no onset in it, and DTW may lay
 * the turn's first words (and the previous turn's last) over the music's last beats. Move the
 * first word's start to where speech stands out of that sound (background-onset.ts). The intro's
 * sound, when there is some, is the background of every turn; a pause between turns that holds
 * enough sound of its own is added to it. After the first word, a turn's start only moves later
 * (the speech just before it is the previous turn's, which stands out of the background too).
 */
function settleTurnStarts(
  words: AlignedWord[],
  audio: Float32Array,
  activity: SpeechActivity,
  reference: AssembledReference,
): AlignedWord[] {
  const settled = words.slice();
  if (settled.length === 0) return settled;
  const introEnd = settled[0]!.startTime - BACKGROUND_MARGIN;
  const intro =
    introEnd >= MIN_BACKGROUND && soundShare(activity, 0, introEnd) >= MIN_BACKGROUND_SOUND
      ? [{ startTime: 0, endTime: introEnd }]
      : [];
  const introModel = intro.length ? backgroundModel(audio, intro) : null;
  for (let w = 0; w < settled.length; w++) {
    if (w > 0 && reference.wordTurns[w] === reference.wordTurns[w - 1]) continue;
    const word = settled[w]!;
    const gap = {
      startTime: w > 0 ? settled[w - 1]!.endTime : 0,
      endTime: word.startTime - BACKGROUND_MARGIN,
    };
    const gapIsBackground =
      gap.endTime - gap.startTime >= MIN_BACKGROUND &&
      soundShare(activity, gap.startTime, gap.endTime) >= MIN_BACKGROUND_SOUND;
    // Inside a turn's first moments there is sound, not a pause: the word sits in the background.
    const inSound =
      soundShare(activity, word.startTime - BACKGROUND_MARGIN, word.startTime) >=
      MIN_BACKGROUND_SOUND;
    if (w > 0 && !(introModel && inSound) && !gapIsBackground) continue;
    const model =
      w === 0 ? introModel : gapIsBackground ? backgroundModel(audio, [...intro, gap]) : introModel;
    let last = w;
    while (last + 1 < settled.length && reference.wordTurns[last + 1] === reference.wordTurns[w])
      last++;
    const speechFrom = last > w ? settled[w + 1]!.startTime : word.startTime;
    const found = backgroundOnset(
      audio,
      {
        background: [],
        searchFrom: w === 0 ? word.startTime - BACKGROUND_SEARCH.before : word.startTime,
        searchTo: Math.min(word.startTime + BACKGROUND_SEARCH.after, settled[last]!.startTime),
        speechFrom,
        speechTo: Math.min(settled[last]!.endTime, speechFrom + BACKGROUND_SPEECH),
      },
      model,
    );
    if (found?.onset == null) continue;
    const startTime = Math.max(
      gap.startTime + MIN_WORD_SPACING,
      found.onset - reference.wordClosures[w]!,
    );
    const next = settled[w + 1];
    if (startTime <= word.startTime || !next || next.startTime > startTime + MIN_WORD_SPACING) {
      settled[w] = {
        ...word,
        startTime,
        endTime: Math.max(word.endTime, startTime + MIN_WORD_SPACING),
      };
    } else respreadFrom(settled, w, startTime, reference);
    // The previous turn's last word ends before this one starts.
    const previous = settled[w - 1];
    if (previous && previous.endTime > settled[w]!.startTime)
      settled[w - 1] = { ...previous, endTime: settled[w]!.startTime };
  }
  return settled;
}

/** Both signals' features, the reference matched to the recording's noise (alignment-features.ts). */
function features(
  audio: Float32Array,
  audioSpeech: Uint8Array,
  reference: AssembledReference,
  referenceSpeech: Uint8Array,
): { recording: FeatureMatrix; reference: FeatureMatrix } {
  // Activity frames are 10 ms from the frame's start; an MFCC window (25 ms) is centred 12.5 ms in.
  return matchedFeatures(
    { samples: audio, isSpeech: (t) => audioSpeech[t + 1] === 1 },
    { samples: reference.samples, isSpeech: (t) => referenceSpeech[t] === 1 },
  );
}

/** Speech activity of 16 kHz samples, as the aligner measures it. */
export function recordingActivity(audio: Float32Array): SpeechActivity {
  return detectSpeech(audio, ALIGN_SAMPLE_RATE, { frameSeconds: FRAME_SECONDS });
}

/**
 * Align a whole transcript's reference with a recording (16 kHz mono). `activity` may be passed
 * when already measured. Throws a RangeError when the recording has no speech at all.
 */
export function alignReference(
  audio: Float32Array,
  reference: AssembledReference,
  activity: SpeechActivity = recordingActivity(audio),
): AlignmentResult {
  const realSpeech = activity.speech;
  if (!realSpeech.some((flag) => flag === 1))
    throw new RangeError('No speech found in the recording');
  const referenceFrameCount = Math.max(
    1,
    Math.floor(reference.samples.length / (FRAME_SECONDS * ALIGN_SAMPLE_RATE)),
  );
  const referenceSpeech = referenceSpeechFrames(reference, referenceFrameCount);
  const { recording: real, reference: referenceFeatures } = features(
    audio,
    realSpeech,
    reference,
    referenceSpeech,
  );
  if (real.frames < 2 || referenceFeatures.frames < 2)
    throw new RangeError('The recording is too short to align');

  const hold = referenceHoldPenalties(reference, referenceFeatures.frames);
  const frames = referenceFeatures.frames;
  const first = coarseAlignment(
    real,
    referenceFeatures,
    realSpeech,
    referenceSpeech,
    hold,
    referenceCaps(reference, frames, FILLER_COST, FILLER_COST),
  );
  // The same alignment against the reference played backwards: the same voice and sounds in an
  // order that says nothing. Text that is what is spoken aligns far better forwards; text that is
  // not (another language) aligns about as badly either way.
  const [backwardFeatures, backwardSpeech] = reversed(referenceFeatures, referenceSpeech);
  const backwards = coarseAlignment(
    real,
    backwardFeatures,
    realSpeech,
    backwardSpeech,
    Float32Array.from(hold).reverse(),
    referenceCaps(reference, frames, FILLER_COST, FILLER_COST).reverse(),
  );
  const typical = first.medianSpeechCost;
  const caps = referenceCaps(
    reference,
    frames,
    Math.max(MIN_FILLER_COST, Math.min(FILLER_COST, typical + FILLER_MARGIN)),
    Math.max(MIN_FILLER_COST, Math.min(FILLER_COST, typical - EDGE_MARGIN)),
  );
  const coarse = coarseAlignment(
    real,
    referenceFeatures,
    realSpeech,
    referenceSpeech,
    hold,
    caps,
  ).path;
  const coarseCols = colsPerRow(coarse, Math.ceil(real.frames / COARSE_FACTOR));
  const stretches = turnStretches(reference, coarse, real.frames, referenceFeatures.frames);
  const path = joinPaths(
    stretches.map((stretch) =>
      finePath(real, referenceFeatures, referenceSpeech, stretch, coarseCols, hold, caps),
    ),
  );

  const words = settleTurnStarts(
    snapWords(
      mapWords(path, reference, real, referenceFeatures, realSpeech),
      activity,
      reference.wordClosures,
    ),
    audio,
    activity,
    reference,
  );
  let pathCost = 0;
  let pathCount = 0;
  for (let k = 0; k < path.rows.length; k++) {
    if (referenceSpeech[path.cols[k]!] !== 1) continue;
    pathCost += frameDistance(real, path.rows[k]!, referenceFeatures, path.cols[k]!);
    pathCount++;
  }
  pathCost = pathCount ? pathCost / pathCount : 0;
  const chanceCost = chanceDistance(real, realSpeech, referenceFeatures, referenceSpeech);
  const count = (flags: Uint8Array) => flags.reduce((sum, flag) => sum + flag, 0);
  return {
    words,
    activity,
    pathCost,
    chanceCost,
    costRatio: pathCost / chanceCost,
    contrast: backwards.speechCost > 0 ? first.speechCost / backwards.speechCost : 1,
    referenceSpeech: count(referenceSpeech) * FRAME_SECONDS,
    recordingSpeech: count(realSpeech) * FRAME_SECONDS,
  };
}

/** A stretch's words timed, and whether the stretch's text sounded like what is spoken there. */
export interface StretchAlignment {
  readonly words: readonly AlignedWord[];
  /**
   * The coarse pass's mean cost over the reference's speech against the same with the reference
   * played backwards (the forward/backward contrast `alignReference` gives a whole transcript):
   * well under 1 when the words are what is spoken in the window, near 1 when they are not. Over
   * several stretches: the sums of `forwardCost` and `backwardCost` weighted by `speechFrames`.
   */
  readonly contrast: number;
  readonly forwardCost: number;
  readonly backwardCost: number;
  readonly speechFrames: number;
}

/**
 * Align words inside one window of a recording (re-aligning a stretch, or finding where the next
 * speaker starts inside a caption): `audio` is the whole recording at 16 kHz, `window` the stretch
 * in seconds, `reference` the words' synthesis. The words may begin and end anywhere inside the
 * window. Returns the words' times on the recording's clock.
 */
export function alignStretch(
  audio: Float32Array,
  window: { readonly startTime: Seconds; readonly endTime: Seconds },
  reference: AssembledReference,
): readonly AlignedWord[] {
  return alignStretchChecked(audio, window, reference, false).words;
}

/**
 * `alignStretch`, and (with `contrast`) the same window aligned against the reference played
 * backwards, for the verdict on whether the stretch's words are what is spoken in it.
 */
export function alignStretchChecked(
  audio: Float32Array,
  window: { readonly startTime: Seconds; readonly endTime: Seconds },
  reference: AssembledReference,
  contrast = true,
): StretchAlignment {
  const from = Math.max(0, Math.floor(window.startTime * ALIGN_SAMPLE_RATE));
  const to = Math.min(audio.length, Math.ceil(window.endTime * ALIGN_SAMPLE_RATE));
  const stretch = audio.subarray(from, Math.max(from, to));
  const activity = recordingActivity(stretch);
  const referenceFrameCount = Math.max(
    1,
    Math.floor(reference.samples.length / (FRAME_SECONDS * ALIGN_SAMPLE_RATE)),
  );
  const referenceSpeech = referenceSpeechFrames(reference, referenceFrameCount);
  const { recording: real, reference: referenceFeatures } = features(
    stretch,
    activity.speech,
    reference,
    referenceSpeech,
  );
  if (real.frames < 2 || referenceFeatures.frames < 2)
    throw new RangeError('The stretch is too short to align');
  // Inside a short window the diagonal is a fair guess; a wide band lets the speech sit anywhere.
  const radius = Math.max(
    FINE_RADIUS,
    Math.round(Math.max(real.frames, referenceFeatures.frames) * 0.5),
  );
  const band = diagonalBand(real.frames, referenceFeatures.frames, radius);
  const caps = referenceCaps(reference, referenceFeatures.frames, FILLER_COST, FILLER_COST);
  const hold = referenceHoldPenalties(reference, referenceFeatures.frames);
  const path = bandedDtwByRows(
    real.frames,
    referenceFeatures.frames,
    band,
    cappedRowCosts(real, referenceFeatures, caps),
    { holdPenalty: hold },
  );
  const offset = from / ALIGN_SAMPLE_RATE;
  const words = snapWords(
    mapWords(path, reference, real, referenceFeatures, activity.speech),
    activity,
    reference.wordClosures,
  ).map((word) => ({
    ...word,
    startTime: word.startTime + offset,
    endTime: word.endTime + offset,
  }));
  if (!contrast)
    return { words, contrast: Number.NaN, forwardCost: 0, backwardCost: 0, speechFrames: 0 };
  // The coarse pass against the reference forwards and backwards, as `alignReference` measures a
  // whole transcript (on the pooled features: the fine ones let the backward reference fit too).
  const [backwardFeatures, backwardSpeech] = reversed(referenceFeatures, referenceSpeech);
  const forward = coarseAlignment(
    real,
    referenceFeatures,
    activity.speech,
    referenceSpeech,
    hold,
    caps,
  );
  const backward = coarseAlignment(
    real,
    backwardFeatures,
    activity.speech,
    backwardSpeech,
    Float32Array.from(hold).reverse(),
    Float32Array.from(caps).reverse(),
  );
  const forwardCost = forward.speechCost;
  const backwardCost = backward.speechCost;
  let speechFrames = 0;
  for (const flag of referenceSpeech) speechFrames += flag;
  return {
    words,
    contrast: backwardCost > 0 ? forwardCost / backwardCost : 1,
    forwardCost,
    backwardCost,
    speechFrames,
  };
}
