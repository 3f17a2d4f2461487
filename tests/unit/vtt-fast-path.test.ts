/**
 * The parts of the core that read WebVTT without webvtt-parser, against webvtt-parser itself on
 * generated input: the fast path (canonical timing lines, plain and voice-only cue text, with or
 * without word timestamps) must give exactly the library's result whenever it gives one, a whole
 * file parsed with it must equal the same file read by the library alone (cues and findings), and
 * the tag scan must find exactly the elements the library builds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LibraryTreeNode } from '../../src/core/vtt-library.ts';
import { scanCueTags } from '../../src/core/cue-text-tags.ts';
import { fastSegments, fastTiming } from '../../src/core/vtt-fast-path.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { formatTimestamp } from '../../src/core/vtt-serialize.ts';
import {
  librarySegments,
  parseCueTextWithLibrary,
  parseWithLibrary,
} from '../../src/core/vtt-library.ts';

const RUNS = 2000;

const digits = (min: number, max: number) =>
  fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
/** Timestamps near and off the canonical shape. */
const timestamp = fc.oneof(
  fc
    .tuple(digits(1, 6), digits(1, 3), digits(1, 3), digits(2, 4))
    .map(([h, m, s, ms]) => `${h}:${m}:${s}.${ms}`),
  fc.tuple(digits(1, 3), digits(1, 3), digits(2, 4)).map(([m, s, ms]) => `${m}:${s}.${ms}`),
  {
    weight: 8,
    arbitrary: fc
      .tuple(
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 999 }),
      )
      .map(
        ([h, m, s, ms]) =>
          `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(ms).padStart(3, '0')}`,
      ),
  },
);
const timingLine = fc
  .tuple(
    timestamp,
    fc.constantFrom(' --> ', '  --> ', ' -->\t', '-->', ' --> ', ' --> ', ' --> '),
    timestamp,
    fc.constantFrom('', ' ', ' align:start'),
  )
  .map(([start, arrow, end, tail]) => start + arrow + end + tail);

describe(fastTiming.name, () => {
  it('gives the library’s times whenever it reads a line, and no errors were due', () => {
    let read = 0;
    fc.assert(
      fc.property(timingLine, (line) => {
        const fast = fastTiming(line);
        if (!fast) return;
        read++;
        const library = parseWithLibrary(`WEBVTT\n\n${line}\n`);
        expect(library.errors).toEqual([]);
        expect(fast).toEqual({
          startTime: library.cues[0]!.startTime,
          endTime: library.cues[0]!.endTime,
        });
      }),
      { numRuns: RUNS },
    );
    expect(read).toBeGreaterThan(RUNS / 100);
  });

  it('leaves settings, odd spacing and an end before the start to the library', () => {
    expect(fastTiming('00:01.000 --> 00:02.000 align:start')).toBeNull();
    expect(fastTiming('00:01.000  --> 00:02.000')).toBeNull();
    expect(fastTiming('00:02.000 --> 00:01.000')).toBeNull();
    expect(fastTiming('00:60.000 --> 01:00.000')).toBeNull();
    expect(fastTiming('123:00:01.000 --> 123:00:02.500')).toEqual({
      startTime: 123 * 3600 + 1,
      endTime: 123 * 3600 + 2.5,
    });
  });
});

const textPiece = fc.oneof(
  {
    arbitrary: fc.constantFrom('Joy', 'North Korea', '한국어', ' ', '\n', 'a.b', '  ', '"'),
    weight: 6,
  },
  {
    arbitrary: fc.constantFrom(
      '<v Joy>',
      '<v.loud Joy>',
      '<v  Joy>',
      '<v Park Eunhee>',
      '<v>',
      '<v Joy',
      '</v>',
      '<i>',
      '</i>',
      '<b>',
      '</b>',
      '<c.x>',
      '</c>',
      '<ruby>',
      '<rt>',
      '</rt>',
      '</ruby>',
      '<lang ko>',
      '</lang>',
      '<00:01.000>',
      '&amp;',
      '&',
      '<',
      '>',
      '<x>',
      '</x>',
      '<v.a.b C D>',
      '<v\u00a0X>',
    ),
    weight: 4,
  },
);
const cueText = fc.array(textPiece, { maxLength: 12 }).map((pieces) => pieces.join(''));

describe(fastSegments.name, () => {
  it('gives the library’s segments whenever it reads a text, and no errors were due', () => {
    let read = 0;
    fc.assert(
      fc.property(
        cueText,
        fc.constantFrom('subtitles' as const, 'chapters' as const),
        (text, mode) => {
          // Cue text has no empty lines (they end the cue).
          if (/(^|\n)(\n|$)/.test(text) && text !== '') return;
          const fast = fastSegments(text, mode, { startTime: 0, endTime: 10 });
          if (!fast) return;
          read++;
          const library = parseWithLibrary(`WEBVTT\n\n00:00.000 --> 00:10.000\n${text}\n`, mode);
          expect(library.errors).toEqual([]);
          expect(fast).toEqual(librarySegments(library.cues[0]!.tree.children));
        },
      ),
      { numRuns: RUNS },
    );
    expect(read).toBeGreaterThan(RUNS / 20);
  });
});

describe(scanCueTags.name, () => {
  /** The library's elements in pre-order, and the open path (last children down from the root). */
  function libraryElements(text: string): { names: string[]; open: string[] } {
    const names: string[] = [];
    const roots = parseCueTextWithLibrary(text).children as LibraryTreeNode[];
    const pending = [...roots].reverse();
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type !== 'object') continue;
      names.push(node.name);
      pending.push(...[...(node.children as LibraryTreeNode[])].reverse());
    }
    const open: string[] = [];
    let nodes = roots;
    for (let last = nodes.at(-1); last?.type === 'object'; last = nodes.at(-1)) {
      open.push(last.name);
      nodes = last.children as LibraryTreeNode[];
    }
    return { names, open };
  }

  it('finds the elements the library builds, in order, and the ones it leaves open', () => {
    fc.assert(
      fc.property(cueText, (text) => {
        const scan = scanCueTags(text);
        const library = libraryElements(text);
        expect(scan.elements.map((element) => element.name)).toEqual(library.names);
        // The open path ends at the last element the library left open: compare its prefix.
        const open = scan.open.map((element) => element.name);
        expect(library.open.slice(0, open.length)).toEqual(open);
      }),
      { numRuns: RUNS },
    );
  });
});

/** A time near the cue's edges, inside it, or just outside, in seconds (whole milliseconds). */
function tagTime(start: number, end: number): fc.Arbitrary<number> {
  const ms = (seconds: number) => Math.round(seconds * 1000) / 1000;
  return fc.oneof(
    {
      weight: 60,
      arbitrary: fc
        .noBias(fc.double({ min: 0, max: 1, noNaN: true }))
        .map((f) => ms(start + f * (end - start))),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        start,
        end,
        ms(start - 0.001),
        ms(end + 0.001),
        ms(start + 0.001),
        ms(end - 0.001),
      ),
    },
  );
}

/** A timestamp tag as the aligner writes it, or written otherwise, or broken. */
function tagText(time: number): fc.Arbitrary<string> {
  const canonical = formatTimestamp(Math.max(0, time));
  return fc.oneof(
    { weight: 60, arbitrary: fc.constant(`<${canonical}>`) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(
        // Without hours, the library's other canonical form (only below an hour).
        `<${canonical.slice(3)}>`,
        `<${canonical}`,
        `<${canonical} >`,
        `<${canonical}0>`,
        `<${canonical.slice(1)}>`,
        `<0${canonical}>`,
        `<000${canonical}>`,
        `<${canonical.replace('.', ',')}>`,
        `<${canonical.slice(0, 3)}60${canonical.slice(5)}>`,
        `<${canonical.slice(0, 6)}60${canonical.slice(8)}>`,
        `<${canonical}><${canonical}>`,
        `<${canonical}>&amp;`,
        '<1:00:00.000>',
        '<99999:00:00.000>',
        '<999999:00:00.000>',
        '<>',
        '<3',
      ),
    },
  );
}

const wordPiece = fc.oneof(
  {
    weight: 150,
    arbitrary: fc.constantFrom('freedom ', 'river', ' ', '한국어 ', 'a.b ', '>', '"', 'x\n'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '<i>',
      '</i>',
      '<b>x</b>',
      '<c.loud>',
      '</c>',
      '&',
      '<',
      '</v>',
      '<v Joy>',
      '&amp;',
      '<x>',
    ),
  },
);

/** One cue block with word timestamps: a few tags in order, some of them hostile. */
const timedCue = fc
  .tuple(
    fc.integer({ min: 0, max: 3 * 3600 * 1000 }),
    // Cue lengths in milliseconds: mostly spread evenly (words fit), sometimes a few ms (they collide).
    fc.oneof(
      { weight: 4, arbitrary: fc.noBias(fc.integer({ min: 1, max: 12_000 })) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 12_000 }) },
    ),
    fc.constantFrom('', '<v Joy>', '<v.loud Park Eunhee>', '<v Nobody>', '<v>'),
    fc.constantFrom('', '', '</v>'),
  )
  .chain(([startMs, lengthMs, voice, close]) => {
    const start = startMs / 1000;
    const end = (startMs + lengthMs) / 1000;
    const tags = fc
      .array(tagTime(start, end), { maxLength: 12 })
      // Mostly in order, as the aligner writes them; sometimes not.
      .chain((times) =>
        fc.constantFrom(
          times.toSorted((a, b) => a - b),
          times,
        ),
      );
    return fc
      .tuple(tags, fc.array(fc.array(wordPiece, { minLength: 1, maxLength: 3 }), { maxLength: 13 }))
      .chain(([times, words]) =>
        fc.tuple(...times.map((time) => tagText(time))).map((tagTexts) => {
          let text = voice + (words[0]?.join('') ?? 'word');
          tagTexts.forEach((tag, i) => (text += tag + (words[i + 1]?.join('') ?? 'word ')));
          // Cue text has no empty lines (they would end the cue) and no line of its own with "-->".
          text = text.replace(/\n+/g, '\n').replace(/^\n|\n$/g, '') + close;
          return { timing: `${formatTimestamp(start)} --> ${formatTimestamp(end)}`, text };
        }),
      );
  });

describe('word timestamps', () => {
  it('reads the aligner’s cues on the fast path, as the library would', () => {
    const timing = { startTime: 2.5, endTime: 4.105 };
    const text =
      '<v All>Welcome <00:00:02.975>to <00:00:03.150>the <00:00:03.270>Red <00:00:03.485>Box!</v>';
    const library = parseWithLibrary(`WEBVTT\n\n00:00:02.500 --> 00:00:04.105\n${text}\n`);
    expect(library.errors).toEqual([]);
    expect(fastSegments(text, 'subtitles', timing)).toEqual(
      librarySegments(library.cues[0]!.tree.children),
    );
    expect(fastSegments('Line 2: <00:00:03.000>river', 'subtitles', timing)).toEqual([
      { type: 'text', text: 'Line 2: ' },
      { type: 'timestamp', time: 3 },
      { type: 'text', text: 'river' },
    ]);
  });

  it('leaves tags at or outside the cue’s edges, out of order or malformed to the library', () => {
    const timing = { startTime: 2.5, endTime: 4.105 };
    for (const tag of [
      '00:00:02.500',
      '00:00:04.105',
      '00:00:05.000',
      '00:01.0000',
      '1:00:00.000',
    ]) {
      expect(fastSegments(`a <${tag}>b`, 'subtitles', timing)).toBeNull();
    }
    expect(fastSegments('a <00:00:03.000>b <00:00:03.000>c', 'subtitles', timing)).toBeNull();
    expect(fastSegments('a <00:00:03.000>b <00:00:02.900>c', 'subtitles', timing)).toBeNull();
    expect(fastSegments('a <00:00:03.000', 'subtitles', timing)).toBeNull();
    expect(fastSegments('a <00:00:03.000>b', 'chapters', timing)).toBeNull();
  });

  it('gives the library’s segments for generated timed cues whenever it reads one', () => {
    let read = 0;
    fc.assert(
      fc.property(timedCue, ({ timing, text }) => {
        const line = fastTiming(timing)!;
        const fast = fastSegments(text, 'subtitles', line);
        if (!fast) return;
        read++;
        const library = parseWithLibrary(`WEBVTT\n\n${timing}\n${text}\n`);
        expect(library.errors).toEqual([]);
        expect(fast).toEqual(librarySegments(library.cues[0]!.tree.children));
      }),
      { numRuns: RUNS },
    );
    expect(read).toBeGreaterThan(RUNS / 20);
  });

  it('parses whole files of timed cues exactly as the library alone does: cues and findings', () => {
    const speakers = [
      { id: 'joy', name: 'Joy' },
      { id: 'eunhee', name: 'Park Eunhee' },
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(timedCue, fc.constantFrom('c1', 'c2', '', 'c3')), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.boolean(),
        (cues, withSpeakers) => {
          const text =
            'WEBVTT\n\n' +
            cues
              .map(([cue, id]) => (id ? `${id}\n` : '') + `${cue.timing}\n${cue.text}`)
              .join('\n\n') +
            '\n';
          const options = { file: 'x.vtt', ...(withSpeakers ? { speakers } : {}) };
          expect(parseVtt(text, options)).toEqual(
            parseVtt(text, { ...options, libraryOnly: true }),
          );
        },
      ),
      { numRuns: RUNS / 10 },
    );
  });
});
