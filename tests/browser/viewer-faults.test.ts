/**
 * Bad input and faults: each gets a clear message and, where it helps, a retry; the rest of the
 * page keeps working; nothing is uncaught; cue text and names are never HTML.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { sharedPreviewServer, startDevServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes, editEpisodeJson, withoutWordTimestamps } from './support/temp-episodes.ts';

const BROKEN_ID = 'broken-korean';
const MISSING_ID = 'missing-korean';
const HOSTILE_ID = 'hostile-text';
const { episodesDir } = copyEpisodes();
const broken = copyEpisodes({ id: BROKEN_ID, into: episodesDir });
const missing = copyEpisodes({ id: MISSING_ID, into: episodesDir });
const hostile = copyEpisodes({ id: HOSTILE_ID, into: episodesDir });

/** The dev server over the folder above: broken and missing files (a build refuses them), hostile
 * text and a failing episode.json as a publisher's live folder serves them. */
let server: RunningServer;
/** The run's preview server over the bundled episode: for faults any episode can meet, where a
 * page load costs a fraction of one on the dev server. */
let preview: RunningServer;
let browser: BrowserContext;
// Resource failures we cause on purpose are logged by Chromium itself; they are not our errors.
const EXPECTED_FAILURES = [/Failed to load resource/];

beforeAll(async () => {
  writeFileSync(
    path.join(broken.folder, 'transcript.ko.vtt'),
    'This is not a cue file.\nAt all.\n',
  );
  rmSync(path.join(missing.folder, 'transcript.ko.vtt'));
  editEpisodeJson(hostile.folder, (json) => ({
    ...json,
    speakers: (json.speakers as { id: string; name: string }[]).map((speaker) =>
      speaker.id === 'joy'
        ? { ...speaker, name: 'Joy <img src=x onerror="window.hacked=1">' }
        : speaker,
    ),
  }));
  const transcript = path.join(hostile.folder, 'transcript.en.vtt');
  writeFileSync(
    transcript,
    withoutWordTimestamps(readFileSync(transcript, 'utf8'))
      .replace(
        'Welcome to the Red Box!',
        '&lt;script&gt;window.hacked=2&lt;/script&gt; onerror=alert(1)',
      )
      .replace('Misunderstandings?', '<img src=x onerror="window.hacked=3">Misunderstandings?'),
  );
  server = await startDevServer({ episodesDir });
  preview = await sharedPreviewServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(
  url: string,
  { setup, on = server }: { setup?: (page: Page) => Promise<void>; on?: RunningServer } = {},
) {
  const page = await browser.newPage();
  const problems = watchPageProblems(page, EXPECTED_FAILURES);
  await setup?.(page);
  await page.goto(on.url + url);
  return { page, problems };
}

describe('faults in the viewer', () => {
  it('says an unknown episode was not found', async () => {
    const { page, problems } = await open('/watch/no-such-episode', { on: preview });
    await page.getByRole('heading', { name: 'Episode not found' }).waitFor();
    expect(await page.getByRole('link', { name: 'All episodes' }).count()).toBe(1);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('offers a retry when episode.json fails with a server error, and the retry works', async () => {
    let serverBroken = true;
    const { page, problems } = await open(`/watch/${EPISODE_ID}`, {
      setup: async (page) => {
        await page.route(`**/episodes/${EPISODE_ID}/episode.json`, async (route) => {
          if (serverBroken) await route.fulfill({ status: 500, body: 'boom' });
          else await route.continue();
        });
      },
    });
    const retry = page.getByRole('button', { name: 'Try again' });
    await retry.waitFor({ timeout: 15_000 });
    expect(await page.getByRole('alert').textContent()).toMatch(/500/);
    serverBroken = false;
    await retry.click();
    await page.locator('[data-cue-id="c001"]').waitFor();
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('falls back to the source language for an unknown lang, with a notice', async () => {
    const { page, problems } = await open(`/watch/${EPISODE_ID}?lang=xx-Nope`, { on: preview });
    await page.getByText(/no “xx-Nope” transcript/).waitFor();
    expect(await page.locator('[data-cue-id="c001"]').getAttribute('lang')).toBe('en');
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('keeps the page working when the Korean file is missing, and English still loads', async () => {
    const { page, problems } = await open(`/watch/${MISSING_ID}?lang=ko`);
    const transcript = page.getByRole('region', { name: 'Transcript' });
    await transcript.getByText(/could not be loaded/).waitFor();
    expect(await page.locator('video').count()).toBe(1);
    expect(await page.getByRole('list', { name: 'Speakers' }).count()).toBe(1);
    await transcript.getByLabel('Transcript language').selectOption('en');
    await page.locator('[data-cue-id="c001"]').waitFor();
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('says where a broken cue file is broken', async () => {
    const { page, problems } = await open(`/watch/${BROKEN_ID}?lang=ko`);
    const transcript = page.getByRole('region', { name: 'Transcript' });
    await transcript.getByText(/no cues that can be shown/).waitFor();
    expect(await transcript.textContent()).toMatch(/transcript\.ko\.vtt:1:1/);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('keeps the transcript readable and offers a retry when the video fails', async () => {
    let mediaBroken = true;
    const { page, problems } = await open(`/watch/${EPISODE_ID}`, {
      on: preview,
      setup: async (page) => {
        // Every source: the HLS ladder first, then the files it falls back to.
        await page.route('**/media/**', (route) =>
          mediaBroken ? route.abort('failed') : route.continue(),
        );
      },
    });
    const message = page.getByText(
      'The video could not be played. The transcript below still works.',
    );
    const retry = page.getByRole('button', { name: 'Try again' });
    // video.js tries each source in turn; wait until it has given up on all of them.
    await retry.waitFor({ timeout: 15_000 });
    await message.waitFor();
    await page.locator('[data-cue-id="c010"]').click();
    expect(await page.locator('[data-cue-id]').count()).toBeGreaterThan(50);

    mediaBroken = false;
    await retry.click();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
    await message.waitFor({ state: 'detached' });
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('shows cue text and speaker names as text, never as HTML', async () => {
    const { page, problems } = await open(`/watch/${HOSTILE_ID}`);
    const first = page.locator('[data-cue-id="c001"]');
    await first.waitFor();
    expect(await first.textContent()).toContain(
      '<script>window.hacked=2</script> onerror=alert(1)',
    );
    const joy = page.locator('[aria-label="Speakers"] [data-speaker-id="joy"]');
    expect(await joy.textContent()).toContain('Joy <img src=x onerror="window.hacked=1">');
    await page.waitForTimeout(500);
    expect(
      await page.evaluate(() => (window as unknown as { hacked?: number }).hacked),
    ).toBeUndefined();
    expect(
      await page
        .locator('[aria-label="Transcript"] img[src="x"], [aria-label="Speakers"] img[src="x"]')
        .count(),
    ).toBe(0);
    expect(await page.locator('[aria-label="Transcript"] script').count()).toBe(0);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
