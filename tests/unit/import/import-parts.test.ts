import { describe, expect, it } from 'vitest';
import { parsePublishedTranscript } from '../../../src/core/align/published-transcript.ts';
import {
  lineUpTranslation,
  translationToVtt,
} from '../../../src/core/import/caption-translations.ts';
import { castFromTranscript, speakerIdFromName } from '../../../src/core/import/cast.ts';
import { languageLabel, titleFromFileName } from '../../../src/core/import/episode-manifest.ts';
import {
  chaptersOf,
  chaptersToVtt,
  findQuestions,
} from '../../../src/core/import/question-chapters.ts';
import { pairWords, similarKeys, wordKey } from '../../../src/core/import/word-match.ts';
import { checkCueFile } from '../../../src/core/episode-load.ts';

describe(pairWords.name, () => {
  it('pairs equal words in order and similar ones inside the stretches that differ', () => {
    const a = ['im', 'gonna', 'tell', 'you', 'about', 'the', 'colour'];
    const b = ['i', 'am', 'going', 'to', 'tell', 'you', 'about', 'the', 'color'];
    const { aToB, exact } = pairWords(a, b);
    expect(aToB).toEqual([-1, -1, 4, 5, 6, 7, 8]);
    expect(exact).toBe(4);
  });
  it('compares words by letters and digits only', () => {
    expect(wordKey('Korea,')).toBe('korea');
    expect(wordKey('“Don’t')).toBe('dont');
    expect(similarKeys('smartphone', 'smartphones')).toBe(true);
    expect(similarKeys('ya', 'you')).toBe(false);
  });
});

describe(castFromTranscript.name, () => {
  const { transcript } = parsePublishedTranscript(
    'Speaker K: Hi.\n\nZoë: Hello.\n\n지민: 안녕.\n\nspeaker k: Again.\n\nSpeaker-K: Another one.\n',
  );
  it('derives ids from names, unique, in order of first appearance, anonymous where asked', () => {
    const cast = castFromTranscript(transcript, ['speaker k']);
    expect(cast.speakers).toEqual([
      { id: 'speaker-k', name: 'Speaker K', anonymous: true },
      { id: 'zoe', name: 'Zoë' },
      { id: 'speaker-3', name: '지민' },
      { id: 'speaker-k-2', name: 'Speaker-K' },
    ]);
    expect(cast.unknownAnonymous).toEqual([]);
  });
  it('reports anonymous names no turn has', () => {
    expect(castFromTranscript(transcript, ['Nobody']).unknownAnonymous).toEqual(['Nobody']);
    expect(speakerIdFromName('  Jeong-yol  ')).toBe('jeong-yol');
  });
});

describe(findQuestions.name, () => {
  const cues = [
    { id: 'c001', startTime: 1, text: 'Welcome to the Red Box!' },
    { id: 'c002', startTime: 3, text: 'Are there any misunderstandings about the North Korean' },
    { id: 'c003', startTime: 6, text: 'people that make you feel uncomfortable?' },
    { id: 'c004', startTime: 9, text: 'What food do you miss the most?' },
  ];
  it('finds a question at the cue where its first words are read, tolerating small differences', () => {
    const found = findQuestions(
      [
        'What foods do you miss most',
        'Are there any misunderstandings about North Korean people that make you uncomfortable?',
        'Who is your favourite singer?',
      ],
      cues,
    );
    expect(found.map((question) => question.cueIndex)).toEqual([3, 1, -1]);
    const { chapters, clashes } = chaptersOf(found, cues, 20);
    expect(clashes).toEqual([]);
    expect(chapters).toEqual([
      {
        id: 'q1',
        startTime: 3,
        endTime: 9,
        question:
          'Are there any misunderstandings about North Korean people that make you uncomfortable?',
      },
      { id: 'q2', startTime: 9, endTime: 20, question: 'What foods do you miss most' },
    ]);
    const vtt = chaptersToVtt(chapters);
    expect(checkCueFile(vtt, { file: 'chapters.en.vtt', kind: 'chapters' }).findings).toEqual([]);
  });
});

describe(lineUpTranslation.name, () => {
  const source = [
    { id: 'c001', startTime: 1, endTime: 3, voice: 'Joy' },
    { id: 'c002', startTime: 3.1, endTime: 5, voice: null },
    { id: 'c003', startTime: 5.5, endTime: 8, voice: 'Dasom' },
  ];
  const caption = (startTime: number, endTime: number, text: string, line: number) => ({
    id: '',
    startTime,
    endTime,
    text,
    line,
  });
  it('keeps captions that line up one to one, with the source ids and their own timing', () => {
    const lineUp = lineUpTranslation(source, [
      caption(1.02, 2.98, '안녕하세요', 1),
      caption(3.1, 5, '반갑습니다', 5),
      caption(5.5, 8.1, '네 & 맞아요 <웃음>', 9),
    ]);
    expect(lineUp.oneToOne).toBe(true);
    expect(lineUp.cues.map((cue) => [cue.id, cue.startTime, cue.text])).toEqual([
      ['c001', 1.02, '안녕하세요'],
      ['c002', 3.1, '반갑습니다'],
      ['c003', 5.5, '네 & 맞아요 <웃음>'],
    ]);
    const vtt = translationToVtt(lineUp.cues, 'Imported.');
    expect(vtt).toContain('<v Dasom>네 &amp; 맞아요 &lt;웃음></v>');
    const speakers = [
      { id: 'joy', name: 'Joy' },
      { id: 'dasom', name: 'Dasom' },
    ];
    const errors = checkCueFile(vtt, {
      file: 'transcript.ko.vtt',
      kind: 'transcript',
      speakers,
    }).findings.filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([]);
  });
  it('gives each cue the captions overlapping it most when they do not line up, and says so', () => {
    const lineUp = lineUpTranslation(source, [
      caption(1, 2, 'one', 1),
      caption(2, 3, 'two', 5),
      caption(5.6, 8, 'three', 9),
      caption(20, 21, 'stray', 13),
    ]);
    expect(lineUp.oneToOne).toBe(false);
    expect(lineUp.cues.map((cue) => [cue.id, cue.startTime, cue.text])).toEqual([
      ['c001', 1, 'one\ntwo'],
      ['c002', 3.1, ''],
      ['c003', 5.5, 'three'],
    ]);
    expect(lineUp.mergedIds).toEqual(['c001']);
    expect(lineUp.emptyIds).toEqual(['c002']);
    expect(lineUp.unplacedLines).toEqual([13]);
  });
});

describe('episode.json defaults', () => {
  it('names languages in their own words and titles from file names', () => {
    expect(languageLabel('en')).toBe('English');
    expect(languageLabel('ko')).toBe('한국어');
    expect(titleFromFileName('/tmp/the-red-box_first-winter.txt')).toBe('The red box first winter');
  });
});
