/**
 * The features DTW compares: MFCCs (c0 included) normalised per signal with the mean and spread of
 * its speech frames, so two voices, two microphones and two loudness levels meet on one scale
 * (cepstral mean and variance normalisation). Silence keeps its place: a pause is "far below this
 * signal's speech" in both.
 */
import {
  DEFAULT_MFCC,
  cepstra,
  melEnergies,
  type FeatureMatrix,
  type MfccOptions,
} from './mfcc.ts';

/**
 * MFCC settings of the aligner: 16 kHz, 25 ms windows every 10 ms, and only c0…c6. The higher
 * coefficients describe the fine detail of one voice (its pitch harmonics, its formant
 * sharpness) more than what is said: with them a different voice aligns worse (on festival's
 * voices against espeak-ng's, word-start p90 90 ms with 13 coefficients, 84 with 7 and c0 kept).
 */
export const ALIGN_MFCC: MfccOptions = { ...DEFAULT_MFCC, coefficients: 7 };

/** Seconds per feature frame. */
export const FRAME_SECONDS = ALIGN_MFCC.hop / ALIGN_MFCC.sampleRate;

/**
 * Normalise every coefficient to zero mean and unit spread over the frames where `isSpeech` is
 * true (all frames when there are too few), in place.
 */
export function normaliseFeatures(
  features: FeatureMatrix,
  isSpeech: (frame: number) => boolean,
): FeatureMatrix {
  const { frames, dims, data } = features;
  const mean = new Float64Array(dims);
  const square = new Float64Array(dims);
  let count = 0;
  const accumulate = (useAll: boolean): void => {
    for (let t = 0; t < frames; t++) {
      if (!useAll && !isSpeech(t)) continue;
      count++;
      for (let d = 0; d < dims; d++) {
        const value = data[t * dims + d]!;
        mean[d]! += value;
        square[d]! += value * value;
      }
    }
  };
  accumulate(false);
  if (count < 20) {
    mean.fill(0);
    square.fill(0);
    count = 0;
    accumulate(true);
  }
  if (count === 0) return features;
  for (let d = 0; d < dims; d++) {
    mean[d]! /= count;
    const spread = Math.sqrt(Math.max(square[d]! / count - mean[d]! ** 2, 1e-6));
    for (let t = 0; t < frames; t++) data[t * dims + d] = (data[t * dims + d]! - mean[d]!) / spread;
  }
  return features;
}

/** A signal for `matchedFeatures`: 16 kHz samples and which 10 ms frames are speech. */
export interface SignalForFeatures {
  readonly samples: Float32Array;
  readonly isSpeech: (frame: number) => boolean;
}

/** Per mel band, the mean energy over the frames where `pick` is true (null when none). */
function meanEnergy(
  energies: FeatureMatrix,
  pick: (frame: number) => boolean,
): Float64Array | null {
  const mean = new Float64Array(energies.dims);
  let count = 0;
  for (let t = 0; t < energies.frames; t++) {
    if (!pick(t)) continue;
    count++;
    for (let b = 0; b < energies.dims; b++) mean[b]! += energies.data[t * energies.dims + b]!;
  }
  if (count === 0) return null;
  for (let b = 0; b < energies.dims; b++) mean[b]! /= count;
  return mean;
}

const sum = (values: Float64Array): number => values.reduce((a, b) => a + b, 0);

/**
 * Features of the recording and of the reference on equal terms. The reference is clean (digital
 * silence between words); the recording has a noise floor (room, hiss, a music bed). So before the
 * log, the reference's mel energies are scaled to the recording's speech level and the
 * recording's mean non-speech spectrum is added to them: both then sound "this noisy", and quiet
 * sounds are compared as they would be heard in that noise. Then MFCCs, normalised per signal.
 */
export function matchedFeatures(
  recording: SignalForFeatures,
  reference: SignalForFeatures,
): { recording: FeatureMatrix; reference: FeatureMatrix } {
  const real = melEnergies(recording.samples, ALIGN_MFCC);
  const synthetic = melEnergies(reference.samples, ALIGN_MFCC);
  const noise = meanEnergy(real, (t) => !recording.isSpeech(t));
  const realSpeech = meanEnergy(real, recording.isSpeech);
  const syntheticSpeech = meanEnergy(synthetic, reference.isSpeech);
  if (noise && realSpeech && syntheticSpeech) {
    const gain =
      Math.max(sum(realSpeech) - sum(noise), sum(realSpeech) * 0.1) /
      Math.max(sum(syntheticSpeech), 1e-12);
    const bands = synthetic.dims;
    for (let t = 0; t < synthetic.frames; t++) {
      for (let b = 0; b < bands; b++) {
        const at = t * bands + b;
        synthetic.data[at] = synthetic.data[at]! * gain + noise[b]!;
      }
    }
  }
  return {
    recording: normaliseFeatures(cepstra(real, ALIGN_MFCC.coefficients), recording.isSpeech),
    reference: normaliseFeatures(cepstra(synthetic, ALIGN_MFCC.coefficients), reference.isSpeech),
  };
}

/** Average every `factor` frames into one (the coarse pass's longer frames). */
export function poolFeatures(features: FeatureMatrix, factor: number): FeatureMatrix {
  const { dims, data } = features;
  const frames = Math.ceil(features.frames / factor);
  const pooled = new Float32Array(frames * dims);
  for (let t = 0; t < frames; t++) {
    const from = t * factor;
    const to = Math.min(features.frames, from + factor);
    for (let d = 0; d < dims; d++) {
      let sum = 0;
      for (let s = from; s < to; s++) sum += data[s * dims + d]!;
      pooled[t * dims + d] = sum / (to - from);
    }
  }
  return { frames, dims, data: pooled };
}

/**
 * The distance between row `i` of `a` and row `j` of `b`: Euclidean, divided by √dims so that it
 * reads as the typical difference per coefficient in spreads (≈ 1.4 for unrelated frames).
 */
export function frameDistance(a: FeatureMatrix, i: number, b: FeatureMatrix, j: number): number {
  const dims = a.dims;
  const x = a.data;
  const y = b.data;
  let sum = 0;
  let p = i * dims;
  let q = j * dims;
  for (let d = 0; d < dims; d++, p++, q++) {
    const difference = x[p]! - y[q]!;
    sum += difference * difference;
  }
  return Math.sqrt(sum / dims);
}
