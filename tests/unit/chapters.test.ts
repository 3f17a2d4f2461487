import { describe, expect, it } from 'vitest';
import { toChapters } from '../../src/core/chapters.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';

describe(toChapters.name, () => {
  it('turns each chapter cue into a question with its id, times and line', () => {
    const { document } = parseVtt(
      [
        'WEBVTT',
        '',
        'q1',
        '00:00:02.000 --> 00:01:00.000',
        'Are there any misunderstandings',
        'about North Koreans?',
        '',
        'q2',
        '00:01:00.000 --> 00:02:00.000',
        'What &amp; who helped you?',
        '',
      ].join('\n'),
      { kind: 'chapters' },
    );
    expect(toChapters(document)).toEqual([
      {
        id: 'q1',
        startTime: 2,
        endTime: 60,
        question: 'Are there any misunderstandings about North Koreans?',
        line: 3,
      },
      { id: 'q2', startTime: 60, endTime: 120, question: 'What & who helped you?', line: 8 },
    ]);
  });

  it('gives no chapters for a file without cues', () => {
    expect(toChapters(parseVtt('WEBVTT\n', { kind: 'chapters' }).document)).toEqual([]);
  });
});
