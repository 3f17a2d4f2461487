/**
 * Mel-frequency cepstral coefficients (MFCCs): the features both the real recording and the
 * synthesized reference are compared on.
 *
 * The usual recipe (as in HTK and aeneas): pre-emphasis, a Hamming window, the power spectrum
 * (fft.js), triangular filters on the mel scale, the log, and a DCT-II. Frame `t` covers samples
 * [t·hop, t·hop + frameLength); times of frames are their start, the same for both signals, so
 * the offset cancels in the alignment.
 */
import FFT from 'fft.js';

export interface MfccOptions {
  /** Samples per second of the input. */
  readonly sampleRate: number;
  /** Window length in samples (25 ms at 16 kHz: 400). */
  readonly frameLength: number;
  /** Step between frames in samples (10 ms at 16 kHz: 160). */
  readonly hop: number;
  /** FFT size, a power of two ≥ frameLength. */
  readonly fftSize: number;
  /** Number of triangular mel filters. */
  readonly melBands: number;
  /** Cepstral coefficients kept, c0 included. */
  readonly coefficients: number;
  /** The filterbank's range in Hz. */
  readonly lowHz: number;
  readonly highHz: number;
  /** Pre-emphasis factor (y[n] = x[n] − a·x[n−1]); 0 turns it off. */
  readonly preEmphasis: number;
}

/** 16 kHz, 25 ms windows every 10 ms, 26 filters from 60 Hz to 7.6 kHz, 13 coefficients. */
export const DEFAULT_MFCC: MfccOptions = {
  sampleRate: 16_000,
  frameLength: 400,
  hop: 160,
  fftSize: 512,
  melBands: 26,
  coefficients: 13,
  lowHz: 60,
  highHz: 7600,
  preEmphasis: 0.97,
};

/** Features of a signal: `frames` rows of `dims` numbers, row-major. */
export interface FeatureMatrix {
  readonly frames: number;
  readonly dims: number;
  readonly data: Float32Array;
}

/** Hz → mel (HTK's formula). */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

/** mel → Hz (inverse of `hzToMel`). */
export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/**
 * The mel filterbank: `melBands` triangles over the power-spectrum bins 0…fftSize/2, each rising
 * from its lower neighbour's centre to 1 at its own centre and falling to its upper neighbour's.
 * Row-major `melBands × (fftSize/2 + 1)`.
 */
export function melFilterbank(options: MfccOptions): Float32Array {
  const bins = options.fftSize / 2 + 1;
  const weights = new Float32Array(options.melBands * bins);
  const lowMel = hzToMel(options.lowHz);
  const highMel = hzToMel(Math.min(options.highHz, options.sampleRate / 2));
  // Centre frequencies (Hz) of bands −1…melBands: edges included.
  const centres = Array.from({ length: options.melBands + 2 }, (_, i) =>
    melToHz(lowMel + ((highMel - lowMel) * i) / (options.melBands + 1)),
  );
  const binHz = options.sampleRate / options.fftSize;
  for (let band = 0; band < options.melBands; band++) {
    const [left, centre, right] = [centres[band]!, centres[band + 1]!, centres[band + 2]!];
    for (let bin = 0; bin < bins; bin++) {
      const hz = bin * binHz;
      let weight = 0;
      if (hz > left && hz <= centre) weight = (hz - left) / (centre - left);
      else if (hz > centre && hz < right) weight = (right - hz) / (right - centre);
      weights[band * bins + bin] = weight;
    }
  }
  return weights;
}

/** The orthonormal DCT-II matrix, `coefficients × melBands`, row-major. */
export function dctMatrix(coefficients: number, melBands: number): Float32Array {
  const matrix = new Float32Array(coefficients * melBands);
  for (let k = 0; k < coefficients; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / melBands);
    for (let m = 0; m < melBands; m++) {
      matrix[k * melBands + m] = scale * Math.cos((Math.PI * k * (m + 0.5)) / melBands);
    }
  }
  return matrix;
}

/** The Hamming window of `length` samples. */
export function hammingWindow(length: number): Float32Array {
  const window = new Float32Array(length);
  for (let n = 0; n < length; n++) {
    window[n] = 0.54 - 0.46 * Math.cos((2 * Math.PI * n) / (length - 1));
  }
  return window;
}

/** The number of whole frames in `sampleCount` samples (0 when shorter than one window). */
export function frameCount(
  sampleCount: number,
  options: Pick<MfccOptions, 'frameLength' | 'hop'>,
): number {
  return sampleCount < options.frameLength
    ? 0
    : Math.floor((sampleCount - options.frameLength) / options.hop) + 1;
}

/** Floor under the mel energies before the log, so digital silence gives a finite value. */
const ENERGY_FLOOR = 1e-10;

/**
 * Mel filterbank energies (linear power) of a mono signal in −1…1: `frames × melBands`. The first
 * half of the MFCC recipe; `cepstra` is the second. Split so energies can be adjusted in between
 * (the aligner matches noise floors there).
 */
export function melEnergies(
  samples: Float32Array,
  options: MfccOptions = DEFAULT_MFCC,
): FeatureMatrix {
  if (options.fftSize < options.frameLength || (options.fftSize & (options.fftSize - 1)) !== 0) {
    throw new RangeError('fftSize must be a power of two at least as long as frameLength');
  }
  const frames = frameCount(samples.length, options);
  const dims = options.melBands;
  const data = new Float32Array(frames * dims);
  const bins = options.fftSize / 2 + 1;
  const filterbank = melFilterbank(options);
  // Each band's non-zero bins, so the filterbank costs a few dozen multiplies per band.
  const bandRanges = Array.from({ length: options.melBands }, (_, band) => {
    let from = -1;
    let to = -1;
    for (let bin = 0; bin < bins; bin++) {
      if (filterbank[band * bins + bin]! > 0) {
        if (from < 0) from = bin;
        to = bin + 1;
      }
    }
    return { from: Math.max(0, from), to: Math.max(0, to) };
  });
  const window = hammingWindow(options.frameLength);
  const fft = new FFT(options.fftSize);
  const input = new Array<number>(options.fftSize).fill(0);
  const spectrum = fft.createComplexArray() as number[];
  const power = new Float64Array(bins);
  const a = options.preEmphasis;

  for (let t = 0; t < frames; t++) {
    const offset = t * options.hop;
    for (let n = 0; n < options.frameLength; n++) {
      const at = offset + n;
      // Pre-emphasis on the fly; the first sample of the signal has no predecessor.
      const previous = at > 0 ? samples[at - 1]! : 0;
      input[n] = (samples[at]! - a * previous) * window[n]!;
    }
    fft.realTransform(spectrum, input);
    for (let bin = 0; bin < bins; bin++) {
      const re = spectrum[2 * bin]!;
      const im = spectrum[2 * bin + 1]!;
      power[bin] = re * re + im * im;
    }
    for (let band = 0; band < options.melBands; band++) {
      const { from, to } = bandRanges[band]!;
      let energy = 0;
      for (let bin = from; bin < to; bin++) energy += filterbank[band * bins + bin]! * power[bin]!;
      data[t * dims + band] = energy;
    }
  }
  return { frames, dims, data };
}

/** Cepstral coefficients from mel energies: log (floored), then the DCT-II, `coefficients` kept. */
export function cepstra(energies: FeatureMatrix, coefficients: number): FeatureMatrix {
  const bands = energies.dims;
  const dct = dctMatrix(coefficients, bands);
  const data = new Float32Array(energies.frames * coefficients);
  const logMel = new Float64Array(bands);
  for (let t = 0; t < energies.frames; t++) {
    for (let m = 0; m < bands; m++)
      logMel[m] = Math.log(Math.max(energies.data[t * bands + m]!, ENERGY_FLOOR));
    for (let k = 0; k < coefficients; k++) {
      let sum = 0;
      for (let m = 0; m < bands; m++) sum += dct[k * bands + m]! * logMel[m]!;
      data[t * coefficients + k] = sum;
    }
  }
  return { frames: energies.frames, dims: coefficients, data };
}

/** MFCCs of a mono signal (samples in −1…1). */
export function computeMfcc(
  samples: Float32Array,
  options: MfccOptions = DEFAULT_MFCC,
): FeatureMatrix {
  return cepstra(melEnergies(samples, options), options.coefficients);
}
