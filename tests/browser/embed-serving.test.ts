/**
 * Where partners get the player from: `npm start`, `npm run preview`, and a build under a sub-path
 * on a plain static host, each with another episode than the bundled one. Embed pages, embed.js,
 * oEmbed and the guide are served; absolute URLs come from RED_BOX_PUBLIC_URL; the
 * frame-ancestors allow-list is sent and enforced by the browser.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import {
  partnerPage,
  startPartnerServer,
  startStaticHost,
  type PartnerServer,
} from './embed-partner-server.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  buildApp,
  startDevServer,
  startPreviewServer,
  type RunningServer,
} from './support/servers.ts';
import { copyEpisodes, editEpisodeJson } from './support/temp-episodes.ts';

const SECOND_ID = 'second-episode-for-partners';
const SECOND_TITLE = 'A second episode, for partners';
const PUBLIC_URL = 'https://redbox.example.org';
const BASE = '/red-box/';

const { episodesDir } = copyEpisodes();
const second = copyEpisodes({ id: SECOND_ID, into: episodesDir });
let distDir: string;
let partner: PartnerServer;
let stranger: PartnerServer;
let browser: BrowserContext;

/** Run with environment variables set, and put them back afterwards. */
async function withEnvironment<T>(
  values: Record<string, string>,
  run: () => Promise<T>,
): Promise<T> {
  const before = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  Object.assign(process.env, values);
  try {
    return await run();
  } finally {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

beforeAll(async () => {
  editEpisodeJson(second.folder, (json) => ({ ...json, title: SECOND_TITLE }));
  distDir = await withEnvironment({ RED_BOX_PUBLIC_URL: PUBLIC_URL }, () =>
    buildApp({ episodesDir, base: BASE }),
  );
  partner = await startPartnerServer();
  stranger = await startPartnerServer();
  browser = await launchChromium({ viewport: { width: 1000, height: 1400 } });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([partner?.close(), stranger?.close()]);
});

/** A partner page with the snippet for `episode`, from the player at `playerBase`. */
async function openSnippet(playerBase: string, episode: string, host = partner): Promise<Page> {
  const page = await browser.newPage();
  const url = host.page(
    `/snippet-${episode}-${Math.random().toString(36).slice(2)}`,
    partnerPage(
      `<div style="width:640px"><div id="player" data-redbox-episode="${episode}" data-redbox-lang="ko"></div></div>` +
        `<script src="${playerBase}embed.js" async></script>`,
    ),
  );
  await page.goto(url);
  return page;
}

/** Wait for the snippet's player, seek to a cue through the API, and return its state. */
async function seekThroughApi(page: Page, cueId: string) {
  await page.waitForFunction(() => 'RedBoxPlayer' in window);
  return page.evaluate(async (cueId) => {
    const player = await window.RedBoxPlayer!.get('#player');
    await player.seekToCue(cueId);
    return player.getState();
  }, cueId);
}

describe('a build under a sub-path on a plain static host', () => {
  it('writes embed pages, oEmbed, embed.js and the guide for every episode', () => {
    for (const id of [EPISODE_ID, SECOND_ID]) {
      for (const file of [`embed/${id}.html`, `embed/${id}/index.html`, `oembed/${id}.json`]) {
        expect(existsSync(path.join(distDir, file)), file).toBe(true);
      }
    }
    const page = readFileSync(path.join(distDir, `embed/${SECOND_ID}.html`), 'utf8');
    expect(page).toContain(`<title>${SECOND_TITLE} · Red Box Player</title>`);
    expect(page).toContain(`src="${BASE}assets/`);
    const oembed = JSON.parse(readFileSync(path.join(distDir, `oembed/${SECOND_ID}.json`), 'utf8'));
    expect(oembed).toMatchObject({
      type: 'video',
      version: '1.0',
      title: SECOND_TITLE,
      provider_url: `${PUBLIC_URL}${BASE}`,
      author_name: 'LiNK (Liberty in North Korea)',
      thumbnail_url: `${PUBLIC_URL}${BASE}episodes/${SECOND_ID}/media/poster.jpg`,
    });
    expect(oembed.html).toContain(`src="${PUBLIC_URL}${BASE}embed/${SECOND_ID}"`);
    const guide = readFileSync(path.join(distDir, 'embedding.html'), 'utf8');
    expect(guide).toContain(`${PUBLIC_URL}${BASE}embed.js`);
    expect(guide).toContain('RedBoxPlayer.create');
    expect(guide).not.toContain('redbox.example.org/embed.js');
  });

  it('plays for a partner from the static files alone', async () => {
    const host = await startStaticHost(distDir, BASE);
    try {
      const page = await openSnippet(`${host.origin}${BASE}`, SECOND_ID);
      const problems = watchPageProblems(page);
      const state = await seekThroughApi(page, 'c010');
      expect(state).toMatchObject({ cueId: 'c010', lang: 'ko' });
      const src = await page.locator('#player iframe').getAttribute('src');
      expect(src).toMatch(new RegExp(`^${host.origin}${BASE}embed/${SECOND_ID}\\?`));
      expect(await page.locator('#player iframe').getAttribute('title')).toBe(
        `Red Box Player: ${SECOND_TITLE}`,
      );
      expect(problems.errors).toEqual([]);
      await page.close();
    } finally {
      await host.close();
    }
  });
});

describe('npm run preview', () => {
  it('serves embed pages with the frame-ancestors allow-list, which the browser enforces', async () => {
    const server = await withEnvironment(
      { RED_BOX_FRAME_ANCESTORS: `https://partner.example ${partner.origin}` },
      () => startPreviewServer(distDir, { episodesDir, base: BASE }),
    );
    try {
      const response = await fetch(`${server.url}${BASE}embed/${SECOND_ID}?lang=ko`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-security-policy')).toBe(
        `frame-ancestors https://partner.example ${partner.origin}`,
      );
      expect(await response.text()).toContain(`<title>${SECOND_TITLE} · Red Box Player</title>`);
      for (const file of ['embed.js', `oembed/${SECOND_ID}.json`, 'embedding.html']) {
        expect((await fetch(`${server.url}${BASE}${file}`)).status, file).toBe(200);
      }

      const allowed = await openSnippet(`${server.url}${BASE}`, SECOND_ID);
      expect(await seekThroughApi(allowed, 'c003')).toMatchObject({ cueId: 'c003' });
      await allowed.close();

      // A site not on the list gets an empty frame: the browser refuses to show the player.
      const refused = await browser.newPage();
      await refused.goto(
        stranger.page(
          '/stranger',
          partnerPage(
            `<iframe id="frame" title="player" src="${server.url}${BASE}embed/${SECOND_ID}" width="640" height="400"></iframe>`,
          ),
        ),
      );
      await refused.waitForTimeout(1500);
      const frame = await (await refused.locator('#frame').elementHandle())!.contentFrame();
      expect(await frame!.locator('[data-cue-id]').count()).toBe(0);
      expect(frame!.url()).not.toContain('/embed/');
      await refused.close();

      // Through embed.js, the stranger's page hears why its player never became ready.
      const snippet = await openSnippet(`${server.url}${BASE}`, SECOND_ID, stranger);
      await snippet.waitForFunction(() => 'RedBoxPlayer' in window);
      const reason = await snippet.evaluate(() =>
        window.RedBoxPlayer!.get('#player').then(
          () => 'ready',
          (error: Error) => error.message,
        ),
      );
      expect(reason).toMatch(/did not start in this page: it may not allow this site/);
      await snippet.close();
    } finally {
      await server.close();
    }
  });
});

describe('npm start', () => {
  let dev: RunningServer;

  beforeAll(async () => {
    dev = await startDevServer({ episodesDir });
  });

  afterAll(async () => {
    await dev?.close();
  });

  it('serves the embed page, embed.js, oEmbed and the guide', async () => {
    const page = await fetch(`${dev.url}/embed/${SECOND_ID}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe('frame-ancestors *');
    expect(await page.text()).toContain('embed-main.tsx');

    const loader = await fetch(`${dev.url}/embed.js`);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(await loader.text()).toContain('RedBoxPlayer');

    const oembed = (await (await fetch(`${dev.url}/oembed/${SECOND_ID}.json`)).json()) as {
      html: string;
      title: string;
    };
    expect(oembed.title).toBe(SECOND_TITLE);
    expect(oembed.html).toContain(`src="${dev.url}/embed/${SECOND_ID}"`);

    expect(await (await fetch(`${dev.url}/embedding.html`)).text()).toContain(
      `${dev.url}/embed.js`,
    );
  });

  it('plays for a partner on another origin', async () => {
    const page = await openSnippet(`${dev.url}/`, SECOND_ID);
    expect(await seekThroughApi(page, 'c020')).toMatchObject({ cueId: 'c020', lang: 'ko' });
    await page.close();
  });
});
