/**
 * Cue text as React elements, built from the parsed segments. Text is always a text node (React
 * escapes it): `<script>` or `onerror=` in a cue file shows as harmless text. Search matches are
 * wrapped in <mark>, by offsets into the cue's plain text (the same text `plainText()` gives).
 */
import { Fragment, type ReactNode } from 'react';
import type { CueSegment } from '../../core/cue-model.ts';

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
}

function renderText(text: string, state: RenderState, key: string): ReactNode {
  const start = state.offset;
  const end = start + text.length;
  state.offset = end;
  const inside = state.highlights.filter((range) => range.start < end && range.end > start);
  if (inside.length === 0) return text;
  const parts: ReactNode[] = [];
  let at = start;
  inside.forEach((range, i) => {
    const from = Math.max(range.start, start);
    const to = Math.min(range.end, end);
    if (from > at) parts.push(text.slice(at - start, from - start));
    parts.push(
      <mark key={`${key}m${i}`} className={range.active ? 'match match--active' : 'match'}>
        {text.slice(from - start, to - start)}
      </mark>,
    );
    at = to;
  });
  if (at < end) parts.push(text.slice(at - start));
  return parts;
}

function renderSegments(
  segments: readonly CueSegment[],
  state: RenderState,
  keyPrefix: string,
): ReactNode[] {
  return segments.map((segment, i) => {
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
            {renderSegments(segment.children, { offset: 0, highlights: [] }, key + '.')}
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

/** Render a cue's segments, marking `highlights` (offsets into its plain text). */
export function CueText({
  segments,
  highlights = NO_HIGHLIGHTS,
}: {
  segments: readonly CueSegment[];
  highlights?: readonly TextRange[];
}) {
  return <>{renderSegments(segments, { offset: 0, highlights }, '')}</>;
}
