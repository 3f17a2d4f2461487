/**
 * A few lines of JavaScript inlined in a pre-rendered watch page's <head> (issue 19): they make
 * the served transcript's lines seek the served video from the first paint, long before the
 * app's scripts have downloaded and started (seconds on a slow phone). A click on a line (or its
 * time link) seeks the video to the line's cue and marks the line current; the app takes over
 * the same video element (src/player/native-video.ts), so the position carries over and the
 * app's transcript marks the same line when it replaces the served one.
 *
 * One listener on the document, so it works for lines still being parsed. It acts only on
 * served lines (`data-served-cue`) and only while the served video is there
 * (`data-red-box-video`, removed when the app takes the video over). A click with a modifier
 * key, or any button but the first, keeps the link's own behaviour (open the time in a new tab);
 * without this script (no JavaScript, or a host's Content-Security-Policy without inline
 * scripts) the links still open the page at the line's time.
 *
 * Plain ES2017 in a string: it runs in the page as written, before any module.
 */
export const SERVED_TRANSCRIPT_SCRIPT = `document.addEventListener('click', function (event) {
  if (event.defaultPrevented || event.button !== 0) return;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  var line = event.target instanceof Element ? event.target.closest('[data-served-cue]') : null;
  var video = document.querySelector('video[data-red-box-video]');
  var start = line ? Number(line.getAttribute('data-start')) : NaN;
  if (!line || !video || !isFinite(start)) return;
  event.preventDefault();
  video.currentTime = start;
  var marked = document.querySelectorAll('[data-served-cue][aria-current]');
  for (var i = 0; i < marked.length; i++) marked[i].removeAttribute('aria-current');
  line.setAttribute('aria-current', 'true');
});`;
