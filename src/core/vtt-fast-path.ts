/**
 * The common cue, read without webvtt-parser: a canonical timing line without settings, and cue
 * text that is plain or one leading voice span (`<v Joy>text`), either with word timestamps.
 * Everything else goes to the library. For what is accepted here the result is the library's, by
 * construction:
 *
 * - Timing: the library's timestamp rules accept `hh+:mm:ss.ttt` and `mm:ss.ttt` with minutes and
 *   seconds of at most 59, and compute `h * 60 * 60 + m * 60 + s + ms / 1000`; this accepts a
 *   subset (two to five hour digits, one space either side of the arrow, nothing after) and does
 *   the same arithmetic in the same order. An end not after the start is left to the library,
 *   which reports it.
 * - Text without `<` or `&`: the library's tokenizer stays in its data state and returns the whole
 *   text as one text node (an empty text gives none).
 * - `<v` + dot-separated classes + one space + a name without whitespace runs, `<`, `>` or `&`,
 *   then `>`: one voice element with those classes and that annotation (the library collapses
 *   whitespace in annotations; names here have none to collapse), holding the rest of the text
 *   (again without `<` or `&`) as one text node; an optional `</v>` at the very end closes it.
 *   The library reports nothing for these (a `<v>` left open at the end is allowed).
 * - Timestamp tags (`<00:00:03.150>`, as the aligner writes a word's start) in that text, each a
 *   canonical timestamp closed by `>`, strictly after the cue's start, strictly before its end
 *   and after the previous tag: the library's tokenizer reads `<` + digit up to `>` as a
 *   timestamp tag, parses it with the timing line's timestamp rules (the same arithmetic as
 *   above) and reports nothing for exactly these; the text between tags is one text node each
 *   (none when empty). A tag out of range, out of order or malformed goes to the library, which
 *   reports it.
 *
 * tests/unit/vtt-fast-path.test.ts checks both against the library on generated input.
 */
import type { CueSegment } from './cue-model.ts';

/** Start and end of a cue in seconds. */
export interface FastTiming {
  readonly startTime: number;
  readonly endTime: number;
}

/** The timing line's arrow with one space either side, as the serializer writes it. */
const ARROW = ' --> ';

/** The decimal number of `count` digits at `at`, or -1 when one is no digit. */
function digits(line: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const digit = line.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Reads `hh+:mm:ss.ttt` (two to five hour digits) or `mm:ss.ttt` at `from`, ending exactly at
 * `to`; minutes and seconds at most 59. Returns seconds by the library's arithmetic, or -1.
 */
function timestampAt(line: string, from: number, to: number): number {
  const length = to - from;
  // mm:ss.ttt is 9 characters; hh:mm:ss.ttt 12 and up to three more hour digits.
  const hourDigits = length === 9 ? 0 : length - 10;
  if (length !== 9 && (hourDigits < 2 || hourDigits > 5)) return -1;
  const at = from + (hourDigits === 0 ? 0 : hourDigits + 1);
  if (hourDigits > 0 && line.charCodeAt(at - 1) !== 0x3a /* : */) return -1;
  if (line.charCodeAt(at + 2) !== 0x3a || line.charCodeAt(at + 5) !== 0x2e /* . */) return -1;
  const h = hourDigits === 0 ? 0 : digits(line, from, hourDigits);
  const m = digits(line, at, 2);
  const s = digits(line, at + 3, 2);
  const ms = digits(line, at + 6, 3);
  if (h < 0 || m < 0 || m > 59 || s < 0 || s > 59 || ms < 0) return -1;
  // The library's order of operations: parseInt(h) * 60 * 60 + parseInt(m) * 60 + … + ms / 1000.
  return h * 60 * 60 + m * 60 + s + ms / 1000;
}

/** The times of a canonical timing line without settings, or null (then ask the library). */
export function fastTiming(line: string): FastTiming | null {
  const arrow = line.indexOf(ARROW);
  if (arrow < 0) return null;
  const startTime = timestampAt(line, 0, arrow);
  const endTime = timestampAt(line, arrow + ARROW.length, line.length);
  return startTime >= 0 && endTime > startTime ? { startTime, endTime } : null;
}

const VOICE_START = /^<v((?:\.[^\s.<>&]+)*) ([^\s<>&]+(?: [^\s<>&]+)*)>/;

/**
 * Text without `&`, with no `<` other than timestamp tags that the library accepts without a
 * report (see the module comment), as segments; null when any tag is anything else.
 */
function timedTextSegments(text: string, timing: FastTiming): CueSegment[] | null {
  const segments: CueSegment[] = [];
  let from = 0;
  let previous = -Infinity;
  for (let open = text.indexOf('<'); open >= 0; open = text.indexOf('<', from)) {
    const close = text.indexOf('>', open);
    if (close < 0) return null;
    const time = timestampAt(text, open + 1, close);
    if (time < 0 || time <= timing.startTime || time >= timing.endTime || time <= previous) {
      return null;
    }
    if (open > from) segments.push({ type: 'text', text: text.slice(from, open) });
    segments.push({ type: 'timestamp', time });
    previous = time;
    from = close + 1;
  }
  if (from < text.length)
    segments.push({ type: 'text', text: from === 0 ? text : text.slice(from) });
  return segments;
}

/**
 * The segments of plain cue text, or of one leading voice span, with or without timestamp tags
 * (see the module comment), or null when the text needs the library. `chapters` allows no markup
 * at all (the library reports it). `timing` is the cue's, which timestamp tags must fall within.
 */
export function fastSegments(
  text: string,
  mode: 'subtitles' | 'chapters',
  timing: FastTiming,
): CueSegment[] | null {
  if (text.includes('&')) return null;
  if (!text.includes('<')) return text === '' ? [] : [{ type: 'text', text }];
  if (mode !== 'subtitles') return null;
  const voice = text.startsWith('<v') ? VOICE_START.exec(text) : null;
  if (!voice) return timedTextSegments(text, timing);
  let rest = text.slice(voice[0].length);
  if (rest.endsWith('</v>')) rest = rest.slice(0, -4);
  const children = timedTextSegments(rest, timing);
  if (!children) return null;
  const classes = voice[1] === '' ? [] : voice[1]!.slice(1).split('.');
  return [{ type: 'voice', classes, annotation: voice[2]!, children }];
}
