/**
 * HLS in the viewer and the embed (Contract 8): the bundled episode lists its HLS ladder first.
 * Debian's Chromium plays HLS natively; a browser without native HLS (Firefox) is made by hiding
 * the HLS types from canPlayType, so the page loads video.js's http-streaming and plays through
 * Media Source Extensions. On both, the marked line follows the video; an episode without HLS
 * never loads the http-streaming code; a broken playlist gives way to the files after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues, readEpisode } from './support/episode-fixture.ts';
import { acceptableMarks, sampleMarkedLine, type LineSample } from './support/line-sync.ts';
import { watchPageProblems, type PageProblems } from './support/page-watch.ts';
import { buildApp, startPreviewServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes, copyWithoutHls } from './support/temp-episodes.ts';

let server: RunningServer;
let browser: BrowserContext;
const cues = readCues('transcript.en.vtt');
/** Seconds a marked line may lag a cue boundary in a sample (see expectLinesInStep). */
const SLACK = 0.1;
const HTTP_STREAMING_CHUNK = /\/assets\/http-streaming-[^/]+\.js$/;

/** A copy of the bundled episode without its HLS source (and ladder), in its own build. */
const MP4_ONLY_ID = 'mp4-only-episode';

beforeAll(async () => {
  const { episodesDir } = copyEpisodes();
  copyWithoutHls(episodesDir, MP4_ONLY_ID);
  server = await startPreviewServer(await buildApp({ episodesDir }), { episodesDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Setup {
  /** Hide native HLS from canPlayType, as Firefox has none. */
  readonly noNativeHls?: boolean;
  /** Remove Media Source Extensions as well: neither way to play HLS. */
  readonly noMediaSource?: boolean;
  /** Serve this text as the master playlist. */
  readonly masterPlaylist?: string;
}

interface Opened {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly requests: string[];
}

async function open(pagePath: string, setup: Setup = {}): Promise<Opened> {
  const page = await browser.newPage();
  // A deliberately broken playlist makes the browser log its failed requests.
  const problems = watchPageProblems(page, setup.masterPlaylist ? [/Failed to load resource/] : []);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.addInitScript(
    ({ noNativeHls, noMediaSource }) => {
      if (noNativeHls) {
        const canPlayType = HTMLMediaElement.prototype.canPlayType;
        HTMLMediaElement.prototype.canPlayType = function (type: string) {
          return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
        };
      }
      if (noMediaSource) {
        Object.defineProperty(window, 'MediaSource', { value: undefined });
        Object.defineProperty(window, 'ManagedMediaSource', { value: undefined });
      }
    },
    { noNativeHls: Boolean(setup.noNativeHls), noMediaSource: Boolean(setup.noMediaSource) },
  );
  if (setup.masterPlaylist !== undefined) {
    const body = setup.masterPlaylist;
    await page.route('**/media/hls/master.m3u8', (route) =>
      route.fulfill({ status: 200, contentType: 'application/vnd.apple.mpegurl', body }),
    );
  }
  await page.goto(`${server.url}${pagePath}`);
  await page.locator('[data-cue-id]').first().waitFor();
  // video.js (which chooses between native HLS, http-streaming and the files) adopts the page's
  // video once the page is idle; until then the browser's own player has chosen a source itself.
  await page.waitForFunction(
    () => {
      // video.js marks the element it plays through as its tech.
      const video = document.querySelector('video');
      return Boolean(video?.classList.contains('vjs-tech')) && (video?.readyState ?? 0) >= 1;
    },
    null,
    { timeout: 30_000 },
  );
  return { page, problems, requests };
}

/**
 * The source the video plays once it has one ('' while it has none or is still loading it): a
 * source switch (video.js giving the element to http-streaming, a fallback) empties the element,
 * and a seek made before its metadata is only remembered, not made (no 'seeked' follows).
 */
const currentSource = (page: Page) =>
  page.evaluate(() => {
    const video = document.querySelector('video')!;
    return video.readyState >= HTMLMediaElement.HAVE_METADATA ? video.currentSrc : '';
  });

/** Wait until the video plays a source matching `pattern`, with its metadata. */
const settlesOn = (page: Page, pattern: RegExp) =>
  expect.poll(() => currentSource(page), { timeout: 30_000 }).toMatch(pattern);

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
  it('lists the HLS ladder first in the bundled episode, the files after it', () => {
    const types = readEpisode().media.sources.map((source) => source.type);
    expect(types[0]).toBe('application/x-mpegURL');
    expect(types.slice(1)).toContain('video/mp4');
  });

  it('plays HLS natively where the browser can, without loading http-streaming, lines in step', async () => {
    const { page, problems, requests } = await open(`/watch/${EPISODE_ID}`);
    await settlesOn(page, /\/media\/hls\/master\.m3u8$/);
    expectLinesInStep(await sampleThreeStretches(page));
    expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('plays HLS through http-streaming where the browser has no native HLS, lines in step', async () => {
    const { page, problems, requests } = await open(`/watch/${EPISODE_ID}`, { noNativeHls: true });
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

  it('never loads http-streaming for an episode without HLS, even where it would be needed', async () => {
    for (const address of [`/watch/${MP4_ONLY_ID}`, `/embed/${MP4_ONLY_ID}`]) {
      const { page, problems, requests } = await open(address, { noNativeHls: true });
      await settlesOn(page, /\/media\/episode\.(webm|mp4)$/);
      await page.waitForTimeout(500);
      expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toEqual([]);
      expect(requests.some((url) => url.includes('.m3u8'))).toBe(false);
      expect(problems.errors).toEqual([]);
      await page.close();
    }
  });

  it('plays the files where the browser can play HLS neither way', async () => {
    const { page, problems, requests } = await open(`/watch/${EPISODE_ID}`, {
      noNativeHls: true,
      noMediaSource: true,
    });
    await settlesOn(page, /\/media\/episode\.(webm|mp4)$/);
    expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toEqual([]);
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
      const { page, problems } = await open(`/watch/${EPISODE_ID}`, {
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
