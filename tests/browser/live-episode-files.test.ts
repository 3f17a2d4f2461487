/**
 * Under `npm start`, a cue file edited on disk shows up in an open page: only that file is
 * refetched, the page does not reload, and a playing video keeps playing; in an open viewer and an
 * open workspace within a second (Issue 6: the workspace asks before it loads it). How soon is
 * timed, so this file runs alone (browser-solo); an episode imported into the running server's
 * folder is in live-episode-import.test.ts, and saving over or loading a changed file (the merge)
 * in translator-conflicts.test.ts, beside other files.
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
import { box, editOnDisk, openWorkspace } from './translator-helpers.ts';

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
    await page.close();
  });

  it('shows up in an open viewer and an open workspace within a second', async () => {
    const viewer = await browser.newPage();
    await viewer.goto(`${server.url}/watch/${EPISODE_ID}?lang=ko`);
    const line = viewer.locator('[data-cue-id="c005"]');
    await line.waitFor();
    const workspace = await browser.newPage();
    await openWorkspace(workspace, server.url, 'ko');
    // Both pages settled (video metadata in, nothing loading), as when someone is at work.
    for (const page of [viewer, workspace]) {
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
      await page.waitForLoadState('networkidle');
    }

    const editedAt = Date.now();
    editOnDisk(
      folder,
      'transcript.ko.vtt',
      '<v Joy>처음 한국에 왔을 때',
      '<v Joy>처음 남한에 왔을 때',
    );
    await expect
      .poll(() => line.innerText(), { timeout: 5000, interval: 50 })
      .toContain('처음 남한에 왔을 때');
    const viewerLatency = Date.now() - editedAt;
    const notice = workspace
      .getByRole('alert')
      .filter({ hasText: 'transcript.ko.vtt changed on disk' });
    await notice.waitFor({ timeout: 5000 });
    const workspaceLatency = Date.now() - editedAt;
    console.log(
      `file edited on disk: viewer ${viewerLatency} ms, workspace notice ${workspaceLatency} ms`,
    );
    expect(viewerLatency).toBeLessThan(1000);
    expect(workspaceLatency).toBeLessThan(1000);

    // The workspace did not replace the row: it asks.
    expect(await box(workspace, 'c005').inputValue()).toBe('처음 한국에 왔을 때');
    await notice.getByRole('button', { name: 'Load it' }).click();
    expect(await box(workspace, 'c005').inputValue()).toBe('처음 남한에 왔을 때');
    await expect.poll(() => notice.count()).toBe(0);
    // Loading is one undo step.
    await workspace.getByRole('button', { name: 'Undo', exact: true }).click();
    expect(await box(workspace, 'c005').inputValue()).toBe('처음 한국에 왔을 때');
    await viewer.close();
    await workspace.close();
  });
});
