/**
 * The first code of a pre-rendered watch page (issue 19), inlined in its `<head>` as one classic
 * script (built by src/server/embed-loader-build.ts, written by src/server/prerender-plugin.ts).
 * The page is the app's own, rendered on the server (src/app/server-render.tsx); what it
 * cannot know is what this browser remembers: the served "Highlight words" and "Announce speakers
 * and questions" boxes are checked here, as the app will check them, as soon as they are parsed.
 * No React, no episode text: under a kB.
 */
import { highlightWordsByDefault } from '../shared/highlight-words-default.ts';
import { SERVED_HIGHLIGHT_WORDS_ID } from '../shared/served-reading-place.ts';
import { announcementsOn, SERVED_ANNOUNCE_ID } from './announce-preference.ts';

/** Each served box and how the app will set it; a box is dropped once set. */
const boxes = new Map<string, () => boolean>([
  [SERVED_HIGHLIGHT_WORDS_ID, highlightWordsByDefault],
  [SERVED_ANNOUNCE_ID, announcementsOn],
]);

/** Set the boxes parsed so far; true when all are set. */
function look(): boolean {
  for (const [id, checked] of boxes) {
    const box = document.getElementById(id) as HTMLInputElement | null;
    if (!box) continue;
    box.checked = checked();
    boxes.delete(id);
  }
  return boxes.size === 0;
}

// Parsed a chunk at a time: look after each, until all are set.
const watcher = new MutationObserver(() => {
  if (look()) watcher.disconnect();
});
watcher.observe(document.documentElement, { childList: true, subtree: true });
// The page is parsed whole (a transcript without timed words has no "Highlight words" box).
document.addEventListener('readystatechange', () => {
  if (document.readyState === 'loading') return;
  watcher.disconnect();
  look();
});
