/**
 * Under `npm start`, a cue file edited on disk shows up in an open page: only that file is
 * refetched, the page does not reload, and a playing video keeps playing. How soon is timed, so
 * this file runs alone (browser-solo); an episode imported into the running server's folder is in
 * live-episode-import.test.ts, beside other files.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { startDevServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes, withoutWordTimestamps } from './support/temp-episodes.ts';

let server: RunningServer;
let browser: BrowserContext;
const { episodesDir, folder } = copyEpisodes();

beforeAll(async () => {
  server = await startDevServer({ episodesDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('live episode files under the dev server', () => {
  it('shows a cue edited on disk without reloading, while the video keeps playing', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    const line = page.locator('[data-cue-id="c005"]');
    await line.waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    await page.evaluate(async () => {
      (window as unknown as { pageMarker: string }).pageMarker = 'still the same page';
      const video = document.querySelector('video')!;
      video.muted = true;
      await video.play();
    });

    // Playing, not just asked to play: the stream's first segments may still be on their way.
    await page.waitForFunction(() => document.querySelector('video')!.currentTime > 0.2);

    const file = path.join(folder, 'transcript.en.vtt');
    const original = readFileSync(file, 'utf8');
    const edited = withoutWordTimestamps(original).replace(
      'When I first came to South Korea,',
      'When I first arrived in South Korea,',
    );
    expect(edited).toContain('When I first arrived in South Korea,');
    const timeBefore = await page.evaluate(() => document.querySelector('video')!.currentTime);
    const writtenAt = Date.now();
    writeFileSync(file, edited);

    await page.waitForFunction(
      () => document.querySelector('[data-cue-id="c005"]')?.textContent?.includes('arrived'),
      undefined,
      { timeout: 5000 },
    );
    const latency = Date.now() - writtenAt;
    const after = await page.evaluate(() => ({
      marker: (window as unknown as { pageMarker?: string }).pageMarker,
      paused: document.querySelector('video')!.paused,
      time: document.querySelector('video')!.currentTime,
    }));
    expect(after.marker).toBe('still the same page');
    expect(after.paused).toBe(false);
    expect(after.time).toBeGreaterThan(timeBefore);
    expect(latency).toBeLessThan(3000);
    console.log(`[red-box] file change visible in the page after ${latency} ms`);
    expect(problems.errors).toEqual([]);
  });
});
