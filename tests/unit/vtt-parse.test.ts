import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding, SpeakerRef } from '../../src/core/cue-model.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { formatTimestamp } from '../../src/core/vtt-serialize.ts';

const fixture = (name: string): string =>
  readFileSync(fileURLToPath(new URL(`../fixtures/vtt/${name}`, import.meta.url)), 'utf8');

const CAST: readonly SpeakerRef[] = [
  { id: 'joy', name: 'Joy' },
  { id: 'eunhee', name: 'Park Eunhee' },
  { id: 'all', name: 'All' },
];

/** A file from cue blocks `[id, timing, ...text lines]`. */
function vtt(...blocks: string[][]): string {
  return 'WEBVTT\n\n' + blocks.map((lines) => lines.join('\n')).join('\n\n') + '\n';
}

const at = (finding: Finding): string => `${finding.line}:${finding.col} ${finding.rule}`;

describe(parseVtt.name, () => {
  describe('blocks', () => {
    const { document, findings } = parseVtt(fixture('blocks.vtt'));

    it('keeps every block in file order, NOTE, STYLE and REGION verbatim', () => {
      expect(document.blocks.map((block) => block.type)).toEqual([
        'note',
        'style',
        'region',
        'cue',
        'note',
        'cue',
        'cue',
      ]);
      expect(document.blocks[0]).toEqual({
        type: 'note',
        text: 'NOTE\nTranscript of the first episode.\nTimings are placeholders until the media is cut.',
        line: 3,
      });
      expect(document.blocks[1]).toMatchObject({
        type: 'style',
        text: 'STYLE\n::cue(v[voice="Joy"]) {\n  color: #ffcc00;\n}',
        line: 7,
      });
      expect(document.blocks[2]).toMatchObject({
        type: 'region',
        text: 'REGION\nid:left\nwidth:40%\nlines:3',
        line: 12,
      });
      expect(document.blocks[4]).toEqual({
        type: 'note',
        text: 'NOTE A note between cues',
        line: 22,
      });
      expect(findings).toEqual([]);
    });

    it('keeps the header text and the cues in file order, the same objects as in blocks', () => {
      expect(document.header).toBe('WEBVTT - The Red Box: misunderstandings and stereotypes');
      expect(document.cues.map((cue) => cue.id)).toEqual(['q1-1', 'q1-2', 'q1-3']);
      const inBlocks = document.blocks.flatMap((block) =>
        block.type === 'cue' ? [block.cue] : [],
      );
      inBlocks.forEach((cue, i) => expect(cue).toBe(document.cues[i]));
    });

    it('reads id, times, settings as written, raw and plain text, segments and lines', () => {
      const [first, second, third] = document.cues;
      expect(first).toMatchObject({
        id: 'q1-1',
        startTime: 1,
        endTime: 4,
        settings: 'align:start line:90%',
        rawText: '<v Joy>What do people get wrong\nabout North Koreans?</v>',
        text: 'What do people get wrong\nabout North Koreans?',
        voice: 'Joy',
        line: 17,
        timingLine: 18,
      });
      expect(second!.segments).toEqual([
        {
          type: 'voice',
          classes: ['loud', 'fast'],
          annotation: 'Joy',
          children: [
            { type: 'text', text: 'A lot & ' },
            {
              type: 'italic',
              classes: [],
              annotation: '',
              children: [{ type: 'text', text: 'more' }],
            },
            { type: 'text', text: '.' },
          ],
        },
      ]);
      expect(second!.text).toBe('A lot & more.');
      expect(third).toMatchObject({ startTime: 60, endTime: 3600.25, voice: null });
    });

    it('gives the layout in VTTCue terms, defaults included', () => {
      const [first, second, third] = document.cues;
      expect(first!.layout).toMatchObject({ align: 'start', line: 90, snapToLines: false });
      expect(second!.layout).toEqual({
        vertical: '',
        line: 'auto',
        lineAlign: 'start',
        snapToLines: true,
        position: 'auto',
        positionAlign: 'auto',
        size: 100,
        align: 'center',
      });
      expect(third!.layout).toMatchObject({
        position: 10,
        positionAlign: 'line-left',
        size: 35,
        vertical: 'rl',
      });
    });
  });

  describe('positions of cue-text errors', () => {
    it('puts an unclosed <b> on the 2nd text line of a cue at line 14 at its "<"', () => {
      const { document, findings } = parseVtt(fixture('unclosed-bold.vtt'));
      expect(document.cues[2]).toMatchObject({ id: 'c3', line: 14, timingLine: 15 });
      expect(findings).toHaveLength(1);
      expect(findings[0]).toMatchObject({
        rule: 'webvtt-syntax',
        severity: 'error',
        line: 17,
        col: 4,
        cueId: 'c3',
      });
      expect(findings[0]!.message).toContain('"<b>" is never closed');
    });

    it('reports each unclosed tag at its own "<", outermost first', () => {
      const { findings } = parseVtt(
        vtt(['a', '00:01.000 --> 00:02.000', '<i>one', 'two <b>three</b> <u>four']),
      );
      expect(findings.map(at)).toEqual(['5:1 webvtt-syntax', '6:18 webvtt-syntax']);
      expect(findings.map((finding) => finding.message)).toEqual([
        '"<i>" is never closed: add "</i>" where it should end.',
        '"<u>" is never closed: add "</u>" where it should end.',
      ]);
    });

    it('puts a stray end tag and a bad tag at their "<", on their own line', () => {
      const { findings } = parseVtt(
        vtt(['a', '00:01.000 --> 00:02.000', 'first line', 'so </i>we<rt>x</rt> <v>z</v>']),
      );
      expect(findings.map((finding) => `${finding.line}:${finding.col}`)).toEqual([
        '6:4',
        '6:10',
        '6:15',
        '6:21',
      ]);
      expect(findings.map((finding) => finding.message)).toEqual([
        '"</i>" closes no open tag: remove it or open the tag first.',
        '"<rt>" is only allowed inside "<ruby>".',
        '"</rt>" closes no open tag: remove it or open the tag first.',
        'A voice span needs a name: write it as "<v Joy>".',
      ]);
    });

    it('keeps columns true after a numeric reference the core rewrote for the library', () => {
      const { document, findings } = parseVtt(
        vtt(['a', '00:01.000 --> 00:02.000', '&#x1F600; &#128512; ok</b>']),
      );
      expect(document.cues[0]!.text).toBe('\u{1F600} \u{1F600} ok');
      expect(document.cues[0]!.rawText).toBe('&#x1F600; &#128512; ok</b>');
      expect(findings.map(at)).toEqual(['5:23 webvtt-syntax']);
    });

    it('reports a raw "&" and "<" at the character itself, and nothing the library adds', () => {
      const { findings } = parseVtt(
        vtt(['a', '00:01.000 --> 00:02.000', '<v Joy>Tom & Jerry', 'say 1 < 2 <b>']),
      );
      expect(findings.map(at)).toEqual(['5:12 raw-ampersand', '6:7 raw-less-than']);
    });

    it('reads "<" before a digit as text unless a whole timestamp tag follows', () => {
      const { document, findings } = parseVtt(
        vtt(
          ['a', '00:00.000 --> 00:05.000', 'I <3 you'],
          ['b', '00:00.000 --> 00:05.000', 'at <00:00:01.500>one'],
        ),
      );
      expect(findings.map(at)).toEqual(['5:3 raw-less-than']);
      expect(findings[0]!.message).toContain('"<3" is not a WebVTT tag');
      expect(document.cues[1]!.segments).toContainEqual({ type: 'timestamp', time: 1.5 });
    });

    it('reports timing errors on the timing line and keeps the block', () => {
      const { document, findings } = parseVtt(
        vtt(['a', '00:02.000 --> 00:01.000', 'backwards'], ['b', '00:03.000 --> 00:04', 'x']),
      );
      expect(document.cues.map((cue) => cue.id)).toEqual(['a']);
      expect(document.blocks.map((block) => block.type)).toEqual(['cue', 'invalid']);
      // At the end timestamp, and where the timestamp goes wrong.
      expect(findings.map(at)).toEqual(['4:15 webvtt-syntax', '8:20 webvtt-syntax']);
      expect(findings[0]!.message).toBe(
        'The cue ends before it starts: the end time must be later than the start time.',
      );
    });

    it('flags a cue that starts before the previous one', () => {
      const { findings } = parseVtt(
        vtt(['a', '00:05.000 --> 00:06.000', 'x'], ['b', '00:01.000 --> 00:02.000', 'y']),
      );
      expect(findings.map(at)).toEqual(['8:1 webvtt-syntax']);
    });

    it('flags missing and duplicate ids', () => {
      const { findings } = parseVtt(
        vtt(
          ['a', '00:01.000 --> 00:02.000', 'x'],
          ['00:02.000 --> 00:03.000', 'y'],
          ['a', '00:03.000 --> 00:04.000', 'z'],
        ),
      );
      expect(findings.map(at)).toEqual(['7:1 missing-id', '10:1 duplicate-id']);
      expect(findings[1]!.message).toContain('already used on line 3');
    });

    it('returns findings sorted by line and column', () => {
      const { findings } = parseVtt(
        vtt(['a', '00:02.000 --> 00:03.000', 'x & y'], ['a', '00:01.000 --> 00:02.000', '<b>']),
      );
      const keys = findings.map((finding) => finding.line * 1000 + finding.col);
      expect(keys).toEqual([...keys].sort((x, y) => x - y));
    });
  });

  describe('character references', () => {
    const textOf = (cueText: string): string =>
      parseVtt(vtt(['a', '00:01.000 --> 00:02.000', cueText])).document.cues[0]!.text;

    it('decodes named references from the full HTML table', () => {
      expect(textOf('&amp;')).toBe('&');
      expect(textOf('&lt;v Joy&gt;')).toBe('<v Joy>');
      expect(textOf('a&nbsp;b')).toBe('a\u00a0b');
      expect(textOf('caf&eacute; &Eacute;t&eacute;')).toBe('café Été');
      expect(textOf('&ClockwiseContourIntegral; &copy; &lrm;')).toBe('∲ © \u200e');
    });

    it('decodes numeric references, decimal and hex, astral ones included', () => {
      expect(textOf('&#233;&#xE9;&#XE9;&#x41;')).toBe('éééA');
      expect(textOf('&#xD55C;&#44544;')).toBe('한글');
      expect(textOf('&#x1F600;')).toBe('\u{1F600}');
      expect(textOf('&#0;&#128;')).toBe('\uFFFD€');
    });

    it('keeps the references as written in rawText', () => {
      const cue = parseVtt(vtt(['a', '00:01.000 --> 00:02.000', '&amp; &#xE9;'])).document.cues[0]!;
      expect(cue.rawText).toBe('&amp; &#xE9;');
    });

    it('raises no finding for known references and flags unknown ones as raw "&"', () => {
      const ok = parseVtt(vtt(['a', '00:01.000 --> 00:02.000', '&amp;&nbsp;&eacute;&#233;']));
      expect(ok.findings).toEqual([]);
      const bad = parseVtt(vtt(['a', '00:01.000 --> 00:02.000', 'R&D &bogus; &amp']));
      expect(bad.findings.map(at)).toEqual([
        '5:2 raw-ampersand',
        '5:5 raw-ampersand',
        '5:13 raw-ampersand',
      ]);
    });
  });

  describe('speakers (Contract 1)', () => {
    const parseCast = (...blocks: string[][]) => parseVtt(vtt(...blocks), { speakers: CAST });

    it('matches a voice to a speaker id or name, ignoring case', () => {
      const { document, findings } = parseCast(
        ['a', '00:01.000 --> 00:02.000', '<v JOY>x'],
        ['b', '00:02.000 --> 00:03.000', '<v park eunhee>y'],
        ['c', '00:03.000 --> 00:04.000', '<v All>z'],
      );
      expect(document.cues.map((cue) => cue.speakerId)).toEqual(['joy', 'eunhee', 'all']);
      expect(document.cues.map((cue) => cue.voice)).toEqual(['JOY', 'park eunhee', 'All']);
      expect(findings).toEqual([]);
    });

    it('reads the speaker of a voice span with classes', () => {
      const { document } = parseCast(['a', '00:01.000 --> 00:02.000', '<v.loud.whisper Joy>x']);
      expect(document.cues[0]).toMatchObject({ voice: 'Joy', speakerId: 'joy' });
      expect(document.cues[0]!.segments[0]).toMatchObject({ classes: ['loud', 'whisper'] });
    });

    it('names the speaker by the first voice span, also inside other markup', () => {
      const { document } = parseCast([
        'a',
        '00:01.000 --> 00:02.000',
        '<i><v Park Eunhee>x</v></i> <v Joy>y',
      ]);
      expect(document.cues[0]!.speakerId).toBe('eunhee');
    });

    it('keeps the previous speaker when a cue has no voice span', () => {
      const { document, findings } = parseCast(
        ['a', '00:01.000 --> 00:02.000', '<v Joy>x'],
        ['b', '00:02.000 --> 00:03.000', 'still Joy'],
        ['c', '00:03.000 --> 00:04.000', '<v eunhee>y'],
        ['d', '00:04.000 --> 00:05.000', 'still Eunhee'],
      );
      expect(document.cues.map((cue) => cue.speakerId)).toEqual(['joy', 'joy', 'eunhee', 'eunhee']);
      expect(document.cues[1]!.voice).toBeNull();
      expect(findings).toEqual([]);
    });

    it('flags a first transcript cue without a voice span as missing-speaker', () => {
      const { document, findings } = parseCast(
        ['a', '00:01.000 --> 00:02.000', 'nobody'],
        ['b', '00:02.000 --> 00:03.000', '<v Joy>x'],
      );
      expect(document.cues.map((cue) => cue.speakerId)).toEqual([null, 'joy']);
      expect(findings.map(at)).toEqual(['5:1 missing-speaker']);
      expect(findings[0]).toMatchObject({ severity: 'error', cueId: 'a' });
    });

    it('does not ask chapters for speakers', () => {
      const { findings } = parseVtt(vtt(['q1', '00:01.000 --> 00:02.000', 'A question?']), {
        speakers: CAST,
        kind: 'chapters',
      });
      expect(findings).toEqual([]);
    });

    it('flags an unknown voice at its name, suggests the closest speaker, and carries nobody', () => {
      const { document, findings } = parseCast(
        ['a', '00:01.000 --> 00:02.000', '<v Joy>x'],
        ['b', '00:02.000 --> 00:03.000', '<v.loud Jyo>typo'],
        ['c', '00:03.000 --> 00:04.000', 'after the typo'],
      );
      expect(document.cues.map((cue) => cue.speakerId)).toEqual(['joy', null, null]);
      expect(findings.map(at)).toEqual(['9:9 unknown-speaker']);
      expect(findings[0]!.message).toContain('"Jyo" is not a speaker of this episode');
      expect(findings[0]!.message).toContain('did you mean "Joy"?');
    });

    it('suggests nothing when no speaker is close', () => {
      const { findings } = parseCast(['a', '00:01.000 --> 00:02.000', '<v Narrator>x']);
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).not.toContain('did you mean');
    });

    it('leaves speakers unresolved, without findings, when no cast is given', () => {
      const { document, findings } = parseVtt(vtt(['a', '00:01.000 --> 00:02.000', 'x']));
      expect(document.cues[0]!.speakerId).toBeNull();
      expect(findings).toEqual([]);
    });
  });

  describe('line ends, byte order mark and broken structure', () => {
    const lf = fixture('blocks.vtt');
    const strip = (result: ReturnType<typeof parseVtt>) => result.document;

    it('reads CRLF and CR files exactly like LF ones', () => {
      expect(strip(parseVtt(lf.replace(/\n/g, '\r\n')))).toEqual(strip(parseVtt(lf)));
      expect(strip(parseVtt(lf.replace(/\n/g, '\r')))).toEqual(strip(parseVtt(lf)));
    });

    it('reads a file with a byte order mark, and leaves the mark out of the header', () => {
      const withBom = parseVtt('\uFEFF' + lf.replace(/\n/g, '\r\n'));
      expect(withBom.findings).toEqual([]);
      expect(withBom.document).toEqual(parseVtt(lf).document);
      expect(withBom.document.header.startsWith('WEBVTT')).toBe(true);
    });

    it('flags a missing signature', () => {
      const { findings } = parseVtt('WEBVTX\n\na\n00:01.000 --> 00:02.000\nx\n');
      expect(findings.map(at)).toEqual(['1:1 webvtt-syntax']);
    });

    it('reads a timing line in the header as a cue, and says a blank line is missing', () => {
      const { document, findings } = parseVtt('WEBVTT\n00:01.000 --> 00:02.000\ntext\n');
      expect(document.header).toBe('WEBVTT');
      expect(document.cues).toHaveLength(1);
      expect(document.cues[0]).toMatchObject({ id: '', text: 'text', timingLine: 2 });
      expect(findings.filter((finding) => finding.rule === 'webvtt-syntax').map(at)).toEqual([
        '2:1 webvtt-syntax',
      ]);
      expect(findings[0]!.message).toContain('blank line is missing');
    });

    it('splits a block missing its blank line where the next timing line starts', () => {
      const { document, findings } = parseVtt(
        'WEBVTT\n\na\n00:01.000 --> 00:02.000\nfirst\n00:02.000 --> 00:03.000\nsecond\n',
      );
      expect(document.cues.map((cue) => [cue.id, cue.text, cue.timingLine])).toEqual([
        ['a', 'first', 4],
        ['', 'second', 6],
      ]);
      expect(findings.map(at)).toEqual(['6:1 webvtt-syntax', '6:1 missing-id']);
      expect(findings[0]!.message).toBe(
        'A blank line is missing before this cue: put an empty line between cues.',
      );
    });

    it('reads a would-be id line glued to the previous cue as that cue\u2019s text', () => {
      // As in a browser: the line before the timing line belongs to the cue above.
      const { document } = parseVtt(
        'WEBVTT\n\na\n00:01.000 --> 00:02.000\nfirst\nb\n00:02.000 --> 00:03.000\nsecond\n',
      );
      expect(document.cues.map((cue) => [cue.id, cue.text])).toEqual([
        ['a', 'first\nb'],
        ['', 'second'],
      ]);
    });

    it('drops extra lines above an id and timing line, as a browser does, with one error', () => {
      const { document, findings } = parseVtt(
        'WEBVTT\n\nstray\nq1\n00:01.000 --> 00:02.000\ntext\n',
      );
      expect(document.cues.map((cue) => [cue.id, cue.timingLine])).toEqual([['', 5]]);
      expect(document.blocks.map((block) => block.type)).toEqual(['invalid', 'cue']);
      expect(findings.map(at)).toEqual(['3:1 webvtt-syntax', '5:1 missing-id']);
    });

    it('keeps a block without a timing line as an invalid block, with one error', () => {
      const { document, findings } = parseVtt('WEBVTT\n\nq1\n00:01.000 -> 00:02.000\ntext\n');
      expect(document.blocks).toEqual([
        { type: 'invalid', text: 'q1\n00:01.000 -> 00:02.000\ntext', line: 3 },
      ]);
      expect(findings.map(at)).toEqual(['3:1 webvtt-syntax']);
      expect(findings[0]!.message).toContain('no timing line');
    });

    it('flags STYLE and REGION blocks after the first cue and a NOTE holding "-->"', () => {
      const { findings } = parseVtt(
        vtt(
          ['a', '00:01.000 --> 00:02.000', 'x'],
          ['STYLE', '::cue { color: red }'],
          ['REGION', 'id:r'],
          ['NOTE', 'old timing 00:01.000 --> 00:02.000'],
        ),
      );
      expect(findings.map(at)).toEqual([
        '7:1 webvtt-syntax',
        '10:1 webvtt-syntax',
        '14:22 webvtt-syntax',
      ]);
    });
  });

  it('parses a 10,000-cue file', () => {
    const parts = ['WEBVTT\n'];
    for (let i = 0; i < 10_000; i++) {
      parts.push(
        `c${i}\n${formatTimestamp(i * 2)} --> ${formatTimestamp(i * 2 + 1.5)}\n` +
          `<v ${i % 2 ? 'Joy' : 'Park Eunhee'}>Line ${i}: &amp; 한국어 <i>text</i>\nsecond line`,
      );
    }
    const text = parts.join('\n\n');
    const started = performance.now();
    const { document, findings } = parseVtt(text, { speakers: CAST });
    const elapsed = performance.now() - started;
    console.log(`[red-box] parseVtt: 10,000 cues in ${elapsed.toFixed(0)} ms`);
    expect(document.cues).toHaveLength(10_000);
    expect(document.cues[9_999]).toMatchObject({
      id: 'c9999',
      startTime: 19_998,
      speakerId: 'joy',
    });
    expect(findings).toEqual([]);
  });
});
