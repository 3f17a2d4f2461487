/** How the align bench scores an alignment: matching words, errors, speakers, the baseline. */
import { describe, expect, it } from 'vitest';
import { childrenCpuSeconds } from '../../scripts/bench/align-run.ts';
import {
  compareWithKnownCues,
  knownWords,
  lcsPairs,
  vttDisagreements,
} from '../../scripts/bench/align-reference.ts';
import {
  detectSpeech,
  errorFigures,
  evenSpreadStarts,
  placeTruthWords,
  scoreAlignment,
  scoreBaseline,
  type AlignReport,
  type ReportCue,
  type ReportWord,
} from '../../scripts/bench/align-score.ts';
import type { RecordingTruth, TruthWord } from '../../scripts/recordings/recording.ts';

const truthWord = (text: string, col: number, startTime: number, speaker = 'Mina'): TruthWord => ({
  text,
  speaker,
  paragraph: 0,
  line: 1,
  col,
  startTime,
  endTime: startTime + 0.2,
});

const reportWord = (text: string, col: number, startTime: number | null): ReportWord => ({
  text,
  startTime,
  endTime: startTime === null ? null : startTime + 0.2,
  timed: startTime !== null,
  line: 1,
  col,
});

const cue = (id: string, speaker: string, words: ReportWord[]): ReportCue => ({
  id,
  speaker,
  startTime: words.find((word) => word.timed)!.startTime!,
  endTime: 9,
  confidence: 0.3,
  placed: true,
  words,
});

const report = (cues: ReportCue[]): AlignReport => ({
  version: 1,
  ok: true,
  error: null,
  mediaDuration: 10,
  mismatch: { verdict: false, cost: 0.3, threshold: 0.6 },
  cues,
  findings: [],
  durations: { total: 1 },
});

// "Mina: Hello there [in Seoul] — friend. Tae: Yes."  (one line; cols in code points)
const TRUTH: RecordingTruth = {
  name: 'unit',
  lang: 'en',
  duration: 10,
  method: 'test',
  speakers: ['Mina', 'Tae'],
  turns: [],
  paragraphs: [],
  words: [
    truthWord('Hello', 7, 1.0),
    truthWord('there', 13, 1.4),
    truthWord('friend.', 31, 2.0),
    truthWord('Yes.', 44, 4.0, 'Tae'),
  ],
};

describe(placeTruthWords.name, () => {
  it('finds each spoken word in the report, also when punctuation was attached before it', () => {
    const cues = [
      cue('c001', 'Mina', [
        reportWord('Hello', 7, 1.05),
        reportWord('there', 13, 1.4),
        reportWord('[in', 19, null),
        reportWord('Seoul]', 23, null),
        reportWord('— friend.', 29, 2.1),
      ]),
      cue('c002', 'Tae', [reportWord('Yes.', 44, 4.0)]),
    ];
    expect(placeTruthWords(TRUTH.words, cues)).toEqual([
      { cue: 0, word: 0 },
      { cue: 0, word: 1 },
      { cue: 0, word: 4 },
      { cue: 1, word: 0 },
    ]);
  });

  it('gives null for a word no report word covers', () => {
    const cues = [cue('c001', 'Mina', [reportWord('Hello', 7, 1)])];
    expect(placeTruthWords(TRUTH.words, cues).slice(1)).toEqual([null, null, null]);
  });
});

describe(scoreAlignment.name, () => {
  it('measures word and cue start errors against the truth and checks every cue’s speaker', () => {
    const score = scoreAlignment(
      TRUTH,
      report([
        cue('c001', 'Mina', [reportWord('Hello', 7, 1.05), reportWord('there', 13, 1.3)]),
        cue('c002', 'Mina', [reportWord('friend.', 31, 2.2), reportWord('Yes.', 44, 4.0)]),
      ]),
    );
    expect(score.wordErrors.map((error) => Math.round(error * 1000))).toEqual([50, -100, 200, 0]);
    expect(score.cueErrors.map((error) => Math.round(error * 1000))).toEqual([50, 200]);
    expect(score.spokenWords).toBe(4);
    // c002 holds Tae's "Yes." under Mina's name.
    expect([score.speakersRight, score.cueCount, score.wrongSpeakers]).toEqual([1, 2, ['c002']]);
    expect(score.unplacedTruthWords).toBe(0);
    expect(score.worstCue?.id).toBe('c002');
    expect(score.worstCue?.error).toBeCloseTo(0.2, 6);
  });

  it('counts untimed words as not timed, and speakers ignoring case', () => {
    const score = scoreAlignment(
      TRUTH,
      report([
        cue('c001', 'mina', [
          reportWord('Hello', 7, 1.0),
          reportWord('there', 13, null),
          reportWord('friend.', 31, 2.0),
        ]),
        cue('c002', 'TAE', [reportWord('Yes.', 44, 4.0)]),
      ]),
    );
    expect(score.wordErrors).toHaveLength(3);
    expect(score.speakersRight).toBe(2);
  });
});

describe(errorFigures.name, () => {
  it('reports absolute errors in milliseconds', () => {
    const figures = errorFigures([0.01, -0.02, 0.03, -0.04, 0.5]);
    expect(figures).toEqual({ count: 5, median: 30, p90: 500, p95: 500, max: 500 });
  });
});

describe(detectSpeech.name, () => {
  it('finds loud stretches over a quiet floor, bridging short gaps', () => {
    const rate = 16_000;
    const samples = new Float32Array(rate * 4);
    const tone = (from: number, to: number) => {
      for (let i = from * rate; i < to * rate; i++) samples[i] = 0.2 * Math.sin(i / 3);
    };
    for (let i = 0; i < samples.length; i++) samples[i] = 0.0005 * Math.sin(i * 1.7);
    tone(0.5, 1.2);
    tone(1.3, 1.8); // a 100 ms gap: bridged
    tone(2.5, 3.0);
    const regions = detectSpeech(samples, rate);
    expect(regions).toHaveLength(2);
    expect(regions[0]![0]).toBeCloseTo(0.5, 2);
    expect(regions[0]![1]).toBeCloseTo(1.8, 2);
    expect(regions[1]![0]).toBeCloseTo(2.5, 2);
    expect(regions[1]![1]).toBeCloseTo(3.0, 2);
  });
});

describe(evenSpreadStarts.name, () => {
  it('spreads words by their letters over the speech, skipping the pauses', () => {
    // 4 + 4 + 2 letters over 1 s of speech in two regions.
    const starts = evenSpreadStarts(
      ['abcd', 'ef,gh', 'ij'],
      [
        [1, 1.5],
        [3, 3.5],
      ],
    );
    expect(starts[0]).toBeCloseTo(1, 6);
    expect(starts[1]).toBeCloseTo(1.4, 6);
    expect(starts[2]).toBeCloseTo(3.3, 6);
  });
});

describe(scoreBaseline.name, () => {
  it('scores the baseline’s starts for every word and for the aligner’s cues', () => {
    const aligned = report([
      cue('c001', 'Mina', [reportWord('Hello', 7, 1), reportWord('there', 13, 1.4)]),
      cue('c002', 'Mina', [reportWord('friend.', 31, 2)]),
      cue('c003', 'Tae', [reportWord('Yes.', 44, 4)]),
    ]);
    const score = scoreBaseline(TRUTH, [1.1, 1.4, 2.3, 3.9], aligned);
    expect(score.wordErrors.map((error) => Math.round(error * 1000))).toEqual([100, 0, 300, -100]);
    expect(score.cueErrors.map((error) => Math.round(error * 1000))).toEqual([100, 300, -100]);
  });
});

describe(lcsPairs.name, () => {
  it('lines up two word lists that differ by insertions and deletions', () => {
    const pairs = lcsPairs(['a', 'b', 'x', 'c', 'd'], ['a', 'c', 'y', 'd']);
    expect([...pairs]).toEqual([
      [0, 0],
      [3, 1],
      [4, 3],
    ]);
  });
});

const KNOWN = `WEBVTT

c001
00:00:01.000 --> 00:00:03.000
<v Mina>Hello <00:00:01.400>there [in Seoul]

c002
00:00:03.500 --> 00:00:05.000
<v Mina>— friend.

c003
00:00:05.500 --> 00:00:06.000
<v Tae>[laughs] Yes.
`;

describe(knownWords.name, () => {
  it('gives a cue’s first spoken word the cue start and a tagged word the tag’s time', () => {
    const { words } = knownWords(KNOWN);
    expect(words.map((word) => [word.word, word.cue, word.startTime, word.opensCue])).toEqual([
      ['hello', 0, 1, true],
      ['there', 0, 1.4, false],
      ['in', 0, null, false],
      ['seoul', 0, null, false],
      ['friend', 1, 3.5, true],
      ['laughs', 2, null, false],
      ['yes', 2, 5.5, true],
    ]);
  });
});

describe(compareWithKnownCues.name, () => {
  it('compares known cue and word starts with the aligned words, matched by text', () => {
    const aligned = [
      cue('c001', 'Mina', [
        reportWord('Hello', 1, 1.02),
        reportWord('there', 2, 1.45),
        reportWord('[in', 3, null),
        reportWord('Seoul]', 4, null),
        reportWord('— friend.', 5, 3.6),
        reportWord('Yes.', 6, 5.5),
      ]),
    ];
    const result = compareWithKnownCues(KNOWN, aligned);
    expect(result.cueErrors.map((error) => Math.round(error * 1000))).toEqual([20, 100, 0]);
    expect(result.wordErrors.map((error) => Math.round(error * 1000))).toEqual([50]);
    expect([result.cueCount, result.cuesUnmatched]).toEqual([3, 0]);
  });
});

describe(vttDisagreements.name, () => {
  const matching = report([
    cue('c001', 'Mina', [
      reportWord('Hello', 1, 1),
      reportWord('there', 2, 1.4),
      reportWord('[in', 3, null),
      reportWord('Seoul]', 4, null),
    ]),
    cue('c002', 'Mina', [reportWord('— friend.', 5, 3.5)]),
    cue('c003', 'Tae', [reportWord('Yes.', 6, 5.5)]),
  ]);

  it('finds nothing when the file says what the report says', () => {
    expect(vttDisagreements(KNOWN, matching)).toEqual([]);
  });

  it('names cues whose start or speaker differ, and word tags that differ', () => {
    const differing = report([
      { ...matching.cues[0]!, words: [reportWord('Hello', 1, 1), reportWord('there', 2, 1.5)] },
      { ...matching.cues[1]!, startTime: 3.6 },
      { ...matching.cues[2]!, speaker: 'Mina' },
    ]);
    expect(vttDisagreements(KNOWN, differing)).toEqual([
      'c002 starts at 3.5 in the file, 3.6 in the report',
      "c003 is Tae's in the file, Mina's in the report",
      "1 timestamp tags differ from the report's word starts",
    ]);
  });
});

describe(childrenCpuSeconds.name, () => {
  it('adds user and system time of the children from bash’s times', () => {
    expect(childrenCpuSeconds('0m0.010s 0m0.002s\n1m2.500s 0m0.750s\n')).toBeCloseTo(63.25, 6);
    expect(childrenCpuSeconds('')).toBeNaN();
  });
});
