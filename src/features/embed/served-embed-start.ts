/**
 * The first code of a pre-rendered embed page (issue 19), inlined in its `<head>` as one classic
 * script (built by src/server/embed-loader-build.ts, written by src/server/embed-page.ts). The
 * page is the same file for every query, and its scripts take seconds to arrive on a slow phone;
 * this makes the served page what the query asks for from the first paint:
 *
 * - the layout: the embed's sizes for the iframe's width and the query's `transcript` and
 *   `transcriptHeight` (embed-layout.ts, as the app lays itself out), as custom properties and
 *   `data-embed-layout` / `data-embed-transcript` on `<html>`, which embed.css reads;
 * - the served video, as soon as it is parsed: muted autoplay for `autoplay=1`, the start time of
 *   `cue` (a served line's start) or else `t`;
 * - the served panel's "Highlight words" box, checked as the app will check it.
 *
 * The app reads the same query when it takes the page over (same modules, so the two agree) and
 * adopts the video as it is. No React, no episode text: a few kB.
 */
import { embedLayout, layoutProperties } from '../shared/embed-layout.ts';
import { readEmbedParams } from '../shared/embed-params.ts';
import { highlightWordsByDefault } from '../shared/highlight-words-default.ts';
import { SERVED_HIGHLIGHT_WORDS_ID } from '../shared/served-reading-place.ts';

const root = document.documentElement;
const query = new URLSearchParams(location.search);
const params = readEmbedParams(query);

function layOut(): void {
  const layout = embedLayout(root.clientWidth, params);
  root.setAttribute('data-embed-layout', layout.mode);
  root.setAttribute('data-embed-transcript', params.transcript ? '1' : '0');
  for (const [name, value] of Object.entries(layoutProperties(layout))) {
    root.style.setProperty(name, value);
  }
}

layOut();
// The app's root sets its own sizes when it takes over; until then the served page follows the
// iframe's width as the app would.
addEventListener('resize', layOut);

/** Seek as the app's deep link does (use-deep-link.ts): `cue` wins over `t`. */
const cueId = query.get('cue');
const time = params.t;

let video: HTMLVideoElement | null = null;
let seeked = false;
/** The "Highlight words" box of the served panel shows the reader's setting, as the app's will. */
let wordsSet = false;

function seekTo(seconds: number | null): void {
  seeked = true;
  if (video && seconds !== null) video.currentTime = seconds;
}

/**
 * Set the served video up once it is parsed, seek once the line `cue` names is, and set the
 * panel's "Highlight words" box once it is; true when all is done.
 */
function look(): boolean {
  if (!video) {
    video = document.querySelector<HTMLVideoElement>('video[data-red-box-video]');
    if (video && params.autoplay) {
      // Muted autoplay, as the app's player does it (the only autoplay browsers allow).
      video.muted = true;
      video.autoplay = true;
      video.preload = 'auto';
    }
    if (video && !cueId) seekTo(time);
  }
  if (video && !seeked && cueId) {
    const line = document.querySelector(`[data-cue-id="${CSS.escape(cueId)}"][data-start]`);
    if (line) seekTo(Number(line.getAttribute('data-start')));
  }
  if (!wordsSet) {
    const words = document.getElementById(SERVED_HIGHLIGHT_WORDS_ID) as HTMLInputElement | null;
    if (words) {
      words.checked = highlightWordsByDefault();
      wordsSet = true;
    }
  }
  return video !== null && seeked && wordsSet;
}

// Parsed a chunk at a time: look after each, until all is set up.
const watcher = new MutationObserver(() => {
  if (look()) watcher.disconnect();
});
watcher.observe(root, { childList: true, subtree: true });
// The page is parsed whole ('interactive' comes before the app's deferred scripts run).
document.addEventListener('readystatechange', () => {
  if (document.readyState === 'loading') return;
  watcher.disconnect();
  // A `cue` the page has no line of: `t`, as the app falls back.
  look();
  if (video && !seeked) seekTo(time);
});
