/**
 * A generated 10,000-cue transcript (three hours): the panel keeps only the lines in view plus the
 * current one in the DOM (Contract 3), and scrolling, following, search, keyboard, side by side,
 * print and the pre-rendered page stay complete.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  LONG_EPISODE_ID,
  LONG_WORDS_EPISODE_ID,
  writeLongEpisode,
} from '../../scripts/bench/long-episode.ts';
import { cueWords } from '../../src/core/cue-words.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { launchChromium } from './support/chromium.ts';
import { holdBack } from './support/hold-back.ts';
import { afterFirstFrame } from './support/layout.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { buildApp, startPreviewServer, type RunningServer } from './support/servers.ts';

const episodesDir = mkdtempSync(path.join(tmpdir(), 'red-box-long-'));
const folder = writeLongEpisode(episodesDir);
// The same with every word timed (100,000 words): its word tables come from the parser worker.
const wordsFolder = writeLongEpisode(episodesDir, { words: true });
const cues = parseVtt(readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8')).document.cues;
let distDir: string;
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  distDir = await buildApp({ episodesDir });
  server = await startPreviewServer(distDir, { episodesDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query = '', episodeId = LONG_EPISODE_ID): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/watch/${episodeId}${query}`);
  // The app's panel (the served one, every line, is marked transcript--served).
  await page
    .locator('section[aria-label="Transcript"]:not(.transcript--served) [data-cue-id]')
    .first()
    .waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
  return page;
}

// A load of this 5.8 MB page costs about 3.5 s of CPU. Tests that each leave the page as the
// next one expects share one, in the order they are written; the last of them closes it. Run
// alone (`-t`), a test opens the page itself.
const sharedPages = new Map<string, Promise<Page>>();
function sharedPage(group: 'playback' | 'reading'): Promise<Page> {
  let page = sharedPages.get(group);
  if (!page) sharedPages.set(group, (page = open()));
  return page;
}
async function closeShared(group: 'playback' | 'reading'): Promise<void> {
  const page = sharedPages.get(group);
  sharedPages.delete(group);
  await (await page)?.close();
}

async function seek(page: Page, time: number): Promise<void> {
  await page.evaluate(async (t) => {
    const video = document.querySelector('video')!;
    video.currentTime = t;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  }, time);
}

const lineInPanel = (page: Page, id: string) =>
  page.evaluate((id) => {
    const line = document.querySelector(`[data-cue-id="${id}"]`);
    const panel = document.querySelector('.transcript__scroll');
    if (!line || !panel) return false;
    const a = line.getBoundingClientRect();
    const b = panel.getBoundingClientRect();
    return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
  }, id);

describe('a 10,000-cue transcript', () => {
  it('keeps the current line and the lines in view in the DOM, and few others', async () => {
    // Leaves the page following playback, paused at the current line: the next test plays on.
    const page = await sharedPage('playback');
    const problems = watchPageProblems(page);
    expect(cues.length).toBe(10_000);
    const rendered = await page.locator('[data-cue-id]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(100);
    const target = cues[5000]!;
    await seek(page, target.startTime + 0.1);
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      target.id,
    );
    await page.waitForFunction((id) => {
      const line = document.querySelector(`[data-cue-id="${id}"]`)!.getBoundingClientRect();
      const panel = document.querySelector('.transcript__scroll')!.getBoundingClientRect();
      return line.top >= panel.top && line.bottom <= panel.bottom;
    }, target.id);
    expect(await page.locator('[data-cue-id][aria-current="true"]').count()).toBe(1);

    // Scroll by hand far away: the current line stays in the DOM, and the lines in view appear.
    await page.locator('.transcript__scroll').hover();
    await page.evaluate(() =>
      document.querySelector('.transcript__scroll')!.scrollTo({ top: 20_000 }),
    );
    await page.mouse.wheel(0, 400);
    await page.getByRole('button', { name: /Back to now/ }).waitFor();
    // The lines in view are drawn once the virtualiser has caught up with the scroll.
    await page.waitForFunction(() => {
      const panel = document.querySelector('.transcript__scroll')!.getBoundingClientRect();
      const inView = Array.from(document.querySelectorAll('[data-cue-id]')).filter((line) => {
        const box = line.getBoundingClientRect();
        return box.top >= panel.top && box.bottom <= panel.bottom;
      });
      return inView.length > 5;
    });
    expect(await page.locator(`[data-cue-id="${target.id}"][aria-current="true"]`).count()).toBe(1);
    await page.getByRole('button', { name: /Back to now/ }).click();
    await page.waitForFunction(
      (id) => {
        const line = document.querySelector(`[data-cue-id="${id}"]`)!.getBoundingClientRect();
        const panel = document.querySelector('.transcript__scroll')!.getBoundingClientRect();
        return line.top >= panel.top && line.bottom <= panel.bottom;
      },
      target.id,
      { timeout: 5000 },
    );
    expect(problems.errors).toEqual([]);
  });

  it('follows playback deep into the file', async () => {
    const page = await sharedPage('playback');
    const start = cues[8000]!;
    await seek(page, start.startTime);
    await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.muted = true;
      video.playbackRate = 2;
      await video.play();
    });
    await page.waitForFunction(
      (t) => document.querySelector('video')!.currentTime > t + 6,
      start.startTime,
      { timeout: 15_000 },
    );
    const current = await page.evaluate(() =>
      document.querySelector('[data-cue-id][aria-current="true"]')?.getAttribute('data-cue-id'),
    );
    expect(Number(current?.slice(1))).toBeGreaterThan(8003);
    expect(await lineInPanel(page, current!)).toBe(true);
    await closeShared('playback');
  });

  it('moves the keyboard focus to lines that are not rendered yet', async () => {
    // Leaves the page at its top with the first line focused, for the search below.
    const page = await sharedPage('reading');
    await page.locator('[data-cue-id="L00001"]').focus();
    await page.keyboard.press('End');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-cue-id') === 'L10000',
    );
    await page.keyboard.press('PageUp');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-cue-id') === 'L09990',
    );
    await page.keyboard.press('Home');
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-cue-id') === 'L00001',
    );
  });

  it('searches all 10,000 lines and brings a far match into view', async () => {
    // Leaves a match marked far down the file: printing, below, shows every line regardless.
    const page = await sharedPage('reading');
    const box = page.getByRole('searchbox', { name: 'Search the transcript' });
    await box.fill('Line 9876:');
    await page.locator('.search__status').filter({ hasText: '0 of 1' }).waitFor();
    await box.press('Enter');
    await page.locator('.search__status').filter({ hasText: '1 of 1' }).waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-cue-id="L09876"] mark.match--active') !== null,
    );
    expect(await lineInPanel(page, 'L09876')).toBe(true);
  });

  it('shows two languages side by side', async () => {
    const page = await open('?pair=ko');
    await page.locator('[data-cue-id="L00001"] [lang="ko"]').waitFor();
    expect(await page.locator('[data-cue-id="L00001"] [lang="ko"]').textContent()).toMatch(
      /^1번째 줄:/,
    );
    await page.close();
  });

  it('prints every line', async () => {
    const page = await sharedPage('reading');
    await page.emulateMedia({ media: 'print' });
    await page.waitForFunction(
      () => document.querySelectorAll('[data-cue-id]').length === 10_000,
      undefined,
      {
        timeout: 30_000,
      },
    );
    await page.emulateMedia({ media: 'screen' });
    await page.waitForFunction(() => document.querySelectorAll('[data-cue-id]').length < 300);
    await closeShared('reading');
  });

  it('pre-renders every line into the served page', () => {
    const html = readFileSync(path.join(distDir, 'watch', `${LONG_EPISODE_ID}.html`), 'utf8');
    expect(html.match(/ data-cue-id="/g)?.length).toBe(10_000);
  });

  it('keeps the place of a reader deep in the served page when the app takes over', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    // The app's entry held back: the reader scrolls the served lines first.
    const release = await holdBack(page, /\/assets\/index-[^/]*\.js$/);
    await page.goto(`${server.url}/watch/${LONG_EPISODE_ID}`, { waitUntil: 'commit' });
    // The document arrives in parts: wait for the line, then for a frame laid out with the styles.
    await page
      .locator(`.transcript--served [data-cue-id="${cues[7000]!.id}"]`)
      .waitFor({ state: 'attached' });
    await afterFirstFrame(page);
    // Deep in the file: rows there are laid out only once scrolled near (content-visibility).
    const servedFirst = await page.evaluate(async (id) => {
      const line = document.querySelector(`[data-cue-id="${id}"]`)!;
      (line.closest('.transcript-row') ?? line).scrollIntoView();
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      const scroller = document.querySelector('.transcript--served > .transcript__scroll')!;
      const top = scroller.getBoundingClientRect().top;
      const row = (served: Element) => served.closest('.transcript-row') ?? served;
      return [...scroller.querySelectorAll('[data-cue-id]')]
        .find((served) => row(served).getBoundingClientRect().top >= top)
        ?.getAttribute('data-cue-id');
    }, cues[7000]!.id);
    const deep = cues.findIndex((cue) => cue.id === servedFirst);
    expect(deep, `first served line in view: ${servedFirst}`).toBeGreaterThan(6990);
    release();
    // The app renders its own (virtualized) panel in the served one's place: a long transcript's
    // page is not hydrated (served-root.ts).
    await page
      .locator('section[aria-label="Transcript"]:not(.transcript--served) [data-cue-id]')
      .first()
      .waitFor({ timeout: 30_000 });
    // The app's virtualized panel shows the same line first, give or take one: far rows are
    // estimates until laid out, in the served page (content-visibility) and in the app's.
    const appFirst = await page.evaluate(() => {
      const scroller = document.querySelector('.transcript__scroll')!;
      const top = scroller.getBoundingClientRect().top;
      return [...scroller.querySelectorAll('[data-cue-id]')]
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)
        .find((line) => line.getBoundingClientRect().top >= top - 1)
        ?.getAttribute('data-cue-id');
    });
    const landed = cues.findIndex((cue) => cue.id === appFirst);
    expect(Math.abs(landed - deep), `${servedFirst} → ${appFirst}`).toBeLessThanOrEqual(1);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('marks the spoken word two hours into 100,000 timed words, and only that word', async () => {
    const timed = parseVtt(readFileSync(path.join(wordsFolder, 'transcript.en.vtt'), 'utf8'))
      .document.cues;
    const page = await open('', LONG_WORDS_EPISODE_ID);
    for (const [cueIndex, wordIndex] of [
      [7000, 4],
      [9998, 9],
    ] as const) {
      const cue = timed[cueIndex]!;
      const word = cueWords(cue)[wordIndex]!;
      await seek(page, (word.startTime + word.endTime) / 2);
      const marked = await page.waitForFunction(
        (id) => {
          const all = document.querySelectorAll('[data-word-current]');
          const line = all[0]?.closest('[data-cue-id]')?.getAttribute('data-cue-id');
          return line === id ? { count: all.length, text: all[0]!.textContent } : null;
        },
        cue.id,
        { timeout: 10_000 },
      );
      expect(await marked.jsonValue()).toEqual({ count: 1, text: word.text });
    }
    await page.close();
  });
});
