/**
 * Where the first transcript line a reader can see has its words (issue 19: the served lines and
 * the app's must be at the same place, so taking over does not make the text jump). A line is
 * served (`data-served-cue`) or the app's (`data-cue-id`); seen when it is inside the viewport and
 * inside every box that clips it; its words are its first text outside the time (a link in the
 * served markup) and the visually hidden speaker name.
 *
 * Plain JavaScript in a string, so the same code runs in an init script (before any module) and
 * in `page.evaluate`: `(${FIRST_VISIBLE_LINE_TEXT})()` gives `{ cue, x, y }` in CSS pixels of the
 * viewport, or null when no line is in view.
 */
export const FIRST_VISIBLE_LINE_TEXT = `function firstVisibleLineText() {
  var lines = document.querySelectorAll('[data-served-cue], [data-cue-id]');
  for (var i = 0; i < lines.length; i++) {
    var line = lines[i];
    var box = line.getBoundingClientRect();
    if (box.height === 0) continue;
    var seen = box.bottom > 0 && box.top < window.innerHeight;
    for (var clip = line.parentElement; seen && clip; clip = clip.parentElement) {
      if (getComputedStyle(clip).overflowY === 'visible') continue;
      var area = clip.getBoundingClientRect();
      seen = box.bottom > area.top && box.top < area.bottom;
    }
    if (!seen) continue;
    var walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      if (node.parentElement.closest('a, .line__time, .visually-hidden')) continue;
      var range = document.createRange();
      range.selectNodeContents(node);
      var rects = range.getClientRects();
      for (var r = 0; r < rects.length; r++) {
        if (rects[r].width > 0) {
          return {
            cue: line.getAttribute('data-served-cue') || line.getAttribute('data-cue-id'),
            x: rects[r].x,
            y: rects[r].y,
          };
        }
      }
    }
  }
  return null;
}`;
