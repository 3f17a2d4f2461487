import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  cueWords,
  hasTimestampTags,
  transcriptWordTables,
  transcriptWords,
  transcriptWordsFromTables,
  WORD_HOLD_LIMIT,
  wordPosition,
} from '../../src/core/cue-words.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { writeLongEpisode } from '../../scripts/bench/long-episode.ts';

function cuesOf(body: string) {
  return parseVtt(`WEBVTT\n\n${body}\n`).document.cues;
}

const ALIGNED = `c1
00:00:02.500 --> 00:00:04.105
<v All>Welcome <00:00:02.975>to <00:00:03.150>the <00:00:03.270>Red <00:00:03.485>Box!</v>

c2
00:00:06.905 --> 00:00:10.485
<v Jeongyol>Are <00:00:07.055>there <00:00:07.285>any <00:00:07.475>misunderstandings
<00:00:08.565>about</v>`;

describe(cueWords.name, () => {
  it('reads each tagged word with its start and its place in the plain text', () => {
    const [cue] = cuesOf(ALIGNED);
    const words = cueWords(cue!);
    expect(words.map((word) => word.text)).toEqual(['Welcome', 'to', 'the', 'Red', 'Box!']);
    expect(words.map((word) => word.startTime)).toEqual([2.5, 2.975, 3.15, 3.27, 3.485]);
    for (const word of words) expect(cue!.text.slice(word.textStart, word.textEnd)).toBe(word.text);
  });

  it('ends a word where the next starts, the last where the cue ends', () => {
    const words = cueWords(cuesOf(ALIGNED)[0]!);
    expect(words[0]!.endTime).toBe(2.975);
    expect(words[4]!.endTime).toBe(4.105);
  });

  it(`lets no word stay current more than ${WORD_HOLD_LIMIT} s (pauses show no word)`, () => {
    const words = cueWords(cuesOf(ALIGNED)[1]!);
    const long = words.find((word) => word.text === 'misunderstandings')!;
    expect(long.startTime).toBe(7.475);
    expect(long.endTime).toBeCloseTo(7.475 + WORD_HOLD_LIMIT, 9);
    // Line breaks are not part of a word.
    expect(words.map((word) => word.text)).toContain('about');
  });

  it('times a one-word cue without tags from the cue start, and gives a longer one none', () => {
    const [single, several] = cuesOf(
      '1\n00:00:13.175 --> 00:00:14.402\n<v Ilhyeok>Misunderstandings?\n\n2\n00:00:15.000 --> 00:00:16.000\nTwo words',
    );
    expect(cueWords(single!)).toEqual([
      { startTime: 13.175, endTime: 14.175, textStart: 0, textEnd: 18, text: 'Misunderstandings?' },
    ]);
    expect(cueWords(several!)).toEqual([]);
  });

  it('keeps offsets right through markup, entities and ruby annotations', () => {
    const [cue] = cuesOf(
      '1\n00:00:01.000 --> 00:00:05.000\n<v Joy><i>Tom &amp;</i> <00:00:02.000><ruby>漢<rt>kan</rt></ruby>字 <00:00:03.000><b>end</b>',
    );
    const words = cueWords(cue!);
    expect(words.map((word) => word.text)).toEqual(['Tom &', '漢字', 'end']);
    for (const word of words) expect(cue!.text.slice(word.textStart, word.textEnd)).toBe(word.text);
  });

  it('holds tags outside the cue to its range and skips empty runs', () => {
    const [cue] = cuesOf(
      '1\n00:00:02.000 --> 00:00:04.000\n<00:00:01.000>early <00:00:02.500> <00:00:09.000>late',
    );
    const words = cueWords(cue!);
    expect(words.map((word) => [word.text, word.startTime, word.endTime])).toEqual([
      ['early', 2, 3],
      ['late', 4, 4], // starts at the cue end: never current
    ]);
  });
});

describe(transcriptWords.name, () => {
  it('is null for a transcript without timestamp tags', () => {
    const cues = cuesOf(
      '1\n00:00:01.000 --> 00:00:02.000\n<v Joy>Hello\n\n2\n00:00:02.000 --> 00:00:03.000\nThere you are',
    );
    expect(cues.some(hasTimestampTags)).toBe(false);
    expect(transcriptWords(cues)).toBeNull();
  });

  it('answers the word being spoken, none between words, never early', () => {
    const words = transcriptWords(cuesOf(ALIGNED))!;
    expect(words.count).toBe(10);
    const textAt = (time: number) => {
      const at = wordPosition(words, words.index.indexAt(time));
      return at ? cueWords(cuesOf(ALIGNED)[at.cueIndex]!)[at.wordInCue]!.text : null;
    };
    expect(textAt(2.5)).toBe('Welcome');
    expect(textAt(3.1499)).toBe('to');
    expect(textAt(3.15)).toBe('the');
    expect(textAt(4.2)).toBeNull(); // between cues
    expect(textAt(7.475 + WORD_HOLD_LIMIT + 0.01)).toBeNull(); // a pause inside a cue
    expect(textAt(8.565)).toBe('about');
    expect(textAt(10.485)).toBeNull();
    expect(words.index.lookup(3.16).nextBoundary).toBe(3.27);
  });

  it('maps words to their cues and positions', () => {
    const words = transcriptWords(cuesOf(ALIGNED))!;
    expect(Array.from(words.firstWord)).toEqual([0, 5, 10]);
    expect(wordPosition(words, 6)).toEqual({ cueIndex: 1, wordInCue: 1 });
    expect(wordPosition(words, -1)).toBeNull();
    expect(wordPosition(words, 10)).toBeNull();
  });

  it('reads every word of the bundled transcript in order, inside its cue', () => {
    const text = readFileSync(
      'episodes/misunderstandings-and-stereotypes/transcript.en.vtt',
      'utf8',
    );
    const cues = parseVtt(text).document.cues;
    const words = transcriptWords(cues)!;
    expect(words.count).toBeGreaterThan(cues.length);
    for (let w = 0; w < words.count; w++) {
      const cue = cues[words.cueOf[w]!]!;
      expect(words.startTimes[w]).toBeGreaterThanOrEqual(cue.startTime);
      expect(words.endTimes[w]).toBeLessThanOrEqual(cue.endTime);
      if (w > 0 && words.cueOf[w - 1] === words.cueOf[w]) {
        expect(words.startTimes[w]).toBeGreaterThanOrEqual(words.startTimes[w - 1]!);
      }
    }
  });
});

describe(transcriptWordTables.name, () => {
  const bundled = () =>
    parseVtt(readFileSync('episodes/misunderstandings-and-stereotypes/transcript.en.vtt', 'utf8'))
      .document.cues;

  it('holds the same words, starts and ends as cueWords, cue by cue', () => {
    for (const cues of [bundled(), cuesOf(ALIGNED)]) {
      const tables = transcriptWordTables(cues)!;
      const expected = cues.map((cue) => cueWords(cue));
      expect(tables.count).toBe(expected.flat().length);
      cues.forEach((_, c) => {
        const from = tables.firstWord[c]!;
        expect(tables.firstWord[c + 1]! - from).toBe(expected[c]!.length);
        expected[c]!.forEach((word, i) => {
          expect(tables.startTimes[from + i]).toBe(word.startTime);
          expect(tables.endTimes[from + i]).toBe(word.endTime);
          expect(tables.cueOf[from + i]).toBe(c);
        });
      });
    }
  });

  it('answers as transcriptWords after a structured clone (the worker sends them over)', () => {
    const cues = bundled();
    const here = transcriptWords(cues)!;
    const sent = transcriptWordsFromTables(structuredClone(transcriptWordTables(cues)!));
    for (let t = 0; t < cues.at(-1)!.endTime + 1; t += 0.0371) {
      expect(sent.index.lookup(t)).toEqual(here.index.lookup(t));
    }
    expect(sent.bytes).toBe(here.bytes);
  });

  it('reports the bytes its typed arrays hold', () => {
    const words = transcriptWords(cuesOf(ALIGNED))!;
    // 10 words: start and end (8 + 8 bytes each), cue (4); first words of 2 cues and the end
    // (3 × 4); the index: 13 span boundaries (8 each), 12 spans with current and recent (4 + 4).
    expect(words.bytes).toBe(10 * 20 + 3 * 4 + 13 * 8 + 12 * 8);
  });

  it('indexes 10,000 cues with 100,000 timed words in typed arrays under 5 MB', () => {
    const folder = writeLongEpisode(mkdtempSync(path.join(tmpdir(), 'words-')), { words: true });
    const cues = parseVtt(readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8')).document
      .cues;
    // Its build time is a figure of `npm run bench -- --only words`, not a bar for a test.
    const words = transcriptWords(cues)!;
    expect(cues).toHaveLength(10_000);
    expect(words.count).toBe(100_000);
    // The word spoken 0.5 s into cue 5,000 (ten words a second from its start).
    const at = wordPosition(words, words.index.indexAt(cues[5000]!.startTime + 0.51));
    expect(at).toEqual({ cueIndex: 5000, wordInCue: 5 });
    // Typed arrays only: under 5 MB for 100,000 words.
    expect(words.bytes).toBeLessThan(5 * 1024 * 1024);
  });
});
