import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  locateWords,
  matchPiecesToWords,
  planSynthesis,
  silentClosure,
  soundPieces,
  speakableText,
} from '../../../src/core/align/reference-speech.ts';
import { resample } from '../../../src/core/align/resample.ts';
import {
  MIN_WORD_DURATION,
  withWordTimestamps,
  wordTagTimes,
} from '../../../src/core/align/word-timestamps.ts';
import { cueWords } from '../../../src/core/cue-words.ts';
import { parseVtt, plainText } from '../../../src/core/vtt-parse.ts';
import { segmentsToCueText } from '../../../src/core/vtt-serialize.ts';

const RATE = 22_050;

/** Tone bursts of the given lengths (s), each followed by the given silence (s). */
function synthesized(pieces: Array<[number, number]>): Float32Array {
  const parts: number[] = [];
  for (const [sound, silence] of pieces) {
    for (let n = 0; n < Math.round(sound * RATE); n++) parts.push(0.4 * Math.cos(n / 3));
    for (let n = 0; n < Math.round(silence * RATE); n++) parts.push(0);
  }
  return Float32Array.from(parts);
}

describe(soundPieces.name, () => {
  it('splits at silences of at least the gap, not at a stop consonant’s short closure', () => {
    const samples = synthesized([
      [0.2, 0.05],
      [0.1, 0.22],
      [0.3, 0.21],
      [0.25, 0],
    ]);
    const pieces = soundPieces(samples, Math.round(0.14 * RATE), 0);
    expect(pieces).toHaveLength(3);
    expect(pieces[0]!.start).toBe(0);
    expect(pieces[1]!.start).toBe(
      Math.round(0.2 * RATE) +
        Math.round(0.05 * RATE) +
        Math.round(0.1 * RATE) +
        Math.round(0.22 * RATE),
    );
  });
});

describe(matchPiecesToWords.name, () => {
  it('matches one piece per word when the counts agree', () => {
    const pieces = [
      { start: 0, end: 10 },
      { start: 20, end: 30 },
    ];
    expect(matchPiecesToWords(pieces, [1, 1])).toEqual({ spans: pieces, exact: true });
  });

  it('gives a number read in several pieces all of them, and shares a run-together piece', () => {
    // "in 2019 at a store": "2019" comes in three pieces, "a store" in one.
    const pieces = [
      { start: 0, end: 100 }, // in
      { start: 300, end: 500 }, // twenty
      { start: 700, end: 800 }, // nine
      { start: 1000, end: 1200 }, // teen
      { start: 1400, end: 1500 }, // at
      { start: 1700, end: 2200 }, // a store
    ];
    const { spans, exact } = matchPiecesToWords(pieces, [2, 14, 2, 1, 5]);
    expect(exact).toBe(false);
    expect(spans[1]).toEqual({ start: 300, end: 1200 });
    expect(spans[2]).toEqual({ start: 1400, end: 1500 });
    expect(spans[3]!.start).toBe(1700);
    expect(spans[4]!.end).toBe(2200);
    expect(spans[4]!.start).toBeGreaterThan(1700);
  });
});

describe(locateWords.name, () => {
  it('cuts the inserted gaps, keeps the longer pauses’ extra, and reports spans at the target rate', () => {
    // Three words, gaps of 0.2 s (inserted) and 0.5 s (a comma's 0.3 s on top).
    const samples = synthesized([
      [0.3, 0.2],
      [0.2, 0.5],
      [0.4, 0],
    ]);
    const located = locateWords(samples, ['one', 'two,', 'three'], {
      sampleRate: RATE,
      targetRate: 16_000,
      wordGap: 0.2,
    });
    expect(located.exact).toBe(true);
    const seconds = located.words.map((span) => [span.start / 16_000, span.end / 16_000]);
    expect(seconds[0]![0]).toBeCloseTo(0, 2);
    expect(seconds[1]![0]).toBeCloseTo(0.3, 2);
    expect(seconds[2]![0]).toBeCloseTo(0.3 + 0.2 + 0.3, 2);
    expect(located.samples.length / 16_000).toBeCloseTo(0.3 + 0.2 + 0.3 + 0.4, 2);
  });
});

describe(planSynthesis.name, () => {
  it('never puts two turns or two paragraphs in one call, and says what pause comes before', () => {
    const words = [
      { text: 'Hello.', turn: 0, paragraph: 0, boundary: 'sentence' as const },
      { text: 'Again.', turn: 0, paragraph: 1, boundary: 'sentence' as const },
      { text: 'Hi', turn: 1, paragraph: 0, boundary: null },
      { text: '“there”', turn: 1, paragraph: 0, boundary: null },
    ];
    expect(
      planSynthesis(words).map((fragment) => [fragment.text, fragment.words, fragment.pauseBefore]),
    ).toEqual([
      ['Hello.', [0], 'turn'],
      ['Again.', [1], 'paragraph'],
      ['Hi "there"', [2, 3], 'turn'],
    ]);
  });

  it('straightens quotes and drops symbols a synthesizer would read aloud', () => {
    expect(speakableText('I’d [say] *so*')).toBe("I'd say so");
  });
});

describe(silentClosure.name, () => {
  it('is the closure of a leading stop, and nothing for other sounds or other scripts', () => {
    expect(silentClosure('“Because')).toBeGreaterThan(0);
    expect(silentClosure('the')).toBe(0);
    expect(silentClosure('city')).toBe(0);
    expect(silentClosure('know')).toBe(0);
    expect(silentClosure('가족')).toBe(0);
  });
});

describe(resample.name, () => {
  it('keeps a tone’s frequency and level from 22,050 to 16,000 Hz', () => {
    const tone = Float32Array.from({ length: 22_050 }, (_, n) =>
      Math.sin((2 * Math.PI * 440 * n) / 22_050),
    );
    const out = resample(tone, 22_050, 16_000);
    expect(out.length).toBe(16_000);
    for (const n of [4000, 8000, 12_000]) {
      expect(out[n]!).toBeCloseTo(Math.sin((2 * Math.PI * 440 * n) / 16_000), 2);
    }
  });

  it('removes what is above the new Nyquist frequency', () => {
    const high = Float32Array.from({ length: 22_050 }, (_, n) =>
      Math.sin((2 * Math.PI * 10_000 * n) / 22_050),
    );
    const out = resample(high, 22_050, 16_000);
    const rms = Math.sqrt(out.slice(1000, 15_000).reduce((sum, x) => sum + x * x, 0) / 14_000);
    expect(rms).toBeLessThan(0.02);
  });
});

describe(withWordTimestamps.name, () => {
  it('tags each spoken word after the first, keeps the voice span and text, never tags an insertion', () => {
    const { document } = parseVtt(
      'WEBVTT\n\nc1\n00:00:01.000 --> 00:00:04.000\n<v Jeongyol>I lived there\n[in North Korea] &amp; more\n',
    );
    const cue = document.cues[0]!;
    const segments = withWordTimestamps(cue.segments, [1, 1.5, 2, 3], cue);
    expect(plainText(segments)).toBe(cue.text);
    expect(segmentsToCueText(segments)).toBe(
      '<v Jeongyol>I <00:00:01.500>lived <00:00:02.000>there\n[in North Korea] &amp; <00:00:03.000>more</v>',
    );
  });
});

describe(wordTagTimes.name, () => {
  /** Every word's length, the first from the cue's start and the last to its end (ms). */
  function lengths(
    times: ReadonlyArray<number | null>,
    cue: { startTime: number; endTime: number },
  ) {
    const edges = [cue.startTime, ...times.filter((time) => time !== null), cue.endTime];
    return edges.slice(1).map((edge, k) => Math.round((edge - edges[k]!) * 1000));
  }

  it('keeps the aligner’s starts where every word is long enough', () => {
    const cue = { startTime: 1, endTime: 4 };
    expect(wordTagTimes([1.5, 2, 3], cue)).toEqual([1.5, 2, 3]);
  });

  it('never writes a word shorter than a frame: the 1 ms first word of c024 becomes 40 ms', () => {
    // c024 of the bundled episode: "A" from the cue's start, "lot" tagged 1 ms later.
    const cue = { startTime: 79.491, endTime: 81.483 };
    const times = wordTagTimes([79.492, 79.851, 80.006, 80.401, 80.781, 81.101], cue);
    expect(times).toEqual([79.531, 79.851, 80.006, 80.401, 80.781, 81.101]);
    // Starts before the cue, crowded together, or at its very end, move only as far as needed.
    const crowded = wordTagTimes([0.9, 1.001, 1.002, 3.999], { startTime: 1, endTime: 4 });
    expect(crowded).toEqual([1.04, 1.08, 1.12, 3.96]);
    for (const length of lengths(crowded, { startTime: 1, endTime: 4 }))
      expect(length).toBeGreaterThanOrEqual(MIN_WORD_DURATION * 1000);
  });

  it('shares a cue too short for its words evenly, and leaves out what cannot fit at all', () => {
    expect(wordTagTimes([1, 1, 1], { startTime: 1, endTime: 1.1 })).toEqual([1.025, 1.05, 1.075]);
    expect(wordTagTimes([1, 1, 1], { startTime: 1, endTime: 1.002 })).toEqual([1.001, null, null]);
  });
});

describe('the bundled episode’s word timings', () => {
  it('hold no word shorter than a frame', () => {
    const text = readFileSync(
      path.join(
        import.meta.dirname,
        '../../../episodes/misunderstandings-and-stereotypes/transcript.en.vtt',
      ),
      'utf8',
    );
    const short = parseVtt(text).document.cues.flatMap((cue) =>
      cueWords(cue)
        .filter((word) => word.endTime - word.startTime < MIN_WORD_DURATION - 1e-9)
        .map((word) => `${cue.id} "${word.text}"`),
    );
    expect(short).toEqual([]);
  });
});
