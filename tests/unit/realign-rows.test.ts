import { describe, expect, it } from 'vitest';
import { applyRealignedRows } from '../../src/core/realign-rows.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';

const FILE = `WEBVTT

c1
00:00:01.000 --> 00:00:03.000
<v Joy>One two three

c2
00:00:03.400 --> 00:00:06.000
<v Dasom>Four <00:00:04.500>five [aside] six

c3
00:00:06.500 --> 00:00:08.000
Seven
`;
const words = (...starts: number[]) =>
  starts.map((startTime) => ({ startTime, endTime: startTime + 0.3 }));

describe(applyRealignedRows.name, () => {
  it('moves each row to its first word and its last word’s end, and writes its word timestamps again', () => {
    const { document } = parseVtt(FILE);
    const next = applyRealignedRows(
      document,
      [
        { id: 'c1', words: words(1.2, 1.6, 2.1) },
        { id: 'c2', words: words(3.7, 4.2, 4.9) },
      ],
      0.08,
    );
    const text = serializeVtt(next);
    expect(text).toContain(
      'c1\n00:00:01.200 --> 00:00:02.400\n<v Joy>One <00:00:01.600>two <00:00:02.100>three',
    );
    // The editor's insertion [aside] is not spoken: three words, three times.
    expect(text).toContain(
      'c2\n00:00:03.700 --> 00:00:05.200\n<v Dasom>Four <00:00:04.200>five [aside] <00:00:04.900>six',
    );
    expect(next.cues[2]).toBe(document.cues[2]);
    expect(parseVtt(text).document.cues.map((cue) => cue.text)).toEqual(
      document.cues.map((cue) => cue.text),
    );
  });

  it('keeps a row clear of its neighbours by the gap, and skips a row whose words no longer match', () => {
    const { document } = parseVtt(FILE);
    const next = applyRealignedRows(
      document,
      [
        { id: 'c2', words: words(2.9, 4, 6.3) },
        { id: 'c3', words: words(6.2, 6.4) },
      ],
      0.08,
    );
    expect(next.cues[1]!.startTime).toBe(3.08);
    expect(next.cues[1]!.endTime).toBe(6.42);
    expect(next.cues[2]).toBe(document.cues[2]);
  });
});
