import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cue, CueSegment, SpeakerRef } from '../../src/core/cue-model.ts';
import { formatSrtTimestamp, parseSrt, readSrtText, toSrt } from '../../src/core/srt.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { segmentsToCueText } from '../../src/core/vtt-serialize.ts';

const fixture = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url)), 'utf8');

const CAST: readonly SpeakerRef[] = [
  { id: 'joy', name: 'Joy' },
  { id: 'eunhee', name: 'Park Eunhee' },
];

const italic = (...children: CueSegment[]): CueSegment => ({
  type: 'italic',
  classes: [],
  annotation: '',
  children,
});
const text = (value: string): CueSegment => ({ type: 'text', text: value });

describe(parseSrt.name, () => {
  describe('a Subtitle Edit file (BOM, CRLF, <i>, <font>, {\\an8})', () => {
    const { cues, findings } = parseSrt(fixture('srt/subtitle-edit.srt'), { file: 'se.srt' });

    it('reads every cue with its counter as id, times and text', () => {
      expect(findings).toEqual([]);
      expect(cues.map((cue) => [cue.id, cue.counter, cue.startTime, cue.endTime])).toEqual([
        ['1', 1, 1, 4.2],
        ['2', 2, 4.2, 9.8],
        ['3', 3, 12, 16.5],
        ['4', 4, 16.5, 62.04],
      ]);
      expect(cues.map((cue) => [cue.line, cue.timingLine])).toEqual([
        [1, 2],
        [6, 7],
        [11, 12],
        [16, 17],
      ]);
    });

    it('keeps italics as segments', () => {
      expect(cues[0]!.segments).toEqual([
        italic(text('What do people get wrong')),
        text('\n'),
        italic(text('about North Koreans?')),
      ]);
      expect(cues[0]!.text).toBe('What do people get wrong\nabout North Koreans?');
    });

    it('drops ASS overrides and <font>, and takes "&" and "<" literally', () => {
      expect(cues[1]!.text).toBe("That we're all\nbrainwashed & cold.");
      expect(cues[2]!.text).toBe('Joy: We grew up with\nthe same worries as anyone <3');
      expect(cues[2]!.segments).toEqual([text(cues[2]!.text)]);
    });

    it('keeps <u> and <b> and Hangul', () => {
      expect(cues[3]!.segments).toEqual([
        { type: 'bold', classes: [], annotation: '', children: [text('Eunhee:')] },
        text(' 우리도 똑같이\n'),
        { type: 'underline', classes: [], annotation: '', children: [text('꿈')] },
        text('을 꿔요.'),
      ]);
    });

    it('turns a speaker label into a voice span when given the cast, plain or styled', () => {
      const withCast = parseSrt(fixture('srt/subtitle-edit.srt'), { speakers: CAST }).cues;
      expect(withCast.map((cue) => [cue.voice, cue.speakerId])).toEqual([
        [null, null],
        [null, null],
        ['Joy', 'joy'],
        ['Eunhee', 'eunhee'],
      ]);
      expect(withCast[2]!.text).toBe('We grew up with\nthe same worries as anyone <3');
      expect(withCast[3]!.text).toBe('우리도 똑같이\n꿈을 꿔요.');
      // Written as WebVTT, the literal "<" is escaped.
      expect(segmentsToCueText(withCast[2]!.segments)).toBe(
        '<v Joy>We grew up with\nthe same worries as anyone &lt;3</v>',
      );
    });
  });

  describe('an Aegisub export (LF, ASS times, {\\i1}, \\N, \\h, {\\pos})', () => {
    const { cues, findings } = parseSrt(fixture('srt/aegisub.srt'), { speakers: CAST });

    it('reads centisecond times, ASS italics and line breaks', () => {
      expect(findings).toEqual([]);
      expect(cues.map((cue) => [cue.startTime, cue.endTime])).toEqual([
        [1, 4.2],
        [4.2, 9.8],
        [12, 16.5],
      ]);
      expect(cues[0]!.segments).toEqual([
        italic(text('What do people get wrong')),
        text('\nabout North Koreans?'),
      ]);
      expect(cues[1]!.text).toBe("That we're all brainwashed.");
    });

    it('matches an upper-case label to a speaker and reads \\h as a no-break space', () => {
      expect(cues[2]).toMatchObject({
        voice: 'JOY',
        speakerId: 'joy',
        text: 'We grew up with\u00a0the same worries.',
      });
    });
  });

  describe('a hand-edited file with everything that goes wrong', () => {
    const { cues, findings } = parseSrt(fixture('srt/messy.srt'), { file: 'messy.srt' });

    it('still reads every cue it can', () => {
      expect(cues.map((cue) => [cue.id, cue.startTime, cue.endTime, cue.text])).toEqual([
        ['1', 1, 2, 'First.'],
        ['2', 2, 3, 'Second: missing blank line above.'],
        [
          '3',
          3,
          4.5,
          'Dot milliseconds and a short fraction.\nMore text after an extra blank line.',
        ],
        ['', 5, 6, 'No counter, unclosed italics'],
        ['4', 9, 8, 'Ends before it starts.'],
        ['5', 10, 11, ''],
      ]);
      expect(cues[3]!.counter).toBeNull();
    });

    it('says what it guessed, at the line and column', () => {
      expect(
        findings.map(
          (finding) => `${finding.line}:${finding.col} ${finding.severity} ${finding.rule}`,
        ),
      ).toEqual([
        '1:1 error srt-text-without-timing',
        '6:1 warning srt-blank-line',
        '14:1 warning srt-blank-line',
        '17:1 warning srt-counter',
        '18:13 warning srt-markup',
        '21:18 error srt-timing',
        '24:1 warning srt-counter',
        '25:18 error srt-timing',
        '26:22 warning srt-markup',
        '29:1 warning srt-empty-cue',
      ]);
      expect(findings.every((finding) => finding.file === 'messy.srt')).toBe(true);
      expect(findings[5]!.message).toContain('"00:00:0x,000" is not a time');
    });
  });

  it('reads a file without any blank lines between cues', () => {
    const { cues } = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nOne\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n',
    );
    expect(cues.map((cue) => [cue.id, cue.text])).toEqual([
      ['1', 'One'],
      ['2', 'Two'],
    ]);
  });

  it('keeps a number that is text, and a line holding "-->" that is no timing', () => {
    const { cues } = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nIn\n1984\nwe left --> south\n');
    expect(cues[0]!.text).toBe('In\n1984\nwe left --> south');
  });

  it('ignores SubRip coordinates after the end time', () => {
    const { cues, findings } = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000  X1:100 X2:600 Y1:50 Y2:80\nHi\n',
    );
    expect(findings).toEqual([]);
    expect(cues[0]).toMatchObject({ startTime: 1, endTime: 2, settings: '' });
  });

  it('carries the speaker forward to cues without a label', () => {
    const { cues } = parseSrt(
      '1\n00:00:01,000 --> 00:00:02,000\nJoy: One\n\n2\n00:00:02,000 --> 00:00:03,000\nTwo\n',
      { speakers: CAST },
    );
    expect(cues.map((cue) => [cue.voice, cue.speakerId])).toEqual([
      ['Joy', 'joy'],
      [null, 'joy'],
    ]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string(),
            fc.constantFrom(
              '1',
              '00:00:01,000 --> 00:00:02,000',
              '-->',
              '<i>',
              '</b>',
              '{\\i1}',
              '',
            ),
          ),
        ),
        (lines) => {
          const result = parseSrt(lines.join('\n'));
          for (const finding of result.findings) {
            expect(finding.line).toBeGreaterThanOrEqual(1);
            expect(finding.col).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe(readSrtText.name, () => {
  it('closes inner tags closed by an outer end tag, and reports it', () => {
    const { segments, problems } = readSrtText('<i>a <b>b</i> c');
    expect(segments).toEqual([
      italic(text('a '), { type: 'bold', classes: [], annotation: '', children: [text('b')] }),
      text(' c'),
    ]);
    expect(problems).toEqual([
      { offset: 5, message: '"<b>" is closed by "</i>" before its own end tag.' },
    ]);
  });

  it('reads tags in any case, drops empty spans', () => {
    expect(readSrtText('<I>x</I><b></b>').segments).toEqual([italic(text('x'))]);
  });
});

describe(formatSrtTimestamp.name, () => {
  it('writes HH:MM:SS,mmm rounded to the millisecond', () => {
    expect(formatSrtTimestamp(0)).toBe('00:00:00,000');
    expect(formatSrtTimestamp(3723.004)).toBe('01:02:03,004');
    expect(formatSrtTimestamp(59.9996)).toBe('00:01:00,000');
  });
});

describe(toSrt.name, () => {
  const transcript = parseVtt(
    [
      'WEBVTT',
      '',
      'NOTE not exported',
      '',
      'q1',
      '00:00:01.000 --> 00:00:04.000 align:start',
      '<v.loud Joy>Tom &amp; Jerry, <i>caf&eacute;</i>',
      '<lang ko>한국어</lang> <b>bold</b> <u>under</u> <00:00:02.000>karaoke</v>',
      '',
      'q2',
      '00:00:04.000 --> 00:00:05.500',
      'still Joy <ruby>漢<rt>kan</rt></ruby>',
      '',
      'q3',
      '00:01:00.000 --> 01:00:00.250',
      '<v Park Eunhee>Hello',
      '',
      'q4',
      '01:00:01.000 --> 01:00:02.000',
      '<v Joy>Back',
    ].join('\n'),
    { speakers: CAST },
  ).document.cues;

  it('numbers cues from 1 with HH:MM:SS,mmm times, CRLF by default', () => {
    expect(toSrt(transcript)).toBe(
      [
        '1',
        '00:00:01,000 --> 00:00:04,000',
        'Tom & Jerry, <i>café</i>',
        '한국어 <b>bold</b> <u>under</u> karaoke',
        '',
        '2',
        '00:00:04,000 --> 00:00:05,500',
        'still Joy 漢',
        '',
        '3',
        '00:01:00,000 --> 01:00:00,250',
        'Hello',
        '',
        '4',
        '01:00:01,000 --> 01:00:02,000',
        'Back',
        '',
      ].join('\r\n'),
    );
  });

  it('writes LF when asked', () => {
    expect(toSrt(transcript.slice(2, 3), { newline: '\n' })).toBe(
      '1\n00:01:00,000 --> 01:00:00,250\nHello\n',
    );
  });

  it('prefixes the speaker name for every voice span, or on change only', () => {
    const every = toSrt(transcript, { speakerPrefix: 'every', speakers: CAST, newline: '\n' });
    expect(every.split('\n').filter((line) => line.includes(':') && !line.includes('-->'))).toEqual(
      ['Joy: Tom & Jerry, <i>café</i>', 'Park Eunhee: Hello', 'Joy: Back'],
    );
    const change = toSrt([transcript[0]!, { ...transcript[3]! }, transcript[2]!, transcript[3]!], {
      speakerPrefix: 'change',
      newline: '\n',
    });
    expect(change.split('\n\n').map((block) => block.split('\n')[2])).toEqual([
      'Joy: Tom & Jerry, <i>café</i>',
      'Back',
      'Park Eunhee: Hello',
      'Joy: Back',
    ]);
  });

  it('never writes a blank line inside a cue', () => {
    const cue: Cue = {
      ...transcript[2]!,
      segments: [text('one\n\n  \ntwo')],
    };
    expect(toSrt([cue], { newline: '\n' })).toBe('1\n00:01:00,000 --> 01:00:00,250\none\ntwo\n');
  });

  it('round-trips the fixture transcript through SRT: same times and text', () => {
    const vtt = parseVtt(fixture('vtt/blocks.vtt')).document.cues;
    const back = parseSrt(toSrt(vtt)).cues;
    expect(back.map((cue) => [cue.startTime, cue.endTime, cue.text])).toEqual(
      vtt.map((cue) => [cue.startTime, cue.endTime, cue.text]),
    );
  });

  it('round-trips speakers through a name prefix', () => {
    const back = parseSrt(toSrt(transcript, { speakerPrefix: 'every', speakers: CAST }), {
      speakers: CAST,
    }).cues;
    expect(back.map((cue) => [cue.speakerId, cue.text])).toEqual(
      transcript.map((cue) => [cue.speakerId, cue.text.replace(/漢kan/, '漢')]),
    );
  });
});

describe('SRT export → import on generated cues', () => {
  const word = fc.oneof(
    fc
      .array(fc.integer({ min: 0xac00, max: 0xd7a3 }), { minLength: 1, maxLength: 4 })
      .map((codes) => String.fromCharCode(...codes)),
    fc.constantFrom('North', 'Korea', 'R&D', 'a > b', '"quoted"', '1984', 'it’s', '-->', '&amp;'),
  );
  const plain = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
  const segment: fc.Arbitrary<CueSegment> = fc.oneof(
    { arbitrary: plain.map(text), weight: 3 },
    fc
      .tuple(fc.constantFrom('italic', 'bold', 'underline') as fc.Arbitrary<'italic'>, plain)
      .map(([type, value]) => ({ type, classes: [], annotation: '', children: [text(value)] })),
  );
  const cueArbitrary = fc
    .tuple(
      fc.integer({ min: 0, max: 20_000_000 }),
      fc.integer({ min: 1, max: 20_000 }),
      fc.array(fc.array(segment, { minLength: 1, maxLength: 3 }), { minLength: 0, maxLength: 3 }),
    )
    .map(([startMs, durationMs, lines]): Cue => {
      const segments = lines.flatMap((parts, i) => (i === 0 ? parts : [text('\n'), ...parts]));
      return {
        id: '',
        startTime: startMs / 1000,
        endTime: (startMs + durationMs) / 1000,
        settings: '',
        text: '',
        segments,
        voice: null,
        speakerId: null,
        line: 1,
        timingLine: 1,
      };
    });

  it('gives back the same times to the millisecond and the same text', () => {
    fc.assert(
      fc.property(
        fc.array(cueArbitrary, { minLength: 1, maxLength: 15 }),
        fc.constantFrom<'\r\n' | '\n'>('\r\n', '\n'),
        (cues, newline) => {
          const { cues: back, findings } = parseSrt(toSrt(cues, { newline }));
          expect(back.map((cue) => [cue.counter, cue.startTime, cue.endTime])).toEqual(
            cues.map((cue, i) => [i + 1, cue.startTime, cue.endTime]),
          );
          const plainOf = (segments: readonly CueSegment[]): string =>
            segments
              .map((s) =>
                s.type === 'text' ? s.text : s.type === 'timestamp' ? '' : plainOf(s.children),
              )
              .join('');
          expect(back.map((cue) => cue.text)).toEqual(cues.map((cue) => plainOf(cue.segments)));
          expect(findings.filter((finding) => finding.rule !== 'srt-empty-cue')).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
