import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nearestOnset } from '../../src/core/align/speech-activity.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import {
  computeWaveform,
  decodeWaveform,
  encodeWaveform,
  peaksForColumns,
  waveformDuration,
  type Waveform,
} from '../../src/core/waveform.ts';
import { waveformFileBytes, withMediaWaveform } from '../../scripts/media/waveform-file.ts';

const RATE = 16_000;
const EPISODE = 'episodes/misunderstandings-and-stereotypes';

/** Quiet noise with 200 Hz bursts of amplitude 0.5 at the given [start, end) seconds. */
function bursts(duration: number, regions: Array<[number, number]>): Float32Array {
  let seed = 7;
  return Float32Array.from({ length: Math.round(duration * RATE) }, (_, n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    const t = n / RATE;
    const on = regions.some(([a, b]) => t >= a && t < b);
    return (seed / 2147483648 - 0.5) * 0.002 + (on ? 0.5 * Math.sin(2 * Math.PI * 200 * t) : 0);
  });
}

function bundled(): Waveform {
  const bytes = gunzipSync(readFileSync(`${EPISODE}/media/waveform.bin`));
  const decoded = decodeWaveform(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.waveform;
}

describe(computeWaveform.name, () => {
  it('keeps the lowest and highest sample of every 10 ms frame, and finds the speech', () => {
    const waveform = computeWaveform(
      bursts(3, [
        [0.5, 1.2],
        [2.0, 2.5],
      ]),
      RATE,
    );
    expect(waveform.frameSeconds).toBe(0.01);
    expect(waveform.min).toHaveLength(300);
    expect(waveformDuration(waveform)).toBeCloseTo(3, 6);
    expect(waveform.max[80]).toBe(64); // 0.5 of full scale
    expect(waveform.min[80]).toBe(-64);
    expect(Math.abs(waveform.max[20]!)).toBeLessThanOrEqual(1); // the noise floor
    expect(waveform.speech.map((r) => [r.startTime, r.endTime])).toEqual([
      [0.5, 1.2],
      [2.0, 2.5],
    ]);
  });
});

describe(encodeWaveform.name, () => {
  it('reads back exactly what it wrote', () => {
    const waveform = computeWaveform(bursts(2, [[0.25, 1.5]]), RATE);
    const decoded = decodeWaveform(encodeWaveform(waveform));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.waveform.min).toEqual(waveform.min);
    expect(decoded.waveform.max).toEqual(waveform.max);
    expect(decoded.waveform.speech).toEqual(waveform.speech);
    expect(decoded.waveform.frameSeconds).toBe(0.01);
  });

  it('reads a waveform that sits inside a larger buffer', () => {
    const bytes = encodeWaveform(computeWaveform(bursts(1, [[0.2, 0.6]]), RATE));
    const padded = new Uint8Array(bytes.length + 5);
    padded.set(bytes, 3);
    const decoded = decodeWaveform(padded.subarray(3, 3 + bytes.length));
    expect(decoded.ok && decoded.waveform.speech).toEqual([{ startTime: 0.2, endTime: 0.6 }]);
  });
});

describe(decodeWaveform.name, () => {
  const good = encodeWaveform(computeWaveform(bursts(1, [[0.2, 0.6]]), RATE));
  it.each([
    ['an empty file', new Uint8Array(0), 'shorter than its header'],
    ['another format', new TextEncoder().encode('{"version":2,"data":[]}'), 'no "RBWF"'],
    ['a cut file', good.subarray(0, good.length - 3), 'where its header says'],
    [
      'a newer version',
      Uint8Array.from(good, (byte, i) => (i === 4 ? 9 : byte)),
      'version 9, this player reads 1',
    ],
  ])('says what is wrong with %s, and what to do', (_, bytes, problem) => {
    const decoded = decodeWaveform(bytes);
    expect(decoded.ok).toBe(false);
    if (decoded.ok) return;
    expect(decoded.message).toContain(problem);
    expect(decoded.message).toContain('npm run media');
  });

  it('refuses speech regions out of order', () => {
    const broken = encodeWaveform({
      frameSeconds: 0.01,
      min: new Int8Array(10),
      max: new Int8Array(10),
      speech: [
        { startTime: 0.05, endTime: 0.08 },
        { startTime: 0.02, endTime: 0.04 },
      ],
    });
    const decoded = decodeWaveform(broken);
    expect(!decoded.ok && decoded.message).toContain('speech region 2');
  });
});

describe(peaksForColumns.name, () => {
  it('folds frames into columns at any zoom, keeping the extremes', () => {
    const waveform = computeWaveform(bursts(2, [[1.0, 1.005]]), RATE);
    const whole = peaksForColumns(waveform, 0, 2, 4);
    expect(whole.max[2]).toBeGreaterThan(50); // the 5 ms click survives a 500 ms column
    expect(whole.max[0]).toBeLessThanOrEqual(1);
    const close = peaksForColumns(waveform, 0.99, 1.01, 200);
    expect(close.max).toHaveLength(200);
    const pastEnd = peaksForColumns(waveform, 1.5, 2.5, 10);
    expect(Array.from(pastEnd.max.slice(6))).toEqual([0, 0, 0, 0]);
  });
});

describe('the bundled episode', () => {
  it('has a waveform named in episode.json, a few hundred kB an hour at most', () => {
    const episode = JSON.parse(readFileSync(`${EPISODE}/episode.json`, 'utf8')) as {
      media: { waveform?: string; duration: number };
    };
    expect(episode.media.waveform).toBe('media/waveform.bin');
    const size = readFileSync(`${EPISODE}/media/waveform.bin`).length;
    expect((size / episode.media.duration) * 3600).toBeLessThan(500_000);
    expect(waveformDuration(bundled())).toBeCloseTo(episode.media.duration, 1);
  });

  it('has a speech onset within 30 ms of nearly every cue start (the stand-in speaks each cue from its start)', () => {
    const waveform = bundled();
    const { document } = parseVtt(readFileSync(`${EPISODE}/transcript.en.vtt`, 'utf8'));
    const near = document.cues.filter(
      (cue) => nearestOnset({ regions: waveform.speech }, cue.startTime, 0.03) !== null,
    );
    expect(near.length / document.cues.length).toBeGreaterThan(0.9);
  });
});

describe(withMediaWaveform.name, () => {
  it('writes the field in after the sources, leaving the rest of the file as it was', () => {
    const text = `{\n  "id": "x",\n  "media": {\n    "sources": [ { "src": "a.webm", "type": "video/webm" } ],\n    "duration": 3\n  },\n  "speakers": [ { "id": "a", "name": "A" } ]\n}\n`;
    const edited = withMediaWaveform(text, 'media/waveform.bin');
    expect(edited).toBe(text.replace('],\n', '],\n    "waveform": "media/waveform.bin",\n'));
    expect(withMediaWaveform(edited, 'media/waveform.bin')).toBe(edited);
    expect(withMediaWaveform(edited, 'other.bin')).toContain('"waveform": "other.bin"');
  });

  it('writes deterministic bytes (the same audio makes the same file)', () => {
    const waveform = computeWaveform(bursts(1, [[0.1, 0.4]]), RATE);
    expect(waveformFileBytes(waveform).equals(waveformFileBytes(waveform))).toBe(true);
  });
});
