/**
 * Where the reader was in a pre-rendered page's served transcript when the app took the page over
 * (issue 19): the first served line in view in the served panel (src/server/served-transcript-
 * panel.ts, on the watch and embed pages), which scrolls by itself, once the reader has scrolled
 * it. The app's panel opens scrolled as far instead of at the top, so taking over does not lose
 * the reader's place. (The page around the panel is served laid out as the app lays it out, so a
 * scroll of the page stays as it is.)
 *
 * Read once before React's first commit removes the served markup (as captureServedVideo is).
 */

/** Marks the served transcript's scrolling area. */
export const SERVED_SCROLLER_ATTRIBUTE = 'data-served-scroller';

/** The served embed panel's "Highlight words" box, set as the app will set it (served-embed-start.ts). */
export const SERVED_HIGHLIGHT_WORDS_ID = 'served-highlight-words';

export interface ReadingPlace {
  /** The id of the cue whose line was the first in view. */
  readonly cueId: string;
  /** That line's row's distance from the top of the panel's scrolled area, in CSS pixels. */
  readonly offset: number;
}

let place: ReadingPlace | null = null;

/**
 * The first served line in `scroller` whose row starts at or below the top of its scrolled area:
 * its cue and its row's distance from that top.
 */
function firstLineIn(scroller: HTMLElement): ReadingPlace | null {
  const top = scroller.getBoundingClientRect().top;
  for (const line of scroller.querySelectorAll<HTMLElement>('[data-served-cue]')) {
    // The line's row (with its turn head): the app puts that row at the same offset.
    const box = (line.closest<HTMLElement>('.transcript-row') ?? line).getBoundingClientRect();
    if (box.top >= top) {
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
  // Not scrolled: the app's own start (the top, or the current line) is the reader's place too.
  if (!scroller || scroller.scrollTop <= 0) return;
  place = firstLineIn(scroller);
}

/** The reader's place, once (null when there is none). */
export function takeServedReadingPlace(): ReadingPlace | null {
  const taken = place;
  place = null;
  return taken;
}
