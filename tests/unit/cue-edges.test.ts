import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TAP_CORRECTION,
  correctedTapTime,
  edgeRange,
  moveCueEdge,
  snapTarget,
  stepCueEdge,
  tapCueStart,
  type EdgeRules,
} from '../../src/core/cue-edges.ts';
import { setCueTiming } from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';
import { decodeWaveform } from '../../src/core/waveform.ts';
import { seededRandom } from '../../scripts/seeded-random.ts';

const EPISODE = 'episodes/misunderstandings-and-stereotypes';
const GAP = 2 / 25;

const doc = (text: string) => parseVtt(text).document;
const THREE = doc(`WEBVTT

a
00:00:01.000 --> 00:00:02.000
<v Joy>One <00:00:01.500>two <00:00:01.800>three

b
00:00:03.000 --> 00:00:04.000
<v Joy>Four

c
00:00:05.000 --> 00:00:06.000
<v Joy>Five
`);
const SPEECH = [
  { startTime: 0.95, endTime: 1.9 },
  { startTime: 2.62, endTime: 3.95 },
  { startTime: 5.03, endTime: 5.9 },
];
const SNAP: EdgeRules = { minGap: GAP, speech: SPEECH, snapDistance: 0.1 };
const FREE: EdgeRules = { ...SNAP, snapDistance: 0 };

describe(edgeRange.name, () => {
  it('keeps the minimum gap to both neighbours and the shortest duration', () => {
    expect(edgeRange(THREE.cues, 1, 'start', GAP)).toEqual({ min: 2.08, max: 3.9 });
    expect(edgeRange(THREE.cues, 1, 'end', GAP)).toEqual({ min: 3.1, max: 4.92 });
    expect(edgeRange(THREE.cues, 0, 'start', GAP).min).toBe(0);
  });
});

describe(snapTarget.name, () => {
  it('finds the nearest onset for a start and offset for an end, within the distance', () => {
    expect(snapTarget(SPEECH, 'start', 2.7, 0.1)).toBe(2.62);
    expect(snapTarget(SPEECH, 'start', 2.8, 0.1)).toBeNull();
    expect(snapTarget(SPEECH, 'end', 3.9, 0.1)).toBe(3.95);
    expect(snapTarget(SPEECH, 'start', 2.7, 0)).toBeNull();
  });
});

describe(moveCueEdge.name, () => {
  it('snaps a dragged start to the speech onset', () => {
    const moved = moveCueEdge(THREE, 1, 'start', 2.66, SNAP);
    expect(moved.cues[1]!.startTime).toBe(2.62);
    expect(moveCueEdge(THREE, 1, 'start', 2.66, FREE).cues[1]!.startTime).toBe(2.66);
  });

  it('never crosses a neighbour or breaks the minimum gap, however far it is dragged', () => {
    for (const time of [-5, 0, 1.5, 1.99, 2.05]) {
      const moved = moveCueEdge(THREE, 1, 'start', time, SNAP);
      expect(moved.cues[1]!.startTime).toBeGreaterThanOrEqual(2.08);
    }
    expect(moveCueEdge(THREE, 1, 'end', 10, SNAP).cues[1]!.endTime).toBe(4.92);
    expect(moveCueEdge(THREE, 1, 'end', 0, SNAP).cues[1]!.endTime).toBe(3.1);
  });

  it('keeps every other cue the same object, and the document when nothing moves', () => {
    const moved = moveCueEdge(THREE, 1, 'end', 4.5, FREE);
    expect(moved.cues[0]).toBe(THREE.cues[0]);
    expect(moved.cues[2]).toBe(THREE.cues[2]);
    expect(moveCueEdge(THREE, 1, 'end', 4, FREE)).toBe(THREE);
  });

  it('drops word timestamps the new span no longer holds, keeping the text', () => {
    const moved = moveCueEdge(THREE, 0, 'start', 1.6, FREE);
    const text = serializeVtt(moved);
    expect(text).toContain('00:00:01.600 --> 00:00:02.000\n<v Joy>One two <00:00:01.800>three');
    expect(parseVtt(text).findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe(stepCueEdge.name, () => {
  it('steps by the nudge, or to an onset on the way, and never snaps back', () => {
    const first = stepCueEdge(THREE, 1, 'start', -0.1, SNAP); // 3.0 → 2.9
    expect(first.cues[1]!.startTime).toBe(2.9);
    let document = THREE;
    const starts: number[] = [];
    for (let i = 0; i < 5; i++) {
      document = stepCueEdge(document, 1, 'start', -0.1, SNAP);
      starts.push(document.cues[1]!.startTime);
    }
    expect(starts).toEqual([2.9, 2.8, 2.62, 2.52, 2.42]);
    expect(stepCueEdge(THREE, 1, 'start', -0.1, FREE).cues[1]!.startTime).toBe(2.9);
  });
});

describe(tapCueStart.name, () => {
  it('starts the row at the tap and ends the row before two frames earlier', () => {
    const tapped = tapCueStart(THREE, 1, 2.5, GAP);
    expect([tapped.cues[1]!.startTime, tapped.cues[1]!.endTime]).toEqual([2.5, 4]);
    expect(tapped.cues[0]!.endTime).toBe(2.42);
  });

  it('keeps the row its length when the tap comes after its end', () => {
    const tapped = tapCueStart(THREE, 1, 4.5, GAP);
    expect([tapped.cues[1]!.startTime, tapped.cues[1]!.endTime]).toEqual([4.5, 4.92]);
  });
});

describe(correctedTapTime.name, () => {
  it('takes the delay off and snaps to the onset', () => {
    expect(correctedTapTime(2.9, DEFAULT_TAP_CORRECTION, SPEECH)).toBe(2.62);
    expect(correctedTapTime(2.9, DEFAULT_TAP_CORRECTION, null)).toBe(2.7);
  });

  it('brings taps 150–300 ms late on every line of the bundled episode within 60 ms of the true starts (median)', () => {
    const decoded = decodeWaveform(gunzipSync(readFileSync(`${EPISODE}/media/waveform.bin`)));
    if (!decoded.ok) throw new Error(decoded.message);
    const truth = parseVtt(readFileSync(`${EPISODE}/transcript.en.vtt`, 'utf8')).document;
    // Start from a file whose every cue is 3 s late, so only the taps can put the starts right.
    let document = truth.cues.reduce(
      (shifted, cue, index) => setCueTiming(shifted, index, cue.startTime + 3, cue.endTime + 3),
      truth,
    );
    const random = seededRandom(16);
    const errors: number[] = [];
    const uncorrected: number[] = [];
    truth.cues.forEach((cue, index) => {
      const press = cue.startTime + 0.15 + 0.15 * random();
      document = tapCueStart(
        document,
        index,
        correctedTapTime(press, DEFAULT_TAP_CORRECTION, decoded.waveform.speech),
        GAP,
      );
      uncorrected.push(press - cue.startTime);
    });
    document.cues.forEach((cue, index) =>
      errors.push(Math.abs(cue.startTime - truth.cues[index]!.startTime)),
    );
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
    expect(median(uncorrected)).toBeGreaterThan(0.15);
    expect(median(errors)).toBeLessThanOrEqual(0.06);
    // Starts stay in order with the gap.
    document.cues.slice(1).forEach((cue, i) => {
      expect(cue.startTime).toBeGreaterThanOrEqual(document.cues[i]!.endTime + GAP - 0.0005);
    });
  });
});
