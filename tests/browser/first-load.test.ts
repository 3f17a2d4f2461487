/**
 * Start-up of the built watch and embed pages (issue 19): the transcript the page was served with
 * is on screen from the first paint until the player is interactive, never blanked and never
 * shifted; its lines seek before the app has loaded; the served `<video>` is the one the player
 * ends up with; playing before video.js has loaded goes on when it has. (The served embed page's
 * layout and query before the app: served-embed-page.test.ts.)
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { holdBack } from './support/hold-back.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { FIRST_VISIBLE_LINE_TEXT } from './support/first-visible-line.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { startPreviewServer, type RunningServer } from './support/servers.ts';

const cues = readCues('transcript.en.vtt');
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startPreviewServer(inject('distDir'));
  browser = await launchChromium({ viewport: { width: 412, height: 823 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Recorded in the page from the parsed document on: at every DOM change and every frame, how
 * many transcript lines the page holds (the served ones or the app's); at every frame, where the
 * words of the first line in view are (a new line element in another place is no layout shift,
 * but the reader sees the text jump); every layout shift, and whether it moved anything in the
 * transcript.
 */
const STARTUP_RECORDER = `(() => {
  const firstVisibleLineText = ${FIRST_VISIBLE_LINE_TEXT};
  const record = { samples: [], shifts: [], servedVideo: null };
  window.__startup = record;
  const lines = () => document.querySelectorAll('[data-cue-id]').length;
  const videoBox = () => {
    const box = document.querySelector('video')?.getBoundingClientRect();
    return box ? { x: box.x, y: box.y, width: box.width, height: box.height } : null;
  };
  const inTranscript = (node) =>
    Boolean(node && node.nodeType === 1 && node.closest('[aria-label="Transcript"]'));
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.shifts.push({
        value: entry.value,
        startTime: entry.startTime,
        // Shifts right after an input (the test's click) are its answer, not start-up's (as CLS).
        afterInput: entry.hadRecentInput,
        inTranscript: entry.sources.some((source) => inTranscript(source.node)),
      });
    }
  }).observe({ type: 'layout-shift', buffered: true });
  // From the parsed document on: 'interactive' comes before the page's deferred scripts (the
  // app's) run, DOMContentLoaded only after them.
  const start = () => {
    record.servedVideo = document.querySelector('video');
    const sample = (when) =>
      record.samples.push({
        when,
        lines: lines(),
        t: performance.now(),
        // Read in frames only: a frame is laid out with the page's stylesheets.
        firstLine: when === 'frame' ? firstVisibleLineText() : null,
        video: when === 'frame' ? videoBox() : null,
      });
    sample('parsed');
    new MutationObserver(() => sample('mutation')).observe(document.body, {
      childList: true,
      subtree: true,
    });
    const frame = () => {
      sample('frame');
      if (!document.querySelector('.video-js')) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  document.addEventListener('readystatechange', () => {
    if (document.readyState === 'interactive') start();
  });
})();`;

interface StartupRecord {
  samples: {
    when: string;
    lines: number;
    t: number;
    firstLine: { cue: string; x: number; y: number } | null;
    video: { x: number; y: number; width: number; height: number } | null;
  }[];
  shifts: { value: number; startTime: number; afterInput: boolean; inTranscript: boolean }[];
}

/**
 * The two pre-rendered pages, and the app's entry script of each (held back in some tests). Both
 * are served laid out as the app lays them out, so the first line in view and the video keep
 * their place when the app takes over. `height`: the phone's viewport, tall enough for a line of
 * the transcript to be in view at the top of the page (the watch page's first line is below the
 * video, the question card and the panel's header: y 840 at 412 px wide).
 */
const PAGES = [
  {
    name: 'watch page',
    path: `/watch/${EPISODE_ID}`,
    entry: /\/assets\/index-[^/]*\.js$/,
    height: 915,
  },
  {
    name: 'embed page',
    path: `/embed/${EPISODE_ID}`,
    entry: /\/assets\/embed-[^/]*\.js$/,
    height: 823,
  },
] as const;

/**
 * From the first frame painted until the reader's click, a line is in view and the first line in
 * view keeps its words where they are, the served line's then the app's; the video keeps its box.
 */
function expectServedPlaceStill(record: StartupRecord, clickedAt: number): void {
  const frames = record.samples.filter((sample) => sample.when === 'frame' && sample.t < clickedAt);
  expect(frames.length, 'frames before the click').toBeGreaterThan(0);
  const { firstLine: first, video } = frames[0]!;
  expect(first, 'a line in view in the first frame').not.toBeNull();
  expect(video, 'the video in the first frame').not.toBeNull();
  const near = (a: number, b: number): boolean => Math.abs(a - b) < 1;
  const moved = frames
    .filter(
      ({ firstLine: line, video: box }) =>
        !line ||
        line.cue !== first!.cue ||
        !near(line.x, first!.x) ||
        !near(line.y, first!.y) ||
        !box ||
        !(['x', 'y', 'width', 'height'] as const).every((key) => near(box[key], video![key])),
    )
    .map(({ t, firstLine, video: box }) => ({ t: Math.round(t), firstLine, video: box }));
  expect(
    moved,
    `frames where the first line in view is not ${JSON.stringify(first)} or the video not at ${JSON.stringify(video)}`,
  ).toEqual([]);
}

async function slowPhone(page: Page): Promise<void> {
  const cdp = await browser.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

describe.each(PAGES)('start-up of the $name', ({ path: pagePath, entry, height }) => {
  it('keeps the served transcript on screen, unshifted, until the player is interactive', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.setViewportSize({ width: 412, height });
    await page.addInitScript({ content: STARTUP_RECORDER });
    await slowPhone(page);
    // The app's script arrives after the served page's first paint, as on a phone's network (on a
    // local server it could run before any frame, and the served page would go unseen).
    const release = await holdBack(page, entry);
    await page.goto(`${server.url}${pagePath}`, { waitUntil: 'commit' });
    await page.waitForFunction(() =>
      (window as unknown as { __startup?: StartupRecord }).__startup?.samples.some(
        (sample) => sample.when === 'frame',
      ),
    );
    release();
    // Interactive: a click on a line seeks the video there and marks the line.
    const line = page.locator(`[data-cue-id="${cues[4]!.id}"]`);
    await line.waitFor();
    const clickedAt = await page.evaluate(() => performance.now());
    await line.click();
    await expect.poll(() => line.getAttribute('aria-current')).toBe('true');
    // Lines are counted until video.js has adopted the video (it loads once the page is idle).
    await page.locator('.video-js').waitFor();
    const record = await page.evaluate(
      () => (window as unknown as { __startup: StartupRecord }).__startup,
    );
    expect(record.samples.length).toBeGreaterThan(2);
    const blank = record.samples.filter((sample) => sample.lines < cues.length);
    expect(blank, 'moments with fewer lines than the transcript has').toEqual([]);
    // Start-up is until the reader's click: what moves in answer to it (the question card growing
    // to the question the line is in, on a main thread throttled so much that the answer comes
    // later than Layout Instability's 500 ms of grace) is not start-up's.
    const startUp = record.shifts.filter(
      (shift) => !shift.afterInput && shift.startTime < clickedAt,
    );
    expect(startUp.filter((shift) => shift.inTranscript)).toEqual([]);
    const cls = startUp.reduce((total, shift) => total + shift.value, 0);
    expect(cls).toBeLessThanOrEqual(0.1);
    expectServedPlaceStill(record, clickedAt);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('seeks the served video from a served line before the app has loaded, and the app keeps the place', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    // Hold the app's entry script back: only the served page and its early script are there.
    const release = await holdBack(page, entry);
    const url = `${server.url}${pagePath}`;
    await page.goto(url, { waitUntil: 'commit' });
    const cue = cues[6]!;
    const served = page.locator(`[data-cue-id="${cue.id}"]`);
    // A click on the line's time seeks too.
    await served.locator('.line__time').click();
    await expect.poll(() => served.getAttribute('aria-current')).toBe('true');
    const video = page.locator('video');
    expect(await video.evaluate((media: HTMLVideoElement) => media.currentTime)).toBeCloseTo(
      cue.startTime,
      3,
    );
    expect(page.url()).toBe(url);
    expect(
      await page.locator('section[aria-label="Transcript"]:not(.transcript--served)').count(),
      'the app has not started',
    ).toBe(0);
    // Another line moves the mark.
    const next = page.locator(`[data-cue-id="${cues[8]!.id}"]`);
    await next.click();
    await expect.poll(() => next.getAttribute('aria-current')).toBe('true');
    expect(await served.getAttribute('aria-current')).toBeNull();

    release();
    // The app's transcript (the same lines, hydrated) marks the line of the place the served
    // page's click left.
    await page.locator('section[aria-label="Transcript"]:not(.transcript--served)').waitFor();
    const appLine = next;
    await expect.poll(() => appLine.getAttribute('aria-current')).toBe('true');
    expect(await video.evaluate((media: HTMLVideoElement) => media.currentTime)).toBeCloseTo(
      cues[8]!.startTime,
      3,
    );
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

describe('start-up of the watch page', () => {
  it('plays the served video from the first paint, and goes on playing when video.js adopts it', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.addInitScript({ content: STARTUP_RECORDER });
    // Hold video.js back until the native player has been started.
    const release = await holdBack(page, /\/assets\/video-player-[^/]*\.js$/);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    await page.locator('[data-cue-id]').first().waitFor();
    expect(await page.locator('.video-js').count()).toBe(0);
    const video = page.locator('video');
    expect(await video.count()).toBe(1);
    expect(await video.getAttribute('poster')).toMatch(/poster\.jpg$/);
    await video.evaluate((media: HTMLVideoElement) => media.play());
    await expect
      .poll(() => video.evaluate((media: HTMLVideoElement) => media.currentTime))
      .toBeGreaterThan(0.3);

    release();
    await page.locator('.video-js').waitFor();
    const before = await video.evaluate((media: HTMLVideoElement) => media.currentTime);
    await expect
      .poll(() => video.evaluate((media: HTMLVideoElement) => media.currentTime))
      .toBeGreaterThan(before + 0.5);
    expect(await video.evaluate((media: HTMLVideoElement) => media.paused)).toBe(false);
    expect(await page.locator('video').count()).toBe(1);
    expect(
      await page.evaluate(
        () =>
          (window as unknown as { __startup: { servedVideo: Element | null } }).__startup
            .servedVideo === document.querySelector('video'),
      ),
      'the video element the page was served with is the player’s',
    ).toBe(true);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
