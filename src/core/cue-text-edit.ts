/**
 * Editing a cue's text without losing its markup. A translator edits plain text; the cue's tags
 * (`<i>`, `<b>`, `<c.class>`, `<lang>`, `<ruby>`, voice spans) and word timestamps (`<00:01.500>`)
 * sit between its characters. An edit is applied to the text runs only: the characters the
 * translator kept stay in the spans they were in, new text goes where the change was made, and a
 * tag goes only when everything it held was deleted. The markup itself can be edited deliberately
 * as cue text (`markupOf` / `withMarkup`), where a `&` or `<` that starts no reference or tag is
 * still text. Segments nest at most MAX_TAG_DEPTH deep (the parser and `cueTextSegments` leave
 * deeper tags out), so the walks below may recurse.
 */
import type { CueSegment, SpanSegment } from './cue-model.ts';
import { findRawMarkupCharacters } from './raw-markup.ts';
import { parseCueTextWithLibrary } from './vtt-library.ts';
import { cueTextSegments, plainText } from './vtt-parse.ts';
import {
  normaliseTypedText,
  segmentsToCueText,
  type TimestampSpelling,
  type WritableCue,
} from './vtt-serialize.ts';

/**
 * A plain-text edit, as what happens to each character of the old text: kept or deleted, and text
 * inserted before a character (into its run) or after one (into its run).
 */
interface TextEdit {
  readonly kept: Uint8Array;
  readonly before: ReadonlyMap<number, string>;
  readonly after: ReadonlyMap<number, string>;
  /** Text for a cue that had no characters at all. */
  readonly intoEmpty: string;
}

/** Words: letters, digits and combining marks. The diff aligns on them. */
const WORD = /[\p{L}\p{N}\p{M}]+/gu;

/** Above this many word pairs a change is replaced whole (bounds the diff's cost). */
const MAX_DIFF_CELLS = 250_000;

interface Word {
  readonly text: string;
  /** Offset in the whole text. */
  readonly at: number;
}

function wordsOf(text: string, from: number, to: number): Word[] {
  return [...text.slice(from, to).matchAll(WORD)].map((match) => ({
    text: match[0],
    at: from + match.index,
  }));
}

/** Pairs of indexes of a longest common subsequence of `a` and `b` (by text), in order. */
function commonWords(a: readonly Word[], b: readonly Word[]): Array<[number, number]> {
  const width = b.length + 1;
  // table[i][j]: the length of the longest common subsequence of a[i..] and b[j..].
  const table = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * width + j] =
        a[i]!.text === b[j]!.text
          ? table[(i + 1) * width + j + 1]! + 1
          : Math.max(table[(i + 1) * width + j]!, table[i * width + j + 1]!);
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i]!.text === b[j]!.text) pairs.push([i++, j++]);
    else if (table[(i + 1) * width + j]! >= table[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/**
 * The edit that turns `before` into `after`. Words both share anchor it (so separate changes in
 * one go, a replace all say, keep the markup between them); between anchors, and where there are
 * none, the common start and end are kept and the rest is one replacement.
 */
function planEdit(before: string, after: string): TextEdit {
  const kept = new Uint8Array(before.length);
  const insertBefore = new Map<number, string>();
  const insertAfter = new Map<number, string>();
  if (before.length === 0) {
    return { kept, before: insertBefore, after: insertAfter, intoEmpty: after };
  }

  /** `text` replaces old [from, to): into the first one's run, or after the last kept one. */
  const place = (from: number, to: number, text: string): void => {
    if (text === '') return;
    if (to > from || from === 0) insertBefore.set(from, (insertBefore.get(from) ?? '') + text);
    else insertAfter.set(from - 1, (insertAfter.get(from - 1) ?? '') + text);
  };
  /** Old [from, to) becomes new [newFrom, newTo): keep their common start and end. */
  const replace = (from: number, to: number, newFrom: number, newTo: number): void => {
    while (from < to && newFrom < newTo && before[from] === after[newFrom]) {
      kept[from++] = 1;
      newFrom++;
    }
    while (to > from && newTo > newFrom && before[to - 1] === after[newTo - 1]) {
      kept[--to] = 1;
      newTo--;
    }
    place(from, to, after.slice(newFrom, newTo));
  };

  const oldWords = wordsOf(before, 0, before.length);
  const newWords = wordsOf(after, 0, after.length);
  const anchors =
    oldWords.length * newWords.length > MAX_DIFF_CELLS ? [] : commonWords(oldWords, newWords);
  let from = 0;
  let newFrom = 0;
  for (const [i, j] of anchors) {
    const word = oldWords[i]!;
    replace(from, word.at, newFrom, newWords[j]!.at);
    kept.fill(1, word.at, word.at + word.text.length);
    from = word.at + word.text.length;
    newFrom = newWords[j]!.at + word.text.length;
  }
  replace(from, before.length, newFrom, after.length);
  return { kept, before: insertBefore, after: insertAfter, intoEmpty: '' };
}

/** How much plain text a span or a timestamp's stretch held before the edit and after it. */
interface Held {
  before: number;
  after: number;
}

/**
 * `segments` with the plain-text edit applied to their text runs. A span or a timestamp that held
 * text and holds none after the edit goes; the first voice span (the cue's speaker) and the spans
 * around it always stay. Ruby annotations (`<rt>`) are not part of the plain text and stay as
 * they are.
 */
function applyEdit(segments: readonly CueSegment[], edit: TextEdit): CueSegment[] {
  const speakerPath = new Set<CueSegment>(pathToFirstVoice(segments));
  const held = new Map<CueSegment, Held>();
  let position = 0;
  let stretch: Held | null = null; // the text after the last timestamp, in reading order

  const walk = (list: readonly CueSegment[], spans: readonly Held[], annotation: boolean) => {
    const out: CueSegment[] = [];
    for (const segment of list) {
      if (segment.type === 'timestamp') {
        const copy = { ...segment };
        stretch = { before: 0, after: 0 };
        held.set(copy, stretch);
        out.push(copy);
      } else if (segment.type === 'text') {
        if (annotation) {
          out.push(segment);
          continue;
        }
        let text = '';
        for (let k = 0; k < segment.text.length; k++, position++) {
          text += edit.before.get(position) ?? '';
          if (edit.kept[position]) text += segment.text[k];
          text += edit.after.get(position) ?? '';
        }
        const counted = [...spans, ...(stretch ? [stretch] : [])];
        for (const tally of counted) {
          tally.before += segment.text.length;
          tally.after += text.length;
        }
        if (text !== '') out.push({ type: 'text', text });
      } else {
        const tally: Held = { before: 0, after: 0 };
        const children = walk(
          segment.children,
          [...spans, tally],
          annotation || segment.type === 'ruby-text',
        );
        const copy: SpanSegment = { ...segment, children };
        if (!speakerPath.has(segment)) held.set(copy, tally);
        out.push(copy);
      }
    }
    return out;
  };
  const edited = walk(segments, [], false);
  if (edit.intoEmpty !== '') insertIntoFirstContainer(edited, edit.intoEmpty);
  return prune(edited, held);
}

/** The first voice span, depth first, and the spans around it (outermost first). */
function pathToFirstVoice(segments: readonly CueSegment[]): CueSegment[] {
  for (const segment of segments) {
    if (segment.type === 'text' || segment.type === 'timestamp') continue;
    if (segment.type === 'voice') return [segment];
    const inner = pathToFirstVoice(segment.children);
    if (inner.length > 0) return [segment, ...inner];
  }
  return [];
}

/** Put `text` at the start of the innermost leading span (`<v Joy>` of an empty row), in place. */
function insertIntoFirstContainer(segments: CueSegment[], text: string): void {
  let container = segments;
  for (;;) {
    const first = container[0];
    if (!first || first.type === 'text' || first.type === 'timestamp' || first.type === 'ruby-text')
      break;
    container = first.children as CueSegment[];
  }
  container.unshift({ type: 'text', text });
}

/** Drop what lost all its text, and join text runs that became neighbours. */
function prune(segments: readonly CueSegment[], held: ReadonlyMap<CueSegment, Held>): CueSegment[] {
  const out: CueSegment[] = [];
  for (const segment of segments) {
    const tally = held.get(segment);
    if (tally && tally.before > 0 && tally.after === 0) continue;
    const kept =
      segment.type === 'text' || segment.type === 'timestamp'
        ? segment
        : { ...segment, children: prune(segment.children, held) };
    const last = out[out.length - 1];
    if (kept.type === 'text' && last?.type === 'text') {
      out[out.length - 1] = { type: 'text', text: last.text + kept.text };
    } else out.push(kept);
  }
  return out;
}

/** `segments` with their plain text changed to `text` (already normalised), markup kept. */
export function editTextRuns(segments: readonly CueSegment[], text: string): CueSegment[] {
  return applyEdit(segments, planEdit(plainText(segments), text));
}

/**
 * How the timestamps of `rawText` were written (`00:01.500` or `00:00:01.500`), by time in ms, so
 * an edited cue writes them as they were.
 */
export function timestampSpellings(rawText: string | undefined): TimestampSpelling {
  const written = new Map<number, string>();
  for (const [, spelled] of (rawText ?? '').matchAll(/<(\d[\d:.]*)>/g)) {
    const node = parseCueTextWithLibrary(`<${spelled}>`).children[0];
    if (node?.type === 'timestamp') written.set(Math.round(node.value * 1000), spelled!);
  }
  return (seconds) => written.get(Math.round(seconds * 1000));
}

/**
 * Cue text for edited segments: timestamps spelled as in `writtenBefore`, and the voice span left
 * open when it holds everything (`<v Joy>Hello`, as the project's files write it; WebVTT allows).
 */
export function editedCueText(segments: readonly CueSegment[], writtenBefore?: string): string {
  const written = segmentsToCueText(segments, timestampSpellings(writtenBefore));
  return segments.length === 1 && segments[0]!.type === 'voice' && written.endsWith('</v>')
    ? written.slice(0, -'</v>'.length)
    : written;
}

/**
 * A copy of `cue` whose plain text is what the translator typed, every tag and timestamp the edit
 * did not remove kept. Returns the same cue when the text did not change.
 */
export function withEditedText<T extends WritableCue>(cue: T, typed: string): T {
  const text = normaliseTypedText(typed);
  if (text === cue.text) return cue;
  const segments = editTextRuns(cue.segments, text);
  return {
    ...cue,
    segments,
    text: plainText(segments),
    rawText: editedCueText(segments, cue.rawText),
  };
}

// ---------- the markup, edited deliberately ----------

/** The markup of a cue as the row shows it: inside the speaker's voice span when that wraps all. */
export interface CueMarkup {
  /** Cue text with tags and escapes (`<i>Hello</i> <00:01.500>there`). */
  readonly text: string;
  /** False when voice spans sit inside the markup: the speaker menu owns those. */
  readonly editable: boolean;
  /** True when there is markup beyond the speaker's voice span. */
  readonly hasMarkup: boolean;
}

/** The one voice span that wraps the whole cue, if it is so. */
function wrappingVoice(segments: readonly CueSegment[]): SpanSegment | null {
  const only = segments.length === 1 ? segments[0]! : null;
  return only?.type === 'voice' ? only : null;
}

const containsVoice = (segments: readonly CueSegment[]): boolean =>
  segments.some(
    (segment) =>
      segment.type === 'voice' ||
      (segment.type !== 'text' && segment.type !== 'timestamp' && containsVoice(segment.children)),
  );

/** The markup the row shows for `cue`. */
export function markupOf(cue: WritableCue): CueMarkup {
  const voice = wrappingVoice(cue.segments);
  const inner = voice ? voice.children : cue.segments;
  const spell = timestampSpellings(cue.rawText);
  return {
    text: segmentsToCueText(inner, spell),
    editable: !containsVoice(inner),
    hasMarkup: inner.some((segment) => segment.type !== 'text'),
  };
}

/**
 * Markup typed by a translator, as segments: tags WebVTT knows (but voice spans: the speaker is
 * chosen in its menu) and character references are markup; any other `&` and `<` is text.
 */
export function parseMarkup(markup: string): CueSegment[] {
  const lines = normaliseTypedText(markup).split('\n');
  const raw = findRawMarkupCharacters(lines.join('\n'));
  const escaped = lines.map((line, index) => {
    let out = '';
    let from = 0;
    for (const found of raw.filter((character) => character.line === index)) {
      out += line.slice(from, found.col - 1) + (found.character === '&' ? '&amp;' : '&lt;');
      from = found.col;
    }
    // Voice spans are the speaker menu's: typed here, they are text; so is an end tag of no
    // known span (the library would drop it silently).
    return (out + line.slice(from))
      .replace(/<v(?=[\s.>]|$)/g, '&lt;v')
      .replace(/<\/(?!(?:c|i|b|u|ruby|rt|lang)>)/g, '&lt;/');
  });
  return cueTextSegments(escaped.join('\n'));
}

/**
 * A copy of `cue` with its markup replaced by what the translator typed, inside the speaker's
 * voice span when one wraps the cue. Returns the same cue when the markup means the same.
 */
export function withMarkup<T extends WritableCue>(cue: T, markup: string): T {
  const parsed = parseMarkup(markup);
  const voice = wrappingVoice(cue.segments);
  const segments: CueSegment[] = voice ? [{ ...voice, children: parsed }] : parsed;
  const spell = timestampSpellings(markup);
  if (segmentsToCueText(segments, spell) === segmentsToCueText(cue.segments, spell)) return cue;
  return { ...cue, segments, text: plainText(segments), rawText: editedCueText(segments, markup) };
}
