/** Text with ranges marked (`<mark>`), rendered as text nodes: never as HTML. */
import type { MarkRange } from '../../core/search-terms.ts';

export function MarkedText({ text, marks }: { text: string; marks: readonly MarkRange[] }) {
  const parts: (string | { marked: string; at: number })[] = [];
  let from = 0;
  for (const mark of marks) {
    if (mark.start < from) continue;
    if (mark.start > from) parts.push(text.slice(from, mark.start));
    parts.push({ marked: text.slice(mark.start, mark.end), at: mark.start });
    from = mark.end;
  }
  if (from < text.length) parts.push(text.slice(from));
  return (
    <>
      {parts.map((part, i) =>
        typeof part === 'string' ? part : <mark key={`m${part.at}-${i}`}>{part.marked}</mark>,
      )}
    </>
  );
}
