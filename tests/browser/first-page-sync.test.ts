/**
 * The first page: the episode plays in Chromium and, at sampled times, the marked line is the
 * cue whose range holds the video's currentTime.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { findCueIndexAt } from '../../src/core/time-index.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { startPreviewServer, type RunningServer } from './support/servers.ts';

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
const cues = readCues('transcript.en.vtt');

beforeAll(async () => {
  server = await startPreviewServer(inject('distDir'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Sample {
  readonly time: number;
  readonly marked: string | null;
}

/** Play from `from` at `rate` for `seconds` of wall time, sampling the marked line. */
async function sample(from: number, rate: number, seconds: number): Promise<Sample[]> {
  return page.evaluate(
    async ({ from, rate, seconds }) => {
      const video = document.querySelector('video')!;
      video.muted = true;
      video.currentTime = from;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      video.playbackRate = rate;
      await video.play();
      const samples: { time: number; marked: string | null }[] = [];
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 97));
        samples.push({
          time: video.currentTime,
          marked:
            document
              .querySelector('[data-cue-id][aria-current="true"]')
              ?.getAttribute('data-cue-id') ?? null,
        });
      }
      video.pause();
      return samples;
    },
    { from, rate, seconds },
  );
}

/** The cue id that should be marked at `time`, allowing `slack` seconds after a boundary. */
function acceptable(time: number, slack: number): Set<string | null> {
  const ids = new Set<string | null>();
  for (const t of [time, time - slack]) {
    const index = findCueIndexAt(cues, t);
    ids.add(index >= 0 ? cues[index]!.id : null);
  }
  return ids;
}

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
    const wrong = samples.filter((s) => !acceptable(s.time, 0.02).has(s.marked));
    expect(wrong).toEqual([]);
    const seen = new Set(samples.map((s) => s.marked).filter(Boolean));
    expect(seen.size).toBeGreaterThanOrEqual(5);
    expect(problems.errors).toEqual([]);
  });
});
