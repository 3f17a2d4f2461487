/**
 * Words (issue 15), every figure in one run: how late the viewer marks each word start
 * (`data-word-current`), in media time, at 1× and 2×, against a plain `timeupdate` word
 * highlighter in the same page and run; the words never marked, each with what the page was
 * doing meanwhile; the clock's work per word change and the layout reads inside it (with the
 * stack of any); JS heap over two plays; and the 10,000-cue episode with every word timed
 * (100,000 words): data ready → panel interactive beside the same episode without word timings,
 * the word tables' build time and bytes. The load average is printed with the figures: on the
 * shared machine the tails measure the load as much as the code.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { cueWords, transcriptWordTables, transcriptWords } from '../../../src/core/cue-words.ts';
import { parseVtt } from '../../../src/core/vtt-parse.ts';
import type { ClockReading } from '../../../src/player/media-clock.ts';
import {
  EPISODE_ID,
  newPage,
  openWatch,
  type BenchContext,
  type BenchPart,
} from '../bench-context.ts';
import { LONG_EPISODE_ID, LONG_WORDS_EPISODE_ID } from '../long-episode.ts';
import { heapAfterGc, measurePanelLoad, type PanelLoad } from '../panel-bench.ts';
import { formatMs, max, median, percentile } from '../stats.ts';

/** A word as the page shows it: its line, its place among the line's words, its start. */
interface WordTiming {
  readonly key: string;
  readonly startTime: number;
  readonly endTime: number;
}

function readWords(folder: string): WordTiming[] {
  const text = readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8');
  return parseVtt(text).document.cues.flatMap((cue) =>
    cueWords(cue)
      .map((word, i) => ({
        key: `${cue.id}#${i}`,
        startTime: word.startTime,
        endTime: word.endTime,
      }))
      // A word that starts where its cue ends is never current: nothing to mark.
      .filter((word) => word.endTime > word.startTime),
  );
}

/**
 * Counts layout reads (geometry getters, getComputedStyle) with the time of each, and the
 * clock's work per update (see player-runtime.tsx), before the page's own scripts run.
 */
const WORDS_INIT = `
  window.redBoxBenchmarkSamples = [];
  window.redBoxLayoutReads = [];
  window.redBoxLongFrames = [];
  // Every requestAnimationFrame callback's [start, end]. The clock runs in timers, tasks and
  // video-frame callbacks, never in these; but Chromium may run the page's animation-frame
  // callbacks (video.js's seek bar, after a timeupdate) before the microtasks of a video-frame
  // callback, inside the clock's measured window. Their work is theirs, not the clock's.
  window.redBoxFrameCallbacks = [];
  const requestFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    requestFrame((time) => {
      const started = performance.now();
      try {
        callback(time);
      } finally {
        window.redBoxFrameCallbacks.push([started, performance.now()]);
      }
    });
  window.redBoxBenchmark = {
    onClockUpdate: (ms, reading) =>
      window.redBoxBenchmarkSamples.push([performance.now() - ms, performance.now(), reading]),
  };
  // Each read with where it came from (the stack, without this frame).
  const note = () =>
    window.redBoxLayoutReads.push([performance.now(), (new Error().stack || '').split('\\n').slice(3, 9).join('\\n')]);
  // Frames that kept the main thread busy (over 50 ms), with the scripts that ran longest.
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.redBoxLongFrames.push({
          start: entry.startTime,
          end: entry.startTime + entry.duration,
          blocking: entry.blockingDuration,
          scripts: (entry.scripts || [])
            .slice()
            .sort((a, b) => b.duration - a.duration)
            .slice(0, 3)
            .map((script) => Math.round(script.duration) + ' ms ' + script.invoker),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  const wrapGetter = (proto, name) => {
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    if (!descriptor || !descriptor.get) return;
    const get = descriptor.get;
    Object.defineProperty(proto, name, { ...descriptor, get() { note(); return get.call(this); } });
  };
  for (const name of ['offsetTop', 'offsetLeft', 'offsetWidth', 'offsetHeight', 'offsetParent', 'innerText'])
    wrapGetter(HTMLElement.prototype, name);
  for (const name of ['clientTop', 'clientLeft', 'clientWidth', 'clientHeight', 'scrollTop', 'scrollLeft', 'scrollWidth', 'scrollHeight'])
    wrapGetter(Element.prototype, name);
  for (const name of ['getBoundingClientRect', 'getClientRects']) {
    const original = Element.prototype[name];
    Element.prototype[name] = function (...args) { note(); return original.apply(this, args); };
  }
  const originalStyle = window.getComputedStyle;
  window.getComputedStyle = function (...args) { note(); return originalStyle.apply(this, args); };
`;

/** A frame that kept the main thread busy over 50 ms (Long Animation Frames API). */
interface LongFrame {
  readonly start: number;
  readonly end: number;
  readonly blocking: number;
  readonly scripts: string[];
}

interface Played {
  /** When each word was first marked by ours / by the baseline: key → media time. */
  readonly ours: Record<string, number>;
  readonly baseline: Record<string, number>;
  /** Ours: when each word was first marked, key → wall time (performance.now, ms). */
  readonly oursWall: Record<string, number>;
  /** Clock updates [start, end] (wall ms) and whether a line changed in them. */
  readonly updates: {
    start: number;
    end: number;
    /** Time spent in animation-frame callbacks that ran inside [start, end] (not the clock's). */
    frameCallbackMs: number;
    lineChanged: boolean;
    /** Layout reads in the clock's work (with their stacks)... */
    layoutReads: string[];
    /** ...and in animation-frame callbacks that ran inside its window. */
    frameCallbackReads: string[];
    /** The clock's reading this update acted on, and the one before (see ClockReading). */
    reading: ClockReading;
  }[];
  readonly longFrames: LongFrame[];
  readonly changes: number;
}

/**
 * How long a play of [from, until) at `rate` may take in wall time before it counts as stuck:
 * three times its length plus half a minute (a loaded machine plays slowly; a stalled one never
 * ends, and once hung in the heap stage for six minutes).
 */
function playAllowanceMs(range: { from: number; until: number }, rate: number): number {
  return ((range.until - range.from) / rate) * 3000 + 30_000;
}

/**
 * Play [from, until) at `rate`, recording each word's first mark by ours and by the baseline.
 * Rejects with what the video was doing when the seek, the start or the play takes longer than
 * `playAllowanceMs`.
 */
async function playWords(
  page: Page,
  words: readonly WordTiming[],
  rate: number,
  range: { from: number; until: number },
): Promise<Played> {
  return page.evaluate(
    async ({ words, rate, from, until, allowanceMs }) => {
      const win = window as unknown as {
        redBoxBenchmarkSamples: [number, number, ClockReading][];
        redBoxLayoutReads: [number, string][];
        redBoxLongFrames: LongFrame[];
        redBoxFrameCallbacks: [number, number][];
      };
      const video = document.querySelector('video')!;
      const deadline = performance.now() + allowanceMs;
      /** `step` settles before the deadline, or the play fails saying where the video was. */
      const bounded = <T>(step: string, promise: Promise<T>): Promise<T> =>
        Promise.race([
          promise,
          new Promise<never>((_, reject) =>
            setTimeout(
              () =>
                reject(
                  new Error(
                    `[bench] words: ${step} did not finish within ${Math.round(allowanceMs / 1000)} s ` +
                      `(playing ${from}–${until} s at ${rate}×; the video is at ${video.currentTime.toFixed(2)} s, ` +
                      `paused ${video.paused}, readyState ${video.readyState}, networkState ${video.networkState}). ` +
                      'The media stalled or the machine is too loaded: check `uptime` and run the part again.',
                  ),
                ),
              Math.max(0, deadline - performance.now()),
            ),
          ),
        ]);
      const ours: Record<string, number> = {};
      const oursWall: Record<string, number> = {};
      const baseline: Record<string, number> = {};
      const lineChanges: number[] = [];
      let changes = 0;
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const element = record.target as HTMLElement;
          if (record.attributeName === 'aria-current') lineChanges.push(performance.now());
          if (record.attributeName !== 'data-word-current') continue;
          if (!element.hasAttribute('data-word-current')) continue;
          changes++;
          const line = element.closest('[data-cue-id]');
          const index = line
            ? Array.prototype.indexOf.call(line.querySelectorAll('[data-word-start]'), element)
            : -1;
          const key = `${line?.getAttribute('data-cue-id')}#${index}`;
          if (!(key in ours)) {
            ours[key] = video.currentTime;
            oursWall[key] = performance.now();
          }
        }
      });
      observer.observe(document.querySelector('[aria-label="Transcript"]')!, {
        subtree: true,
        attributes: true,
        attributeFilter: ['data-word-current', 'aria-current'],
      });
      // The baseline: a timeupdate word highlighter over the same words and ranges.
      let baselineCurrent: string | null = null;
      const onTimeUpdate = (): void => {
        const t = video.currentTime;
        const word = words.find((candidate) => candidate.startTime <= t && t < candidate.endTime);
        const key = word?.key ?? null;
        if (key !== baselineCurrent) {
          baselineCurrent = key;
          if (key && !(key in baseline)) baseline[key] = t;
        }
      };
      video.muted = true;
      video.pause();
      video.currentTime = from;
      await bounded(
        'the seek to the start',
        new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true })),
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (const key of Object.keys(ours)) {
        delete ours[key];
        delete oursWall[key];
      }
      changes = 0;
      win.redBoxBenchmarkSamples.length = 0;
      win.redBoxLayoutReads.length = 0;
      win.redBoxLongFrames.length = 0;
      win.redBoxFrameCallbacks.length = 0;
      lineChanges.length = 0;
      video.addEventListener('timeupdate', onTimeUpdate);
      video.playbackRate = rate;
      const stop = (): void => {
        video.pause();
        video.removeEventListener('timeupdate', onTimeUpdate);
        observer.disconnect();
      };
      try {
        await bounded('play()', video.play());
        await bounded(
          'the play',
          new Promise<void>((resolve) => {
            const check = (): void => {
              if (video.currentTime >= until || video.ended) resolve();
              else if (performance.now() < deadline) setTimeout(check, 100);
            };
            check();
          }),
        );
      } finally {
        stop();
      }
      // Long frames are reported after they end: give the last one a frame to arrive.
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
      const reads = [...win.redBoxLayoutReads];
      const frames = [...win.redBoxFrameCallbacks];
      const updates = win.redBoxBenchmarkSamples.map(([start, end, reading]) => {
        // Any overlap: where requestVideoFrameCallback exists (Chromium) the clock never runs in
        // an animation-frame callback, so what runs in one is not the clock's work.
        const inside = frames.filter(([from, to]) => from < end && to > start);
        const inFrame = (at: number): boolean =>
          inside.some(([from, to]) => at >= from && at <= to);
        const within = reads.filter(([at]) => at >= start && at <= end);
        return {
          start,
          end,
          frameCallbackMs: inside.reduce(
            (sum, [from, to]) => sum + Math.min(to, end) - Math.max(from, start),
            0,
          ),
          lineChanged: lineChanges.some((at) => at >= start - 0.01 && at <= end + 0.01),
          layoutReads: within.filter(([at]) => !inFrame(at)).map(([, stack]) => stack),
          frameCallbackReads: within.filter(([at]) => inFrame(at)).map(([, stack]) => stack),
          reading,
        };
      });
      return { ours, oursWall, baseline, updates, longFrames: [...win.redBoxLongFrames], changes };
    },
    {
      words: words.map((word) => ({ ...word })),
      rate,
      from: range.from,
      until: range.until,
      allowanceMs: playAllowanceMs(range, rate),
    },
  );
}

interface LagStats {
  readonly words: number;
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  readonly early: number;
  readonly skipped: string[];
}

function lagStats(words: readonly WordTiming[], marks: Record<string, number>): LagStats {
  const lags: number[] = [];
  const skipped: string[] = [];
  let early = 0;
  for (const word of words) {
    const time = marks[word.key];
    if (time === undefined) {
      skipped.push(word.key);
      continue;
    }
    const lag = (time - word.startTime) * 1000;
    if (lag < 0) early++;
    lags.push(Math.abs(lag));
  }
  return {
    words: words.length,
    median: median(lags),
    p95: percentile(lags, 95),
    max: max(lags),
    early,
    skipped,
  };
}

/**
 * Why a word was never marked: the wall time between the marks of the words around it (the
 * page marked nothing in between), the word's own length at this rate, and the long frames that
 * kept the main thread busy in that stretch.
 */
function skipReport(
  key: string,
  words: readonly WordTiming[],
  played: Played,
  rate: number,
): string {
  const at = words.findIndex((word) => word.key === key);
  const word = words[at]!;
  let before: number | undefined;
  for (let i = at - 1; i >= 0 && before === undefined; i--) before = played.oursWall[words[i]!.key];
  let after: number | undefined;
  for (let i = at + 1; i < words.length && after === undefined; i++)
    after = played.oursWall[words[i]!.key];
  const lengthMs = ((word.endTime - word.startTime) * 1000) / rate;
  const blind = before !== undefined && after !== undefined ? after - before : NaN;
  const busy =
    before !== undefined && after !== undefined
      ? played.longFrames.filter((frame) => frame.end > before && frame.start < after)
      : [];
  const frames = busy.length
    ? `; long frames meanwhile: ${busy
        .map(
          (frame) =>
            `${Math.round(frame.end - frame.start)} ms (blocking ${Math.round(frame.blocking)})` +
            (frame.scripts.length ? ` [${frame.scripts.join('; ')}]` : ''),
        )
        .join(', ')}`
    : '; no long frame meanwhile';
  return `${key} (${lengthMs.toFixed(0)} ms long at ${rate}×; nothing marked for ${formatMs(blind)} around it${frames})`;
}

/** Wall milliseconds between two readings under which a jump of currentTime is the clock's own. */
const CLOSE_READINGS_MS = 1;

/** The words marked later than 5 ms, and why, as far as the page can tell. */
interface LateWords {
  readonly late: number;
  /** Of those, with the main thread busy in a long frame between the word's start and its mark. */
  readonly blocked: number;
  /**
   * With currentTime before the start at one reading and past it at the next, under
   * CLOSE_READINGS_MS later: Chromium's clock leapt over the start (no poll could be sooner).
   */
  readonly leapt: number;
  /** With no reading for longer than that around the start (the thread was busy or not run). */
  readonly unread: number;
  /** The wall time without a reading around the start, for the unread ones (median, ms). */
  readonly unreadGapMs: number;
}

function lateWords(words: readonly WordTiming[], played: Played, rate: number): LateWords {
  let late = 0;
  let blocked = 0;
  let leapt = 0;
  const gaps: number[] = [];
  for (const word of words) {
    const media = played.ours[word.key];
    const wall = played.oursWall[word.key];
    if (media === undefined || wall === undefined) continue;
    const lagMs = (media - word.startTime) * 1000;
    if (lagMs <= 5) continue;
    late++;
    const started = wall - lagMs / rate;
    if (played.longFrames.some((frame) => frame.end > started && frame.start < wall)) blocked++;
    // The clock's update that marked it: its window holds the mark.
    const { reading } = played.updates.find((u) => u.start <= wall && wall <= u.end) ?? {};
    if (!reading || reading.previousMedia === null || reading.previousWall === null) continue;
    const gap = reading.wall - reading.previousWall;
    if (reading.previousMedia < word.startTime && gap < CLOSE_READINGS_MS) leapt++;
    else gaps.push(gap);
  }
  return { late, blocked, leapt, unread: gaps.length, unreadGapMs: median(gaps) };
}

/** The scripts that ran longest in long frames, by what invoked them, summed. */
function topInvokers(frames: readonly LongFrame[]): string {
  const total = new Map<string, number>();
  for (const frame of frames) {
    for (const script of frame.scripts) {
      const [ms, ...invoker] = script.split(' ms ');
      const name = invoker.join(' ms ');
      total.set(name, (total.get(name) ?? 0) + Number(ms));
    }
  }
  return [...total]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, ms]) => `${name} ${ms} ms`)
    .join('; ');
}

/** The 10,000-cue, 100,000-word episode's word tables in Node: build time and exact bytes. */
function longIndexFigures(folder: string): { words: number; buildMs: number; bytes: number } {
  const parsed = parseVtt(readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8')).document
    .cues;
  // What the parser worker does after parsing (median of 3: the first run warms up).
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    transcriptWordTables(parsed);
    times.push(performance.now() - started);
  }
  const words = transcriptWords(parsed)!;
  return { words: words.count, buildMs: median(times), bytes: words.bytes };
}

/**
 * The main thread's time in worker-message handlers (the parser worker's reply: receiving the
 * parsed cues is a structured-clone copy of every cue and segment), from Long Animation Frames:
 * scripts over 5 ms in frames over 50 ms, so a short reply counts 0.
 */
const WORKER_REPLY_INIT = `
  window.redBoxWorkerReplyMs = 0;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        for (const script of entry.scripts || [])
          if (/Worker.*message/i.test(script.invoker)) window.redBoxWorkerReplyMs += script.duration;
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
`;

/** Data ready → panel interactive, median of `runs` loads of an episode's watch page. */
async function panelLoads(
  context: BenchContext,
  episodeId: string,
  runs: number,
): Promise<{ interactive: number; parse: number; reply: number; loads: PanelLoad[] }> {
  const { browser, url: base } = await context.browserSite();
  const loads: PanelLoad[] = [];
  const replies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser, WORKER_REPLY_INIT);
    loads.push(await measurePanelLoad(page, `${base}/watch/${episodeId}`, 'transcript.en.vtt'));
    // The last long frame is reported after it ends.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
    replies.push(
      await page.evaluate(
        () => (window as unknown as { redBoxWorkerReplyMs: number }).redBoxWorkerReplyMs,
      ),
    );
    await page.close();
  }
  return {
    interactive: median(loads.map((load) => load.interactiveMs)),
    parse: median(loads.map((load) => load.parseMs)),
    reply: median(replies),
    loads,
  };
}

/** On the long words episode: after a seek two hours in, the right word is marked. */
async function longWordMarked(context: BenchContext, folder: string): Promise<string | null> {
  const { browser, url: base } = await context.browserSite();
  const cues = parseVtt(readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8')).document.cues;
  const cue = cues[7000]!;
  const word = cueWords(cue)[4]!;
  const page = await newPage(browser);
  await openWatch(page, `${base}/watch/${LONG_WORDS_EPISODE_ID}`);
  const time = (word.startTime + word.endTime) / 2;
  await page.evaluate(async (t) => {
    const video = document.querySelector('video')!;
    video.currentTime = t;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  }, time);
  const marked = await page
    .waitForFunction(
      () => {
        const element = document.querySelector('[data-word-current]');
        if (!element) return null;
        const line = element.closest('[data-cue-id]')?.getAttribute('data-cue-id');
        return `${line} ${element.textContent}`;
      },
      undefined,
      { timeout: 10_000 },
    )
    .then((handle) => handle.jsonValue() as Promise<string>)
    .catch(() => null);
  await page.close();
  const expected = `${cue.id} ${word.text}`;
  return marked === expected ? null : `expected "${expected}", marked ${JSON.stringify(marked)}`;
}

/** JS heap after a collection: before, after one play of `stretch` at 4× and after a second. */
async function heapOverTwoPlays(
  page: Page,
  words: readonly WordTiming[],
  stretch: { from: number; until: number },
): Promise<{ before: number; afterOne: number; after: number }> {
  const before = await heapAfterGc(page);
  await playWords(page, words, 4, stretch);
  const afterOne = await heapAfterGc(page);
  await playWords(page, words, 4, stretch);
  const after = await heapAfterGc(page);
  return { before, afterOne, after };
}

const loadAverage = (): string =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');

async function wordsBench(context: BenchContext): Promise<void> {
  const { browser, url: base, episodesDir } = await context.browserSite();
  const loadAtStart = loadAverage();
  console.log(`
Words: load average (1, 5, 15 min) at the start: ${loadAtStart}`);
  const words = readWords(path.join(episodesDir, EPISODE_ID));
  const page = await newPage(browser, WORDS_INIT);
  await openWatch(page, `${base}/watch/${EPISODE_ID}`);
  const duration = await page.evaluate(() => document.querySelector('video')!.duration);
  const until = context.quick ? Math.min(60, duration) : duration;
  const scripting: number[] = [];
  const readStacks: string[] = [];
  const frameCallbackReads: string[] = [];
  let frameCallbackWindows = 0;
  let wordOnlyUpdates = 0;
  for (const rate of [1, 2]) {
    const played = await playWords(page, words, rate, { from: 0, until });
    const inRange = words.filter((word) => word.startTime > 0 && word.startTime < until - 0.05);
    const ours = lagStats(inRange, played.ours);
    const baseline = lagStats(inRange, played.baseline);
    const wordOnly = played.updates.filter((update) => !update.lineChanged);
    wordOnlyUpdates += wordOnly.length;
    const reads = wordOnly.flatMap((update) => update.layoutReads);
    readStacks.push(...reads);
    const foreignReads = wordOnly.flatMap((update) => update.frameCallbackReads);
    frameCallbackReads.push(...foreignReads);
    scripting.push(...wordOnly.map((update) => update.end - update.start - update.frameCallbackMs));
    frameCallbackWindows += wordOnly.filter((update) => update.frameCallbackMs > 0).length;
    const linesWithReads = played.updates.filter(
      (u) => u.lineChanged && u.layoutReads.length > 0,
    ).length;
    const busyMs = played.longFrames.reduce((sum, frame) => sum + frame.end - frame.start, 0);
    const skips = ours.skipped.map((key) => skipReport(key, words, played, rate));
    const late = lateWords(inRange, played, rate);
    console.log(
      `\nWords, ${rate}×, ${ours.words} word starts (load average now ${loadAverage()})` +
        `\n  ours        median ${formatMs(ours.median)}  p95 ${formatMs(ours.p95)}  max ${formatMs(ours.max)}  early ${ours.early}  skipped ${ours.skipped.length}` +
        `\n  timeupdate  median ${formatMs(baseline.median)}  p95 ${formatMs(baseline.p95)}  max ${formatMs(baseline.max)}  early ${baseline.early}  skipped ${baseline.skipped.length}` +
        `\n  the baseline is ${(baseline.median / Math.max(ours.median, 0.01)).toFixed(0)}× later on median, and skips ${baseline.skipped.length} words` +
        `\n  clock updates: ${wordOnly.length} with a word change only (layout reads in them: ${reads.length}; in other animation-frame callbacks run inside their window: ${foreignReads.length}), ${played.updates.length - wordOnly.length} with a line change (${linesWithReads} of those read layout: the line's follow mode)` +
        `\n  long frames (main thread busy over 50 ms) while playing: ${played.longFrames.length}, ${formatMs(busyMs)} in all; longest scripts in them: ${topInvokers(played.longFrames) || 'none'}` +
        `\n  words marked over 5 ms late: ${late.late}, of which ${late.blocked} with a long frame between their start and their mark;` +
        ` ${late.leapt} where currentTime leapt past the start between two of the clock's readings under ${CLOSE_READINGS_MS} ms apart (Chromium's clock: no reading could be sooner),` +
        ` ${late.unread} where the clock read nothing for a while around the start (median ${formatMs(late.unreadGapMs)}: the main thread busy or not scheduled)` +
        skips.map((skip) => `\n  never marked: ${skip}`).join(''),
    );
    context.record(`words ${rate}x`, {
      ours,
      skippedWhy: skips,
      baseline: { ...baseline, skipped: baseline.skipped.length },
      longFrames: played.longFrames.length,
      longFramesMs: busyMs,
      lateOver5ms: late,
    });
    const name = `words ${rate}×`;
    context.check(`${name} median ≤ 3 ms`, ours.median <= 3, formatMs(ours.median));
    context.check(`${name} p95 ≤ 5 ms`, ours.p95 <= 5, formatMs(ours.p95));
    context.check(`${name} never early`, ours.early === 0, `${ours.early} early`);
    context.check(
      `${name} no word skipped`,
      ours.skipped.length === 0,
      ours.skipped.length ? `skipped ${ours.skipped.slice(0, 5).join(', ')}` : 'none',
    );
  }
  const scriptingMedian = median(scripting);
  console.log(
    `\nWords: scripting per word change (clock update, word-only changes, both rates): median ${formatMs(scriptingMedian)}  p95 ${formatMs(percentile(scripting, 95))}  (${scripting.length} changes)`,
  );
  const printStacks = (title: string, stacks: readonly string[]): void => {
    if (stacks.length === 0) return;
    const counted = new Map<string, number>();
    for (const stack of stacks) counted.set(stack, (counted.get(stack) ?? 0) + 1);
    console.log(`  ${title}, by stack:`);
    for (const [stack, count] of counted)
      console.log(`  ${count}×\n    ${stack.split('\n').join('\n    ')}`);
  };
  printStacks('layout reads in the clock task of a word change', readStacks);
  console.log(
    `  ${frameCallbackWindows} word-change windows held other animation-frame callbacks (Chromium ran them before the clock's microtasks; their time is left out of the figures above), with ${frameCallbackReads.length} layout reads`,
  );
  printStacks('layout reads of those animation-frame callbacks', frameCallbackReads);
  context.record('words scripting', {
    median: scriptingMedian,
    p95: percentile(scripting, 95),
    windowsWithFrameCallbacks: frameCallbackWindows,
    frameCallbackReads: frameCallbackReads.length,
  });
  context.check(
    'words scripting per word change ≤ 0.5 ms (median)',
    scriptingMedian <= 0.5,
    formatMs(scriptingMedian),
  );
  context.check(
    'words no layout read in the clock task of a word change',
    readStacks.length === 0,
    `${readStacks.length} reads in ${wordOnlyUpdates} word changes`,
  );

  // Heap over two plays of the same stretch, words highlighted. Bounded: each play by its
  // allowance in the page, the whole stage here (a garbage collection through DevTools can hang
  // too); a stage that does not end is a failed bar with the reason, and the run goes on.
  const stretch = { from: 0, until: Math.min(duration, context.quick ? 30 : 120) };
  const stageMs = 2 * playAllowanceMs(stretch, 4) + 60_000;
  let stageTimer: ReturnType<typeof setTimeout> | undefined;
  const heap = await Promise.race([
    heapOverTwoPlays(page, words, stretch),
    new Promise<never>((_, reject) => {
      stageTimer = setTimeout(
        () =>
          reject(
            new Error(
              `[bench] words: the heap stage did not end within ${Math.round(stageMs / 1000)} s (two plays of ${stretch.until.toFixed(0)} s at 4× and three garbage collections); load average ${loadAverage()}`,
            ),
          ),
        stageMs,
      );
    }),
  ])
    .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))
    .finally(() => clearTimeout(stageTimer));
  // Closing the page also ends a play or a collection still running in it.
  await page.close();
  if (heap instanceof Error) {
    console.log(`\nWords: JS heap not measured. ${heap.message}`);
    context.record('words heap', { error: heap.message });
    context.check('words heap flat over a second play (≤ 5 %)', false, heap.message);
  } else {
    const { before, afterOne, after } = heap;
    const secondPlay = (after - afterOne) / afterOne;
    const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(2)} MB`;
    console.log(
      `\nWords: JS heap, ${stretch.until.toFixed(0)} s played twice at 4×: before ${mb(before)}  after one ${mb(afterOne)}  after two ${mb(after)}  (second play ${(secondPlay * 100).toFixed(1)} %)`,
    );
    context.record('words heap', { before, afterOne, after, secondPlay });
    context.check(
      'words heap flat over a second play (≤ 5 %)',
      secondPlay <= 0.05,
      `${(secondPlay * 100).toFixed(1)} %`,
    );
  }

  // The 10,000-cue episode with every word timed, beside the same episode without word timings.
  const runs = context.quick ? 3 : 7;
  const timed = await panelLoads(context, LONG_WORDS_EPISODE_ID, runs);
  const plain = await panelLoads(context, LONG_EPISODE_ID, runs);
  const folder = path.join(episodesDir, LONG_WORDS_EPISODE_ID);
  const long = longIndexFigures(folder);
  const wrongMark = await longWordMarked(context, folder);
  console.log(
    `\nWords: 10,000 cues with ${long.words} timed words (median of ${runs} loads; load average now ${loadAverage()})` +
      `\n  data ready → panel interactive  ${formatMs(timed.interactive)}  (without word timings, same run: ${formatMs(plain.interactive)})` +
      `\n  fetched → parsed, in the parser worker with the word tables  ${formatMs(timed.parse)}  (without: ${formatMs(plain.parse)})` +
      `\n  main thread receiving the worker's reply (before "data ready"; timed cues come without their segments, read again from the text when a row shows: src/core/parse-transfer.ts)  ${formatMs(timed.reply)}  (without: ${formatMs(plain.reply)})` +
      `\n  word tables and their time index: ${(long.bytes / 1048576).toFixed(2)} MB of typed arrays (${(long.bytes / long.words).toFixed(0)} bytes a word); built in ${formatMs(long.buildMs)} in Node (median of 3)` +
      `\n  the word at 2 h 6 min, after a seek: ${wrongMark ?? 'marked right'}`,
  );
  context.record('words long transcript', {
    words: long.words,
    interactiveMs: timed.interactive,
    interactiveWithoutWordsMs: plain.interactive,
    parseMs: timed.parse,
    parseWithoutWordsMs: plain.parse,
    workerReplyMs: timed.reply,
    workerReplyWithoutWordsMs: plain.reply,
    tableBytes: long.bytes,
    tablesBuildMsNode: long.buildMs,
  });
  context.check(
    'words 10,000 timed cues: data ready → panel interactive ≤ 150 ms',
    timed.interactive <= 150,
    formatMs(timed.interactive),
  );
  context.check(
    'words 10,000 timed cues: the word after a deep seek is marked right',
    wrongMark === null,
    wrongMark ?? 'marked right',
  );
  const loadAtEnd = loadAverage();
  console.log(`\nWords: load average at the end: ${loadAtEnd}`);
  context.record('words load average', { start: loadAtStart, end: loadAtEnd });
}

export const wordsPart: BenchPart = { name: 'words', run: wordsBench };
