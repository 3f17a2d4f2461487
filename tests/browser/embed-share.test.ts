/**
 * From the viewer's Share / Embed dialog to a partner's page: the dialog (a labelled modal, focus
 * in and back, Escape, copy), the oEmbed discovery link, and the copied snippet pasted into a
 * plain page on another origin with the partner's own controls, written as the guide shows.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { partnerPage, startPartnerServer, type PartnerServer } from './embed-partner-server.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues, readEpisode } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { projectRoot, sharedPreviewServer, type RunningServer } from './support/servers.ts';

const cues = readCues('transcript.en.vtt');
const episode = readEpisode();
let server: RunningServer;
let partner: PartnerServer;
let browser: BrowserContext;
let watch: Page;
let copiedSnippet: string;

beforeAll(async () => {
  server = await sharedPreviewServer();
  partner = await startPartnerServer();
  browser = await launchChromium();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  watch = await browser.newPage();
  await watch.goto(`${server.url}/watch/${EPISODE_ID}`);
  await watch.locator('[data-cue-id]').first().waitFor();
  await watch.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.close(), partner?.close()]);
});

describe('Share / Embed', () => {
  it('names the oEmbed response in the page head', async () => {
    const link = watch.locator('head link[rel="alternate"][type="application/json+oembed"]');
    expect(await link.count()).toBe(1);
    expect(await link.getAttribute('href')).toMatch(new RegExp(`/oembed/${EPISODE_ID}\\.json$`));
    expect(await link.getAttribute('title')).toBe(episode.title);
    const response = await fetch(`${server.url}/oembed/${EPISODE_ID}.json`);
    expect(((await response.json()) as { type: string }).type).toBe('video');
  });

  it('shows the link to this moment and the snippet in a labelled modal dialog', async () => {
    const moment = cues[30]!.startTime + 0.04;
    await watch.evaluate(async (time) => {
      const video = document.querySelector('video')!;
      video.currentTime = time;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    }, moment);
    const button = watch.getByRole('button', { name: 'Share / Embed' });
    await button.click();
    const dialog = watch.getByRole('dialog', { name: 'Share or embed this episode' });
    await dialog.waitFor();
    expect(await dialog.evaluate((element) => element.contains(document.activeElement))).toBe(true);

    const link = await dialog.getByLabel('Link to this moment').inputValue();
    expect(link).toBe(
      `${server.url}/watch/${EPISODE_ID}?t=${Math.floor(moment * 10) / 10}&lang=en`,
    );
    copiedSnippet = await dialog.getByLabel('Embed code').inputValue();
    expect(copiedSnippet).toBe(
      `<div data-redbox-episode="${EPISODE_ID}" data-redbox-lang="en"></div><script src="${server.url}/embed.js" async></script>`,
    );
    const guide = await dialog
      .getByRole('link', { name: 'Embedding guide and script API' })
      .getAttribute('href');
    expect((await fetch(guide!)).status).toBe(200);

    await dialog.getByRole('button', { name: 'Copy code' }).click();
    await dialog.getByText('Copied').waitFor();
    await watch.screenshot({ path: path.join(projectRoot, 'tests/.artifacts/share-dialog.png') });
    expect(await watch.evaluate(() => navigator.clipboard.readText())).toBe(copiedSnippet);

    await watch.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('works when a partner pastes the snippet into a plain page and adds their own controls', async () => {
    // The partner's page: the copied snippet, and controls written as docs/embedding.md shows.
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(
      partner.page(
        '/our-story',
        partnerPage(`
<h1>Our story</h1>
${copiedSnippet}
<button id="play">Play</button> <button id="question">Jump to the question</button>
<p id="now-speaking"></p>
<script>
  window.addEventListener('load', () => {
    RedBoxPlayer.get('[data-redbox-episode]').then((player) => {
      window.player = player;
      document.getElementById('play').onclick = () => player.play();
      document.getElementById('question').onclick = () => player.seekToCue('c002');
      player.on('speakerchange', ({ name }) => {
        document.getElementById('now-speaking').textContent = name ? name + ' is speaking' : '';
      });
    });
  });
</script>`),
      ),
    );
    await page.waitForFunction(() => 'player' in window);
    await page.getByRole('button', { name: 'Jump to the question' }).click();
    const speaker = episode.speakers.find((candidate) => candidate.id === cues[1]!.speakerId)!;
    await page.getByText(`${speaker.name} is speaking`).waitFor();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(() =>
      (window as unknown as { player: { getState(): Promise<{ paused: boolean }> } }).player
        .getState()
        .then((state) => !state.paused),
    );
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
