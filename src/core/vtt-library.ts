/**
 * The one place that touches webvtt-parser. Everything else in the project sees our own model.
 *
 * The library's default entity table decodes `&amp;` as `&;` (see ENVIRONMENT.md), so the parser is
 * always built with the full HTML entity table that ships with the package.
 */
import webvtt from 'webvtt-parser';
import type { Cue as LibraryCue, Error as LibraryError, Tree, TreeNode } from 'webvtt-parser';
import htmlEntities from 'webvtt-parser/html-entities.json' with { type: 'json' };
import { MAX_TIME, type CueSegment, type SpanKind } from './cue-model.ts';

export type { LibraryCue, LibraryError, Tree as LibraryTree, TreeNode as LibraryTreeNode };

type EntityTable = ConstructorParameters<typeof webvtt.WebVTTParser>[0];

/** The full entity table, `&name;` → text, as webvtt-parser wants it. */
export const entityTable = htmlEntities as unknown as NonNullable<EntityTable>;

let sharedParser: InstanceType<typeof webvtt.WebVTTParser> | undefined;

/** Parse a (small) WebVTT text with the library; `mode` 'chapters' enables its chapter-title rules. */
export function parseWithLibrary(
  text: string,
  mode: 'subtitles' | 'chapters' | 'metadata' = 'subtitles',
): { cues: LibraryCue[]; errors: LibraryError[]; styles: string[] } {
  sharedParser ??= new webvtt.WebVTTParser(entityTable);
  return sharedParser.parse(text, mode);
}

/** Parse cue text alone (no timings) with the library's cue-text parser; errors are ignored. */
export function parseCueTextWithLibrary(
  text: string,
  mode: 'subtitles' | 'chapters' | 'metadata' = 'subtitles',
): Tree {
  const parser = new webvtt.WebVTTCueTextParser(text, () => {}, mode, entityTable);
  // Timestamps are only checked against these bounds (for errors, ignored here).
  return parser.parse(0, Infinity);
}

const SPAN_KINDS: Readonly<Record<string, SpanKind>> = {
  v: 'voice',
  lang: 'lang',
  c: 'class',
  i: 'italic',
  b: 'bold',
  u: 'underline',
  ruby: 'ruby',
  rt: 'ruby-text',
};

/**
 * webvtt-parser's tree → our segments: the only place that reads the library's tree. Adjacent
 * text nodes are joined; timestamp tags past MAX_TIME are left out (the library reports them as
 * outside the cue already). Iterative: the depth comes from the file.
 */
export function librarySegments(nodes: readonly TreeNode[]): CueSegment[] {
  const root: CueSegment[] = [];
  const stack: Array<{ nodes: readonly TreeNode[]; index: number; into: CueSegment[] }> = [
    { nodes, index: 0, into: root },
  ];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.index >= frame.nodes.length) {
      stack.pop();
      continue;
    }
    const node = frame.nodes[frame.index++]!;
    const into = frame.into;
    if (node.type === 'text') {
      const last = into[into.length - 1];
      // The library can split one run of text into several nodes; join them.
      if (last?.type === 'text')
        into[into.length - 1] = { type: 'text', text: last.text + node.value };
      else if (node.value !== '') into.push({ type: 'text', text: node.value });
    } else if (node.type === 'timestamp') {
      if (node.value < MAX_TIME) into.push({ type: 'timestamp', time: node.value });
    } else {
      const kind = SPAN_KINDS[node.name];
      if (!kind) continue;
      const children: CueSegment[] = [];
      into.push({
        type: kind,
        classes: [...(node.classes ?? [])],
        annotation: node.name === 'v' || node.name === 'lang' ? (node.value ?? '') : '',
        children,
      });
      stack.push({ nodes: node.children as TreeNode[], index: 0, into: children });
    }
  }
  return root;
}

/** True when `name` (with the leading `&`, without `;`) is a known character reference. */
export function isKnownEntity(nameWithAmpersand: string): boolean {
  return Object.prototype.hasOwnProperty.call(entityTable, nameWithAmpersand + ';');
}

/**
 * Numeric character references webvtt-parser decodes wrongly, and how HTML decodes them.
 *
 * The library only matches `&#x?[0-9]+;` and uses `String.fromCharCode`: hex digits a–f are
 * not decoded at all (`&#xE9;` stays as written), code points above U+FFFF lose their high bits
 * (`&#128512;` → U+F600), and HTML's rules for 0, surrogates, out-of-range values and the
 * windows-1252 C1 remapping (`&#128;` → "€") are missing. `rewriteNumericReferences` hands the
 * library an equivalent reference it does decode right (decimal, astral code points as two
 * UTF-16 code units), and remembers how offsets moved so error positions can be mapped back.
 */
const C1_REMAP: Readonly<Record<number, number>> = {
  0x80: 0x20ac,
  0x82: 0x201a,
  0x83: 0x0192,
  0x84: 0x201e,
  0x85: 0x2026,
  0x86: 0x2020,
  0x87: 0x2021,
  0x88: 0x02c6,
  0x89: 0x2030,
  0x8a: 0x0160,
  0x8b: 0x2039,
  0x8c: 0x0152,
  0x8e: 0x017d,
  0x91: 0x2018,
  0x92: 0x2019,
  0x93: 0x201c,
  0x94: 0x201d,
  0x95: 0x2022,
  0x96: 0x2013,
  0x97: 0x2014,
  0x98: 0x02dc,
  0x99: 0x2122,
  0x9a: 0x0161,
  0x9b: 0x203a,
  0x9c: 0x0153,
  0x9e: 0x017e,
  0x9f: 0x0178,
};

/** The code point HTML gives a numeric character reference (WHATWG "numeric character reference end state"). */
export function numericReferenceCodePoint(digits: string, hex: boolean): number {
  // parseInt on a very long digit string gives a huge number or Infinity; both are out of range.
  const value = parseInt(digits, hex ? 16 : 10);
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return 0xfffd;
  return C1_REMAP[value] ?? value;
}

/** A cue text the library will decode right, and a map from its offsets back to the original. */
export interface RewrittenCueText {
  readonly text: string;
  /** Offset in `text` → offset in the original cue text. */
  toOriginal(offset: number): number;
}

// A tag (skipped: the library does not decode references inside tags) or a numeric reference.
const TAG_OR_NUMERIC_REFERENCE = /<[^>]*>?|&#(?:([xX])([0-9a-fA-F]+)|([0-9]+));/g;

/** Rewrite the numeric references in cue text that webvtt-parser would decode wrongly. */
export function rewriteNumericReferences(cueText: string): RewrittenCueText {
  // Each replacement: where it sits in the rewritten text and where it came from.
  const moves: Array<{ from: number; to: number; originalFrom: number; originalTo: number }> = [];
  let text = '';
  let copied = 0;
  for (const match of cueText.matchAll(TAG_OR_NUMERIC_REFERENCE)) {
    if (match[0].startsWith('<')) continue;
    const [reference, x, hexDigits, decimal] = match;
    const digits = hexDigits ?? decimal ?? '';
    const codePoint = numericReferenceCodePoint(digits, x !== undefined);
    // What the library makes of it: `&#x` + decimal digits only, read as hex; `&#` + digits.
    const libraryReads =
      x === undefined
        ? Number(digits)
        : x === 'x' && /^[0-9]+$/.test(digits)
          ? parseInt(digits, 16)
          : NaN;
    if (libraryReads === codePoint && codePoint <= 0xffff) continue;
    // One decimal reference per UTF-16 code unit: the library's fromCharCode joins the pair.
    const replacement = String.fromCodePoint(codePoint)
      .split('')
      .map((unit) => `&#${unit.charCodeAt(0)};`)
      .join('');
    text += cueText.slice(copied, match.index);
    moves.push({
      from: text.length,
      to: text.length + replacement.length,
      originalFrom: match.index,
      originalTo: match.index + reference.length,
    });
    text += replacement;
    copied = match.index + reference.length;
  }
  if (moves.length === 0) return { text: cueText, toOriginal: (offset) => offset };
  text += cueText.slice(copied);
  return {
    text,
    toOriginal(offset) {
      let original = offset;
      for (const move of moves) {
        if (offset < move.from) break;
        original = offset < move.to ? move.originalFrom : move.originalTo + (offset - move.to);
      }
      return original;
    },
  };
}
