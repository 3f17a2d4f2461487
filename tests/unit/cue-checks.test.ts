import { describe, expect, it } from 'vitest';
import type { Finding, RuleId } from '../../src/core/cue-model.ts';
import {
  checkChapters,
  checkEpisode,
  checkTranscript,
  checkTranslation,
  sortFindings,
} from '../../src/core/cue-checks.ts';
import {
  checkDuration,
  checkGap,
  checkLineLength,
  checkReadingSpeed,
} from '../../src/core/checks/cue-rules.ts';
import { checkCueFile } from '../../src/core/episode-load.ts';
import { profileFor } from '../../src/core/reading-profile.ts';

/** A cue file from its lines: line n of the file is `lines[n - 1]`. */
const file = (...lines: string[]): string => lines.join('\n') + '\n';

const CAST = [
  { id: 'joy', name: 'Joy' },
  { id: 'dasom', name: 'Dasom' },
];

function check(text: string, options: Partial<Parameters<typeof checkCueFile>[1]> = {}): Finding[] {
  return checkCueFile(text, {
    file: 'transcript.en.vtt',
    kind: 'transcript',
    lang: 'en',
    speakers: CAST,
    ...options,
  }).findings;
}

function load(text: string, name: string, kind: 'transcript' | 'chapters' = 'transcript') {
  return checkCueFile(text, { file: name, kind, lang: 'en', speakers: CAST }).file;
}

const ofRule = (findings: readonly Finding[], rule: RuleId) =>
  findings
    .filter((finding) => finding.rule === rule)
    .map(({ rule: r, severity, line, col, cueId }) => ({ rule: r, severity, line, col, cueId }));

describe('structural errors (from parsing, reported by checkCueFile)', () => {
  it('reports a file without the WEBVTT signature at 1:1 as webvtt-syntax', () => {
    const broken = file('WEBVTX', '', 'c1', '00:00:01.000 --> 00:00:03.000', '<v Joy>Hello.');
    expect(ofRule(check(broken), 'webvtt-syntax')).toEqual([
      { rule: 'webvtt-syntax', severity: 'error', line: 1, col: 1, cueId: undefined },
    ]);
    expect(ofRule(check(broken.replace('WEBVTX', 'WEBVTT')), 'webvtt-syntax')).toEqual([]);
  });

  it('reports a malformed timestamp at the bad digits as webvtt-syntax', () => {
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:0x.000', '<v Joy>Hello.');
    expect(ofRule(check(broken), 'webvtt-syntax')).toEqual([
      { rule: 'webvtt-syntax', severity: 'error', line: 4, col: 25, cueId: undefined },
    ]);
  });

  it('reports a cue without id at its timing line as missing-id', () => {
    const broken = file('WEBVTT', '', '00:00:01.000 --> 00:00:03.000', '<v Joy>Hello.');
    expect(ofRule(check(broken), 'missing-id')).toEqual([
      { rule: 'missing-id', severity: 'error', line: 3, col: 1, cueId: undefined },
    ]);
    const fixed = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:03.000', '<v Joy>Hello.');
    expect(check(fixed)).toEqual([]);
  });

  it('reports the second use of an id at that cue as duplicate-id', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:03.000',
      '<v Joy>Hello.',
      '',
      'c1',
      '00:00:04.000 --> 00:00:06.000',
      'Again.',
    );
    expect(ofRule(check(broken), 'duplicate-id')).toEqual([
      { rule: 'duplicate-id', severity: 'error', line: 7, col: 1, cueId: 'c1' },
    ]);
    expect(ofRule(check(broken.replace(/c1\n00:00:04/, 'c2\n00:00:04')), 'duplicate-id')).toEqual(
      [],
    );
  });

  it('reports a first transcript cue without a voice span at its text as missing-speaker', () => {
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:03.000', 'Hello.');
    expect(ofRule(check(broken), 'missing-speaker')).toEqual([
      { rule: 'missing-speaker', severity: 'error', line: 5, col: 1, cueId: 'c1' },
    ]);
    expect(ofRule(check(broken.replace('Hello', '<v Joy>Hello')), 'missing-speaker')).toEqual([]);
  });

  it('reports a first cue without speaker also when the file is checked without a cast', () => {
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:03.000', 'Hello.');
    expect(ofRule(check(broken, { speakers: undefined }), 'missing-speaker')).toEqual([
      { rule: 'missing-speaker', severity: 'error', line: 5, col: 1, cueId: 'c1' },
    ]);
    const fixed = broken.replace('Hello', '<v Anyone>Hello');
    expect(check(fixed, { speakers: undefined })).toEqual([]);
  });

  it('reports a voice naming nobody in the cast at the name as unknown-speaker', () => {
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:03.000', '<v Jyo>Hello.');
    const findings = check(broken);
    expect(ofRule(findings, 'unknown-speaker')).toEqual([
      { rule: 'unknown-speaker', severity: 'error', line: 5, col: 4, cueId: 'c1' },
    ]);
    expect(findings[0]!.message).toContain('did you mean "Joy"');
    expect(ofRule(check(broken.replace('Jyo', 'joy')), 'unknown-speaker')).toEqual([]);
  });

  it('reports a raw "&" at the "&" itself', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:03.000',
      '<v Joy>Salt & pepper.',
    );
    expect(ofRule(check(broken), 'raw-ampersand')).toEqual([
      { rule: 'raw-ampersand', severity: 'error', line: 5, col: 13, cueId: 'c1' },
    ]);
    expect(check(broken.replace('& ', '&amp; '))).toEqual([]);
  });

  it('reports a raw "<" at the "<" itself', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:03.000',
      '<v Joy>One is',
      'less than 2 < 3.',
    );
    expect(ofRule(check(broken), 'raw-less-than')).toEqual([
      { rule: 'raw-less-than', severity: 'error', line: 6, col: 13, cueId: 'c1' },
    ]);
    expect(ofRule(check(broken.replace('< 3', '&lt; 3')), 'raw-less-than')).toEqual([]);
  });
});

describe(checkChapters.name, () => {
  const chapters = (secondStart: string) =>
    file(
      'WEBVTT',
      '',
      'q1',
      '00:00:01.000 --> 00:00:10.000',
      'What was hard?',
      '',
      'q2',
      `${secondStart} --> 00:00:20.000`,
      'What helped?',
    );

  it('reports a chapter starting before the previous one ends at its timing line', () => {
    const findings = checkChapters(load(chapters('00:00:09.000'), 'chapters.en.vtt', 'chapters'));
    expect(ofRule(findings, 'chapter-overlap')).toEqual([
      { rule: 'chapter-overlap', severity: 'error', line: 8, col: 1, cueId: 'q2' },
    ]);
    expect(findings[0]!.message).toContain('00:00:10.000');
  });

  it('accepts a chapter starting exactly where the previous one ends', () => {
    expect(checkChapters(load(chapters('00:00:10.000'), 'chapters.en.vtt', 'chapters'))).toEqual(
      [],
    );
  });

  it('reports a chapter nested inside another (chapters must not overlap at all)', () => {
    const nested = file(
      'WEBVTT',
      '',
      'q1',
      '00:00:01.000 --> 00:00:30.000',
      'Outer?',
      '',
      'q2',
      '00:00:05.000 --> 00:00:06.000',
      'Inner?',
      '',
      'q3',
      '00:00:07.000 --> 00:00:40.000',
      'After?',
    );
    const findings = checkChapters(load(nested, 'chapters.en.vtt', 'chapters'));
    expect(ofRule(findings, 'chapter-overlap').map((f) => f.cueId)).toEqual(['q2', 'q3']);
  });

  it('does not ask chapters for speakers or subtitle timings', () => {
    const text = file('WEBVTT', '', 'q1', '00:00:01.000 --> 00:01:00.000', 'A long question?');
    expect(
      checkCueFile(text, { file: 'c.vtt', kind: 'chapters', speakers: CAST }).findings,
    ).toEqual([]);
  });
});

describe('reading-speed', () => {
  it('reports a cue read faster than 20 characters per second in English at its text line', () => {
    // 44 characters in 2 s: 22 CPS.
    const text = 'When I first came here, I was very young too';
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:03.000', `<v Joy>${text}`);
    expect(ofRule(check(broken), 'reading-speed')).toEqual([
      { rule: 'reading-speed', severity: 'warning', line: 5, col: 1, cueId: 'c1' },
    ]);
    const message = check(broken).find((f) => f.rule === 'reading-speed')!.message;
    expect(message).toMatch(/22\.0 characters per second .* 20/);
    const fixed = broken.replace('00:00:03.000', '00:00:03.500');
    expect(ofRule(check(fixed), 'reading-speed')).toEqual([]);
  });

  it('applies 12 CPS to Korean, counting half-width characters as 0.5', () => {
    // 13 Hangul + 3 spaces + "OK" = 13 + 3 * 0.5 + 2 * 0.5 = 15.5 in 1 s; in 1.3 s it is 11.9.
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:02.000',
      '<v Joy>편의점에서 일했어요 OK 정말로요',
    );
    expect(ofRule(check(broken, { lang: 'ko' }), 'reading-speed')).toHaveLength(1);
    const fixed = broken.replace('00:00:02.000', '00:00:02.300');
    expect(ofRule(check(fixed, { lang: 'ko' }), 'reading-speed')).toEqual([]);
  });

  it('uses the 17 CPS English Template when asked', () => {
    const cue = {
      id: 'c1',
      startTime: 0,
      endTime: 2,
      text: 'x'.repeat(36),
      timingLine: 4,
      line: 3,
      settings: '',
      segments: [],
      voice: null,
      speakerId: null,
    };
    const context = { file: 'f', profile: profileFor('en') };
    expect(checkReadingSpeed(cue, context)).toEqual([]);
    const template = { file: 'f', profile: profileFor('en', { englishTemplate: true }) };
    expect(checkReadingSpeed(cue, template)).toHaveLength(1);
  });
});

describe('line-length', () => {
  it('reports a line over 42 characters at the first column past the limit', () => {
    // "<v Joy>" takes 7 columns; "&amp;" is one displayed character.
    const line = '<v Joy>Salt &amp; pepper were the first things I bought there';
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:05.000', line);
    // Displayed: "Salt & pepper were the first things I boug|ht there": the 43rd character
    // is the "h" of "bought", written at column 7 + 4 (the entity's extra) + 43 = 54.
    expect(line[53]).toBe('h');
    expect(ofRule(check(broken), 'line-length')).toEqual([
      { rule: 'line-length', severity: 'warning', line: 5, col: 54, cueId: 'c1' },
    ]);
    const fixed = broken.replace('were the first', 'were the first\n');
    expect(ofRule(check(fixed), 'line-length')).toEqual([]);
  });

  it('reports the second line when it is the long one', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:06.000',
      '<v Joy>I was still very young',
      'and had a very, very heavy North Korean accent.',
    );
    expect(ofRule(check(broken), 'line-length')).toEqual([
      { rule: 'line-length', severity: 'warning', line: 6, col: 43, cueId: 'c1' },
    ]);
  });

  it('allows 16 in Korean, where "abc" counts 1.5', () => {
    const context = { file: 'f', profile: profileFor('ko') };
    const cue = (text: string) => ({
      id: 'c1',
      startTime: 0,
      endTime: 5,
      text,
      rawText: text,
      timingLine: 4,
      line: 3,
      settings: '',
      segments: [],
      voice: null,
      speakerId: null,
    });
    // 14 Hangul + " abc" (2) = 16: fits.
    expect(checkLineLength(cue('가나다라마바사아자차카타파하 abc'), context)).toEqual([]);
    // 15 Hangul + " abc" = 17: after 15 + 0.5 + 0.5, the "b" (column 18) takes it past 16.
    const findings = checkLineLength(cue('가나다라마바사아자차카타파하가 abc'), context);
    expect(findings.map((f) => [f.line, f.col])).toEqual([[5, 18]]);
  });
});

describe('line-count', () => {
  it('reports a third line at that line', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:06.000',
      '<v Joy>When I first came to South Korea,',
      'I was working part-time at a store',
      'in the middle of Seoul.',
    );
    expect(ofRule(check(broken), 'line-count')).toEqual([
      { rule: 'line-count', severity: 'warning', line: 7, col: 1, cueId: 'c1' },
    ]);
  });

  it('reports two lines that would fit on one line at the second line', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:03.000',
      '<v Joy>Welcome to',
      'the Red Box!',
    );
    expect(ofRule(check(broken), 'line-count')).toEqual([
      { rule: 'line-count', severity: 'warning', line: 6, col: 1, cueId: 'c1' },
    ]);
    expect(check(broken.replace('to\nthe', 'to the'))).toEqual([]);
  });
});

describe('duration', () => {
  it('reports a cue shorter than 5/6 s at its end timestamp', () => {
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:01.500', '<v Joy>Hi!');
    expect(ofRule(check(broken), 'duration')).toEqual([
      { rule: 'duration', severity: 'warning', line: 4, col: 18, cueId: 'c1' },
    ]);
    expect(check(broken.replace('01.500', '01.833'))).toEqual([]);
  });

  it('reports a cue longer than 7 s at its end timestamp', () => {
    const broken = file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:08.500', '<v Joy>Hi!');
    const findings = ofRule(check(broken), 'duration');
    expect(findings).toEqual([
      { rule: 'duration', severity: 'warning', line: 4, col: 18, cueId: 'c1' },
    ]);
    expect(check(broken.replace('08.500', '08.000'))).toEqual([]);
  });

  it('points at column 1 when the file text is not known (an edited row)', () => {
    const cue = {
      id: 'c1',
      startTime: 1,
      endTime: 1.2,
      text: 'Hi',
      timingLine: 4,
      line: 3,
      settings: '',
      segments: [],
      voice: null,
      speakerId: null,
    };
    expect(checkDuration(cue, { file: 'f', profile: profileFor('en') })[0]).toMatchObject({
      line: 4,
      col: 1,
    });
  });
});

describe('gap', () => {
  const pair = (firstEnd: string, secondStart: string) =>
    file(
      'WEBVTT',
      '',
      'c1',
      `00:00:01.000 --> ${firstEnd}`,
      '<v Joy>When I first came here,',
      '',
      'c2',
      `${secondStart} --> 00:00:06.000`,
      'I was very young.',
    );

  it("reports cues that touch (no gap) at the first cue's end timestamp", () => {
    const findings = check(pair('00:00:03.000', '00:00:03.000'));
    expect(ofRule(findings, 'gap')).toEqual([
      { rule: 'gap', severity: 'warning', line: 4, col: 18, cueId: 'c1' },
    ]);
    expect(findings[0]!.message).toContain('00:00:02.920');
  });

  it('reports a gap of less than 2 frames (25 fps: 80 ms)', () => {
    expect(ofRule(check(pair('00:00:03.000', '00:00:03.040')), 'gap')).toHaveLength(1);
  });

  it('reports a gap above 2 frames but at most 0.5 s: close it to 2 frames', () => {
    const findings = check(pair('00:00:03.000', '00:00:03.500'));
    expect(ofRule(findings, 'gap')).toEqual([
      { rule: 'gap', severity: 'warning', line: 4, col: 18, cueId: 'c1' },
    ]);
    expect(findings[0]!.message).toMatch(/close it to 2 frames/);
  });

  it('accepts a gap of exactly 2 frames or more than 0.5 s', () => {
    expect(check(pair('00:00:03.000', '00:00:03.080'))).toEqual([]);
    expect(check(pair('00:00:03.000', '00:00:03.501'))).toEqual([]);
  });

  it('measures 2 frames at the episode frame rate (30 fps: 67 ms)', () => {
    expect(check(pair('00:00:03.000', '00:00:03.067'), { frameRate: 30 })).toEqual([]);
    // 70 ms is 2.1 frames: a frame-accurate player shows 2.
    expect(check(pair('00:00:03.000', '00:00:03.070'), { frameRate: 30 })).toEqual([]);
    // 100 ms is 3 frames at 30 fps: close it to 2.
    expect(ofRule(check(pair('00:00:03.000', '00:00:03.100'), { frameRate: 30 }), 'gap')).toEqual([
      { rule: 'gap', severity: 'warning', line: 4, col: 18, cueId: 'c1' },
    ]);
  });

  it('is reusable on one pair of cues', () => {
    const cue = (id: string, startTime: number, endTime: number) => ({
      id,
      startTime,
      endTime,
      text: 'Hi',
      timingLine: 4,
      line: 3,
      settings: '',
      segments: [],
      voice: null,
      speakerId: null,
    });
    const context = { file: 'f', profile: profileFor('en') };
    expect(checkGap(cue('a', 0, 1), cue('b', 1, 2), context)).toHaveLength(1);
    expect(checkGap(cue('a', 0, 1), cue('b', 2, 3), context)).toEqual([]);
  });
});

describe('cue-overlap', () => {
  it('reports a cue starting before the previous one ends at its timing line', () => {
    const broken = file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:03.000',
      '<v Joy>When I first came here,',
      '',
      'c2',
      '00:00:02.500 --> 00:00:05.000',
      '<v Dasom>Me too.',
    );
    expect(ofRule(check(broken), 'cue-overlap')).toEqual([
      { rule: 'cue-overlap', severity: 'warning', line: 8, col: 1, cueId: 'c2' },
    ]);
    expect(ofRule(check(broken), 'gap')).toEqual([]);
    expect(check(broken.replace('00:00:02.500', '00:00:03.600'))).toEqual([]);
  });
});

describe(checkTranslation.name, () => {
  const source = load(
    file(
      'WEBVTT',
      '',
      'c1',
      '00:00:01.000 --> 00:00:03.000',
      '<v Joy>When I first came here,',
      '',
      'c2',
      '00:00:04.000 --> 00:00:06.000',
      'I was very young.',
      '',
      'c3',
      '00:00:07.000 --> 00:00:09.000',
      '<v Dasom>Me too.',
    ),
    'transcript.en.vtt',
  );
  const korean = (...cues: string[][]) =>
    load(
      file('WEBVTT', '', ...cues.flatMap((cue, i) => (i ? ['', ...cue] : cue))),
      'transcript.ko.vtt',
    );
  const c1 = ['c1', '00:00:01.000 --> 00:00:03.000', '<v Joy>처음 왔을 때'];
  const c2 = ['c2', '00:00:04.000 --> 00:00:06.000', '아주 어렸어요.'];
  const c3 = ['c3', '00:00:07.000 --> 00:00:09.000', '<v Dasom>저도요.'];

  it('accepts a complete translation', () => {
    expect(checkTranslation(source, korean(c1, c2, c3))).toEqual([]);
  });

  it('reports a missing id where the cue belongs: before the next cue the translation has', () => {
    const findings = checkTranslation(source, korean(c1, c3));
    expect(ofRule(findings, 'missing-translation')).toEqual([
      { rule: 'missing-translation', severity: 'error', line: 7, col: 1, cueId: 'c2' },
    ]);
    expect(findings[0]!.message).toContain('"c2"');
    expect(findings[0]!.file).toBe('transcript.ko.vtt');
  });

  it('reports a missing last cue on the last line of the translation', () => {
    expect(ofRule(checkTranslation(source, korean(c1, c2)), 'missing-translation')).toEqual([
      { rule: 'missing-translation', severity: 'error', line: 9, col: 1, cueId: 'c3' },
    ]);
  });

  it('reports every id at line 1 col 1 of an empty translation', () => {
    const empty = load(file('WEBVTT'), 'transcript.ko.vtt');
    expect(ofRule(checkTranslation(source, empty), 'missing-translation')).toEqual(
      ['c1', 'c2', 'c3'].map((cueId) => ({
        rule: 'missing-translation',
        severity: 'error',
        line: 1,
        col: 1,
        cueId,
      })),
    );
  });

  it('reports an id the source lacks at that cue', () => {
    const extra = ['c9', '00:00:10.000 --> 00:00:12.000', '더 있어요.'];
    expect(
      ofRule(checkTranslation(source, korean(c1, c2, c3, extra)), 'extra-translation'),
    ).toEqual([{ rule: 'extra-translation', severity: 'error', line: 15, col: 1, cueId: 'c9' }]);
  });

  it('reports a start more than 0.5 s off the source at the start timestamp', () => {
    const drifted = ['c2', '00:00:04.600 --> 00:00:06.000', '아주 어렸어요.'];
    const findings = checkTranslation(source, korean(c1, drifted, c3));
    expect(ofRule(findings, 'timing-drift')).toEqual([
      { rule: 'timing-drift', severity: 'warning', line: 8, col: 1, cueId: 'c2' },
    ]);
    expect(findings[0]!.message).toContain('00:00:04.000');
  });

  it('reports an end more than 0.5 s off the source at the end timestamp', () => {
    const drifted = ['c2', '00:00:04.000 --> 00:00:05.400', '아주 어렸어요.'];
    expect(ofRule(checkTranslation(source, korean(c1, drifted, c3)), 'timing-drift')).toEqual([
      { rule: 'timing-drift', severity: 'warning', line: 8, col: 18, cueId: 'c2' },
    ]);
  });

  it('accepts drift of 0.5 s exactly', () => {
    const drifted = ['c2', '00:00:04.500 --> 00:00:05.500', '아주 어렸어요.'];
    expect(checkTranslation(source, korean(c1, drifted, c3))).toEqual([]);
  });

  it('reports a translated cue spoken by someone else at its voice name', () => {
    const changed = ['c3', '00:00:07.000 --> 00:00:09.000', '<v Joy>저도요.'];
    const findings = checkTranslation(source, korean(c1, c2, changed), { speakers: CAST });
    expect(ofRule(findings, 'speaker-changed')).toEqual([
      { rule: 'speaker-changed', severity: 'warning', line: 13, col: 4, cueId: 'c3' },
    ]);
    expect(findings[0]!.message).toContain('Dasom');
  });

  it('reports a carried-forward speaker that differs at the text line', () => {
    // Without a voice span c3 keeps Joy from c1, but the source's c3 is Dasom.
    const carried = ['c3', '00:00:07.000 --> 00:00:09.000', '저도요.'];
    expect(ofRule(checkTranslation(source, korean(c1, c2, carried)), 'speaker-changed')).toEqual([
      { rule: 'speaker-changed', severity: 'warning', line: 13, col: 1, cueId: 'c3' },
    ]);
  });

  it('reports an empty translated cue at its timing line as untranslated', () => {
    const empty = ['c2', '00:00:04.000 --> 00:00:06.000'];
    expect(ofRule(checkTranslation(source, korean(c1, empty, c3)), 'untranslated')).toEqual([
      { rule: 'untranslated', severity: 'warning', line: 8, col: 1, cueId: 'c2' },
    ]);
  });

  it('checks chapter translations for missing, extra and empty chapters', () => {
    const en = load(
      file('WEBVTT', '', 'q1', '00:00:01.000 --> 00:00:10.000', 'What was hard?'),
      'chapters.en.vtt',
      'chapters',
    );
    const ko = load(
      file(
        'WEBVTT',
        '',
        'q2',
        '00:00:01.000 --> 00:00:10.000',
        '',
        '',
        'q1',
        '00:00:01.000 --> 00:00:10.000',
      ),
      'chapters.ko.vtt',
      'chapters',
    );
    const findings = checkTranslation(en, ko, { kind: 'chapters' });
    expect(findings.map((f) => [f.rule, f.line, f.col, f.cueId])).toEqual([
      ['extra-translation', 3, 1, 'q2'],
      ['untranslated', 8, 1, 'q1'],
    ]);
  });
});

describe(checkTranscript.name, () => {
  const source = load(
    file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:01.500', '<v Joy>Hi!'),
    'transcript.en.vtt',
  );

  it("leaves timing warnings of a translation to the source when its timings are the source's", () => {
    const same = load(
      file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:01.500', '<v Joy>안녕!'),
      'transcript.ko.vtt',
    );
    expect(checkTranscript(same, { profile: profileFor('ko'), source })).toEqual([]);
    expect(ofRule(checkTranscript(source, { profile: profileFor('en') }), 'duration')).toHaveLength(
      1,
    );
  });

  it('reports timing warnings of a translation whose timings differ from the source', () => {
    const own = load(
      file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:01.400', '<v Joy>안녕!'),
      'transcript.ko.vtt',
    );
    expect(ofRule(checkTranscript(own, { profile: profileFor('ko'), source }), 'duration')).toEqual(
      [{ rule: 'duration', severity: 'warning', line: 4, col: 18, cueId: 'c1' }],
    );
  });
});

describe(checkEpisode.name, () => {
  it('checks each language with its own profile and translations against the source', () => {
    const en = load(
      file('WEBVTT', '', 'c1', '00:00:01.000 --> 00:00:03.000', '<v Joy>Twenty characters here.'),
      'transcript.en.vtt',
    );
    // 17 Hangul: one past Korean's 16 per line (English would allow 42); 8.5 CPS is fine.
    const ko = load(
      file(
        'WEBVTT',
        '',
        'c1',
        '00:00:01.000 --> 00:00:03.000',
        '<v Joy>가나다라마바사아자차카타파하가나다',
      ),
      'transcript.ko.vtt',
    );
    const findings = checkEpisode(
      { sourceLanguage: 'EN', speakers: CAST },
      new Map([
        ['en', { transcript: en }],
        ['ko', { transcript: ko }],
      ]),
    );
    expect(findings.map((f) => [f.file, f.rule, f.line, f.col])).toEqual([
      ['transcript.ko.vtt', 'line-length', 5, 24],
    ]);
  });
});

describe(sortFindings.name, () => {
  it('orders by file, then line, then column', () => {
    const at = (file: string, line: number, col: number): Finding => ({
      rule: 'gap',
      severity: 'warning',
      file,
      line,
      col,
      message: '',
    });
    expect(sortFindings([at('b', 1, 1), at('a', 2, 1), at('a', 1, 5), at('a', 1, 2)])).toEqual([
      at('a', 1, 2),
      at('a', 1, 5),
      at('a', 2, 1),
      at('b', 1, 1),
    ]);
  });
});
