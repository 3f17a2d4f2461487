/**
 * What every part of `npm run bench` gets: the run's options, a place for verdicts and results,
 * and the shared browser site (a production build of the bundled episode, its MP4-only copy and
 * generated 10,000-cue ones, without and with word timings, served by the preview server, with one
 * Chromium), started only when a part that needs it runs.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { buildApp, startPreviewServer } from '../../tests/browser/support/servers.ts';
import { copyEpisodes, copyWithoutHls } from '../../tests/browser/support/temp-episodes.ts';
import { writeLongEpisode } from './long-episode.ts';
import type { CueTiming } from './sync-bench.ts';

export const EPISODE_ID = 'misunderstandings-and-stereotypes';
/** The bundled episode without its HLS source: the same video as an MP4 (and WebM) file. */
export const MP4_EPISODE_ID = 'misunderstandings-and-stereotypes-mp4';

/** The preview server over a build with the bundled and the 10,000-cue episodes, and a browser. */
export interface BrowserSite {
  readonly browser: BrowserContext;
  /** The server's origin. */
  readonly url: string;
  /** The episodes folder the build was made from. */
  readonly episodesDir: string;
}

export interface BenchContext {
  /** `--quick`: shorter runs for a smoke test; figures are less stable. */
  readonly quick: boolean;
  /** Arguments after `--` that the runner did not use (a part may read its own flags). */
  readonly argv: readonly string[];
  /** A bar: printed as PASS or FAIL at the end, and the exit code is 1 when one fails. */
  check(name: string, ok: boolean, detail: string): void;
  /** A figure for tests/.artifacts/bench.json. */
  record(key: string, value: unknown): void;
  /** The shared browser site, built and started on first use. */
  browserSite(): Promise<BrowserSite>;
}

/** One part of the bench, run by `npm run bench -- --only <name>` or with all the others. */
export interface BenchPart {
  readonly name: string;
  /**
   * Write the part's own episodes into the shared site's episodes folder, before it is built (the
   * preview server serves media from the build). Called only when the part runs.
   */
  prepareSite?(episodesDir: string): void;
  run(context: BenchContext): Promise<void>;
}

/**
 * Starts the shared site once (with the episodes `prepare` writes); `close` ends whatever was
 * started.
 */
export function createBrowserSite(prepare: ReadonlyArray<(episodesDir: string) => void> = []): {
  get: () => Promise<BrowserSite>;
  close: () => Promise<void>;
} {
  let started: Promise<{ site: BrowserSite; close: () => Promise<void> }> | undefined;
  const start = async () => {
    const episodesDir = mkdtempSync(path.join(tmpdir(), 'red-box-bench-'));
    copyEpisodes({ into: episodesDir });
    copyWithoutHls(episodesDir, MP4_EPISODE_ID);
    writeLongEpisode(episodesDir);
    writeLongEpisode(episodesDir, { words: true });
    for (const write of prepare) write(episodesDir);
    console.log(
      '[bench] building the app with the bundled episode and generated 10,000-cue ones (one with every word timed)…',
    );
    const distDir = await buildApp({ episodesDir });
    const server = await startPreviewServer(distDir, { episodesDir });
    const browser = await launchChromium();
    return {
      site: { browser, url: server.url, episodesDir },
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  };
  return {
    get: async () => {
      started ??= start();
      return (await started).site;
    },
    close: async () => {
      if (started) await (await started).close();
    },
  };
}

/** A new page that can run tsx-compiled functions passed to `page.evaluate`. */
export async function newPage(browser: BrowserContext, init?: string): Promise<Page> {
  const page = await browser.newPage();
  // tsx keeps function names with a `__name` helper that page.evaluate code does not have.
  await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  if (init) await page.addInitScript({ content: init });
  return page;
}

/** Open a watch page and wait until its transcript and its media are ready. */
export async function openWatch(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('[data-cue-id]').first().waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
}

/** The English transcript's cue timings of an episode folder. */
export function readCueTimings(folder: string): CueTiming[] {
  const text = readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8');
  return parseVtt(text).document.cues.map(({ id, startTime, endTime }) => ({
    id,
    startTime,
    endTime,
  }));
}
