/**
 * Whether words are highlighted word by word (Contract 9) when the reader opens a page: their
 * choice, remembered in this browser, else on unless motion is to be reduced. React-free, so the
 * served embed's first script (served-embed-start.ts) shows the same "Highlight words" setting
 * the app will.
 */
import { readPreference } from './local-preference.ts';

/** Where the reader's choice is remembered. */
export const HIGHLIGHT_WORDS_KEY = 'red-box:highlight-words';

function prefersReducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Whether words are highlighted: the reader's choice, else on unless motion is to be reduced. */
export function highlightWordsByDefault(): boolean {
  const chosen = readPreference(HIGHLIGHT_WORDS_KEY);
  if (chosen === 'on') return true;
  if (chosen === 'off') return false;
  return !prefersReducedMotion();
}
