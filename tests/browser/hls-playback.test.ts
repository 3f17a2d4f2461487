/**
 * HLS in the viewer (Contract 8), played: natively (Debian's Chromium) and through video.js's
 * http-streaming and Media Source Extensions (native HLS hidden from canPlayType, as Firefox has
 * none), the marked line follows the video; a broken playlist gives way to the files after it, the
 * line still in step. The lines are sampled against the playing video, so this file runs alone
 * (browser-solo); which sources a page loads (no http-streaming for an episode without HLS, the
 * files where neither way plays) is in hls-sources.test.ts, beside other files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { HTTP_STREAMING_CHUNK, openPlayer, settlesOn } from './support/hls-page.ts';
import { acceptableMarks, sampleMarkedLine, type LineSample } from './support/line-sync.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

let server: RunningServer;
let browser: BrowserContext;
const cues = readCues('transcript.en.vtt');
/** Seconds a marked line may lag a cue boundary in a sample (see expectLinesInStep). */
const SLACK = 0.1;

beforeAll(async () => {
  // The bundled episode (HLS first) as the run's shared build serves it.
  server = await sharedPreviewServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/**
 * Play three stretches (the start at 2×, the middle, near the end) and sample the marked line.
 * Each stretch ends a little past the last boundary it is there to cross (the start: c001's edges
 * and c002's start; the middle: one line to the next; the end: through the last three lines), not
 * after a fixed time, so a quiet machine spends no time after it and a slow one up to 8 s.
 */
async function sampleThreeStretches(page: Page): Promise<LineSample[]> {
  const middle = Math.floor(cues.length / 2);
  return [
    ...(await sampleMarkedLine(page, 0, 2, 8, cues[1]!.startTime + 1)),
    ...(await sampleMarkedLine(
      page,
      cues[middle]!.startTime - 1,
      1,
      8,
      cues[middle]!.startTime + 0.8,
    )),
    ...(await sampleMarkedLine(
      page,
      cues[cues.length - 3]!.startTime,
      1.5,
      8,
      cues.at(-1)!.startTime + 0.9,
    )),
  ];
}

function expectLinesInStep(samples: readonly LineSample[]): void {
  expect(samples.length).toBeGreaterThan(20);
  // A sample reads time and DOM in one task; a boundary just crossed may not be painted yet, and
  // the machine running the tests is shared: 100 ms of slack (the bench measures the real lag).
  const wrong = samples.filter((s) => !acceptableMarks(cues, s.time, SLACK).has(s.marked));
  expect(wrong).toEqual([]);
  // The video really moved through several lines.
  expect(new Set(samples.map((s) => s.marked).filter(Boolean)).size).toBeGreaterThanOrEqual(4);
}

describe('HLS playback', () => {
  it('plays HLS natively where the browser can, without loading http-streaming, lines in step', async () => {
    const { page, problems, requests } = await openPlayer(
      browser,
      server.url,
      `/watch/${EPISODE_ID}`,
    );
    await settlesOn(page, /\/media\/hls\/master\.m3u8$/);
    expectLinesInStep(await sampleThreeStretches(page));
    expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('plays HLS through http-streaming where the browser has no native HLS, lines in step', async () => {
    const { page, problems, requests } = await openPlayer(
      browser,
      server.url,
      `/watch/${EPISODE_ID}`,
      { noNativeHls: true },
    );
    // Media Source Extensions: the element plays a blob, fed from the playlist's segments.
    await settlesOn(page, /^blob:/);
    expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toHaveLength(1);
    expectLinesInStep(await sampleThreeStretches(page));
    expect(requests.some((url) => /\/media\/hls\/\d+p\/segment-\d+\.m4s$/.test(url))).toBe(true);
    expect(requests.some((url) => /\/media\/episode\.(mp4|webm)$/.test(url))).toBe(false);
    // Seeking by a line works as on a file.
    const target = cues[30]!;
    await page.locator(`[data-cue-id="${target.id}"]`).click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      target.id,
    );
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  // A master playlist naming a rendition that is not there (a half-uploaded ladder).
  const brokenMaster =
    '#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=70000,RESOLUTION=640x360,CODECS="avc1.4d401e,mp4a.40.2"\nmissing/index.m3u8\n';

  for (const [name, setup] of [
    ['natively', {}],
    ['through http-streaming', { noNativeHls: true }],
  ] as const) {
    it(`falls back to the files when the HLS playlist is broken (${name})`, async () => {
      const { page, problems } = await openPlayer(browser, server.url, `/watch/${EPISODE_ID}`, {
        ...setup,
        masterPlaylist: brokenMaster,
      });
      await settlesOn(page, /\/media\/episode\.(webm|mp4)$/);
      const samples = await sampleMarkedLine(
        page,
        cues[10]!.startTime - 0.5,
        1,
        6,
        cues[10]!.startTime + 0.8,
      );
      expect(samples.filter((s) => !acceptableMarks(cues, s.time, SLACK).has(s.marked))).toEqual(
        [],
      );
      expect(samples.at(-1)!.time).toBeGreaterThan(cues[10]!.startTime);
      // The viewer sees a video, not the failure message.
      expect(await page.getByRole('button', { name: 'Try again' }).count()).toBe(0);
      expect(problems.errors).toEqual([]);
      await page.close();
    });
  }
});
