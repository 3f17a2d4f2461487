/**
 * Cue text as React elements, built from the parsed segments. Text is always a text node (React
 * escapes it): `<script>` or `onerror=` in a cue file shows as harmless text. Search matches are
 * wrapped in <mark>, by offsets into the cue's plain text (the same text `plainText()` gives).
 */
import { Fragment, type ReactNode } from 'react';
import type { CueSegment } from '../../core/cue-model.ts';
import type { CueWord } from '../../core/cue-words.ts';

/** A range of a cue's plain text, [start, end). `active` marks the match the reader is on. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
  readonly active?: boolean;
}

/** Cue classes become CSS classes only in a safe, prefixed form. */
function cueClassNames(classes: readonly string[]): string | undefined {
  const safe = classes
    .map((name) => name.toLowerCase().replace(/[^a-z0-9_-]/g, ''))
    .filter(Boolean)
    .map((name) => `cue-c-${name}`);
  return safe.length > 0 ? safe.join(' ') : undefined;
}

interface RenderState {
  /** Offset of the next text segment in the plain text. */
  offset: number;
  readonly highlights: readonly TextRange[];
  /** Timed words to render as their own elements (Contract 9); empty for none. */
  readonly words: readonly CueWord[];
}

const overlaps = (from: number, to: number) => (range: { start: number; end: number }) =>
  range.start < to && range.end > from;

/** Plain text of [from, to) (offsets in the cue's plain text), with search matches marked. */
function markedText(
  text: string,
  base: number,
  from: number,
  to: number,
  marks: readonly TextRange[],
): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = from;
  for (const range of marks.filter(overlaps(from, to))) {
    const start = Math.max(range.start, from);
    const end = Math.min(range.end, to);
    if (start > at) parts.push(text.slice(at - base, start - base));
    parts.push(
      <mark key={`m${start}`} className={range.active ? 'match match--active' : 'match'}>
        {text.slice(start - base, end - base)}
      </mark>,
    );
    at = end;
  }
  if (at < to) parts.push(text.slice(at - base, to - base));
  return parts;
}

/**
 * [from, to) with its timed words as elements. A word's first piece carries `data-word-start`;
 * where an enclosing match or markup cuts a word, the rest carries `data-word-rest` (same time),
 * so exactly one element per word can be marked current.
 */
function wordText(
  text: string,
  base: number,
  from: number,
  to: number,
  words: readonly CueWord[],
  innerMarks: readonly TextRange[],
): ReactNode[] {
  const parts: ReactNode[] = [];
  let at = from;
  for (const word of words) {
    const start = Math.max(word.textStart, from);
    const end = Math.min(word.textEnd, to);
    if (start >= end) continue;
    if (start > at) parts.push(...markedText(text, base, at, start, innerMarks));
    const head = start === word.textStart;
    parts.push(
      <span
        key={`w${start}`}
        data-word-start={head ? word.startTime : undefined}
        data-word-rest={head ? undefined : word.startTime}
      >
        {markedText(text, base, start, end, innerMarks)}
      </span>,
    );
    at = end;
  }
  if (at < to) parts.push(...markedText(text, base, at, to, innerMarks));
  return parts;
}

function renderText(text: string, state: RenderState, key: string): ReactNode {
  const start = state.offset;
  const end = start + text.length;
  state.offset = end;
  const marks = state.highlights.filter(overlaps(start, end));
  const words = state.words.filter((word) => word.textStart < end && word.textEnd > start);
  if (marks.length === 0 && words.length === 0) return text;
  // A match inside one word is marked inside the word's element; a match across words is one
  // <mark> around their elements (a search counts and marks each match once).
  const withinWord = (range: TextRange) =>
    words.some((word) => word.textStart <= range.start && range.end <= word.textEnd);
  const inner = marks.filter(withinWord);
  const parts: ReactNode[] = [];
  let at = start;
  for (const range of marks.filter((mark) => !withinWord(mark))) {
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    if (from > at) parts.push(...wordText(text, start, at, from, words, inner));
    parts.push(
      <mark key={`${key}m${from}`} className={range.active ? 'match match--active' : 'match'}>
        {wordText(text, start, from, to, words, inner)}
      </mark>,
    );
    at = to;
  }
  if (at < end) parts.push(...wordText(text, start, at, end, words, inner));
  return parts;
}

/**
 * Word timestamp tags split a line's text into one text segment per word; shown as a line, the
 * words are one text run again, so a search match across words is one <mark>, not one per word.
 */
function joinTextAcrossTimestamps(segments: readonly CueSegment[]): readonly CueSegment[] {
  if (!segments.some((segment) => segment.type === 'timestamp')) return segments;
  const joined: CueSegment[] = [];
  for (const segment of segments) {
    if (segment.type === 'timestamp') continue;
    const previous = joined[joined.length - 1];
    if (segment.type === 'text' && previous?.type === 'text') {
      joined[joined.length - 1] = { type: 'text', text: previous.text + segment.text };
    } else {
      joined.push(segment);
    }
  }
  return joined;
}

function renderSegments(
  segments: readonly CueSegment[],
  state: RenderState,
  keyPrefix: string,
): ReactNode[] {
  return joinTextAcrossTimestamps(segments).map((segment, i) => {
    const key = `${keyPrefix}${i}`;
    const children = (): ReactNode[] =>
      segment.type === 'text' || segment.type === 'timestamp'
        ? []
        : renderSegments(segment.children, state, key + '.');
    switch (segment.type) {
      case 'text':
        return <Fragment key={key}>{renderText(segment.text, state, key)}</Fragment>;
      case 'timestamp':
        return null;
      case 'italic':
        return (
          <i key={key} className={cueClassNames(segment.classes)}>
            {children()}
          </i>
        );
      case 'bold':
        return (
          <b key={key} className={cueClassNames(segment.classes)}>
            {children()}
          </b>
        );
      case 'underline':
        return (
          <u key={key} className={cueClassNames(segment.classes)}>
            {children()}
          </u>
        );
      case 'ruby':
        return <ruby key={key}>{children()}</ruby>;
      case 'ruby-text':
        // Ruby annotations are not part of the plain text: render them without moving offsets.
        return (
          <rt key={key}>
            {renderSegments(segment.children, { offset: 0, highlights: [], words: [] }, key + '.')}
          </rt>
        );
      case 'lang':
        return (
          <span
            key={key}
            lang={segment.annotation || undefined}
            className={cueClassNames(segment.classes)}
          >
            {children()}
          </span>
        );
      case 'voice':
      case 'class':
        return (
          <span key={key} className={cueClassNames(segment.classes)}>
            {children()}
          </span>
        );
    }
  });
}

const NO_HIGHLIGHTS: readonly TextRange[] = [];
const NO_WORDS: readonly CueWord[] = [];

/**
 * Render a cue's segments, marking `highlights` (offsets into its plain text) and rendering
 * `words` (its timed words, see cueWords) as elements the word highlighter marks.
 */
export function CueText({
  segments,
  highlights = NO_HIGHLIGHTS,
  words = NO_WORDS,
}: {
  segments: readonly CueSegment[];
  highlights?: readonly TextRange[];
  words?: readonly CueWord[];
}) {
  return <>{renderSegments(segments, { offset: 0, highlights, words }, '')}</>;
}
