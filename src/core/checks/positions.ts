/**
 * Where things are written in a cue file, for findings: the timestamps on a timing line, the
 * displayed characters of a cue text line, the voice name of a `<v …>` span.
 *
 * These only locate; timings, settings and cue text are parsed by webvtt-parser (vtt-parse.ts).
 */
import type { Cue } from '../cue-model.ts';
import { entityTable } from '../vtt-library.ts';

/** A cue as the checks see it: parsed cues carry their text as written, edited ones may not. */
export type CheckedCue = Cue & { readonly rawText?: string };

/** Split a file into lines as the block scanner does (1-based line n is `lines[n - 1]`). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

const NOT_SPACE = /\S/g;

/** A file's lines, or a way to get them when a finding first needs a column. */
export type FileLines = readonly string[] | (() => readonly string[]);

/** `text` split into lines on first use only (most files need no column). */
export function linesWhenNeeded(text: string): () => readonly string[] {
  let lines: readonly string[] | undefined;
  return () => (lines ??= splitLines(text));
}

/** 1-based columns of the start and end timestamps on a timing line (1 and 1 when unknown). */
export function timingColumns(
  fileLines: FileLines | undefined,
  timingLine: number,
): { start: number; end: number } {
  const lines = typeof fileLines === 'function' ? fileLines() : fileLines;
  const line = lines?.[timingLine - 1];
  if (line === undefined) return { start: 1, end: 1 };
  const start = line.search(/\S/) + 1 || 1;
  const arrow = line.indexOf('-->');
  if (arrow < 0) return { start, end: start };
  NOT_SPACE.lastIndex = arrow + 3;
  const after = NOT_SPACE.exec(line);
  return { start, end: after ? after.index + 1 : arrow + 1 };
}

/** The cue's text lines as written (markup and entities intact), or its plain lines. */
export function writtenLines(cue: CheckedCue): string[] {
  const text = cue.rawText ?? cue.text;
  return text === '' ? [] : text.split('\n');
}

/** One displayed character of a written text line and the column where it is written. */
export interface DisplayedCharacter {
  readonly char: string;
  /** 1-based column in the line as written. */
  readonly col: number;
}

const CHARACTER_REFERENCE = /&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/y;
const RUBY_TEXT_START = /<rt([\s.>]|$)/y;
const RUBY_TEXT_END = /<\/rt\s*>?$/;

/**
 * Visit the characters a reader sees on one written cue text line, a run at a time: tags are
 * skipped (and ruby text `<rt>…</rt>`, which plain text leaves out too), character references
 * count as the characters they stand for. A run is `source.slice(start, end)`; its characters
 * are written at their own columns (`index + 1`) when `col` is null, or all at `col` (a
 * reference). A tag runs to the next `>` (or the end of the line), as the library reads it.
 */
export function forEachDisplayedRun(
  line: string,
  visit: (source: string, start: number, end: number, col: number | null) => void,
): void {
  // No closures in here: this runs per line of every cue (and tsx names each closure it makes).
  let inRubyText = false;
  let runStart = 0;
  let i = 0;
  while (i < line.length) {
    const code = line.charCodeAt(i);
    if (code === 0x3c /* < */) {
      if (i > runStart && !inRubyText) visit(line, runStart, i, null);
      const close = line.indexOf('>', i);
      const end = close === -1 ? line.length : close + 1;
      RUBY_TEXT_START.lastIndex = i;
      if (RUBY_TEXT_START.test(line) && RUBY_TEXT_START.lastIndex <= end) inRubyText = true;
      else if (line.startsWith('</rt', i) && RUBY_TEXT_END.test(line.slice(i, end))) {
        inRubyText = false;
      }
      i = runStart = end;
      continue;
    }
    if (code === 0x26 /* & */) {
      CHARACTER_REFERENCE.lastIndex = i;
      const reference = CHARACTER_REFERENCE.exec(line);
      if (reference) {
        if (i > runStart && !inRubyText) visit(line, runStart, i, null);
        const decoded = decodeReference(reference[0]);
        if (!inRubyText) visit(decoded, 0, decoded.length, i + 1);
        i = runStart = i + reference[0].length;
        continue;
      }
    }
    i++;
  }
  if (i > runStart && !inRubyText) visit(line, runStart, i, null);
}

/** The characters a reader sees on one written cue text line (see forEachDisplayedRun). */
export function displayedCharacters(line: string): DisplayedCharacter[] {
  const out: DisplayedCharacter[] = [];
  forEachDisplayedRun(line, (source, start, end, col) => {
    for (let at = start; at < end;) {
      const codePoint = source.codePointAt(at)!;
      out.push({ char: String.fromCodePoint(codePoint), col: col ?? at + 1 });
      at += codePoint > 0xffff ? 2 : 1;
    }
  });
  return out;
}

function decodeReference(reference: string): string {
  const numeric = /^&#([xX])?([0-9a-fA-F]+);$/.exec(reference);
  if (numeric) {
    const code = parseInt(numeric[2]!, numeric[1] ? 16 : 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
  }
  const table = entityTable as Record<string, string>;
  return Object.prototype.hasOwnProperty.call(table, reference) ? table[reference]! : reference;
}

/** Line (0-based within the cue text) and 1-based column of the voice name in the first `<v>`. */
export function voiceNamePosition(cue: CheckedCue): { line: number; col: number } | null {
  const lines = writtenLines(cue);
  for (let i = 0; i < lines.length; i++) {
    // `<` ends a class run: a line of `<v.<v.<v.` is read in one pass.
    const match = /<v(\.[^\s<>]*)?[ \t]+/.exec(lines[i]!);
    if (match) return { line: i, col: match.index + match[0].length + 1 };
  }
  return null;
}
