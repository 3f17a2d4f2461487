/**
 * The transcript a built watch or embed page is served with is the one the viewer makes
 * interactive (issue 19): React hydrates the served markup, so a served line's element is still in
 * the document once the app has started, and is the app's own line (a click seeks the video and
 * marks it current). Before, the app's first commit replaced every served element with its own.
 * The served video is adopted the same way. No hydration error is logged (React's #418, #423, …).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { holdBack } from './support/hold-back.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

const cues = readCues('transcript.en.vtt');
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await sharedPreviewServer();
  browser = await launchChromium({ viewport: { width: 412, height: 823 } });
});

afterAll(async () => {
  await browser?.close();
});

interface Marked extends HTMLElement {
  servedMark?: string;
}

describe.each([
  ['watch page', `/watch/${EPISODE_ID}`],
  ['embed page', `/embed/${EPISODE_ID}`],
])('the %s', (_name, pagePath) => {
  it('adopts the served transcript line and video: the same elements become the live ones', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    try {
      // The app's entry waits until the served elements are marked.
      const release = await holdBack(page, /\/assets\/(index|embed)-[^/]*\.js$/);
      await page.goto(`${server.url}${pagePath}`, { waitUntil: 'commit' });
      const cue = cues[6]!;
      // The served line (before adoption, served lines had markup of their own: data-served-cue).
      const servedLine = `[data-cue-id="${cue.id}"], [data-served-cue="${cue.id}"]`;
      await page.locator(servedLine).waitFor({ state: 'attached' });
      const served = page.locator(`[data-cue-id="${cue.id}"]`);
      await page.locator('video').first().waitFor({ state: 'attached' });
      await page.evaluate((selector) => {
        document.querySelector<Marked>(selector)!.servedMark = 'served line';
        (document.querySelector('video') as unknown as Marked).servedMark = 'served video';
      }, servedLine);
      release();

      // The app is interactive: its transcript panel is no longer the served one.
      await page
        .locator('section[aria-label="Transcript"]:not(.transcript--served)')
        .waitFor({ state: 'attached' });
      const adopted = await page.evaluate((id) => {
        const lines = document.querySelectorAll<Marked>(`[data-cue-id="${CSS.escape(id)}"]`);
        const videos = document.querySelectorAll<HTMLVideoElement & Marked>('video');
        return {
          lines: lines.length,
          lineKept: lines[0]?.servedMark ?? null,
          videos: videos.length,
          videoKept: videos[0]?.servedMark ?? null,
        };
      }, cue.id);
      expect(adopted).toEqual({
        lines: 1,
        lineKept: 'served line',
        videos: 1,
        videoKept: 'served video',
      });

      // That element is the app's live line: a click seeks the video into its cue and marks it.
      await served.click();
      await expect
        .poll(() =>
          page.evaluate((id) => {
            const line = document.querySelector<Marked>(`[data-cue-id="${CSS.escape(id)}"]`)!;
            const video = document.querySelector('video')!;
            return {
              sameLine: line.servedMark === 'served line',
              current: line.getAttribute('aria-current'),
              marked: document.querySelectorAll('[aria-current="true"][data-cue-id]').length,
              seeked:
                Math.abs(
                  video.currentTime - (line.dataset.start ? Number(line.dataset.start) : NaN),
                ) < 0.5,
            };
          }, cue.id),
        )
        .toEqual({ sameLine: true, current: 'true', marked: 1, seeked: true });
      // The app's own click handler answered (not the served page's early script): the tab stop
      // moved to the line, which only the app's transcript does.
      await expect.poll(() => served.getAttribute('tabindex')).toBe('0');
      expect(problems.errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
