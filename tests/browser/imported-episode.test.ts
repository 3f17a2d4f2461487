/**
 * An episode made by `npm run import` (festival recording, captions without speakers, HLS ladder)
 * builds with no code change and plays at /watch/<id>: at sampled times the line the captions
 * time is marked, with the speaker the transcript names; the anonymous speaker shows no portrait.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { importWithCaptions, WITH_CAPTIONS_ID as ID } from '../unit/support/import-run.ts';
import { launchChromium } from './support/chromium.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { buildApp, startPreviewServer, type RunningServer } from './support/servers.ts';

const work = mkdtempSync(path.join(tmpdir(), 'red-box-import-browser-'));
const episodesDir = path.join(work, 'episodes');
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  // The import import-cli.test.ts checks file by file (spawned once for both, and cached).
  const { outcome, folder } = await importWithCaptions();
  if (outcome.code !== 0) throw new Error(`npm run import failed:\n${outcome.stderr}`);
  await cp(folder, path.join(episodesDir, ID), { recursive: true });
  server = await startPreviewServer(await buildApp({ episodesDir }), { episodesDir });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const cues = () =>
  parseVtt(readFileSync(path.join(episodesDir, ID, 'transcript.en.vtt'), 'utf8'), {
    speakers: [
      { id: 'mina', name: 'Mina' },
      { id: 'tae', name: 'Tae' },
      { id: 'speaker-k', name: 'Speaker K' },
    ],
  }).document.cues;

async function seek(page: Page, time: number): Promise<void> {
  await page.evaluate(async (time) => {
    const video = document.querySelector('video')!;
    video.currentTime = time;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  }, time);
}

describe('an imported episode', () => {
  it('plays at /watch/<id>, marking the right line and speaker at sampled times', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/watch/${ID}`);
    await page.locator('[data-cue-id]').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
    const all = cues();
    // A cue of each speaker, and both parts of a caption split at a speaker change.
    const firstOfSpeaker = ['mina', 'tae', 'speaker-k'].map((id) =>
      all.find((cue) => cue.speakerId === id)!,
    );
    const samples = [...new Set([...firstOfSpeaker, all[3]!, all[4]!, all[all.length - 1]!])];
    for (const cue of samples) {
      const time = cue.startTime + Math.min(0.3, (cue.endTime - cue.startTime) / 2);
      await seek(page, time);
      await page.waitForFunction(
        (id) =>
          document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
        cue.id,
      );
      expect(await page.locator('[data-cue-id][aria-current="true"]').count()).toBe(1);
      const speaking = await page
        .locator('[aria-label="Speakers"] [data-speaker-id][aria-current="true"]')
        .getAttribute('data-speaker-id');
      expect(speaking, `${cue.id} at ${time}`).toBe(cue.speakerId);
    }
    // While playing, the line follows the playhead into the next speaker's turn.
    const tae = firstOfSpeaker[1]!;
    await seek(page, tae.startTime - 0.5);
    await page.evaluate(() => document.querySelector('video')!.play());
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      tae.id,
      { timeout: 10_000 },
    );
    await page.evaluate(() => document.querySelector('video')!.pause());
    await expect
      .poll(() => page.getByLabel('Current question').textContent())
      .toMatch(/What surprised you most/);
    // The anonymous speaker: a silhouette, no portrait file.
    const anonymous = page.locator('[aria-label="Speakers"] [data-speaker-id="speaker-k"]');
    expect(await anonymous.locator('img[src*="portrait"]').count()).toBe(0);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
