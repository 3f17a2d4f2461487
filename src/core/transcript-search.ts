/** Finding text in a transcript, for the viewer's search box. */

/** One occurrence of the query: in which text, and where ([start, end) in that text). */
export interface TextMatch {
  /** Index of the text in the list searched (the cue index). */
  readonly item: number;
  /** Which of the item's texts (0 = the transcript's language, 1 = the second language). */
  readonly side: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Fold a string for matching without changing its length, so offsets in the folded text are
 * offsets in the original: NFC is applied by the caller's data; here each UTF-16 unit is
 * lower-cased only when that keeps it one unit long (a few letters, like "İ", expand).
 */
export function foldForSearch(text: string): string {
  let folded = '';
  for (const unit of text) {
    const lower = unit.toLowerCase();
    folded += lower.length === unit.length ? lower : unit;
  }
  return folded;
}

/** Normalise a query: trimmed, NFC, folded, inner whitespace runs as one space. */
export function normaliseQuery(query: string): string {
  return foldForSearch(query.normalize('NFC').trim().replace(/\s+/g, ' '));
}

/**
 * Every occurrence of `query` in `texts` (each item may have several texts, e.g. two languages),
 * in order. Line breaks in cue text match a space in the query.
 */
export function findMatches(texts: readonly (readonly string[])[], query: string): TextMatch[] {
  const needle = normaliseQuery(query);
  if (needle === '') return [];
  const matches: TextMatch[] = [];
  texts.forEach((sides, item) => {
    sides.forEach((text, side) => {
      // Compose decomposed text (NFD Hangul) when that keeps offsets; otherwise search as written.
      const composed = text.normalize('NFC');
      const base = composed.length === text.length ? composed : text;
      const haystack = foldForSearch(base).replace(/\s/g, ' ');
      let from = 0;
      for (;;) {
        const at = haystack.indexOf(needle, from);
        if (at < 0) break;
        matches.push({ item, side, start: at, end: at + needle.length });
        from = at + Math.max(1, needle.length);
      }
    });
  });
  return matches;
}
