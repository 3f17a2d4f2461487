/**
 * The parts of the core that read WebVTT without webvtt-parser, against webvtt-parser itself on
 * generated input: the fast path (canonical timing lines, plain and voice-only cue text) must
 * give exactly the library's result whenever it gives one, and the tag scan must find exactly the
 * elements the library builds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LibraryTreeNode } from '../../src/core/vtt-library.ts';
import { scanCueTags } from '../../src/core/cue-text-tags.ts';
import { fastSegments, fastTiming } from '../../src/core/vtt-fast-path.ts';
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
          const fast = fastSegments(text, mode);
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
