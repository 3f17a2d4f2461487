import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import {
  escapeCueText,
  formatTimestamp,
  replaceCues,
  segmentsToCueText,
  serializeCue,
  serializeVtt,
} from '../../src/core/vtt-serialize.ts';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/vtt/${name}`, import.meta.url)), 'utf8');

const firstCue = (cueText: string, timing = '00:01.000 --> 00:02.000') =>
  parseVtt(`WEBVTT\n\nq1\n${timing}\n${cueText}\n`).document.cues[0]!;

describe(formatTimestamp.name, () => {
  it('writes hh:mm:ss.ttt, rounded to the millisecond', () => {
    expect(formatTimestamp(0)).toBe('00:00:00.000');
    expect(formatTimestamp(1.5)).toBe('00:00:01.500');
    expect(formatTimestamp(61.2)).toBe('00:01:01.200');
    expect(formatTimestamp(3723.004)).toBe('01:02:03.004');
  });

  it('carries a rounding up into the next second, minute and hour', () => {
    expect(formatTimestamp(59.9996)).toBe('00:01:00.000');
    expect(formatTimestamp(3599.9999)).toBe('01:00:00.000');
    expect(formatTimestamp(0.0004)).toBe('00:00:00.000');
    expect(formatTimestamp(0.0005)).toBe('00:00:00.001');
  });

  it('writes more than two hour digits when needed, and never a negative time', () => {
    expect(formatTimestamp(360_000)).toBe('100:00:00.000');
    expect(formatTimestamp(-3)).toBe('00:00:00.000');
  });
});

describe(serializeVtt.name, () => {
  it('writes a parsed file back byte for byte: header, NOTE, STYLE, REGION, ids, settings, voices', () => {
    const text = fixture('blocks.vtt');
    expect(serializeVtt(parseVtt(text).document)).toBe(text);
  });

  it('only normalises what WebVTT does not distinguish: line ends, blank lines, short timestamps', () => {
    const text =
      '\uFEFFWEBVTT\r\n\r\n\r\nNOTE keep me\r\n\r\na\r\n00:01.000 --> 00:02.500 align:start\r\n<v.loud Joy>Hi</v>\r\n\r\n\r\n';
    expect(serializeVtt(parseVtt(text).document)).toBe(
      'WEBVTT\n\nNOTE keep me\n\na\n00:00:01.000 --> 00:00:02.500 align:start\n<v.loud Joy>Hi</v>\n',
    );
  });

  it('keeps invalid blocks as written so a save loses nothing', () => {
    const text = 'WEBVTT\n\nnot a cue\n\na\n00:01.000 --> 00:02.000\nx\n';
    expect(serializeVtt(parseVtt(text).document)).toBe(
      'WEBVTT\n\nnot a cue\n\na\n00:00:01.000 --> 00:00:02.000\nx\n',
    );
  });

  it('writes "WEBVTT" when the header is empty', () => {
    expect(serializeVtt({ header: '', blocks: [] })).toBe('WEBVTT\n');
  });
});

describe(serializeCue.name, () => {
  it('writes the text as written when the cue has it', () => {
    const cue = firstCue('<v Joy>caf&eacute; &amp; <i>more</i></v>');
    expect(serializeCue(cue)).toBe(
      'q1\n00:00:01.000 --> 00:00:02.000\n<v Joy>caf&eacute; &amp; <i>more</i></v>',
    );
  });

  it('writes from the segments without rawText, escaping what must be escaped', () => {
    const { rawText: _rawText, ...cue } = firstCue('<v.loud Joy>a &lt; b &amp; c --&gt; d</v>');
    expect(serializeCue(cue)).toBe(
      'q1\n00:00:01.000 --> 00:00:02.000\n<v.loud Joy>a &lt; b &amp; c --&gt; d</v>',
    );
  });

  it('writes a cue without id or text as its timing line alone', () => {
    const cue = { ...firstCue(''), id: '' };
    expect(serializeCue(cue)).toBe('00:00:01.000 --> 00:00:02.000');
  });

  it('never writes an empty line into cue text, where it would end the cue', () => {
    const cue = { ...firstCue('x'), rawText: '\nfirst\n\nsecond\r\n\r\nthird\n' };
    expect(serializeCue(cue)).toBe('q1\n00:00:01.000 --> 00:00:02.000\nfirst\nsecond\nthird');
  });
});

describe(escapeCueText.name, () => {
  it('escapes "&", "<" and the ">" of "-->", and nothing else', () => {
    expect(escapeCueText('Tom & Jerry <3 a > b --> c')).toBe(
      'Tom &amp; Jerry &lt;3 a > b --&gt; c',
    );
    expect(escapeCueText('&amp;')).toBe('&amp;amp;');
    expect(escapeCueText('한국어')).toBe('한국어');
  });

  it('folds Windows line ends', () => {
    expect(escapeCueText('a\r\nb\rc')).toBe('a\nb\nc');
  });
});

describe(segmentsToCueText.name, () => {
  it('writes spans with classes and annotations, and timestamps', () => {
    const cue = firstCue(
      '<v.loud Joy><lang.k ko>안녕</lang> <c.a.b>x</c><00:00:01.500><ruby>漢<rt>kan</rt></ruby></v>',
    );
    expect(segmentsToCueText(cue.segments)).toBe(
      '<v.loud Joy><lang.k ko>안녕</lang> <c.a.b>x</c><00:00:01.500><ruby>漢<rt>kan</rt></ruby></v>',
    );
  });
});

describe(replaceCues.name, () => {
  it('replaces cues in order and keeps the other blocks where they were', () => {
    const document = parseVtt(fixture('blocks.vtt')).document;
    const replaced = replaceCues(document, (cue, index) => ({ ...cue, id: `n${index}` }));
    expect(replaced.cues.map((cue) => cue.id)).toEqual(['n0', 'n1', 'n2']);
    expect(replaced.blocks.map((block) => block.type)).toEqual(
      document.blocks.map((block) => block.type),
    );
    expect(replaced.blocks[4]).toBe(document.blocks[4]);
    expect(replaced.header).toBe(document.header);
  });
});
