/**
 * The pre-rendered embed page before the app has loaded (issue 19): laid out as the app lays it
 * out, for the iframe's width and the query, down to where the first line's words are; its video autoplays muted from the query's time and
 * the app does not take that back; a reader who has scrolled its transcript keeps their place when
 * the app takes over; nothing seriously inaccessible. (Start-up under a slow CPU, never blank and
 * never shifted, for the watch and the embed page: first-load.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { FIRST_VISIBLE_LINE_TEXT } from './support/first-visible-line.ts';
import { holdBack } from './support/hold-back.ts';
import { afterFirstFrame } from './support/layout.ts';
import { expectSameBoxes, partBoxes } from './support/part-boxes.ts';
import { movedWhilePartlyParsed } from './support/partly-parsed.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

const cues = readCues('transcript.en.vtt');
const EMBED_PATH = `/embed/${EPISODE_ID}`;
/** The embed's entry script: held back, the page is what was served. */
const EMBED_ENTRY = /\/assets\/embed-[^/]*\.js$/;
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await sharedPreviewServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The embed's parts (partBoxes). */
const EMBED_PARTS = {
  embed: '.embed',
  video: 'video',
  question: '.embed__question',
  speakers: '.embed__speakers',
  // Its strip: served as the app draws it (the app's SpeakersStrip, rendered on the server).
  lastSpeaker: '.embed__speakers .speaker:last-child',
  lastSpeakerName: '.embed__speakers .speaker:last-child .speaker__name',
  transcript: '.embed__transcript',
  footer: '.embed__footer',
};

/** The app's transcript panel, hydrated (served, it is marked transcript--served). */
const APP_TRANSCRIPT = 'section[aria-label="Transcript"]:not(.transcript--served)';

describe('the served embed page', () => {
  it.each([
    { width: 412, query: '' },
    { width: 1000, query: '?transcriptHeight=600' },
    { width: 800, query: '?transcript=0' },
  ])(
    'is laid out as the app lays it out, before the app has loaded ($width px$query)',
    async ({ width, query }) => {
      const page = await browser.newPage();
      const problems = watchPageProblems(page);
      await page.setViewportSize({ width, height: 900 });
      const release = await holdBack(page, EMBED_ENTRY);
      await page.goto(`${server.url}${EMBED_PATH}${query}`, { waitUntil: 'commit' });
      await page.locator('.embed--served .embed__footer').waitFor();
      // Laid out with its stylesheets (the footer can be parsed before they arrive).
      await afterFirstFrame(page);
      const served = await page.evaluate(partBoxes, EMBED_PARTS);
      const servedLine = await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`);
      // "Highlight words" as the app will set it (on: no choice remembered, motion not reduced).
      const wordsBox = page.locator('.transcript__words input');
      const servedWords = served.transcript ? await wordsBox.isChecked() : null;
      expect(served.video?.height).toBeGreaterThan(0);
      expect(served.transcript === null).toBe(query.includes('transcript=0'));
      release();
      await page.locator('.embed:not(.embed--served) .embed__footer').waitFor();
      if (served.transcript) await page.locator(APP_TRANSCRIPT).waitFor();
      const app = await page.evaluate(partBoxes, EMBED_PARTS);
      // The words of the first line in view do not jump when the app adopts the served lines.
      const appLine = await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`);
      if (served.transcript) expect(servedWords).toBe(await wordsBox.isChecked());
      expect(appLine === null).toBe(servedLine === null);
      if (servedLine && appLine) {
        const [a, b] = [servedLine, appLine] as { cue: string; x: number; y: number }[];
        expect(b!.cue).toBe(a!.cue);
        expect(Math.abs(a!.y - b!.y), `first line y: ${a!.y} → ${b!.y}`).toBeLessThan(1);
        expect(Math.abs(a!.x - b!.x), `first line x: ${a!.x} → ${b!.x}`).toBeLessThan(1);
      }
      expectSameBoxes(served, app);
      expect(problems.errors).toEqual([]);
      await page.close();
    },
  );

  it.each([412, 1000])(
    'moves nothing it has shown as the rest of the served page arrives (%i px)',
    async (width) => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 900 });
      const release = await holdBack(page, EMBED_ENTRY);
      await page.goto(`${server.url}${EMBED_PATH}`, { waitUntil: 'commit' });
      await page.locator('.embed--served .embed__footer').waitFor();
      await afterFirstFrame(page);
      expect(await page.evaluate(movedWhilePartlyParsed, 4)).toEqual([]);
      release();
      await page.close();
    },
  );

  it('has no serious accessibility problem before the app has loaded', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 412, height: 823 });
    const release = await holdBack(page, EMBED_ENTRY);
    await page.goto(`${server.url}${EMBED_PATH}`, { waitUntil: 'commit' });
    await page.locator('.embed--served .embed__footer').waitFor();
    await afterFirstFrame(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.getByRole('region', { name: 'Transcript' }).count()).toBe(1);
    release();
    await page.close();
  });

  it('keeps the reader’s place in the served transcript when the app takes over', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.setViewportSize({ width: 412, height: 823 });
    const release = await holdBack(page, EMBED_ENTRY);
    await page.goto(`${server.url}${EMBED_PATH}`, { waitUntil: 'commit' });
    const served = page.locator('.transcript--served > .transcript__scroll');
    await served.locator('[data-cue-id]').last().waitFor({ state: 'attached' });
    // A scrolling box only once its stylesheet is in.
    await afterFirstFrame(page);
    await served.evaluate((panel) => panel.scrollTo({ top: 800 }));
    // The first line in view of the served panel, then of the app's (its lines' scrolling box).
    const firstInView = (selector: string, attribute: string) =>
      page.evaluate(
        ({ selector, attribute }) => {
          const lines = [...document.querySelectorAll(selector)];
          let box: Element | null = lines[0] ?? null;
          while (box && getComputedStyle(box).overflowY !== 'auto') box = box.parentElement;
          const top = box?.getBoundingClientRect().top ?? 0;
          const line = lines.find((candidate) => candidate.getBoundingClientRect().top >= top);
          return line?.getAttribute(attribute) ?? null;
        },
        { selector, attribute },
      );
    const place = await firstInView('[data-cue-id]', 'data-cue-id');
    expect(place).not.toBe(cues[0]!.id);
    const servedLine = await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`);
    release();
    await page.locator(APP_TRANSCRIPT).waitFor();
    expect(await firstInView('[data-cue-id]', 'data-cue-id')).toBe(place);
    // And its words stay where they were (the served rows are the app's rows, hydrated).
    const appLine = await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`);
    const [a, b] = [servedLine, appLine] as { cue: string; y: number }[];
    expect(b?.cue).toBe(a?.cue);
    expect(Math.abs(a!.y - b!.y), `first line y: ${a!.y} → ${b!.y}`).toBeLessThan(1);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('autoplays muted from the query’s time before the app has loaded, and the app does not take it back', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    const start = 30;
    const release = await holdBack(page, EMBED_ENTRY);
    await page.goto(`${server.url}${EMBED_PATH}?autoplay=1&t=${start}`, { waitUntil: 'commit' });
    const video = page.locator('video');
    await video.waitFor({ state: 'attached' });
    // A second of play (expect.poll gives up after 1 s by default).
    await expect
      .poll(() => video.evaluate((media: HTMLVideoElement) => media.currentTime), {
        timeout: 30_000,
      })
      .toBeGreaterThan(start + 1);
    const served = await video.evaluate((media: HTMLVideoElement) => ({
      muted: media.muted,
      paused: media.paused,
    }));
    expect(served).toEqual({ muted: true, paused: false });
    expect(await page.locator(APP_TRANSCRIPT).count(), 'the app has not started').toBe(0);

    // The app adopts the playing video; its deep link must not seek back to the start time.
    const seekedTo: number[] = [];
    await page.exposeFunction('__seeked', (time: number) => seekedTo.push(time));
    await video.evaluate((media: HTMLVideoElement) =>
      media.addEventListener('seeking', () =>
        (window as unknown as { __seeked: (time: number) => void }).__seeked(media.currentTime),
      ),
    );
    release();
    await page.locator('video.vjs-tech').waitFor({ state: 'attached' });
    await page.locator(APP_TRANSCRIPT).waitFor();
    const after = await video.evaluate((media: HTMLVideoElement) => ({
      muted: media.muted,
      paused: media.paused,
    }));
    expect(after).toEqual({ muted: true, paused: false });
    expect(seekedTo).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
