/**
 * Where speech starts inside sound that is not speech (an intro's music, a jingle, a room's hum):
 * the energy detector calls all of it "speech", so it has no onset to offer, and DTW can lay a
 * first word's opening frames over the last beats of the music. This module tells the two apart
 * by what the music before the speech sounds like.
 *
 * The stretch before the first word is, by the transcript, not the text: whatever plays there is
 * the background; so is the sound in a pause between turns. Each 10 ms frame becomes a spectral shape (40 mel bands up to 4 kHz, log, minus
 * its own mean, so a fade or a duck under the voice does not change it), and a frame's novelty is
 * its distance to the nearest shape of the background. Music repeats its own sounds (the same
 * notes, chords and drums) and keeps its novelty low even when it is ducked; speech has formants
 * and a pitch that the background never had. The threshold sits halfway between the background's
 * novelty against itself (away from its own neighbours) and the novelty of speech that follows,
 * so it adapts to the recording; the onset is the first frame of a run that stays above it.
 * Times are seconds; frames are 10 ms, dated by their window's centre.
 */
import type { Seconds } from '../cue-model.ts';
import { DEFAULT_MFCC, melEnergies, type MfccOptions } from './mfcc.ts';

/** The spectral shapes' analysis: finer bands than the aligner's, none above 4 kHz. */
const SHAPE_MFCC: MfccOptions = {
  ...DEFAULT_MFCC,
  melBands: 40,
  lowHz: 50,
  highHz: 4000,
  fftSize: 1024,
  preEmphasis: 0,
};
/** At most this much of each stretch of background (the part nearest the speech) is the model. */
const MAX_BACKGROUND: Seconds = 10;
/** Less background than this is too little to know it by. */
const MIN_BACKGROUND: Seconds = 1;
/** Frames this many dB (natural-log power ×10/ln 10) under the loud ones take no part. */
const QUIET_DB = 20;
/** A background frame is not compared with its own neighbours within this many seconds. */
const SELF_EXCLUDE: Seconds = 0.15;
/** An onset: of this many frames from it, at least `RUN_ABOVE` are above the threshold. */
const RUN = 8;
const RUN_ABOVE = 6;
/** Speech must stand this far (in novelty) above the background, or nothing is said. */
const MIN_SEPARATION = 0.3;
/** Frames between the two shapes whose distance is a frame's spectral change (30 ms). */
const FLUX_LAG = 3;
/** Speech must change this much faster (per 30 ms, in shape distance) than the background. */
const MIN_FLUX_SEPARATION = 0.2;

/** Level-free spectral shapes of frames, their levels (mean log power, natural log) and times. */
interface Shapes {
  readonly frames: number;
  readonly dims: number;
  readonly data: Float32Array;
  readonly levels: Float32Array;
  /** Per frame, its window's centre in seconds. */
  readonly times: Float64Array;
  /** Per frame, how far its shape moved from the frame `FLUX_LAG` before (0 for the first ones). */
  readonly flux: Float32Array;
}

/** Shapes of the frames of samples [from, to) seconds. */
function spectralShapes(samples: Float32Array, from: Seconds, to: Seconds): Shapes {
  const rate = SHAPE_MFCC.sampleRate;
  const first = Math.max(0, Math.floor(from * rate));
  const last = Math.min(samples.length, Math.ceil(to * rate) + SHAPE_MFCC.frameLength);
  const energies = melEnergies(samples.subarray(first, Math.max(first, last)), SHAPE_MFCC);
  const { frames, dims } = energies;
  const data = new Float32Array(frames * dims);
  const levels = new Float32Array(frames);
  const times = new Float64Array(frames);
  const flux = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    for (let b = 0; b < dims; b++) {
      const value = Math.log(energies.data[t * dims + b]! + 1e-10);
      data[t * dims + b] = value;
      sum += value;
    }
    const mean = sum / dims;
    levels[t] = mean;
    for (let b = 0; b < dims; b++) data[t * dims + b]! -= mean;
    times[t] = (first + t * SHAPE_MFCC.hop + SHAPE_MFCC.frameLength / 2) / rate;
    if (t >= FLUX_LAG) flux[t] = distance(data, t, data, t - FLUX_LAG, dims, Infinity);
  }
  return { frames, dims, data, levels, times, flux };
}

/** Root-mean-square distance per band between row `i` of `a` and row `j` of `b` (stops past `limit`²·dims). */
function distance(
  a: Float32Array,
  i: number,
  b: Float32Array,
  j: number,
  dims: number,
  limit: number,
): number {
  let sum = 0;
  const bound = limit * limit * dims;
  for (let d = 0, p = i * dims, q = j * dims; d < dims && sum < bound; d++, p++, q++) {
    const difference = a[p]! - b[q]!;
    sum += difference * difference;
  }
  return Math.sqrt(sum / dims);
}

/**
 * What the background sounds like: its loud frames' shapes, times and spectral change, how novel
 * it is against itself (90th percentile, away from each frame's neighbours) and how fast it
 * changes (median). Build it once and use it for every onset after the same background.
 */
export interface BackgroundModel {
  readonly frames: number;
  readonly data: Float32Array;
  readonly times: Float64Array;
  readonly flux: Float32Array;
  readonly loudLevel: number;
  readonly novelty: number;
  readonly medianFlux: number;
}

/** The model of the sound in `ranges` (seconds), or null when it has too few loud frames. */
export function backgroundModel(
  samples: Float32Array,
  ranges: readonly TimeRange[],
): BackgroundModel | null {
  const stretches = ranges
    .filter((range) => range.endTime > range.startTime)
    .map((range) =>
      spectralShapes(
        samples,
        Math.max(range.startTime, range.endTime - MAX_BACKGROUND),
        range.endTime - SHAPE_MFCC.frameLength / SHAPE_MFCC.sampleRate,
      ),
    );
  const levels = stretches.flatMap((shapes) => Array.from(shapes.levels));
  if (levels.length === 0) return null;
  const loudLevel = quantile(levels, 0.9);
  const quiet = QUIET_DB / (10 / Math.LN10);
  const picked: Array<[Shapes, number]> = [];
  for (const shapes of stretches)
    for (let t = 0; t < shapes.frames; t++)
      if (t >= FLUX_LAG && shapes.levels[t]! >= loudLevel - quiet) picked.push([shapes, t]);
  if (picked.length * (SHAPE_MFCC.hop / SHAPE_MFCC.sampleRate) < MIN_BACKGROUND) return null;
  const dims = SHAPE_MFCC.melBands;
  const data = new Float32Array(picked.length * dims);
  const times = new Float64Array(picked.length);
  const flux = new Float32Array(picked.length);
  picked.forEach(([shapes, t], k) => {
    data.set(shapes.data.subarray(t * dims, (t + 1) * dims), k * dims);
    times[k] = shapes.times[t]!;
    flux[k] = shapes.flux[t]!;
  });
  const model = { frames: picked.length, data, times, flux, loudLevel, novelty: 0, medianFlux: 0 };
  const selfNovelties: number[] = [];
  const step = Math.max(1, Math.floor(model.frames / 200));
  for (let k = 0; k < model.frames; k += step)
    selfNovelties.push(novelty(model, model.data, k, model.times[k]!, SELF_EXCLUDE));
  return { ...model, novelty: quantile(selfNovelties, 0.9), medianFlux: quantile(flux, 0.5) };
}

/** Distance from a frame's shape to the nearest of the model's (skipping those within `exclude` s). */
function novelty(
  model: Pick<BackgroundModel, 'frames' | 'data' | 'times'>,
  data: Float32Array,
  t: number,
  time: Seconds,
  exclude = 0,
): number {
  const dims = SHAPE_MFCC.melBands;
  let best = Infinity;
  for (let k = 0; k < model.frames; k++) {
    if (exclude > 0 && Math.abs(model.times[k]! - time) < exclude) continue;
    const value = distance(data, t, model.data, k, dims, best);
    if (value < best) best = value;
  }
  return best;
}

function quantile(values: ArrayLike<number>, fraction: number): number {
  const sorted = Array.from(values).sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** A stretch of time, [startTime, endTime) seconds. */
export interface TimeRange {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

/** Where to look, in seconds on the samples' clock. */
export interface BackgroundOnsetWindow {
  /** Stretches that hold no speech of the text (the intro, the pause before the turn); unused when a model is given. */
  readonly background: readonly TimeRange[];
  /** The onset is looked for in [searchFrom, searchTo). */
  readonly searchFrom: Seconds;
  readonly searchTo: Seconds;
  /** A stretch of the speech that follows, to learn how far from the background speech sounds. */
  readonly speechFrom: Seconds;
  readonly speechTo: Seconds;
}

/** What `backgroundOnset` found: the onset (or null) and the figures it was found with. */
export interface BackgroundOnset {
  readonly onset: Seconds | null;
  /** The background's novelty against itself (90th percentile) and the speech's (median). */
  readonly backgroundNovelty: number;
  readonly speechNovelty: number;
  readonly threshold: number;
  /** The spectral change per 30 ms of the background and of the speech (medians). */
  readonly backgroundFlux: number;
  readonly speechFlux: number;
}

/**
 * The first moment in the search window where speech stands out of the background (mono samples
 * in −1…1 at `DEFAULT_MFCC.sampleRate`), or null when there is too little background or speech
 * to learn from; `onset` is null when the speech does not stand out of the background or no run
 * of frames in the window rises above the thresholds. `model`: the background's, when built already.
 */
export function backgroundOnset(
  samples: Float32Array,
  window: BackgroundOnsetWindow,
  model: BackgroundModel | null = backgroundModel(samples, window.background),
): BackgroundOnset | null {
  if (!model) return null;
  const near = spectralShapes(
    samples,
    Math.min(window.searchFrom, window.speechFrom) -
      (FLUX_LAG * SHAPE_MFCC.hop) / SHAPE_MFCC.sampleRate -
      SHAPE_MFCC.frameLength / 2 / SHAPE_MFCC.sampleRate,
    Math.max(window.searchTo, window.speechTo),
  );
  const inRange = (from: Seconds, to: Seconds): number[] => {
    const frames: number[] = [];
    for (let t = 0; t < near.frames; t++)
      if (near.times[t]! >= from && near.times[t]! < to) frames.push(t);
    return frames;
  };
  const speech = inRange(window.speechFrom, window.speechTo);
  if (speech.length < RUN) return null;
  // The louder half of the speech stretch: its pauses may hold the ducked background.
  const speechLevel = quantile(
    speech.map((t) => near.levels[t]!),
    0.5,
  );
  const loudSpeech = speech.filter((t) => near.levels[t]! >= speechLevel);
  const speechNovelty = quantile(
    loudSpeech.map((t) => novelty(model, near.data, t, near.times[t]!)),
    0.5,
  );
  const speechFlux = quantile(
    loudSpeech.map((t) => near.flux[t]!),
    0.5,
  );
  const backgroundNovelty = model.novelty;
  const backgroundFlux = model.medianFlux;
  const threshold = (backgroundNovelty + speechNovelty) / 2;
  // Music holds its notes; speech moves from sound to sound. How much a frame's shape changed
  // since 30 ms before tells a new chord (novel, then still) from the start of speech.
  const fluxThreshold = (backgroundFlux + speechFlux) / 2;
  const found = { backgroundNovelty, speechNovelty, threshold, backgroundFlux, speechFlux };
  // Speech that neither sounds unlike the background nor changes faster than it cannot be told
  // from it: better say nothing than take a new chord for a voice.
  if (
    !(speechNovelty - backgroundNovelty >= MIN_SEPARATION) ||
    !(speechFlux - backgroundFlux >= MIN_FLUX_SEPARATION)
  )
    return { ...found, onset: null };

  const quiet = QUIET_DB / (10 / Math.LN10);
  const audible = Math.min(speechLevel, model.loudLevel) - quiet;
  const search = inRange(
    window.searchFrom,
    window.searchTo + RUN * (SHAPE_MFCC.hop / SHAPE_MFCC.sampleRate),
  );
  const above = search.map((t) =>
    near.levels[t]! >= audible &&
    near.flux[t]! > fluxThreshold &&
    novelty(model, near.data, t, near.times[t]!) > threshold
      ? 1
      : 0,
  );
  for (let k = 0; k < search.length; k++) {
    const t = search[k]!;
    if (above[k] !== 1 || near.times[t]! >= window.searchTo) continue;
    let count = 0;
    for (let j = k; j < Math.min(above.length, k + RUN); j++) count += above[j]!;
    if (count >= RUN_ABOVE) return { ...found, onset: near.times[t]! };
  }
  return { ...found, onset: null };
}
