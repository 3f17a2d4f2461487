/**
 * Find and replace in the translation column: plain text, with or without matching case. Offsets
 * are UTF-16 code units in the cue's plain text, as a text box's selection counts them.
 */

export interface FindOptions {
  readonly matchCase: boolean;
}

/** One match: in the text at `index`, the range [start, end). */
export interface TextMatch {
  readonly index: number;
  readonly start: number;
  readonly end: number;
}

function pattern(query: string, options: FindOptions): RegExp {
  const escaped = query.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(escaped, options.matchCase ? 'gu' : 'giu');
}

/** Every match of `query` in `texts`, in order; none for an empty query. */
export function findInTexts(
  texts: readonly string[],
  query: string,
  options: FindOptions,
): TextMatch[] {
  if (query === '') return [];
  const search = pattern(query, options);
  const matches: TextMatch[] = [];
  texts.forEach((text, index) => {
    for (const match of text.matchAll(search)) {
      matches.push({ index, start: match.index, end: match.index + match[0].length });
    }
  });
  return matches;
}

/** `text` with every match of `query` replaced by `replacement` (taken literally). */
export function replaceAllIn(
  text: string,
  query: string,
  replacement: string,
  options: FindOptions,
): string {
  if (query === '') return text;
  return text.replace(pattern(query, options), () => replacement);
}
