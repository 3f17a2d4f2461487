import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MFCC,
  computeMfcc,
  dctMatrix,
  frameCount,
  hzToMel,
  melFilterbank,
  melToHz,
} from '../../../src/core/align/mfcc.ts';

/**
 * MFCCs the slow, obvious way: a naive DFT of each pre-emphasised, Hamming-windowed frame, the
 * HTK mel scale written out, triangles built from their definition, log, DCT-II by its formula.
 * Shares nothing with the module but the options.
 */
function naiveMfcc(samples: Float32Array, frame: number): number[] {
  const o = DEFAULT_MFCC;
  const n = o.frameLength;
  const windowed: number[] = [];
  for (let k = 0; k < n; k++) {
    const at = frame * o.hop + k;
    const value = samples[at]! - o.preEmphasis * (at > 0 ? samples[at - 1]! : 0);
    windowed.push(value * (0.54 - 0.46 * Math.cos((2 * Math.PI * k) / (n - 1))));
  }
  const bins = o.fftSize / 2 + 1;
  const power: number[] = [];
  for (let bin = 0; bin < bins; bin++) {
    let re = 0;
    let im = 0;
    for (let k = 0; k < n; k++) {
      re += windowed[k]! * Math.cos((2 * Math.PI * bin * k) / o.fftSize);
      im -= windowed[k]! * Math.sin((2 * Math.PI * bin * k) / o.fftSize);
    }
    power.push(re * re + im * im);
  }
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const hz = (m: number) => 700 * (Math.pow(10, m / 2595) - 1);
  const edges = Array.from({ length: o.melBands + 2 }, (_, i) =>
    hz(mel(o.lowHz) + ((mel(o.highHz) - mel(o.lowHz)) * i) / (o.melBands + 1)),
  );
  const logMel: number[] = [];
  for (let band = 0; band < o.melBands; band++) {
    let energy = 0;
    for (let bin = 0; bin < bins; bin++) {
      const f = (bin * o.sampleRate) / o.fftSize;
      const [l, c, r] = [edges[band]!, edges[band + 1]!, edges[band + 2]!];
      const weight = f > l && f <= c ? (f - l) / (c - l) : f > c && f < r ? (r - f) / (r - c) : 0;
      energy += weight * power[bin]!;
    }
    logMel.push(Math.log(Math.max(energy, 1e-10)));
  }
  return Array.from({ length: o.coefficients }, (_, k) => {
    let sum = 0;
    for (let m = 0; m < o.melBands; m++)
      sum += logMel[m]! * Math.cos((Math.PI * k * (m + 0.5)) / o.melBands);
    return sum * Math.sqrt((k === 0 ? 1 : 2) / o.melBands);
  });
}

/** A vowel-like test signal: three harmonics and a little deterministic noise. */
function testSignal(length: number): Float32Array {
  let seed = 7;
  return Float32Array.from({ length }, (_, t) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const noise = (seed / 2147483648 - 0.5) * 0.01;
    const s = t / DEFAULT_MFCC.sampleRate;
    return (
      0.3 * Math.sin(2 * Math.PI * 220 * s) +
      0.2 * Math.sin(2 * Math.PI * 660 * s) +
      0.1 * Math.sin(2 * Math.PI * 2400 * s) +
      noise
    );
  });
}

describe(computeMfcc.name, () => {
  it('matches MFCCs computed with a naive DFT, frame by frame', () => {
    const samples = testSignal(4000);
    const features = computeMfcc(samples);
    expect(features.frames).toBe(frameCount(4000, DEFAULT_MFCC));
    for (const frame of [0, 5, features.frames - 1]) {
      const expected = naiveMfcc(samples, frame);
      const actual = Array.from(features.data.subarray(frame * 13, frame * 13 + 13));
      actual.forEach((value, k) => expect(value).toBeCloseTo(expected[k]!, 2));
    }
  });

  it('gives digital silence a finite, constant value', () => {
    const features = computeMfcc(new Float32Array(2000));
    expect(features.data.every(Number.isFinite)).toBe(true);
    // c0 of silence is the floor's log times √bands; the other coefficients vanish.
    expect(features.data[0]).toBeCloseTo(Math.log(1e-10) * Math.sqrt(26), 3);
    expect(Math.abs(features.data[1]!)).toBeLessThan(1e-3);
  });

  it('has no frames for a signal shorter than one window', () => {
    expect(computeMfcc(new Float32Array(399)).frames).toBe(0);
  });
});

describe(melFilterbank.name, () => {
  it('peaks at 1 at each band centre and covers the range without gaps', () => {
    const bank = melFilterbank(DEFAULT_MFCC);
    const bins = DEFAULT_MFCC.fftSize / 2 + 1;
    for (let band = 0; band < DEFAULT_MFCC.melBands; band++) {
      const row = bank.subarray(band * bins, (band + 1) * bins);
      expect(Math.max(...row)).toBeGreaterThan(0.5);
      expect(Math.max(...row)).toBeLessThanOrEqual(1);
    }
    // Between the lowest and the highest centre, neighbouring triangles add up to 1.
    const binHz = DEFAULT_MFCC.sampleRate / DEFAULT_MFCC.fftSize;
    for (let bin = Math.ceil(300 / binHz); bin < Math.floor(6000 / binHz); bin++) {
      let total = 0;
      for (let band = 0; band < DEFAULT_MFCC.melBands; band++) total += bank[band * bins + bin]!;
      expect(total).toBeCloseTo(1, 5);
    }
  });
});

describe('mel scale and DCT', () => {
  it('maps 1000 Hz to about 1000 mel and back', () => {
    expect(hzToMel(1000)).toBeCloseTo(999.99, 1);
    expect(melToHz(hzToMel(3456))).toBeCloseTo(3456, 6);
  });

  it('builds an orthonormal DCT-II', () => {
    const size = 8;
    const matrix = dctMatrix(size, size);
    for (let a = 0; a < size; a++) {
      for (let b = 0; b < size; b++) {
        let dot = 0;
        for (let m = 0; m < size; m++) dot += matrix[a * size + m]! * matrix[b * size + m]!;
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });
});
