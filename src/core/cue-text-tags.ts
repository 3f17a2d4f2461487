/**
 * The element structure webvtt-parser builds from cue text, found in one linear pass without
 * building a tree: where each element's start tag is, which elements are left open at the end,
 * and which start tags would nest deeper than the core allows.
 *
 * This only locates (for findings, and to guard the library); the tree itself still comes from
 * webvtt-parser. It follows the library's tokenizer and tree rules exactly: every `<` starts a
 * tag, which runs to the next `>` or the end of the text; `c`, `i`, `b`, `u`, `ruby`, `v` and
 * `lang` always open an element, `rt` only directly inside `ruby`; an end tag closes the current
 * element when the names match, and `</ruby>` inside `rt` closes both.
 */

/** Elements nested deeper than this are not handed to the library (it recurses per level). */
export const MAX_TAG_DEPTH = 64;

/** An element as the library creates it: its tag name and where its `<` is. */
export interface TagElement {
  readonly name: string;
  /** Offset of the start tag's `<` in the text. */
  readonly offset: number;
}

/** What the scan found. */
export interface CueTagScan {
  /** Every element, in the order the library creates them (tree pre-order). */
  readonly elements: readonly TagElement[];
  /** The elements still open at the end of the text, outermost first. */
  readonly open: readonly TagElement[];
  /** Start tags (offset and end offset) that would nest past MAX_TAG_DEPTH: left out. */
  readonly tooDeep: ReadonlyArray<{ readonly start: number; readonly end: number }>;
}

const OPENS_ALWAYS = new Set(['c', 'i', 'b', 'u', 'ruby', 'v', 'lang']);
/** What ends a start tag's name in the library's "start tag" state. */
const NAME_END = /[\t\f \n.]/;

/** The element structure of `text` (see the module comment), in one pass. */
export function scanCueTags(text: string, maxDepth = MAX_TAG_DEPTH): CueTagScan {
  const elements: TagElement[] = [];
  const stack: TagElement[] = [];
  const tooDeep: Array<{ start: number; end: number }> = [];
  let at = text.indexOf('<');
  while (at !== -1) {
    const close = text.indexOf('>', at + 1);
    const bodyEnd = close === -1 ? text.length : close;
    const tagEnd = close === -1 ? text.length : close + 1;
    const first = text[at + 1];
    if (first === '/') {
      const name = text.slice(at + 2, bodyEnd);
      const current = stack[stack.length - 1];
      if (current && name === current.name) stack.pop();
      else if (current && name === 'ruby' && current.name === 'rt') stack.length -= 2;
    } else if (first !== undefined && at + 1 < bodyEnd && !/[\t\n\f .0-9]/.test(first)) {
      const nameMatch = NAME_END.exec(text.slice(at + 1, Math.min(bodyEnd, at + 8)));
      const nameEnd = nameMatch ? at + 1 + nameMatch.index : bodyEnd;
      // Only names of up to 4 letters open elements; a longer one needs no exact end.
      const name = text.slice(at + 1, Math.min(nameEnd, at + 8));
      const opens = OPENS_ALWAYS.has(name) || (name === 'rt' && stack.at(-1)?.name === 'ruby');
      if (opens) {
        if (stack.length >= maxDepth) tooDeep.push({ start: at, end: tagEnd });
        else {
          const element = { name, offset: at };
          elements.push(element);
          stack.push(element);
        }
      }
    }
    at = close === -1 ? -1 : text.indexOf('<', close + 1);
  }
  return { elements, open: stack, tooDeep };
}

/**
 * `text` with the given tags (sorted, not overlapping) made inert: each becomes `<x>`, a tag the
 * library reads as no element, with any line break it held kept, so no line turns empty (an empty
 * line would end the cue) and the lines stay where they were.
 */
export function neutraliseTags(
  text: string,
  tags: ReadonlyArray<{ readonly start: number; readonly end: number }>,
): string {
  let out = '';
  let copied = 0;
  // The next line break at or after where the scan stands (found once per break, not per tag).
  let lineBreak = text.indexOf('\n');
  for (const tag of tags) {
    out += text.slice(copied, tag.start) + '<x>';
    while (lineBreak !== -1 && lineBreak < tag.start) lineBreak = text.indexOf('\n', lineBreak + 1);
    while (lineBreak !== -1 && lineBreak < tag.end) {
      out += '\n<x>';
      lineBreak = text.indexOf('\n', lineBreak + 1);
    }
    copied = tag.end;
  }
  return out + text.slice(copied);
}
