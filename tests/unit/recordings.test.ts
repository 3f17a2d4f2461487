/**
 * The test recordings' ground truth (scripts/recordings): the words it lists are the transcript's
 * spoken words, and the times it gives are where the sound is. Uses festival, sox and espeak-ng
 * (installed by .ci/run); the recordings here are a few seconds long and made once per run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  envelopeLagMs,
  meanPower,
  pitchShift,
  readWav,
  type Audio,
} from '../../scripts/recordings/audio.ts';
import { seededRandom } from '../../scripts/seeded-random.ts';
import { bundledText, CATALOGUE } from '../../scripts/recordings/catalogue.ts';
import {
  activeSpeechPower,
  addMusicBed,
  addPinkNoise,
  musicGain,
} from '../../scripts/recordings/effects.ts';
import { festivalPieces, speakWithFestival } from '../../scripts/recordings/festival.ts';
import { parsePublishedText, PublishedTextError } from '../../scripts/recordings/published-text.ts';
import {
  firstParagraphs,
  makeRecording,
  type Recording,
  type RecordingSpec,
} from '../../scripts/recordings/recording.ts';

describe(parsePublishedText.name, () => {
  it('reads turns, a name alone on its line, names with spaces and continued paragraphs', () => {
    const text = parsePublishedText(
      'All: Welcome!\n\nSpeaker K:\u00a0\n\nFirst line\nsecond line.\n\nMore from K.\n\nJoy: Yes.\n',
    );
    expect(text.speakers).toEqual(['All', 'Speaker K', 'Joy']);
    expect(text.paragraphs.map((paragraph) => [paragraph.speaker, paragraph.line])).toEqual([
      ['All', 1],
      ['Speaker K', 5],
      ['Speaker K', 8],
      ['Joy', 10],
    ]);
    expect(text.paragraphs[1]!.tokens.map((token) => [token.text, token.line, token.col])).toEqual([
      ['First', 5, 1],
      ['line', 5, 7],
      ['second', 6, 1],
      ['line.', 6, 8],
    ]);
  });

  it('keeps bracketed insertions and lone punctuation as unspoken words, split off their neighbours', () => {
    const [paragraph] = parsePublishedText(
      'Jo: there[in North Korea]. Fine — “Welcome!” it…It 안녕 [하세요]\n',
    ).paragraphs;
    expect(paragraph!.tokens.map((token) => `${token.text}${token.spoken ? '' : '*'}`)).toEqual([
      'there',
      '[in*',
      'North*',
      'Korea]*',
      '.*',
      'Fine',
      '—*',
      '“Welcome!”',
      'it…It',
      '안녕',
      '[하세요]*',
    ]);
  });

  it('counts columns in code points', () => {
    const [paragraph] = parsePublishedText('Jo: 😀 smile\n').paragraphs;
    expect(paragraph!.tokens.map((token) => token.col)).toEqual([5, 7]);
  });

  it('says where a paragraph has no speaker and when there is no text', () => {
    expect(() => parsePublishedText('\n\nNo name here.\n')).toThrow(PublishedTextError);
    expect(() => parsePublishedText('\n\nNo name here.\n')).toThrow(/^3:1 {2}The first paragraph/);
    expect(() => parsePublishedText(' \n\n')).toThrow(/no text/);
  });
});

describe(firstParagraphs.name, () => {
  it('cuts the text after the n-th paragraph', () => {
    const text = 'A: one\n\nB:\n\ntwo\nlines\n\nA: three\n';
    expect(firstParagraphs(text, parsePublishedText(text), 2)).toBe('A: one\n\nB:\n\ntwo\nlines\n');
  });
});

describe(festivalPieces.name, () => {
  it('gives festival one ASCII token per piece of a word', () => {
    const token = { line: 1, col: 1, spoken: true };
    expect(festivalPieces({ ...token, text: '“Couldn’t' })).toEqual(["Couldn't"]);
    expect(festivalPieces({ ...token, text: 'it…It' })).toEqual(['it', 'It']);
    expect(() => festivalPieces({ ...token, text: '안녕' })).toThrow(/1:1 .*Latin script/);
  });
});

describe('the bundled texts', () => {
  it('parse, and festival can say every English one', () => {
    for (const { spec } of CATALOGUE) {
      const text = parsePublishedText(spec.text);
      expect(text.paragraphs.length).toBeGreaterThan(5);
      if (spec.lang === 'en') {
        for (const paragraph of text.paragraphs)
          for (const token of paragraph.tokens.filter((t) => t.spoken)) festivalPieces(token);
      }
    }
  });

  it('hold the same conversation in English and Korean for the mismatch recording', () => {
    const english = parsePublishedText(bundledText('the-letter.en.txt'));
    const korean = parsePublishedText(bundledText('the-letter.ko.txt'));
    expect(korean.paragraphs.map((p) => p.speaker)).toEqual(
      english.paragraphs.map((p) => p.speaker),
    );
  });
});

/** Level in dB (full scale) of [from, to) seconds. */
function levelDb(audio: Audio, from: number, to: number): number {
  const power = meanPower(
    audio.samples,
    Math.max(0, Math.round(from * audio.rate)),
    Math.min(audio.samples.length, Math.round(to * audio.rate)),
  );
  return 10 * Math.log10(power + 1e-12);
}

/** The first moment after `from` where a 5 ms frame is louder than `thresholdDb`. */
function soundOnset(audio: Audio, from: number, thresholdDb: number): number {
  for (let t = from; t < audio.samples.length / audio.rate; t += 0.001) {
    if (levelDb(audio, t, t + 0.005) > thresholdDb) return t;
  }
  return Infinity;
}

const ENGLISH = `Mina: Today’s question is short. Where did you grow up [as a child]?

Speaker K:

In a small town — near the sea… it…It was quiet.

We had one bus a day.

Mina: Thank you!
`;

const KOREAN = `지현: 안녕하세요. 오늘은 시장 이야기를 해요.

성민: 저는 [고향에서] 귤을 처음 샀어요!
`;

describe('recordings with ground truth', { timeout: 60_000 }, () => {
  let cacheDir: string;
  let english: Recording;
  let englishAudio: Audio;
  let korean: Recording;
  let koreanAudio: Audio;
  const englishSpec: RecordingSpec = { name: 'unit-en', lang: 'en', text: ENGLISH, seed: 5 };

  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'red-box-recordings-'));
    [english, korean] = await Promise.all([
      makeRecording(englishSpec, cacheDir),
      makeRecording({ name: 'unit-ko', lang: 'ko', text: KOREAN, seed: 9 }, cacheDir),
    ]);
    [englishAudio, koreanAudio] = await Promise.all([
      readWav(english.audioFile),
      readWav(korean.audioFile),
    ]);
  });
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('lists the spoken words in order, without bracketed insertions, at their place in the transcript', () => {
    const transcript = readFileSync(english.transcriptFile, 'utf8');
    expect(transcript).toBe(ENGLISH);
    const lines = transcript.split('\n');
    const words = english.truth.words;
    expect(words.map((word) => word.text).join(' ')).toBe(
      'Today’s question is short. Where did you grow up ' +
        'In a small town near the sea… it…It was quiet. We had one bus a day. Thank you!',
    );
    for (const word of words) {
      expect([...lines[word.line - 1]!].slice(word.col - 1).join('')).toMatch(
        new RegExp(`^${word.text.replace(/[.?…!]/g, '\\$&')}`),
      );
    }
    expect(words.map((word) => word.speaker)).toEqual([
      ...Array(9).fill('Mina'),
      ...Array(16).fill('Speaker K'),
      'Mina',
      'Mina',
    ]);
  });

  it('groups paragraphs into turns by speaker, with each start at its first word', () => {
    const { turns, paragraphs, words } = english.truth;
    expect(turns.map((turn) => [turn.speaker, turn.paragraphs])).toEqual([
      ['Mina', [0]],
      ['Speaker K', [1, 2]],
      ['Mina', [3]],
    ]);
    expect(paragraphs.map((paragraph) => paragraph.startTime)).toEqual(
      [0, 9, 19, 25].map((index) => words[index]!.startTime),
    );
    expect(turns[1]!.startTime).toBe(paragraphs[1]!.startTime);
    expect(english.truth.duration).toBeCloseTo(englishAudio.samples.length / englishAudio.rate, 3);
  });

  it('puts every English word where festival’s sound is: speech inside words, silence between paragraphs', () => {
    const { words, paragraphs } = english.truth;
    const speech = activeSpeechPower(englishAudio, words);
    const speechDb = 10 * Math.log10(speech);
    for (const word of words) {
      expect(levelDb(englishAudio, word.startTime, word.endTime)).toBeGreaterThan(speechDb - 15);
    }
    for (let i = 1; i < paragraphs.length; i++) {
      const gapFrom = paragraphs[i - 1]!.endTime + 0.03;
      const gapTo = paragraphs[i]!.startTime - 0.03;
      expect(gapTo - gapFrom).toBeGreaterThan(0.2);
      // festival's pauses are not digital silence: about 30 dB under the speech.
      expect(levelDb(englishAudio, gapFrom, gapTo)).toBeLessThan(speechDb - 25);
    }
  });

  it('starts each English word after a pause where its sound becomes audible, not in the silence before it', () => {
    const { words } = english.truth;
    const speechDb = 10 * Math.log10(activeSpeechPower(englishAudio, words));
    const afterPause = words.filter(
      (word, index) => index === 0 || word.startTime - words[index - 1]!.endTime >= 0.05,
    );
    expect(afterPause.length).toBeGreaterThanOrEqual(5);
    for (const word of afterPause) {
      const before = levelDb(englishAudio, word.startTime - 0.03, word.startTime - 0.005);
      const after = levelDb(englishAudio, word.startTime, word.startTime + 0.05);
      // festival's pauses carry its diphones' studio noise, about 25 dB under the speech.
      expect(before).toBeLessThan(speechDb - 20);
      expect(after).toBeGreaterThan(before + 6);
    }
  });

  it('starts every Korean word exactly where its sound starts', () => {
    const { words } = korean.truth;
    expect(words.map((word) => word.text)).toEqual([
      '안녕하세요.',
      '오늘은',
      '시장',
      '이야기를',
      '해요.',
      '저는',
      '귤을',
      '처음',
      '샀어요!',
    ]);
    const speechDb = 10 * Math.log10(activeSpeechPower(koreanAudio, words));
    for (const [index, word] of words.entries()) {
      const from = index === 0 ? 0 : words[index - 1]!.endTime;
      // espeak-ng's clips were cut at about -40 dBFS; resampling smears that by a few samples.
      const onset = soundOnset(koreanAudio, from + 0.002, speechDb - 35);
      expect(Math.abs(onset - word.startTime)).toBeLessThan(0.006);
    }
  });

  it('is the same recording, byte for byte, when made again', async () => {
    const again = mkdtempSync(path.join(tmpdir(), 'red-box-recordings-'));
    try {
      const remade = await makeRecording(englishSpec, again);
      expect(readFileSync(remade.audioFile).equals(readFileSync(english.audioFile))).toBe(true);
      expect(readFileSync(remade.truthFile, 'utf8')).toBe(readFileSync(english.truthFile, 'utf8'));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('reuses the cached recording for the same spec', async () => {
    const cached = await makeRecording(englishSpec, cacheDir);
    expect(cached.dir).toBe(english.dir);
  });
});

describe(pitchShift.name, { timeout: 30_000 }, () => {
  it('shifts pitch without moving the words (sox’s lag measured and taken back)', async () => {
    const [speech] = await speakWithFestival([
      {
        tokens: 'We carried water and cleared the paths.'
          .split(' ')
          .map((text, i) => ({ text, line: 1, col: i + 1, spoken: true })),
        voice: { f0Mean: 105, f0Std: 14, durationStretch: 1 },
      },
    ]);
    for (const cents of [600, -400]) {
      const shifted = await pitchShift(speech!.audio, cents);
      expect(shifted.samples.length).toBe(speech!.audio.samples.length);
      expect(Math.abs(envelopeLagMs(speech!.audio, shifted))).toBeLessThanOrEqual(1);
    }
  });
});

/** A stand-in for speech: 440 Hz bursts over the given spans, silence elsewhere. */
function bursts(spans: readonly { startTime: number; endTime: number }[], seconds: number): Audio {
  const rate = 16_000;
  const samples = new Float32Array(seconds * rate);
  for (const span of spans) {
    for (let i = Math.round(span.startTime * rate); i < Math.round(span.endTime * rate); i++) {
      samples[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate);
    }
  }
  return { rate, samples };
}

/** What an effect added to `speech`: the mix minus the speech. */
function added(mixed: Audio, speech: Audio): Audio {
  return { rate: mixed.rate, samples: mixed.samples.map((s, i) => s - speech.samples[i]!) };
}

describe(addPinkNoise.name, () => {
  it('adds noise at the asked signal-to-noise ratio, speech measured over the words', async () => {
    const spans = [
      { startTime: 1, endTime: 2 },
      { startTime: 3, endTime: 3.5 },
    ];
    const speech = bursts(spans, 5);
    const noise = added(await addPinkNoise(speech, speech, spans, 12), speech);
    const snr = 10 * Math.log10(activeSpeechPower(speech, spans) / meanPower(noise.samples));
    expect(snr).toBeCloseTo(12, 1);
  });
});

describe(addMusicBed.name, () => {
  it('plays music alone before the first word, under the head and tail, and not in the middle', async () => {
    const spans = [
      { startTime: 6, endTime: 10 },
      { startTime: 30, endTime: 34 },
    ];
    const speech = bursts(spans, 40);
    const bed = { introSeconds: 6, underSeconds: 3, outroSeconds: 6, underDb: -10 };
    const music = added(await addMusicBed(speech, speech, spans, bed), speech);
    expect(levelDb(music, 1, 5)).toBeGreaterThan(levelDb(music, 6.5, 8.5) + 5);
    expect(levelDb(music, 6.5, 8.5)).toBeGreaterThan(-60);
    expect(levelDb(music, 12, 28)).toBe(-120);
    expect(levelDb(music, 35, 38)).toBeGreaterThan(levelDb(music, 32, 33.5) + 5);
    const speechDb = 10 * Math.log10(activeSpeechPower(speech, spans));
    // The loop's level varies from beat to beat around its mean.
    expect(Math.abs(levelDb(music, 6.5, 8.5) - speechDb + 10)).toBeLessThan(2);
  });

  it('fades in and out without jumps', () => {
    const bed = { introSeconds: 6, underSeconds: 3, outroSeconds: 6, underDb: -10 };
    let previous = musicGain(0, 6, 34, 40, bed);
    for (let t = 0.01; t < 40; t += 0.01) {
      const gain = musicGain(t, 6, 34, 40, bed);
      expect(Math.abs(gain - previous)).toBeLessThan(0.1);
      previous = gain;
    }
  });
});

describe(seededRandom.name, () => {
  it('repeats its numbers for a seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed));
    expect(draw(3)).toEqual(draw(3));
    expect(draw(3)).not.toEqual(draw(4));
    expect(draw(3).every((value) => value >= 0 && value < 1)).toBe(true);
  });
});
