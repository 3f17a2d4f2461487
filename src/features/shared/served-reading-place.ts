/**
 * Where the reader was in a pre-rendered page's served transcript when the app took the page over
 * (issue 19). A page the app hydrates keeps its elements, so its scroll and focus stay as they
 * are (what is noted here is then applied to the same elements); a page it renders anew (a long
 * episode, src/server/served-root.ts) would lose both:
 * - the first served line in view in the served panel (the app's panel rendered on the server, on
 *   the watch and embed pages), which scrolls by itself, once the reader has scrolled it: the
 *   app's panel opens scrolled as far instead of at the top. (The page around the panel is served
 *   laid out as the app lays it out, so a scroll of the page stays as it is.)
 * - the served line a keyboard user had focused: the app's line of the same cue takes the focus
 *   (else it would fall to the page's body when the served lines go).
 *
 * Watched from the app's first script until its first commit removes the served markup: that
 * first render is a transition that can take seconds on a slow phone, and the reader may scroll
 * or move the focus meanwhile.
 */

/** The served transcript's scrolling area (the app's panel as served, transcript-panel.tsx). */
export const SERVED_SCROLLER_SELECTOR = '.transcript--served > .transcript__scroll';

/** The served embed panel's "Highlight words" box, set as the app will set it (served-embed-start.ts). */
export const SERVED_HIGHLIGHT_WORDS_ID = 'served-highlight-words';

export interface ReadingPlace {
  /** The id of the cue whose line was the first in view. */
  readonly cueId: string;
  /** That line's row's distance from the top of the panel's scrolled area, in CSS pixels. */
  readonly offset: number;
}

/** What the app's panel takes over from the served one. */
export interface ServedPlace {
  /** The first line in view once the reader has scrolled (null: not scrolled). */
  readonly reading: ReadingPlace | null;
  /** The cue of the served line that had the keyboard's focus (null: none). */
  readonly focusedCueId: string | null;
}

const NOWHERE: ServedPlace = { reading: null, focusedCueId: null };
let place: ServedPlace = NOWHERE;
let stopWatching: () => void = () => {};

/**
 * The first of the served `lines` (in document order, so from top to bottom) whose row starts at
 * or below the top of `scroller`'s scrolled area: its cue and its row's distance from that top.
 * A binary search: it runs on every scroll of the served panel, and a long episode serves
 * thousands of lines (a walk from the top read 10,000 boxes per scroll at its end).
 */
function firstLineIn(scroller: HTMLElement, lines: readonly HTMLElement[]): ReadingPlace | null {
  const top = scroller.getBoundingClientRect().top;
  // The line's row (with its turn head): the app puts that row at the same offset.
  const rowTop = (line: HTMLElement) =>
    (line.closest<HTMLElement>('.transcript-row') ?? line).getBoundingClientRect().top;
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (rowTop(lines[middle]!) >= top) high = middle;
    else low = middle + 1;
  }
  const line = lines[low];
  if (!line) return null;
  return { cueId: line.getAttribute('data-cue-id') ?? '', offset: rowTop(line) - top };
}

/** The cue of the served line `target` is in (or is), if any. */
function servedCueOf(target: EventTarget | null): string | null {
  if (!(target instanceof Element)) return null;
  const scroller = target.closest(SERVED_SCROLLER_SELECTOR);
  return scroller ? (target.closest('[data-cue-id]')?.getAttribute('data-cue-id') ?? null) : null;
}

/** Follow the reader's place in the served transcript until it is taken (call before rendering). */
export function watchServedReadingPlace(): void {
  stopWatching();
  place = NOWHERE;
  if (typeof document === 'undefined') return;
  const scroller = document.querySelector<HTMLElement>(SERVED_SCROLLER_SELECTOR);
  if (!scroller) return;
  // Not scrolled: the app's own start (the top, or the current line) is the reader's place too.
  // Read in the scroll event, where the layout is fresh: no layout is forced for it.
  // The served lines are all parsed by now (the app's scripts run after the document).
  const lines = [...scroller.querySelectorAll<HTMLElement>('[data-cue-id]')];
  const noteScroll = (): void => {
    place = { ...place, reading: scroller.scrollTop > 0 ? firstLineIn(scroller, lines) : null };
  };
  // Only a keyboard's focus: a line clicked with a mouse or a finger seeks, and the app's
  // following carries on from there, as after a click on the app's own line.
  const noteFocus = (event: FocusEvent): void => {
    const cueId = servedCueOf(event.target);
    const byKeyboard = event.target instanceof Element && event.target.matches(':focus-visible');
    place = { ...place, focusedCueId: cueId && byKeyboard ? cueId : null };
  };
  // Focus moved somewhere else on the page, or a pointer used: the keyboard's place is gone.
  // Not a focusout to nowhere: Chromium sends one when the served line is removed at take-over.
  const noteBlur = (event: FocusEvent): void => {
    if (event.relatedTarget && servedCueOf(event.relatedTarget) === null) forgetFocus();
  };
  const forgetFocus = (): void => {
    place = { ...place, focusedCueId: null };
  };
  noteScroll();
  const focused = document.activeElement;
  if (focused && servedCueOf(focused) && focused.matches(':focus-visible')) {
    place = { ...place, focusedCueId: servedCueOf(focused) };
  }
  scroller.addEventListener('scroll', noteScroll, { passive: true });
  document.addEventListener('focusin', noteFocus);
  document.addEventListener('focusout', noteBlur);
  document.addEventListener('pointerdown', forgetFocus, true);
  stopWatching = () => {
    document.removeEventListener('pointerdown', forgetFocus, true);
    scroller.removeEventListener('scroll', noteScroll);
    document.removeEventListener('focusin', noteFocus);
    document.removeEventListener('focusout', noteBlur);
    stopWatching = () => {};
  };
}

/** The reader's place, once, and the watching stops (NOWHERE when there is none). */
export function takeServedPlace(): ServedPlace {
  stopWatching();
  const taken = place;
  place = NOWHERE;
  return taken;
}
