/**
 * Cue text as React elements, built from the parsed segments. Text is always a text node (React
 * escapes it): `<script>` or `onerror=` in a cue file shows as harmless text.
 */
import type { ReactNode } from 'react';
import type { CueSegment } from '../../core/cue-model.ts';

/** Cue classes become CSS classes only in a safe, prefixed form. */
function cueClassNames(classes: readonly string[]): string | undefined {
  const safe = classes
    .map((name) => name.toLowerCase().replace(/[^a-z0-9_-]/g, ''))
    .filter(Boolean)
    .map((name) => `cue-c-${name}`);
  return safe.length > 0 ? safe.join(' ') : undefined;
}

function renderSegments(segments: readonly CueSegment[], keyPrefix: string): ReactNode[] {
  return segments.map((segment, i) => {
    const key = `${keyPrefix}${i}`;
    switch (segment.type) {
      case 'text':
        return segment.text;
      case 'timestamp':
        return null;
      case 'italic':
        return (
          <i key={key} className={cueClassNames(segment.classes)}>
            {renderSegments(segment.children, key + '.')}
          </i>
        );
      case 'bold':
        return (
          <b key={key} className={cueClassNames(segment.classes)}>
            {renderSegments(segment.children, key + '.')}
          </b>
        );
      case 'underline':
        return (
          <u key={key} className={cueClassNames(segment.classes)}>
            {renderSegments(segment.children, key + '.')}
          </u>
        );
      case 'ruby':
        return <ruby key={key}>{renderSegments(segment.children, key + '.')}</ruby>;
      case 'ruby-text':
        return <rt key={key}>{renderSegments(segment.children, key + '.')}</rt>;
      case 'lang':
        return (
          <span
            key={key}
            lang={segment.annotation || undefined}
            className={cueClassNames(segment.classes)}
          >
            {renderSegments(segment.children, key + '.')}
          </span>
        );
      case 'voice':
      case 'class':
        return (
          <span key={key} className={cueClassNames(segment.classes)}>
            {renderSegments(segment.children, key + '.')}
          </span>
        );
    }
  });
}

/** Render a cue's segments; line breaks in the cue become `<br>`-like breaks via CSS pre-line. */
export function CueText({ segments }: { segments: readonly CueSegment[] }) {
  return <>{renderSegments(segments, '')}</>;
}
