import { describe, expect, it } from 'vitest';
import {
  detectSpeech,
  detectSpeechFromLevels,
  nearestOffset,
  nearestOnset,
} from '../../../src/core/align/speech-activity.ts';

const RATE = 16_000;

/** Quiet noise with tone bursts at the given [start, end) seconds. */
function bursts(duration: number, regions: Array<[number, number]>, noise = 0.002): Float32Array {
  let seed = 3;
  return Float32Array.from({ length: Math.round(duration * RATE) }, (_, n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const t = n / RATE;
    const on = regions.some(([a, b]) => t >= a && t < b);
    return (seed / 2147483648 - 0.5) * noise + (on ? 0.3 * Math.sin(2 * Math.PI * 200 * t) : 0);
  });
}

describe(detectSpeech.name, () => {
  it('finds speech regions within a frame of where they are', () => {
    const activity = detectSpeech(
      bursts(5, [
        [0.5, 1.4],
        [2.0, 3.25],
        [4.1, 4.6],
      ]),
      RATE,
    );
    expect(activity.regions).toHaveLength(3);
    const expected = [
      [0.5, 1.4],
      [2.0, 3.25],
      [4.1, 4.6],
    ];
    activity.regions.forEach((region, i) => {
      expect(Math.abs(region.startTime - expected[i]![0]!)).toBeLessThanOrEqual(0.01);
      expect(Math.abs(region.endTime - expected[i]![1]!)).toBeLessThanOrEqual(0.01);
    });
  });

  it('bridges pauses shorter than the minimum and drops bursts shorter than the minimum', () => {
    const activity = detectSpeech(
      bursts(4, [
        [0.5, 1.0],
        [1.05, 1.6],
        [2.5, 2.52],
      ]),
      RATE,
    );
    expect(activity.regions).toHaveLength(1);
    expect(activity.regions[0]!.startTime).toBeCloseTo(0.5, 1);
    expect(activity.regions[0]!.endTime).toBeCloseTo(1.6, 1);
  });

  it('uses hysteresis: a level between the thresholds keeps the current state', () => {
    // floor -60 dB, speech -10 dB; frames at -40 dB sit between leave (-50) and enter (-42.5).
    const levels = Float32Array.from([
      ...Array(30).fill(-60),
      ...Array(20).fill(-10),
      ...Array(20).fill(-45),
      ...Array(30).fill(-60),
      ...Array(20).fill(-45),
      ...Array(30).fill(-60),
    ]);
    const activity = detectSpeechFromLevels(levels);
    // The -45 dB stretch after speech stays speech; the one after silence never becomes speech.
    expect(activity.regions).toHaveLength(1);
    expect(activity.regions[0]!.startTime).toBeCloseTo(0.3, 5);
    expect(activity.regions[0]!.endTime).toBeCloseTo(0.7, 5);
  });
});

describe(nearestOnset.name, () => {
  const activity = detectSpeech(
    bursts(5, [
      [0.5, 1.4],
      [2.0, 3.25],
    ]),
    RATE,
  );

  it('snaps to the onset nearest the time when one is within the distance', () => {
    expect(nearestOnset(activity, 2.1, 0.15)).toBeCloseTo(2.0, 1);
    expect(nearestOnset(activity, 0.42, 0.15)).toBeCloseTo(0.5, 1);
  });

  it('returns null when no onset is close enough', () => {
    expect(nearestOnset(activity, 1.2, 0.15)).toBeNull();
    expect(nearestOnset({ regions: [] }, 1, 10)).toBeNull();
  });

  it('finds offsets the same way', () => {
    expect(nearestOffset(activity, 3.3, 0.15)).toBeCloseTo(3.25, 1);
    expect(nearestOffset(activity, 2.5, 0.15)).toBeNull();
  });
});
