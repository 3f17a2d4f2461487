/**
 * The first page: the episode plays in Chromium and, at sampled times, the marked line is the
 * cue whose range holds the video's currentTime.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { acceptableMarks, sampleMarkedLine } from './support/line-sync.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const cues = readCues('transcript.en.vtt');

beforeAll(async () => {
  server = await sharedPreviewServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const sample = (from: number, rate: number, seconds: number) =>
  sampleMarkedLine(page, from, rate, seconds);

describe('the first page', () => {
  it('marks the cue whose range holds currentTime while the episode plays', async () => {
    page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    await page.locator('[data-cue-id]').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);

    const samples = [
      ...(await sample(0, 2, 8)),
      ...(await sample(cues[Math.floor(cues.length / 2)]!.startTime - 1, 1, 4)),
      ...(await sample(cues[cues.length - 3]!.startTime, 1.5, 4)),
    ];
    expect(samples.length).toBeGreaterThan(100);
    // The sample reads time and DOM in one task; a boundary just crossed may not be painted yet.
    const wrong = samples.filter((s) => !acceptableMarks(cues, s.time, 0.02).has(s.marked));
    expect(wrong).toEqual([]);
    const seen = new Set(samples.map((s) => s.marked).filter(Boolean));
    expect(seen.size).toBeGreaterThanOrEqual(5);
    expect(problems.errors).toEqual([]);
  });
});
