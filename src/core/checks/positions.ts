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

/** 1-based columns of the start and end timestamps on a timing line (1 and 1 when unknown). */
export function timingColumns(
  lines: readonly string[] | undefined,
  timingLine: number,
): { start: number; end: number } {
  const line = lines?.[timingLine - 1];
  if (line === undefined) return { start: 1, end: 1 };
  const start = line.search(/\S/) + 1 || 1;
  const arrow = line.indexOf('-->');
  if (arrow < 0) return { start, end: start };
  const after = line.slice(arrow + 3).search(/\S/);
  return { start, end: after < 0 ? arrow + 1 : arrow + 3 + after + 1 };
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

const TIMESTAMP_OR_TAG = /^<[^>]*>?/;
const CHARACTER_REFERENCE = /^&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/;

/**
 * The characters a reader sees on one written cue text line, each with its written column:
 * tags are skipped (and ruby text `<rt>…</rt>`, which plain text leaves out too), character
 * references count as the character they stand for.
 */
export function displayedCharacters(line: string): DisplayedCharacter[] {
  const out: DisplayedCharacter[] = [];
  let inRubyText = false;
  let i = 0;
  while (i < line.length) {
    const rest = line.slice(i);
    if (line[i] === '<') {
      const tag = TIMESTAMP_OR_TAG.exec(rest)![0];
      if (/^<rt[\s.>]/.test(tag) || tag === '<rt') inRubyText = true;
      else if (/^<\/rt\s*>?$/.test(tag)) inRubyText = false;
      i += tag.length;
      continue;
    }
    if (line[i] === '&') {
      const reference = CHARACTER_REFERENCE.exec(rest);
      if (reference) {
        if (!inRubyText) out.push({ char: decodeReference(reference[0]), col: i + 1 });
        i += reference[0].length;
        continue;
      }
    }
    const char = String.fromCodePoint(line.codePointAt(i)!);
    if (!inRubyText) out.push({ char, col: i + 1 });
    i += char.length;
  }
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
    const match = /<v(\.[^\s>]*)?[ \t]+/.exec(lines[i]!);
    if (match) return { line: i, col: match.index + match[0].length + 1 };
  }
  return null;
}
