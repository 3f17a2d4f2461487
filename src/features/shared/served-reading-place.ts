/**
 * Where the reader was in a pre-rendered page's served transcript when the app took the page over
 * (issue 19): the first served line in view, either in a served transcript that scrolls by itself
 * (the embed's panel, src/server/embed-page.ts) and that the reader has scrolled, or, where the
 * served transcript is part of the page (the watch page), in a page the reader has scrolled. The
 * app's transcript opens at that line instead of at the top, so taking over does not lose the
 * reader's place.
 *
 * Read once before React's first commit removes the served markup (as captureServedVideo is).
 */

/** Marks a served transcript that scrolls by itself. */
export const SERVED_SCROLLER_ATTRIBUTE = 'data-served-scroller';

/** The served embed panel's "Highlight words" box, set as the app will set it (served-embed-start.ts). */
export const SERVED_HIGHLIGHT_WORDS_ID = 'served-highlight-words';

export interface ReadingPlace {
  /** The id of the cue whose line was the first in view. */
  readonly cueId: string;
  /**
   * What the reader had scrolled: the served transcript itself ('panel'; `offset` is from the top
   * of its scrolled area), or the page ('page'; `offset` is from the top of the viewport).
   */
  readonly scrolled: 'panel' | 'page';
  /** That line's (or its row's) distance from the top of the scrolled area, in CSS pixels. */
  readonly offset: number;
}

let place: ReadingPlace | null = null;

/**
 * The first served line in `within` whose row starts at or below `top` (viewport pixels) or, with
 * `partly`, whose row ends below it: its cue and its row's distance from `top`.
 */
function firstLineFrom(
  within: ParentNode,
  top: number,
  partly: boolean,
): { cueId: string; offset: number } | null {
  for (const line of within.querySelectorAll<HTMLElement>('[data-served-cue]')) {
    // The line's row (with its turn head) where the served markup has rows as the app's panel
    // does: the app puts that row at the same offset.
    const box = (line.closest<HTMLElement>('.transcript-row') ?? line).getBoundingClientRect();
    if (partly ? box.bottom > top : box.top >= top) {
      return { cueId: line.getAttribute('data-served-cue') ?? '', offset: box.top - top };
    }
  }
  return null;
}

/** Note the reader's place in the served transcript (call before rendering). */
export function captureServedReadingPlace(): void {
  place = null;
  if (typeof document === 'undefined') return;
  const scroller = document.querySelector<HTMLElement>(`[${SERVED_SCROLLER_ATTRIBUTE}]`);
  if (scroller) {
    // Not scrolled: the app's own start (the top, or the current line) is the reader's place too.
    if (scroller.scrollTop <= 0) return;
    const found = firstLineFrom(scroller, scroller.getBoundingClientRect().top, false);
    place = found && { ...found, scrolled: 'panel' };
    return;
  }
  // The page scrolled, with a served line in view, maybe partly (above the transcript, the app's
  // layout is the reader's place as much as the served one was).
  if (window.scrollY <= 0) return;
  const found = firstLineFrom(document, 0, true);
  place = found && found.offset < window.innerHeight ? { ...found, scrolled: 'page' } : null;
}

/** The reader's place, once (null when there is none). */
export function takeServedReadingPlace(): ReadingPlace | null {
  const taken = place;
  place = null;
  return taken;
}
