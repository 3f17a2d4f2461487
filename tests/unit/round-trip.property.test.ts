/**
 * parse → serialize → parse on generated WebVTT files: what a translator's save writes must read
 * back as the same cues and blocks, whether the cue text is written as it was (rawText) or from
 * the segments (after an edit).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CueSegment, VttDocument } from '../../src/core/cue-model.ts';
import { parseVtt, type ParsedCue } from '../../src/core/vtt-parse.ts';
import { replaceCues, serializeVtt, type WritableCue } from '../../src/core/vtt-serialize.ts';
import { withEditedText } from '../../src/core/cue-text-edit.ts';

const RUNS = 300;

/** A piece of cue text: as an author writes it, and as a reader sees it. */
interface Written {
  readonly written: string;
  readonly plain: string;
}

const join = (parts: readonly Written[], separator = ''): Written => ({
  written: parts.map((part) => part.written).join(separator),
  plain: parts.map((part) => part.plain).join(separator),
});
const same = (text: string): Written => ({ written: text, plain: text });

const hangulWord = fc
  .array(fc.integer({ min: 0xac00, max: 0xd7a3 }), { minLength: 1, maxLength: 5 })
  .map((codes) => same(String.fromCharCode(...codes)));
const latinWord = fc
  .constantFrom('North', 'Korea', 'freedom', 'kimchi', 'café', 'Joy', 'K-pop', '2024', "it's")
  .map(same);
const punctuation = fc.constantFrom('!', '?', ',', '.', '"', '(', ')', ':', ';').map(same);
/** Characters that must be escaped, and references, as written → as read. */
const reference = fc
  .constantFrom<[string, string]>(
    ['&amp;', '&'],
    ['&lt;', '<'],
    ['&gt;', '>'],
    ['>', '>'],
    ['&nbsp;', '\u00a0'],
    ['&eacute;', 'é'],
    ['&#233;', 'é'],
    ['&#xD55C;', '한'],
    ['&#x1F600;', '\u{1F600}'],
    ['--&gt;', '-->'],
    ['&lrm;', '\u200e'],
    ['R&amp;D', 'R&D'],
  )
  .map(([written, plain]) => ({ written, plain }));

const atom = fc.oneof(
  { arbitrary: hangulWord, weight: 4 },
  { arbitrary: latinWord, weight: 3 },
  { arbitrary: punctuation, weight: 1 },
  { arbitrary: reference, weight: 2 },
);
const run = fc
  .array(fc.tuple(atom, fc.constantFrom('', ' ')), { minLength: 1, maxLength: 6 })
  .map((pairs) => join(pairs.flatMap(([word, space]) => [word, same(space)])));

const className = fc.constantFrom('loud', 'whisper', 'sung', 'k', 'ko-note');
const classes = fc
  .uniqueArray(className, { maxLength: 2 })
  .map((names) => names.map((name) => '.' + name).join(''));

/** A span around inline content (no voice: that one wraps the cue). */
const span = (inner: fc.Arbitrary<Written>): fc.Arbitrary<Written> =>
  fc
    .tuple(fc.constantFrom('i', 'b', 'u', 'c', 'lang'), classes, inner)
    .map(([tag, dotted, content]) => {
      const annotation = tag === 'lang' ? ' ko' : '';
      return {
        written: `<${tag}${dotted}${annotation}>${content.written}</${tag}>`,
        plain: content.plain,
      };
    });
const karaoke = fc
  .constantFrom('<00:00:01.500>', '<00:02.250>', '<01:00:00.000>')
  .map((tag) => ({ written: tag, plain: '' }));

const inline0 = run;
const inline1 = fc.oneof({ arbitrary: run, weight: 3 }, span(inline0), karaoke);
const inline2 = fc.oneof({ arbitrary: run, weight: 3 }, span(inline1));
const line = fc.array(inline2, { minLength: 1, maxLength: 3 }).map((parts) => join(parts));

const VOICES = ['Joy', 'Park Eunhee', '은희', 'All'];
const cueText = fc
  .tuple(
    fc.array(line, { minLength: 0, maxLength: 3 }),
    fc.option(fc.tuple(classes, fc.constantFrom(...VOICES), fc.boolean())),
  )
  .map(([lines, voice]) => {
    const body = join(lines, '\n');
    if (!voice || lines.length === 0) return body;
    const [dotted, name, closed] = voice;
    return {
      written: `<v${dotted} ${name}>${body.written}${closed ? '</v>' : ''}`,
      plain: body.plain,
    };
  });

const setting = fc.oneof(
  fc.constantFrom('start', 'center', 'end', 'left', 'right').map((value) => `align:${value}`),
  fc
    .tuple(fc.integer({ min: -5, max: 20 }), fc.option(fc.constantFrom('start', 'center', 'end')))
    .map(([n, align]) => `line:${n}${align ? ',' + align : ''}`),
  fc.integer({ min: 0, max: 100 }).map((n) => `line:${n}%`),
  fc
    .tuple(
      fc.integer({ min: 0, max: 100 }),
      fc.option(fc.constantFrom('line-left', 'center', 'line-right')),
    )
    .map(([n, align]) => `position:${n}%${align ? ',' + align : ''}`),
  fc.integer({ min: 0, max: 100 }).map((n) => `size:${n}%`),
  fc.constantFrom('rl', 'lr').map((value) => `vertical:${value}`),
);
const settings = fc
  .uniqueArray(setting, { selector: (text) => text.split(':')[0], maxLength: 4 })
  .map((list) => list.join(' '));

/** A timestamp as an author might write it: `mm:ss.ttt` under an hour (sometimes), or with hours. */
function writeTime(ms: number, short: boolean): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const rest = `${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
  return short && h === 0 ? rest : `${pad(h)}:${rest}`;
}

const noteBlock = fc
  .tuple(fc.boolean(), fc.array(run, { minLength: 0, maxLength: 2 }))
  .map(([sameLine, lines]) =>
    sameLine && lines.length > 0
      ? `NOTE ${lines.map((text) => text.written).join('\n')}`
      : ['NOTE', ...lines.map((text) => text.written)].join('\n'),
  );

interface GeneratedFile {
  readonly text: string;
  /** What a reader sees in each cue, in order. */
  readonly plain: readonly string[];
}

const file: fc.Arbitrary<GeneratedFile> = fc
  .record({
    title: fc.option(fc.constantFrom(' - The Red Box', ' 레드 박스')),
    style: fc.boolean(),
    cues: fc.array(
      fc.record({
        gap: fc.integer({ min: 0, max: 5_000 }),
        duration: fc.integer({ min: 1, max: 9_000 }),
        settings,
        text: cueText,
        note: fc.option(noteBlock, { freq: 4 }),
        shortTimes: fc.boolean(),
        blankLines: fc.integer({ min: 1, max: 2 }),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    ids: fc.uniqueArray(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), {
      minLength: 12,
      maxLength: 12,
    }),
  })
  .map(({ title, style, cues, ids }) => {
    let start = 0;
    let text = `WEBVTT${title ?? ''}\n\n`;
    if (style) text += 'STYLE\n::cue(v[voice="Joy"]) { color: #fc0 }\n\n';
    cues.forEach((cue, i) => {
      start += cue.gap;
      const end = start + cue.duration;
      const timing = `${writeTime(start, cue.shortTimes)} --> ${writeTime(end, cue.shortTimes)}`;
      const lines = [ids[i]!, cue.settings ? `${timing} ${cue.settings}` : timing];
      if (cue.text.written !== '') lines.push(cue.text.written);
      text += lines.join('\n') + '\n'.repeat(cue.blankLines + 1);
      if (cue.note) text += cue.note + '\n\n';
    });
    return { text, plain: cues.map((cue) => cue.text.plain) };
  });

/** What must survive a save: everything but positions and the text as written. */
function comparable(document: VttDocument) {
  return {
    header: document.header,
    blocks: document.blocks.map((block) => {
      if (block.type !== 'cue') return { type: block.type, text: block.text };
      const cue = block.cue as ParsedCue;
      return {
        type: 'cue',
        id: cue.id,
        startMs: Math.round(cue.startTime * 1000),
        endMs: Math.round(cue.endTime * 1000),
        settings: cue.settings,
        layout: cue.layout,
        text: cue.text,
        segments: cue.segments,
        voice: cue.voice,
      };
    }),
  };
}

/** The cue as an editor holds it after an edit: no text as written, only segments. */
function withoutRawText(cue: WritableCue): WritableCue {
  const { rawText: _rawText, ...rest } = cue;
  return rest;
}

describe('parse → serialize → parse on generated files', () => {
  it('reads the generated text as the author meant it', () => {
    fc.assert(
      fc.property(file, ({ text, plain }) => {
        const { document } = parseVtt(text);
        expect(document.cues.map((cue) => cue.text)).toEqual(plain);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps cues and blocks when the text is written as it was, and writes stably', () => {
    fc.assert(
      fc.property(file, ({ text }) => {
        const first = parseVtt(text).document;
        const written = serializeVtt(first);
        const second = parseVtt(written).document;
        expect(comparable(second)).toEqual(comparable(first));
        expect(second.cues.map((cue) => cue.rawText)).toEqual(first.cues.map((cue) => cue.rawText));
        expect(serializeVtt(second)).toBe(written);
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps cues and blocks when the text is written from the segments', () => {
    fc.assert(
      fc.property(file, ({ text }) => {
        const first = parseVtt(text);
        const written = serializeVtt(replaceCues(first.document, withoutRawText));
        const second = parseVtt(written);
        expect(comparable(second.document)).toEqual(comparable(first.document));
        // Written from segments, the text never holds a raw "&" or "<".
        expect(second.findings.filter((finding) => finding.rule.startsWith('raw-'))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('edits typed as plain text', () => {
  const typed = fc
    .array(
      fc.oneof(
        hangulWord.map((word) => word.plain),
        fc.constantFrom('Tom & Jerry', 'a < b', 'b > a', '<i>not a tag</i>', '-->', '&amp;', ' '),
        fc.constantFrom('\n', '\r\n', '\n\n'),
      ),
      { minLength: 1, maxLength: 8 },
    )
    .map((parts) => parts.join(''));

  it('escape "&", "<" and "-->", keep the voice span, and read back as typed', () => {
    fc.assert(
      fc.property(file, fc.array(typed, { minLength: 1, maxLength: 12 }), ({ text }, edits) => {
        const first = parseVtt(text).document;
        const edited = replaceCues(first, (cue, i) =>
          withEditedText(cue, edits[i % edits.length]!),
        );
        const second = parseVtt(serializeVtt(edited));
        edited.cues.forEach((cue, i) => {
          const reread = second.document.cues[i]!;
          expect(reread.text).toBe(cue.text);
          expect(reread.voice).toBe(first.cues[i]!.voice);
          expect(reread.segments).toEqual(cue.segments);
        });
        expect(second.findings.filter((finding) => finding.rule.startsWith('raw-'))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('word timestamps through a round trip', () => {
  /** A word-timed cue as the aligner writes it: a timestamp tag before every word but the first. */
  const timedCue = fc
    .record({
      words: fc.array(fc.oneof(hangulWord, latinWord, reference), { minLength: 1, maxLength: 12 }),
      gaps: fc.array(fc.integer({ min: 1, max: 900 }), { minLength: 12, maxLength: 12 }),
      startMs: fc.integer({ min: 0, max: 600_000 }),
      voice: fc.option(fc.constantFrom(...VOICES)),
      breakAt: fc.integer({ min: 0, max: 12 }),
    })
    .map(({ words, gaps, startMs, voice, breakAt }) => (base: number) => {
      let at = base + startMs;
      const times = words.map((_, i) => (i === 0 ? at : (at += gaps[i]!)));
      const endMs = at + 500;
      const body = words
        .map((word, i) => {
          const separator = i === 0 ? '' : i === breakAt ? '\n' : ' ';
          const tag = i === 0 ? '' : `<${writeTime(times[i]!, false)}>`;
          return separator + tag + word.written;
        })
        .join('');
      return {
        text: voice ? `<v ${voice}>${body}</v>` : body,
        startMs: base + startMs,
        endMs,
        times: times.slice(1),
        plain: words
          .map((word, i) => (i === 0 ? '' : i === breakAt ? '\n' : ' ') + word.plain)
          .join(''),
      };
    });

  const timestampsOf = (segments: readonly CueSegment[]): number[] =>
    segments.flatMap((segment) =>
      segment.type === 'timestamp'
        ? [Math.round(segment.time * 1000)]
        : segment.type === 'text'
          ? []
          : timestampsOf(segment.children),
    );

  it('keeps every timestamp tag, in order and to the millisecond, written either way', () => {
    fc.assert(
      fc.property(fc.array(timedCue, { minLength: 1, maxLength: 6 }), (generated) => {
        // One after another, as in a file.
        let base = 0;
        const cues = generated.map((at) => {
          const cue = at(base);
          base = cue.endMs;
          return cue;
        });
        const text =
          'WEBVTT\n\n' +
          cues
            .map(
              (cue, i) =>
                `c${i + 1}\n${writeTime(cue.startMs, false)} --> ${writeTime(cue.endMs, false)}\n${cue.text}`,
            )
            .join('\n\n') +
          '\n';
        const first = parseVtt(text);
        expect(first.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
        first.document.cues.forEach((cue, i) => {
          expect(timestampsOf(cue.segments)).toEqual(cues[i]!.times);
          expect(cue.text).toBe(cues[i]!.plain);
        });
        for (const written of [
          serializeVtt(first.document),
          serializeVtt(replaceCues(first.document, withoutRawText)),
        ]) {
          const second = parseVtt(written);
          second.document.cues.forEach((cue, i) => {
            expect(timestampsOf(cue.segments)).toEqual(cues[i]!.times);
            expect(cue.segments).toEqual(first.document.cues[i]!.segments);
          });
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });
});
