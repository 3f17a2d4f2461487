/**
 * Opening the viewer or the embed with HLS played natively, through http-streaming, or not at all
 * (Firefox has no native HLS: hiding the HLS types from canPlayType makes the page load video.js's
 * http-streaming and play through Media Source Extensions), and waiting for the source the video
 * settles on. Shared by hls-playback.test.ts (lines in step while playing, which runs alone) and
 * hls-sources.test.ts (which sources are loaded, beside other files).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { watchPageProblems, type PageProblems } from './page-watch.ts';

/** The lazily loaded http-streaming chunk of the build. */
export const HTTP_STREAMING_CHUNK = /\/assets\/http-streaming-[^/]+\.js$/;

export interface HlsSetup {
  /** Hide native HLS from canPlayType, as Firefox has none. */
  readonly noNativeHls?: boolean;
  /** Remove Media Source Extensions as well: neither way to play HLS. */
  readonly noMediaSource?: boolean;
  /** Serve this text as the master playlist. */
  readonly masterPlaylist?: string;
}

export interface OpenedPlayer {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly requests: string[];
}

/** Open `serverUrl + pagePath` in a new page of `browser` once video.js has adopted its video. */
export async function openPlayer(
  browser: BrowserContext,
  serverUrl: string,
  pagePath: string,
  setup: HlsSetup = {},
): Promise<OpenedPlayer> {
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
  await page.goto(`${serverUrl}${pagePath}`);
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
export const settlesOn = (page: Page, pattern: RegExp) =>
  expect.poll(() => currentSource(page), { timeout: 30_000 }).toMatch(pattern);
