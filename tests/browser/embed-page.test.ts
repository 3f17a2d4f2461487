/**
 * The embed page itself: accessible (axe, wide and narrow, with a notice, not found), working
 * inside an iframe sandboxed with exactly the flags partners use, links out in a new tab.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Frame } from 'playwright-core';
import { DEFAULT_TRANSCRIPT_HEIGHT, embedLayout } from '../../src/features/shared/embed-layout.ts';
import { partnerPage, startPartnerServer, type PartnerServer } from './embed-partner-server.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

const SANDBOX =
  'allow-scripts allow-same-origin allow-presentation allow-popups allow-popups-to-escape-sandbox';
const cues = readCues('transcript.en.vtt');

let player: RunningServer;
let partner: PartnerServer;
let browser: BrowserContext;

beforeAll(async () => {
  player = await sharedPreviewServer();
  partner = await startPartnerServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([player?.close(), partner?.close()]);
});

describe('the embed page', () => {
  it.each([
    ['wide', 960, ''],
    ['narrow', 360, ''],
    ['with an unknown language', 640, '?lang=xx'],
    ['in Korean', 800, '?lang=ko'],
  ])('has no serious accessibility problem (%s)', async (_name, width, query) => {
    const page = await browser.newPage();
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${player.url}/embed/${EPISODE_ID}${query}`);
    await page.locator('[data-cue-id]').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
    if (query.includes('xx')) await page.getByRole('status').filter({ hasText: 'xx' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The credits stay visible, and the names Contract 3 fixes are there.
    await expect(page.getByText('The Red Box by LiNK').isVisible()).resolves.toBe(true);
    for (const name of ['Transcript', 'Speakers', 'Current question']) {
      expect(await page.getByLabel(name, { exact: true }).count(), name).toBe(1);
    }
    await page.close();
  });

  it('follows its query: muted autoplay, no captions, no transcript', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(`${player.url}/embed/${EPISODE_ID}?autoplay=1&captions=0&transcript=0`);
    // Playing, and adopted by video.js (which loads once the page is idle and adds the captions).
    await page.waitForFunction(() => {
      const video = document.querySelector('video');
      return (
        video !== null &&
        video.classList.contains('vjs-tech') &&
        video.textTracks.length > 0 &&
        !video.paused &&
        video.currentTime > 0
      );
    });
    const video = await page.evaluate(() => {
      const element = document.querySelector('video')!;
      return {
        muted: element.muted,
        showing: Array.from(element.textTracks).filter((track) => track.mode === 'showing').length,
        captions: element.textTracks.length,
      };
    });
    expect(video).toEqual({ muted: true, showing: 0, captions: 2 });
    expect(await page.getByRole('region', { name: 'Transcript' }).count()).toBe(0);
    const height = await page
      .locator('.embed')
      .evaluate((root) => root.getBoundingClientRect().height);
    const expected = embedLayout(800, {
      transcript: false,
      transcriptHeight: DEFAULT_TRANSCRIPT_HEIGHT,
    });
    expect(Math.abs(height - expected.height)).toBeLessThanOrEqual(1);
    await page.close();
  });

  it('is harmless when embed.js is loaded twice', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    const loader = `<script src="${player.url}/embed.js" async></script>`;
    await page.goto(
      partner.page(
        '/twice',
        partnerPage(
          `${loader}<div id="one" data-redbox-episode="${EPISODE_ID}"></div>${loader}<script src="${player.url}/embed.js"></script>`,
        ),
      ),
    );
    await page.evaluate(() => window.RedBoxPlayer!.get('#one'));
    expect(await page.locator('#one iframe').count()).toBe(1);
    expect(await page.locator('iframe').count()).toBe(1);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('says clearly when the episode does not exist, to the reader and to the host page', async () => {
    const page = await browser.newPage();
    await page.goto(`${player.url}/embed/no-such-episode`);
    await page.getByRole('heading', { name: 'Episode not found' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
    const host = await browser.newPage();
    await host.goto(
      partner.page(
        '/missing',
        partnerPage(
          `<div id="missing" data-redbox-episode="no-such-episode"></div><script src="${player.url}/embed.js"></script>`,
        ),
      ),
    );
    const reason = await host.evaluate(() =>
      window.RedBoxPlayer!.get('#missing').then(
        () => 'ready',
        (error: Error) => error.message,
      ),
    );
    expect(reason).toMatch(/no episode called “no-such-episode”/);
    await host.close();
  });

  it('works in an iframe sandboxed with the partner flags, and opens links in a new tab', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    const src = `${player.url}/embed/${EPISODE_ID}?origin=${encodeURIComponent(partner.origin)}#player=sandboxed`;
    await page.goto(
      partner.page(
        '/sandboxed',
        partnerPage(`
<script>
  window.heard = [];
  window.addEventListener('message', (event) => {
    if (event.origin === ${JSON.stringify(player.url)}) window.heard.push(event.data);
  });
</script>
<iframe id="frame" title="Red Box Player" sandbox="${SANDBOX}" allow="autoplay; fullscreen; picture-in-picture"
  src="${src}" style="width:900px;height:480px;border:0"></iframe>`),
      ),
    );
    await page.waitForFunction(() =>
      (window as unknown as { heard: { name: string }[] }).heard.some((m) => m.name === 'ready'),
    );
    const frame: Frame = (await (await page.locator('#frame').elementHandle())!.contentFrame())!;

    // A command from the host page, answered; a line clicked inside, followed.
    await page.evaluate((origin) => {
      const target = document.querySelector<HTMLIFrameElement>('#frame')!.contentWindow!;
      target.postMessage(
        {
          ns: 'redbox',
          v: 1,
          player: 'sandboxed',
          kind: 'command',
          name: 'play',
          id: 1,
          payload: {},
        },
        origin,
      );
    }, player.url);
    await page.waitForFunction(() =>
      (
        window as unknown as { heard: { kind: string; id?: number; payload: { ok?: boolean } }[] }
      ).heard.some((m) => m.kind === 'reply' && m.id === 1 && m.payload.ok === true),
    );
    await frame.evaluate(() => document.querySelector('video')!.pause());
    await frame.locator(`[data-cue-id="${cues[12]!.id}"]`).click();
    await frame.waitForSelector(`[data-cue-id="${cues[12]!.id}"][aria-current="true"]`);
    const events = await page.evaluate(() =>
      (
        window as unknown as {
          heard: { kind: string; name: string; payload: { cueId?: string } }[];
        }
      ).heard
        .filter((m) => m.kind === 'event')
        .map((m) => (m.name === 'cuechange' ? `cuechange:${m.payload.cueId}` : m.name)),
    );
    expect(events).toContain('play');
    expect(events).toContain(`cuechange:${cues[12]!.id}`);

    // Every link out opens a new tab without a handle back to the player.
    const links = await frame.locator('a[href]').evaluateAll((anchors) =>
      anchors.map((anchor) => ({
        target: anchor.getAttribute('target'),
        rel: anchor.getAttribute('rel'),
      })),
    );
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link.target).toBe('_blank');
      expect(link.rel).toContain('noopener');
    }
    const [popup] = await Promise.all([
      browser.waitForEvent('page'),
      frame.getByRole('link', { name: 'Watch on Red Box Player' }).click(),
    ]);
    await popup.waitForURL(new RegExp(`/watch/${EPISODE_ID}\\?t=`));
    expect(new URL(popup.url()).searchParams.get('t')).toBe(
      String(Math.floor(cues[12]!.startTime * 10) / 10),
    );
    await popup.close();
    expect(await browser.cookies()).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
