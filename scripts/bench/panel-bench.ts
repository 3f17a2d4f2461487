/**
 * Long-transcript benchmarks in the page: time from data ready to the panel interactive, scripting
 * time per cue change, and the JS heap before and after playing an episode through twice.
 */
import type { Page } from 'playwright-core';
import { median, percentile } from './stats.ts';

export interface PanelLoad {
  /** Fetch done → transcript parsed (ms). */
  readonly parseMs: number;
  /** Transcript parsed (data ready) → first frame with the panel's lines (ms). */
  readonly interactiveMs: number;
}

/** Open the page and read the marks the app leaves (see src/data/performance-marks.ts). */
export async function measurePanelLoad(
  page: Page,
  url: string,
  transcriptFile: string,
): Promise<PanelLoad> {
  await page.goto(url);
  await page.waitForFunction(
    () => performance.getEntriesByName('red-box:panel-interactive').length > 0,
    undefined,
    { timeout: 60_000 },
  );
  return page.evaluate((file) => {
    const find = (name: string) =>
      (performance.getEntriesByName(name) as PerformanceMark[]).find(
        (entry) => (entry.detail as { file?: string } | null)?.file === file,
      );
    const fetched = find('red-box:file-fetched')!;
    const parsed = find('red-box:file-parsed')!;
    const interactive = performance.getEntriesByName('red-box:panel-interactive')[0]!;
    return {
      parseMs: parsed.startTime - fetched.startTime,
      interactiveMs: interactive.startTime - parsed.startTime,
    };
  }, transcriptFile);
}

/** The baseline for the panel: every row in the DOM at once, as printing (and naive lists) do. */
export async function measureFullRender(page: Page, rows: number): Promise<number> {
  const started = await page.evaluate(() => performance.now());
  await page.emulateMedia({ media: 'print' });
  await page.waitForFunction(
    (rows) => document.querySelectorAll('[data-cue-id]').length >= rows,
    rows,
    {
      timeout: 120_000,
      polling: 50,
    },
  );
  const ended = await page.evaluate(
    () => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now()))),
  );
  await page.emulateMedia({ media: 'screen' });
  return ended - started;
}

export interface ScriptingReport {
  readonly changes: number;
  readonly medianMs: number;
  readonly p95Ms: number;
}

/**
 * Play for `seconds` of wall time at `rate` from `from`, collecting the clock's reported work per
 * cue change (its update plus the render it caused). Needs the init script that defines
 * `window.redBoxBenchmark` before the page loads.
 */
export async function measureScripting(
  page: Page,
  from: number,
  rate: number,
  seconds: number,
): Promise<ScriptingReport> {
  const samples = await page.evaluate(
    async ({ from, rate, seconds }) => {
      const store = (window as unknown as { redBoxBenchmarkSamples: number[] })
        .redBoxBenchmarkSamples;
      const video = document.querySelector('video')!;
      video.muted = true;
      video.pause();
      video.currentTime = from;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      store.length = 0;
      video.playbackRate = rate;
      await video.play();
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      video.pause();
      return [...store];
    },
    { from, rate, seconds },
  );
  return { changes: samples.length, medianMs: median(samples), p95Ms: percentile(samples, 95) };
}

/** The init script that collects the clock's work (see player-runtime.tsx). */
export const SCRIPTING_INIT = `
  window.redBoxBenchmarkSamples = [];
  window.redBoxBenchmark = { onClockUpdate: (ms) => window.redBoxBenchmarkSamples.push(ms) };
`;

/** Used JS heap after a full garbage collection, in bytes. */
export async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

/** Play the page's video from the start to the end `times` times at `rate`. */
export async function playThrough(page: Page, rate: number, times: number): Promise<void> {
  await page.evaluate(
    async ({ rate, times }) => {
      const video = document.querySelector('video')!;
      video.muted = true;
      for (let i = 0; i < times; i++) {
        video.currentTime = 0;
        await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
        video.playbackRate = rate;
        await video.play();
        await new Promise((resolve) => video.addEventListener('ended', resolve, { once: true }));
      }
    },
    { rate, times },
  );
}
