/**
 * What `npm run bench -- --only load` runs inside the page, injected before any of the page's own
 * scripts: observers for the browser's own performance entries (largest-contentful-paint,
 * layout-shift, event) and the probe that finds the moment the transcript became interactive.
 *
 * "Interactive" is defined from the outside, by what a reader can do: the first moment a click on
 * a transcript line seeks the video into that line's cue and marks the line current. The probe
 * clicks the target line (a real DOM click event, dispatched by `element.click()`) every 100 ms
 * from the moment the line exists; the moment recorded is when the click's effect is seen (line
 * marked and `currentTime` inside the cue), so a click that is queued and handled late counts
 * late. The served page's lines count once a click on them does the same (their early script,
 * src/server/served-transcript-script.ts); lines without a working handler never count.
 *
 * This file is plain JavaScript in a string: it runs in the page, not in Node.
 */

/** The target cue: its id and its interval in seconds, half-open [startTime, endTime). */
export interface ProbeTarget {
  readonly cueId: string;
  readonly startTime: number;
  readonly endTime: number;
}

/** What the probe leaves in `window.__redBoxLoad`. */
export interface ProbeState {
  /** ms since navigation start when a click's effect was first seen; null until then. */
  interactive: number | null;
  /** ms since navigation start of the click that worked. */
  clickedAt: number | null;
  /** Clicks dispatched before one worked. */
  clicks: number;
  /** ms since navigation start when a line with the target id first existed. */
  lineSeen: number | null;
  /**
   * ms since navigation start when a click on the app's own line (another cue, `appTarget`)
   * first worked: the moment the app, not the served page's early script, is interactive.
   */
  appInteractive: number | null;
}

/** The init script for one load. */
export function loadProbeScript(target: ProbeTarget, appTarget: ProbeTarget): string {
  return `(() => {
  const target = ${JSON.stringify(target)};
  const appTarget = ${JSON.stringify(appTarget)};
  const state = {
    interactive: null,
    clickedAt: null,
    clicks: 0,
    lineSeen: null,
    appInteractive: null,
  };
  const lcp = [];
  const shifts = [];
  const events = [];
  const frames = [];
  window.__redBoxLoad = state;
  window.__redBoxEntries = { lcp, shifts, events, frames };
  const observe = (type, sink, extra) => {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) sink.push(entry);
      }).observe({ type, buffered: true, ...extra });
    } catch {}
  };
  observe('largest-contentful-paint', lcp);
  observe('layout-shift', shifts);
  observe('event', events, { durationThreshold: 16 });
  observe('long-animation-frame', frames);

  // Probe one line: click it every 100 ms from the moment it exists until a click's effect is
  // seen, then call done(moment, clickedAt, clicks).
  const probeLine = (selector, cue, onSeen, done) => {
    let pending = null;
    let clicks = 0;
    const worked = (line) => {
      const video = document.querySelector('video');
      if (!video || !line.isConnected) return false;
      const time = video.currentTime;
      return (
        line.getAttribute('aria-current') === 'true' &&
        time >= cue.startTime - 0.001 &&
        time < cue.endTime
      );
    };
    const tick = () => {
      const now = performance.now();
      if (pending) {
        const line = document.querySelector(selector);
        if (line && worked(line)) return done(now, pending.at, clicks);
        if (now - pending.at < 100) return void setTimeout(tick, 10);
        pending = null;
      }
      const line = document.querySelector(selector);
      if (line) {
        onSeen(now);
        clicks++;
        pending = { at: performance.now() };
        line.click();
      }
      setTimeout(tick, 10);
    };
    setTimeout(tick, 0);
  };
  const lineOf = (cueId, served) => {
    const id = CSS.escape(cueId);
    return '[data-cue-id="' + id + '"]' + (served ? ', [data-served-cue="' + id + '"]' : '');
  };
  // First any line, the served page's too once its early script makes it seek; then the app's
  // own transcript, on another cue (the position the first click left must not count).
  probeLine(
    lineOf(target.cueId, true),
    target,
    (now) => {
      if (state.lineSeen === null) state.lineSeen = now;
    },
    (now, clickedAt, clicks) => {
      state.interactive = now;
      state.clickedAt = clickedAt;
      state.clicks = clicks;
      probeLine(lineOf(appTarget.cueId, false), appTarget, () => {}, (appNow) => {
        state.appInteractive = appNow;
      });
    },
  );
})();`;
}

/** Figures read from the page's performance entries after a load. */
export interface PageFigures {
  /** Largest contentful paint, ms since navigation start (the last candidate before input). */
  readonly lcpMs: number | null;
  /** What the LCP element was (tag and class), for the report. */
  readonly lcpElement: string;
  /** Cumulative layout shift: the largest session window (gap < 1 s, window < 5 s). */
  readonly cls: number;
  /** What moved in that window: each shift's time, value and its sources' elements and moves. */
  readonly clsSources: string;
  /**
   * The longest animation frame so far (Long Animation Frames: a task and the rendering after
   * it, 50 ms and more; 0 when there was none), and the sum of what every one took beyond 50 ms
   * (as Total Blocking Time sums long tasks): how long input could wait during the load.
   */
  readonly longestFrameMs: number;
  readonly blockingMs: number;
}

/** Read LCP and CLS in the page (run with page.evaluate). */
export function readPageFigures(): PageFigures {
  const entries = (window as unknown as { __redBoxEntries: Record<string, PerformanceEntry[]> })
    .__redBoxEntries;
  const lcp = entries.lcp!.at(-1) as (PerformanceEntry & { element?: Element | null }) | undefined;
  const element = lcp?.element;
  type Shift = PerformanceEntry & {
    value: number;
    hadRecentInput: boolean;
    sources?: { node: Node | null; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
  };
  const describe = (shift: Shift): string =>
    `${Math.round(shift.startTime)} ms +${shift.value.toFixed(3)} ` +
    (shift.sources ?? [])
      .map(({ node, previousRect: from, currentRect: to }) => {
        const name =
          node instanceof Element
            ? `${node.tagName.toLowerCase()}${node.classList[0] ? '.' + node.classList[0] : ''}`
            : node
              ? 'text'
              : '(removed)';
        return `${name} y ${Math.round(from.y)}→${Math.round(to.y)} h ${Math.round(from.height)}→${Math.round(to.height)}`;
      })
      .join(', ');
  let cls = 0;
  let clsSources = '';
  let session = 0;
  let sessionShifts: Shift[] = [];
  let sessionStart = -Infinity;
  let last = -Infinity;
  for (const entry of entries.shifts as Shift[]) {
    if (entry.hadRecentInput) continue;
    if (entry.startTime - last > 1000 || entry.startTime - sessionStart > 5000) {
      session = 0;
      sessionShifts = [];
      sessionStart = entry.startTime;
    }
    session += entry.value;
    sessionShifts.push(entry);
    last = entry.startTime;
    if (session > cls) {
      cls = session;
      clsSources = sessionShifts.map(describe).join('; ');
    }
  }
  const frames = entries.frames ?? [];
  return {
    longestFrameMs: Math.max(0, ...frames.map((frame) => frame.duration)),
    blockingMs: frames.reduce((sum, frame) => sum + Math.max(0, frame.duration - 50), 0),
    lcpMs: lcp ? lcp.startTime : null,
    lcpElement: element
      ? `${element.tagName.toLowerCase()}${element.className ? '.' + String(element.className).split(' ')[0] : ''}`
      : lcp
        ? '(removed)'
        : 'none',
    cls,
    clsSources,
  };
}

/**
 * The interaction latency of the interactions that started after `since` (ms since navigation
 * start): per interaction the longest event entry, then the longest interaction. Event Timing
 * reports only entries of 16 ms and more: null means every event was shorter than that.
 */
export function readInteractionLatency(since: number): number | null {
  // interactionId is in Chromium but not yet in TypeScript's DOM types.
  const events = (
    window as unknown as {
      __redBoxEntries: { events: (PerformanceEventTiming & { interactionId: number })[] };
    }
  ).__redBoxEntries.events;
  let longest: number | null = null;
  for (const entry of events) {
    if (entry.interactionId === 0 || entry.startTime < since) continue;
    longest = Math.max(longest ?? 0, entry.duration);
  }
  return longest;
}
