/**
 * A few lines of JavaScript inlined in a pre-rendered watch page's <head> (issue 19): they make
 * the served transcript's lines seek the served video from the first paint, long before the
 * app's scripts have downloaded and started (seconds on a slow phone). A click on a line seeks
 * the video to the line's cue and marks the line current; the app adopts the same video element
 * and lines (hydration, src/app/page-root.tsx), so the position carries over and the app marks
 * the same line.
 *
 * One listener on the document, so it works for lines still being parsed. It acts only on
 * the transcript's lines (`data-cue-id`, `data-start`) and only while the served video is there
 * (`data-red-box-video`, removed when the app takes the video over; from then on the app's own
 * handlers answer). A click with a modifier key, or any button but the first, is left alone.
 *
 * Plain ES2017 in a string: it runs in the page as written, before any module.
 */
export const SERVED_TRANSCRIPT_SCRIPT = `document.addEventListener('click', function (event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  var line = event.target instanceof Element ? event.target.closest('[data-cue-id][data-start]') : null;
  var video = document.querySelector('video[data-red-box-video]');
  var start = line ? Number(line.getAttribute('data-start')) : NaN;
  if (!line || !video || !isFinite(start)) return;
  event.preventDefault();
  video.currentTime = start;
  var marked = document.querySelectorAll('[data-cue-id][aria-current]');
  for (var i = 0; i < marked.length; i++) marked[i].removeAttribute('aria-current');
  line.setAttribute('aria-current', 'true');
});`;
