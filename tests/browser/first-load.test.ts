/**
 * Start-up of the built watch and embed pages (issue 19): the transcript the page was served with
 * is on screen from the first paint until the player is interactive, never blanked and never
 * shifted; its lines seek before the app has loaded; the served `<video>` is the one the player
 * ends up with; playing before video.js has loaded goes on when it has. The embed page is laid
 * out as the app lays it out, for its query, before the app has loaded.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import type { Route } from 'playwright-core';
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
 * many transcript lines the page holds (the served ones or the app's); every layout shift, and
 * whether it moved anything in the transcript.
 */
const STARTUP_RECORDER = `(() => {
  const record = { samples: [], shifts: [], servedVideo: null };
  window.__startup = record;
  const lines = () => document.querySelectorAll('.static-line, [data-cue-id]').length;
  const inTranscript = (node) =>
    Boolean(node && node.nodeType === 1 && node.closest('.static-transcript, [aria-label="Transcript"]'));
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
  document.addEventListener('DOMContentLoaded', () => {
    record.servedVideo = document.querySelector('video');
    const sample = (when) => record.samples.push({ when, lines: lines(), t: performance.now() });
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
  });
})();`;

interface StartupRecord {
  samples: { when: string; lines: number; t: number }[];
  shifts: { value: number; startTime: number; afterInput: boolean; inTranscript: boolean }[];
}

/** The two pre-rendered pages, and the app's entry script of each (held back in some tests). */
const PAGES = [
  { name: 'watch page', path: `/watch/${EPISODE_ID}`, entry: /\/assets\/index-[^/]*\.js$/ },
  { name: 'embed page', path: `/embed/${EPISODE_ID}`, entry: /\/assets\/embed-[^/]*\.js$/ },
] as const;

/** Hold the requests matching `pattern` until `release()` is called. */
async function holdBack(page: Page, pattern: RegExp): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route: Route) => {
    await held;
    await route.continue();
  });
  return release;
}

async function slowPhone(page: Page): Promise<void> {
  const cdp = await browser.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
}

describe.each(PAGES)('start-up of the $name', ({ path: pagePath, entry }) => {
  it('keeps the served transcript on screen, unshifted, until the player is interactive', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.addInitScript({ content: STARTUP_RECORDER });
    await slowPhone(page);
    await page.goto(`${server.url}${pagePath}`);
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
    const served = page.locator(`[data-served-cue="${cue.id}"]`);
    // A click on the line's time link seeks too, instead of opening the page at that time.
    await served.locator('a').click();
    await expect.poll(() => served.getAttribute('aria-current')).toBe('true');
    const video = page.locator('video');
    expect(await video.evaluate((media: HTMLVideoElement) => media.currentTime)).toBeCloseTo(
      cue.startTime,
      3,
    );
    expect(page.url()).toBe(url);
    expect(await page.locator('[data-cue-id]').count(), 'the app has not started').toBe(0);
    // Another line moves the mark.
    const next = page.locator(`[data-served-cue="${cues[8]!.id}"]`);
    await next.click();
    await expect.poll(() => next.getAttribute('aria-current')).toBe('true');
    expect(await served.getAttribute('aria-current')).toBeNull();

    release();
    // The app's transcript marks the line of the place the served page's click left.
    const appLine = page.locator(`[data-cue-id="${cues[8]!.id}"]`);
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

/** Where the embed's parts are, in CSS pixels (null: not laid out). */
function embedParts(): Record<
  string,
  { x: number; y: number; width: number; height: number } | null
> {
  const parts = {
    embed: '.embed',
    video: 'video',
    question: '.embed__question',
    speakers: '.embed__speakers',
    transcript: '.embed__transcript',
    footer: '.embed__footer',
  };
  return Object.fromEntries(
    Object.entries(parts).map(([name, selector]) => {
      const element = document.querySelector(selector);
      const box = element?.getBoundingClientRect();
      return [
        name,
        box && box.height > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
      ];
    }),
  );
}

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
      const release = await holdBack(page, PAGES[1].entry);
      await page.goto(`${server.url}${PAGES[1].path}${query}`, { waitUntil: 'commit' });
      await page.locator('.embed--served .embed__footer').waitFor();
      const served = await page.evaluate(embedParts);
      expect(served.video?.height).toBeGreaterThan(0);
      expect(served.transcript === null).toBe(query.includes('transcript=0'));
      release();
      await page.locator('.embed:not(.embed--served) .embed__footer').waitFor();
      const app = await page.evaluate(embedParts);
      for (const name of Object.keys(app)) {
        const [a, b] = [served[name], app[name]];
        expect(b === null, name).toBe(a === null);
        if (!a || !b) continue;
        for (const key of ['x', 'y', 'width', 'height'] as const) {
          expect(Math.abs(a[key] - b[key]), `${name} ${key}: ${a[key]} → ${b[key]}`).toBeLessThan(
            1,
          );
        }
      }
      expect(problems.errors).toEqual([]);
      await page.close();
    },
  );

  it('has no serious accessibility problem before the app has loaded', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 412, height: 823 });
    const release = await holdBack(page, PAGES[1].entry);
    await page.goto(`${server.url}${PAGES[1].path}`, { waitUntil: 'commit' });
    await page.locator('.embed--served .embed__footer').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await page.getByRole('region', { name: 'Transcript' }).count()).toBe(1);
    release();
    await page.close();
  });

  it('keeps the reader’s place in the served transcript when the app takes over', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.setViewportSize({ width: 412, height: 823 });
    const release = await holdBack(page, PAGES[1].entry);
    await page.goto(`${server.url}${PAGES[1].path}`, { waitUntil: 'commit' });
    const served = page.locator('.embed__served-transcript');
    await served.locator('[data-served-cue]').last().waitFor({ state: 'attached' });
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
    const place = await firstInView('[data-served-cue]', 'data-served-cue');
    expect(place).not.toBe(cues[0]!.id);
    release();
    await page.locator('[data-cue-id]').first().waitFor();
    expect(await firstInView('[data-cue-id]', 'data-cue-id')).toBe(place);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('autoplays muted from the query’s time before the app has loaded, and the app does not take it back', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    const start = 30;
    const release = await holdBack(page, PAGES[1].entry);
    await page.goto(`${server.url}${PAGES[1].path}?autoplay=1&t=${start}`, { waitUntil: 'commit' });
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
    expect(await page.locator('[data-cue-id]').count(), 'the app has not started').toBe(0);

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
    await page.locator('[data-cue-id]').first().waitFor();
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
