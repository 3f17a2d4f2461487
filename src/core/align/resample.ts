/**
 * Sample-rate conversion by windowed-sinc interpolation (band-limited, so nothing above the new
 * Nyquist frequency folds back into the bands the MFCCs look at). The synthesizer speaks at
 * 22,050 Hz; the aligner works at 16 kHz.
 */

/** Half the filter's length, in zero crossings of the (lowered) sinc on each side. */
const ZERO_CROSSINGS = 8;

function greatestCommonDivisor(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/**
 * `input` (at `fromRate`) converted to `toRate`. Integer rates; the output has
 * round(length · toRate / fromRate) samples, sample k at time k / toRate.
 */
export function resample(input: Float32Array, fromRate: number, toRate: number): Float32Array {
  if (!Number.isInteger(fromRate) || !Number.isInteger(toRate) || fromRate <= 0 || toRate <= 0) {
    throw new RangeError('Sample rates must be positive integers');
  }
  if (fromRate === toRate) return input.slice();
  const divisor = greatestCommonDivisor(fromRate, toRate);
  const up = toRate / divisor; // output samples per period
  const down = fromRate / divisor; // input samples per period
  // Low-pass at the lower of the two Nyquist frequencies, a little below it (transition band).
  const cutoff = 0.95 * Math.min(1, toRate / fromRate);
  const halfWidth = Math.ceil(ZERO_CROSSINGS / cutoff);
  const taps = 2 * halfWidth;
  // One row of filter taps per output phase: output k sits at input position k·down/up.
  const table = new Float32Array(up * taps);
  for (let phase = 0; phase < up; phase++) {
    const fraction = (phase * down) / up - Math.floor((phase * down) / up);
    let sum = 0;
    for (let tap = 0; tap < taps; tap++) {
      const distance = tap - halfWidth + 1 - fraction; // input sample minus output position
      const x = distance * cutoff;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const w = distance / (halfWidth + 1);
      const window = Math.abs(w) >= 1 ? 0 : 0.5 + 0.5 * Math.cos(Math.PI * w); // Hann
      const value = cutoff * sinc * window;
      table[phase * taps + tap] = value;
      sum += value;
    }
    // Unity gain at 0 Hz for every phase.
    for (let tap = 0; tap < taps; tap++) table[phase * taps + tap]! /= sum;
  }
  const length = Math.round((input.length * up) / down);
  const output = new Float32Array(length);
  for (let k = 0; k < length; k++) {
    const phase = k % up;
    const base = Math.floor((k * down) / up) - halfWidth + 1;
    const row = phase * taps;
    let sum = 0;
    const from = Math.max(0, -base);
    const to = Math.min(taps, input.length - base);
    for (let tap = from; tap < to; tap++) sum += input[base + tap]! * table[row + tap]!;
    output[k] = sum;
  }
  return output;
}
