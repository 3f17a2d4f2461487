import { describe, expect, it } from 'vitest';
import { buildAlignedCues, alignedCuesToVtt } from '../../../src/core/align/aligned-cues.ts';
import type { AlignedWord } from '../../../src/core/align/aligner.ts';
import { layLines, splitTurn, type TimedWord } from '../../../src/core/align/cue-split.ts';
import {
  parsePublishedTranscript,
  transcriptWords,
} from '../../../src/core/align/published-transcript.ts';
import { checkCueFile } from '../../../src/core/episode-load.ts';
import { displayLength, profileFor } from '../../../src/core/reading-profile.ts';
import { parseVtt } from '../../../src/core/vtt-parse.ts';

/** Words of a paragraph spoken at `perWord` seconds each, from `start`. */
function spokenWords(text: string, start = 1, perWord = 0.3): TimedWord[] {
  const { transcript } = parsePublishedTranscript(`Joy: ${text}`);
  let at = start;
  return transcriptWords(transcript).map((word) => {
    if (!word.spoken) return { ...word, startTime: null, endTime: null };
    const timed = { ...word, startTime: at, endTime: at + perWord * 0.9 };
    at += perWord;
    return timed;
  });
}

/** Times for every spoken word of a transcript, `perWord` apart. */
function evenTimings(text: string, perWord: number): AlignedWord[] {
  const { transcript } = parsePublishedTranscript(text);
  return transcriptWords(transcript)
    .filter((word) => word.spoken)
    .map((_, i) => ({
      startTime: 1 + i * perWord,
      endTime: 1 + i * perWord + perWord * 0.9,
      cost: 0.5,
      onSpeech: 1,
    }));
}

const english = profileFor('en');
const korean = profileFor('ko');

describe(splitTurn.name, () => {
  it('keeps a short sentence whole, and starts each cue at its first word', () => {
    const words = spokenWords('Welcome to the Red Box!');
    const cues = splitTurn(words, english, null);
    expect(cues).toHaveLength(1);
    expect(cues[0]!.lines).toEqual(['Welcome to the Red Box!']);
    expect(cues[0]!.startTime).toBe(1);
  });

  it('splits long text at sentence ends first, within two lines of 42 and 7 s', () => {
    const words = spokenWords(
      'When I first came to South Korea, I was working part-time at a convenience store. I was still very young and had a very heavy North Korean accent. People asked me where I was from.',
    );
    const cues = splitTurn(words, english, null);
    for (const cue of cues) {
      expect(cue.lines.length).toBeLessThanOrEqual(2);
      for (const line of cue.lines) expect(displayLength(line, 'en')).toBeLessThanOrEqual(42);
      expect(cue.endTime - cue.startTime).toBeLessThanOrEqual(7 + 1e-9);
    }
    const texts = cues.map((cue) => cue.lines.join(' '));
    expect(texts.some((text) => text.endsWith('store.'))).toBe(true);
    expect(texts.some((text) => text.endsWith('accent.'))).toBe(true);
    // Never overlapping, always the minimum gap.
    for (let k = 1; k < cues.length; k++) {
      expect(cues[k]!.startTime - cues[k - 1]!.endTime).toBeGreaterThanOrEqual(
        english.minGap - 1e-9,
      );
    }
  });

  it('breaks lines after punctuation rather than in the middle of a phrase', () => {
    const words = spokenWords('If someone asked me that, I would tell them I lived well there.');
    const layout = layLines(words, 0, words.length, english)!;
    expect(layout.lines).toEqual([
      'If someone asked me that,',
      'I would tell them I lived well there.',
    ]);
  });

  it('keeps Korean lines within 16 display characters', () => {
    const words = spokenWords(
      '저는 북한에서 왔어요. 처음 한국에 왔을 때 편의점에서 아르바이트를 했어요. 아직 어렸고 북한 말투가 아주 강했어요.',
      1,
      0.45,
    );
    const cues = splitTurn(words, korean, null);
    expect(cues.length).toBeGreaterThan(1);
    for (const cue of cues) {
      for (const line of cue.lines) expect(displayLength(line, 'ko')).toBeLessThanOrEqual(16);
    }
  });

  it('ends a cue before the next turn starts, with the minimum gap', () => {
    const words = spokenWords('Right.');
    const [cue] = splitTurn(words, english, 1.5);
    expect(cue!.endTime).toBeCloseTo(1.5 - english.minGap, 6);
  });
});

describe(buildAlignedCues.name, () => {
  const text =
    'Jeongyol: I might have lived a wealthier life there [in North Korea].\n\nDasom: Right.';

  it('writes a Contract 1 transcript: ids, voices, timestamp tags, no tag on insertions', () => {
    const { transcript } = parsePublishedTranscript(text);
    const cues = buildAlignedCues(transcript, evenTimings(text, 0.3), english);
    const vtt = alignedCuesToVtt(cues);
    expect(vtt).toBe(
      [
        'WEBVTT',
        '',
        'c001',
        '00:00:01.000 --> 00:00:03.320',
        '<v Jeongyol>I <00:00:01.300>might <00:00:01.600>have <00:00:01.900>lived <00:00:02.200>a <00:00:02.500>wealthier <00:00:02.800>life <00:00:03.100>there',
        '[in North Korea].</v>',
        '',
        'c002',
        '00:00:03.400 --> 00:00:04.233',
        '<v Dasom>Right.</v>',
        '',
      ].join('\n'),
    );
    const parsed = parseVtt(vtt, {
      speakers: [
        { id: 'jeongyol', name: 'Jeongyol' },
        { id: 'dasom', name: 'Dasom' },
      ],
    });
    expect(parsed.findings).toEqual([]);
    expect(parsed.document.cues[0]!.text).toBe(
      'I might have lived a wealthier life there\n[in North Korea].',
    );
  });

  it('passes npm run check with no error', () => {
    const { transcript } = parsePublishedTranscript(text);
    const vtt = alignedCuesToVtt(buildAlignedCues(transcript, evenTimings(text, 0.3), english));
    const { findings } = checkCueFile(vtt, { file: 'a.vtt', kind: 'transcript', lang: 'en' });
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  });
});
