/**
 * Where the reader was in a pre-rendered page's served transcript when the app took the page over
 * (issue 19): the first served line in view in a served transcript that scrolls by itself (the
 * embed's panel, src/server/embed-page.ts) and that the reader has scrolled. The app's transcript
 * opens at that line instead of at the top, so taking over does not lose the reader's place.
 *
 * Read once before React's first commit removes the served markup (as captureServedVideo is).
 */

/** Marks a served transcript that scrolls by itself. */
export const SERVED_SCROLLER_ATTRIBUTE = 'data-served-scroller';

export interface ReadingPlace {
  /** The id of the cue whose line was the first in view. */
  readonly cueId: string;
  /** That line's (or its row's) distance from the top of the scrolled area, in CSS pixels. */
  readonly offset: number;
}

let place: ReadingPlace | null = null;

/** Note the reader's place in the served transcript (call before rendering). */
export function captureServedReadingPlace(): void {
  place = null;
  if (typeof document === 'undefined') return;
  const scroller = document.querySelector<HTMLElement>(`[${SERVED_SCROLLER_ATTRIBUTE}]`);
  // Not scrolled: the app's own start (the top, or the current line) is the reader's place too.
  if (!scroller || scroller.scrollTop <= 0) return;
  const top = scroller.getBoundingClientRect().top;
  for (const line of scroller.querySelectorAll<HTMLElement>('[data-served-cue]')) {
    // The line's row (with its turn head) where the served markup has rows as the app's panel
    // does: the app puts that row at the same offset.
    const row = line.closest<HTMLElement>('.transcript-row') ?? line;
    const offset = row.getBoundingClientRect().top - top;
    if (offset >= 0) {
      place = { cueId: line.getAttribute('data-served-cue') ?? '', offset };
      return;
    }
  }
}

/** The reader's place, once (null when there is none). */
export function takeServedReadingPlace(): ReadingPlace | null {
  const taken = place;
  place = null;
  return taken;
}
