/**
 * Which sources a page loads (Contract 8): the bundled episode lists its HLS ladder first; an
 * episode without HLS never loads video.js's http-streaming code, even in a browser that would
 * need it for HLS (Firefox: native HLS hidden from canPlayType); a browser that can play HLS
 * neither way plays the files. Nothing here is timed, so it runs beside other files; playing HLS
 * with the lines in step is in hls-playback.test.ts (alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readEpisode } from './support/episode-fixture.ts';
import { HTTP_STREAMING_CHUNK, openPlayer, settlesOn } from './support/hls-page.ts';
import { buildApp, startPreviewServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes, copyWithoutHls } from './support/temp-episodes.ts';

let server: RunningServer;
let browser: BrowserContext;

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

describe('HLS sources', () => {
  it('lists the HLS ladder first in the bundled episode, the files after it', () => {
    const types = readEpisode().media.sources.map((source) => source.type);
    expect(types[0]).toBe('application/x-mpegURL');
    expect(types.slice(1)).toContain('video/mp4');
  });

  it('never loads http-streaming for an episode without HLS, even where it would be needed', async () => {
    for (const address of [`/watch/${MP4_ONLY_ID}`, `/embed/${MP4_ONLY_ID}`]) {
      const { page, problems, requests } = await openPlayer(browser, server.url, address, {
        noNativeHls: true,
      });
      await settlesOn(page, /\/media\/episode\.(webm|mp4)$/);
      // Proves a negative: half a second more for a late request of the chunk to show up.
      await page.waitForTimeout(500);
      expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toEqual([]);
      expect(requests.some((url) => url.includes('.m3u8'))).toBe(false);
      expect(problems.errors).toEqual([]);
      await page.close();
    }
  });

  it('plays the files where the browser can play HLS neither way', async () => {
    const { page, problems, requests } = await openPlayer(
      browser,
      server.url,
      `/watch/${EPISODE_ID}`,
      {
        noNativeHls: true,
        noMediaSource: true,
      },
    );
    await settlesOn(page, /\/media\/episode\.(webm|mp4)$/);
    expect(requests.filter((url) => HTTP_STREAMING_CHUNK.test(url))).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
