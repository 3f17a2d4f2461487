/**
 * The translator workspace's timing tools (issue 16), `npm run bench -- --only editor`:
 *
 * - workspace ready with the waveform, for a 3,000-row source file over three hours: from
 *   navigation until the rows are there and the waveform's peaks are drawn, beside the same
 *   workspace on the same file without a waveform (the strip with its cues and sliders only);
 * - dragging a cue edge with the mouse moving every animation frame (60 per second) for a few
 *   seconds: long tasks (over 50 ms) and long animation frames while dragging, and frames dropped,
 *   beside the same mouse moves over the strip without a drag;
 * - waveform data per hour of media: the bundled episode's `media/waveform.bin`, and an hour of
 *   generated audio put through `writeWaveformFile` (what `npm run waveform` runs).
 *
 * The 3,000-row episodes are written into the shared site's episodes folder before it is built,
 * with generated peaks: speech-like inside the cues, quiet
 * noise between them, and a speech region per cue (random peaks: gzip packs them worse than real
 * speech, so the file is larger than a real one would be).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { WAVEFORM_FRAME_MS, type Waveform } from '../../../src/core/waveform.ts';
import { editEpisodeJson } from '../../../tests/browser/support/temp-episodes.ts';
import { WAVEFORM_PATH, waveformFileBytes, writeWaveformFile } from '../../media/waveform-file.ts';
import { EPISODE_ID, newPage, type BenchContext, type BenchPart } from '../bench-context.ts';
import { random, writeLongEpisode } from '../long-episode.ts';
import { formatMs, median } from '../stats.ts';

const ROWS = 3000;
/** Seconds per cue: 3,000 cues fill the generated episode's three hours. */
const STEP = 3.6;
const WITH_WAVEFORM = 'timing-3000-rows';
const WITHOUT_WAVEFORM = 'timing-3000-rows-no-waveform';
/** Today's workspace-ready figure for a 3,000-row file (issue 16's bar). */
const READY_BAR_MS = 2100;
const LONG_TASK_MS = 50;
const FRAME_MS = 1000 / 60;

/** Peaks for `seconds` of media whose speech is `cues` (see the file's comment). */
function generatedWaveform(
  seconds: number,
  cues: ReadonlyArray<{ startTime: number; endTime: number }>,
): Waveform {
  const frameSeconds = WAVEFORM_FRAME_MS / 1000;
  const frames = Math.ceil(seconds / frameSeconds);
  const min = new Int8Array(frames);
  const max = new Int8Array(frames);
  const next = random(7);
  for (let frame = 0; frame < frames; frame++) {
    const noise = 1 + Math.floor(next() * 3);
    max[frame] = noise;
    min[frame] = -noise;
  }
  const speech = cues.map((cue) => {
    // Speech starts a little after the cue and ends a little before it, as aligned cues do.
    const startTime = Math.round((cue.startTime + next() * 0.08) * 1000) / 1000;
    const endTime = Math.round((cue.endTime - next() * 0.1) * 1000) / 1000;
    let syllable = 0;
    for (
      let frame = Math.floor(startTime / frameSeconds);
      frame < endTime / frameSeconds;
      frame++
    ) {
      // A syllable's loudness every ~150 ms, and the frame's own jitter around it.
      if (frame % 15 === 0) syllable = 30 + next() * 80;
      const peak = Math.min(127, Math.round(syllable * (0.6 + next() * 0.4)));
      max[frame] = peak;
      min[frame] = -Math.min(127, Math.round(peak * (0.8 + next() * 0.2)));
    }
    return { startTime, endTime };
  });
  return { frameSeconds, min, max, speech };
}

/** The two 3,000-row episodes, written into the site's episodes folder before it is built. */
function writeTimingEpisodes(episodesDir: string): void {
  const folder = writeLongEpisode(episodesDir, { id: WITH_WAVEFORM, cueCount: ROWS, step: STEP });
  writeLongEpisode(episodesDir, { id: WITHOUT_WAVEFORM, cueCount: ROWS, step: STEP });
  const cues = Array.from({ length: ROWS }, (_, i) => ({
    startTime: i * STEP,
    endTime: (i + 1) * STEP - 0.08,
  }));
  const bytes = waveformFileBytes(generatedWaveform(ROWS * STEP, cues));
  writeFileSync(path.join(folder, WAVEFORM_PATH), bytes);
  editEpisodeJson(folder, (json) => ({
    ...json,
    media: { ...(json.media as object), waveform: WAVEFORM_PATH },
  }));
}

const firstRow = (page: Page) =>
  page.getByRole('textbox', { name: 'Translation of L00001', exact: true });

/**
 * Navigation → the frame on which the rows, the strip's first slider and (when `waveform`) the
 * drawn peaks are all there, in ms (the page's clock starts at navigation).
 */
async function measureReady(page: Page, url: string, waveform: boolean): Promise<number> {
  await page.goto(url);
  const handle = await page.waitForFunction(
    (waveform) => {
      const rows = document.querySelector('[aria-label="Translation of L00001"]');
      const slider = document.querySelector('[role="slider"][aria-label="Start of L00001"]');
      const drawn = performance.getEntriesByName('red-box:waveform-drawn')[0];
      if (!rows || !slider || (waveform && !drawn)) return null;
      return Math.max(performance.now(), 0);
    },
    waveform,
    { polling: 'raf', timeout: 120_000 },
  );
  return (await handle.jsonValue()) as number;
}

interface FrameReport {
  /** Long tasks (over 50 ms) that started in the window, their durations (ms). */
  readonly longTasks: number[];
  /** Long animation frames (over 50 ms) that started in the window, their durations (ms). */
  readonly longFrames: number[];
  /** Animation frames drawn, and frames missed at 60 per second. */
  readonly frames: number;
  readonly dropped: number;
  /** Mouse moves sent, and the window (ms). */
  readonly moves: number;
  readonly ms: number;
}

/** Start collecting long tasks, long animation frames and animation frames in the page. */
async function watchFrames(page: Page): Promise<void> {
  await page.evaluate(() => {
    const store = {
      longTasks: [] as number[][],
      longFrames: [] as number[][],
      frames: [] as number[],
    };
    (window as unknown as { timingBench: typeof store }).timingBench = store;
    const observe = (type: string, into: number[][]): void => {
      try {
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) into.push([entry.startTime, entry.duration]);
        }).observe({ type, buffered: false });
      } catch {
        // An entry type this Chromium does not have: nothing is collected for it.
      }
    };
    observe('longtask', store.longTasks);
    observe('long-animation-frame', store.longFrames);
    const frame = (time: number): void => {
      store.frames.push(time);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/** What was collected between the two page times `from` and `to`. */
async function framesBetween(
  page: Page,
  from: number,
  to: number,
): Promise<Omit<FrameReport, 'moves'>> {
  return page.evaluate(
    ({ from, to, longTaskMs, frameMs }) => {
      const store = (
        window as unknown as {
          timingBench: { longTasks: number[][]; longFrames: number[][]; frames: number[] };
        }
      ).timingBench;
      const inWindow = (entries: number[][]) =>
        entries
          .filter(([start, duration]) => start! >= from && start! <= to && duration! > longTaskMs)
          .map(([, duration]) => duration!);
      const frames = store.frames.filter((time) => time >= from && time <= to);
      let dropped = 0;
      for (let i = 1; i < frames.length; i++) {
        dropped += Math.max(0, Math.round((frames[i]! - frames[i - 1]!) / frameMs) - 1);
      }
      return {
        longTasks: inWindow(store.longTasks),
        longFrames: inWindow(store.longFrames),
        frames: frames.length,
        dropped,
        ms: to - from,
      };
    },
    { from, to, longTaskMs: LONG_TASK_MS, frameMs: FRAME_MS },
  );
}

const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** The mouse through the DevTools protocol: events sent without waiting for the page's answer. */
async function rawMouse(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  const send = (
    type: 'mouseMoved' | 'mousePressed' | 'mouseReleased',
    x: number,
    y: number,
    pressed: boolean,
  ) =>
    cdp.send('Input.dispatchMouseEvent', {
      type,
      x,
      y,
      button: pressed || type === 'mouseReleased' ? 'left' : 'none',
      buttons: pressed ? 1 : 0,
      clickCount: type === 'mouseMoved' ? 0 : 1,
    });
  return {
    move: (x: number, y: number, pressed: boolean) => send('mouseMoved', x, y, pressed),
    down: (x: number, y: number) => send('mousePressed', x, y, true),
    up: (x: number, y: number) => send('mouseReleased', x, y, false),
    detach: () => cdp.detach(),
  };
}

type RawMouse = Awaited<ReturnType<typeof rawMouse>>;

/**
 * Move the mouse every 1/60 s of wall clock for `seconds` along x(t), as a hand on a mouse does:
 * each move is sent on time whether or not the page has handled the one before (Chromium queues
 * them and hands the page one per frame). With `drag`, the button is pressed first (and held).
 */
async function moveEveryFrame(
  page: Page,
  mouse: RawMouse,
  at: { x: number; y: number },
  seconds: number,
  offsetAt: (fraction: number) => number,
  drag: boolean,
): Promise<FrameReport & { readonly lastX: number }> {
  await mouse.move(at.x, at.y, false);
  const from = await pageNow(page);
  if (drag) await mouse.down(at.x, at.y);
  const sent: Promise<unknown>[] = [];
  const started = performance.now();
  let lastX = at.x;
  for (let moves = 1; ; moves++) {
    const due = started + moves * FRAME_MS;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const elapsed = performance.now() - started;
    if (elapsed >= seconds * 1000) break;
    lastX = at.x + offsetAt(elapsed / (seconds * 1000));
    sent.push(mouse.move(lastX, at.y, drag));
  }
  await Promise.all(sent);
  const to = await pageNow(page);
  const report = await framesBetween(page, from, to);
  return { ...report, moves: sent.length, lastX };
}

async function sliderBox(page: Page, name: string) {
  const slider = page
    .getByRole('region', { name: 'Waveform' })
    .getByRole('slider', { name, exact: true });
  await slider.waitFor();
  return {
    box: (await slider.boundingBox())!,
    value: Number(await slider.getAttribute('aria-valuenow')),
  };
}

/** Drag the end of a row back and forth for `seconds`, and the same moves without a drag. */
async function measureDrag(
  page: Page,
  url: string,
  seconds: number,
): Promise<{
  drag: FrameReport;
  hover: FrameReport;
  drop: Omit<FrameReport, 'moves'>;
  moved: number;
}> {
  await page.goto(url);
  await firstRow(page).waitFor({ timeout: 120_000 });
  await page.getByText('Looking for a draft…').waitFor({ state: 'detached' });
  await page.getByRole('checkbox', { name: 'Edit the source language' }).check();
  await page.getByRole('button', { name: 'Unlock the source' }).click();
  await page.getByRole('textbox', { name: 'Translation of L00003', exact: true }).focus();
  // 5 s on screen (as a translator fixing an edge works): the handles are well apart.
  const strip = page.getByRole('region', { name: 'Waveform' });
  await strip.getByRole('button', { name: 'Zoom in' }).click();
  await strip.getByRole('button', { name: 'Zoom in' }).click();
  await strip.getByText('5 s shown').waitFor();
  const start = await sliderBox(page, 'Start of L00003');
  const end = await sliderBox(page, 'End of L00003');
  const pxPerSecond = (end.box.x - start.box.x) / (end.value - start.value);
  const at = { x: end.box.x + end.box.width / 2, y: end.box.y + end.box.height / 2 };
  // Back and forth between 1.5 s before the end and 0.5 s after it (where the next row stops it),
  // ending 0.5 s before it.
  const offsetAt = (fraction: number): number =>
    (-0.5 + Math.sin(fraction * Math.PI * seconds)) * pxPerSecond;
  await watchFrames(page);
  const mouse = await rawMouse(page);
  const hover = await moveEveryFrame(page, mouse, at, seconds, offsetAt, false);
  const drag = await moveEveryFrame(page, mouse, at, seconds, offsetAt, true);
  // Letting go writes the move into the 3,000-row file (and its checks run again).
  const dropFrom = await pageNow(page);
  await mouse.up(drag.lastX, at.y);
  await mouse.detach();
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
  );
  await page.waitForTimeout(500); // the frames after the drop, for the record (not a wait for a state)
  const drop = await framesBetween(page, dropFrom, await pageNow(page));
  const moved = (await sliderBox(page, 'End of L00003')).value - end.value;
  return { drag, hover, drop, moved };
}

/** ffmpeg with its arguments; rejects with its last line of error. */
async function ffmpeg(args: readonly string[]): Promise<void> {
  await promisify(execFile)('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', ...args], {
    maxBuffer: 16 * 1024 * 1024,
  });
}

/**
 * `seconds` of generated audio (the bundled episode's speech over and over, with quiet pink noise
 * under it, so no two passes give the same peaks) through `writeWaveformFile`.
 */
async function generatedHourWaveform(
  episodesDir: string,
  seconds: number,
): Promise<{ bytes: number; seconds: number; makeMs: number; regions: number }> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'red-box-waveform-bench-'));
  try {
    mkdirSync(path.join(work, 'media'));
    const media = path.join(work, 'media/audio.wav');
    await ffmpeg([
      ...['-stream_loop', '-1', '-i', path.join(episodesDir, EPISODE_ID, 'media/episode.webm')],
      ...['-f', 'lavfi', '-i', 'anoisesrc=color=pink:amplitude=0.004:seed=3'],
      ...['-filter_complex', '[0:a][1:a]amix=inputs=2:normalize=0:duration=shortest'],
      ...['-t', String(seconds), '-ac', '1', '-ar', '16000', '-c:a', 'pcm_s16le', media],
    ]);
    writeFileSync(
      path.join(work, 'episode.json'),
      JSON.stringify({
        id: 'hour',
        media: { sources: [{ src: 'media/audio.wav', type: 'audio/wav' }] },
      }),
    );
    const started = performance.now();
    const written = await writeWaveformFile(work, media);
    return {
      bytes: written.bytes,
      seconds: written.seconds,
      makeMs: performance.now() - started,
      regions: written.speechRegions,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const kBPerHour = (bytes: number, seconds: number): number => (bytes / seconds) * 3.6;

async function editorBenches(context: BenchContext): Promise<void> {
  const { browser, url: base, episodesDir } = await context.browserSite();
  const generatedBytes = statSync(path.join(episodesDir, WITH_WAVEFORM, WAVEFORM_PATH)).size;
  const load = () =>
    `load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores`;

  // Ready: alternate the two files, so the machine's load falls on both alike.
  const runs = context.quick ? 3 : 7;
  const withWave: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [id, into, waveform] of [
      [WITH_WAVEFORM, withWave, true],
      [WITHOUT_WAVEFORM, without, false],
    ] as const) {
      const page = await newPage(browser);
      into.push(await measureReady(page, `${base}/translate/${id}/en`, waveform));
      await page.close();
    }
  }
  const ready = median(withWave);
  const baseline = median(without);
  console.log(
    `\nWorkspace with the waveform, 3,000 rows over 3 h (median of ${runs} loads; ${load()})` +
      `\n  navigation → rows and waveform drawn  ${formatMs(ready)}  (runs: ${withWave.map((ms) => ms.toFixed(0)).join(', ')})` +
      `\n  baseline: the same file without a waveform  ${formatMs(baseline)}  (×${(ready / baseline).toFixed(2)})` +
      `\n  the generated waveform file  ${(generatedBytes / 1000).toFixed(0)} kB for 3 h`,
  );

  const seconds = context.quick ? 2 : 4;
  const dragPage = await newPage(browser);
  const { drag, hover, drop, moved } = await measureDrag(
    dragPage,
    `${base}/translate/${WITH_WAVEFORM}/en`,
    seconds,
  );
  await dragPage.close();
  const describe = (report: Omit<FrameReport, 'moves'> & { moves?: number }): string =>
    `${report.longTasks.length} long tasks${report.longTasks.length ? ` (${report.longTasks.map((ms) => ms.toFixed(0)).join(', ')} ms)` : ''}, ` +
    `${report.longFrames.length} long animation frames${report.longFrames.length ? ` (${report.longFrames.map((ms) => ms.toFixed(0)).join(', ')} ms)` : ''}, ` +
    `${report.frames} frames in ${(report.ms / 1000).toFixed(1)} s, ${report.dropped} dropped` +
    (report.moves !== undefined ? `, ${report.moves} mouse moves` : '');
  console.log(
    `\nDragging a cue edge, the mouse moving every frame for ${seconds} s (${load()})` +
      `\n  dragging  ${describe(drag)}` +
      `\n  baseline: the same moves over the strip without a drag  ${describe(hover)}` +
      `\n  letting go (the move written into the file)  ${describe(drop)}` +
      `\n  the edge ended ${moved.toFixed(3)} s from where it was`,
  );

  const bundled = statSync(path.join(episodesDir, EPISODE_ID, WAVEFORM_PATH)).size;
  const bundledSeconds = (
    JSON.parse(readFileSync(path.join(episodesDir, EPISODE_ID, 'episode.json'), 'utf8')) as {
      media: { duration: number };
    }
  ).media.duration;
  const hourSeconds = context.quick ? 600 : 3600;
  const hour = await generatedHourWaveform(episodesDir, hourSeconds);
  console.log(
    `\nWaveform data per hour of media` +
      `\n  the bundled episode  ${(bundled / 1000).toFixed(1)} kB for ${bundledSeconds.toFixed(0)} s: ${kBPerHour(bundled, bundledSeconds).toFixed(0)} kB an hour` +
      `\n  ${(hour.seconds / 60).toFixed(0)} min of generated audio (the episode's speech looped, pink noise under it)  ` +
      `${(hour.bytes / 1000).toFixed(0)} kB: ${kBPerHour(hour.bytes, hour.seconds).toFixed(0)} kB an hour, ${hour.regions} speech regions; ` +
      `made in ${(hour.makeMs / 1000).toFixed(1)} s with ffmpeg's decoding (${load()})`,
  );

  context.record('editor', {
    readyMs: ready,
    readyRunsMs: withWave,
    baselineReadyMs: baseline,
    baselineRunsMs: without,
    drag,
    hover,
    drop,
    waveformBytesPerHour: {
      bundled: (bundled / bundledSeconds) * 3600,
      generated: (hour.bytes / hour.seconds) * 3600,
      generatedSeconds: hour.seconds,
    },
    load: os.loadavg(),
  });
  context.check(
    `workspace with the waveform ready, 3,000 rows ≤ ${READY_BAR_MS} ms`,
    ready <= READY_BAR_MS,
    `${formatMs(ready)}; without a waveform ${formatMs(baseline)}`,
  );
  context.check(
    'no long task over 50 ms while dragging a cue edge',
    drag.longTasks.length === 0,
    describe(drag),
  );
  context.check(
    'no animation frame over 50 ms while dragging a cue edge',
    drag.longFrames.length === 0,
    `${drag.longFrames.length} (${drag.longFrames.map((ms) => ms.toFixed(0)).join(', ') || 'none'}); without a drag ${hover.longFrames.length}`,
  );
  const perHour = Math.max(kBPerHour(bundled, bundledSeconds), kBPerHour(hour.bytes, hour.seconds));
  context.check(
    'waveform data ≤ 500 kB an hour',
    perHour <= 500,
    `bundled ${kBPerHour(bundled, bundledSeconds).toFixed(0)} kB, generated ${kBPerHour(hour.bytes, hour.seconds).toFixed(0)} kB an hour`,
  );
}

export const editorPart: BenchPart = {
  name: 'editor',
  prepareSite: writeTimingEpisodes,
  run: editorBenches,
};
