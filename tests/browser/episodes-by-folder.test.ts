/**
 * Episodes are data: adding a folder adds an episode to the build and the index, with no code
 * change; an anonymous speaker's portrait is never published.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { EpisodeSummary } from '../../src/core/episode-model.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID } from './support/episode-fixture.ts';
import { buildApp, startPreviewServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes, editEpisodeJson } from './support/temp-episodes.ts';

const SECOND_ID = 'second-episode-from-a-folder';
const { episodesDir } = copyEpisodes();
const second = copyEpisodes({ id: SECOND_ID, into: episodesDir });
let distDir: string;
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  editEpisodeJson(second.folder, (json) => ({
    ...json,
    title: 'A second episode, added as a folder',
    published: '2025-01-01',
    speakers: (json.speakers as { id: string }[]).map((speaker) =>
      speaker.id === 'dasom'
        ? { ...speaker, anonymous: true, portrait: 'portraits/secret-dasom.svg' }
        : speaker,
    ),
  }));
  writeFileSync(
    path.join(second.folder, 'portraits/secret-dasom.svg'),
    '<svg xmlns="http://www.w3.org/2000/svg"/>',
  );
  distDir = await buildApp({ episodesDir });
  server = await startPreviewServer(distDir, { episodesDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('episodes as folders', () => {
  it('puts a new folder in the build and the index with no code change', () => {
    const index = JSON.parse(
      readFileSync(path.join(distDir, 'episodes/index.json'), 'utf8'),
    ) as EpisodeSummary[];
    expect(index.map((episode) => episode.id)).toEqual([SECOND_ID, EPISODE_ID]);
    expect(index[0]!.title).toBe('A second episode, added as a folder');
    for (const file of [
      'episode.json',
      'transcript.en.vtt',
      'transcript.ko.vtt',
      'media/episode.webm',
      // The HLS ladder, folders and all.
      'media/hls/master.m3u8',
      'media/hls/360p/index.m3u8',
      'media/hls/360p/segment-000.m4s',
    ]) {
      expect(existsSync(path.join(distDir, 'episodes', SECOND_ID, file)), file).toBe(true);
    }
  });

  it("never publishes an anonymous speaker's portrait", () => {
    expect(
      existsSync(path.join(distDir, 'episodes', SECOND_ID, 'portraits/secret-dasom.svg')),
    ).toBe(false);
    expect(existsSync(path.join(distDir, 'episodes', SECOND_ID, 'portraits/joy.svg'))).toBe(true);
  });

  it('lists the new episode on the start page and plays it', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: /A second episode, added as a folder/ }).click();
    await page.waitForURL(`**/watch/${SECOND_ID}`);
    await page.locator('[data-cue-id="c001"]').waitFor();
    const silhouette = page.locator('[data-speaker-id="dasom"] .portrait--silhouette');
    await expect(silhouette.count()).resolves.toBe(1);
  });
});
