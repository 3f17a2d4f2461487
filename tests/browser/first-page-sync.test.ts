/**
 * The first page: the episode plays in Chromium and, at sampled times, the marked line is the
 * cue whose range holds the video's currentTime; the marked word (Contract 9) follows while it
 * plays. Real-time playback: this file runs alone (browser-solo); the words at seeked times, the
 * setting and the rest are in words.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cueWords } from '../../src/core/cue-words.ts';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { acceptableMarks, sampleMarkedLine, seekVideo } from './support/line-sync.ts';
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

  it('follows the words while playing: never early, at most one marked, two elements per change', async () => {
    const firstLong = cues.findIndex((cue) => cueWords(cue).length >= 6);
    await seekVideo(page, cues[firstLong]!.startTime);
    const report = await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      const transcript = document.querySelector('[aria-label="Transcript"]')!;
      const batches: { targets: number; lineChanged: boolean }[] = [];
      const observer = new MutationObserver((records) => {
        const targets = new Set<Node>();
        let lineChanged = false;
        for (const record of records) {
          if (record.attributeName === 'aria-current') lineChanged = true;
          if (record.attributeName?.startsWith('data-word-')) targets.add(record.target);
        }
        if (targets.size > 0) batches.push({ targets: targets.size, lineChanged });
      });
      observer.observe(transcript, { attributes: true, subtree: true, childList: true });
      const samples: { time: number; count: number; start: number | null }[] = [];
      video.muted = true;
      await video.play();
      const until = performance.now() + 3000;
      await new Promise<void>((resolve) => {
        const sample = () => {
          const marked = document.querySelectorAll('[data-word-current]');
          samples.push({
            time: video.currentTime,
            count: marked.length,
            start: marked[0] ? Number(marked[0].getAttribute('data-word-start')) : null,
          });
          if (performance.now() < until) requestAnimationFrame(sample);
          else resolve();
        };
        requestAnimationFrame(sample);
      });
      video.pause();
      observer.disconnect();
      return { samples, batches };
    });
    expect(report.samples.length).toBeGreaterThan(30);
    for (const sample of report.samples) {
      expect(sample.count).toBeLessThanOrEqual(1);
      // Never early: the marked word has started by the time the page reads the clock.
      if (sample.start !== null) expect(sample.start).toBeLessThanOrEqual(sample.time + 1e-6);
    }
    expect(report.samples.some((sample) => sample.count === 1)).toBe(true);
    const wordChanges = report.batches.filter((batch) => !batch.lineChanged);
    expect(wordChanges.length).toBeGreaterThan(5);
    for (const batch of wordChanges) expect(batch.targets).toBeLessThanOrEqual(2);
  });
});
