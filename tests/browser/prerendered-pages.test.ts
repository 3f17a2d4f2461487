/**
 * The build's pre-rendered pages: the transcript in the HTML, readable without JavaScript;
 * structured data and Open Graph tags, escaped for their context; the watch page served laid out
 * as the app lays it out, so nothing the reader sees moves when the app takes over; the app under
 * a sub-path.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { FIRST_VISIBLE_LINE_TEXT } from './support/first-visible-line.ts';
import { holdBack } from './support/hold-back.ts';
import { afterFirstFrame } from './support/layout.ts';
import { expectSameBoxes, partBoxes } from './support/part-boxes.ts';
import { movedWhilePartlyParsed } from './support/partly-parsed.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  buildApp,
  sharedPreviewServer,
  startPreviewServer,
  type RunningServer,
} from './support/servers.ts';
import { copyEpisodes, editEpisodeJson, withoutWordTimestamps } from './support/temp-episodes.ts';

const cues = readCues('transcript.en.vtt');

/** The served transcript (the app's panel rendered on the server, until the page is hydrated). */
const SERVED_LINE = '.transcript--served [data-cue-id]';
/** The app's transcript, hydrated. */
const APP_TRANSCRIPT = 'section[aria-label="Transcript"]:not(.transcript--served)';
let server: RunningServer;
let noScript: BrowserContext;
let browser: BrowserContext;

beforeAll(async () => {
  server = await sharedPreviewServer();
  noScript = await launchChromium({ javaScriptEnabled: false });
  browser = await launchChromium();
});

afterAll(async () => {
  await noScript?.close();
  await browser?.close();
  await server?.close();
});

/** The watch page's parts (partBoxes). */
const WATCH_PARTS = {
  header: '.watch__header',
  video: 'video',
  question: '[aria-label="Current question"]',
  transcript: '[aria-label="Transcript"]',
  transcriptHeader: '.transcript__header',
  speakers: '.speakers',
  timeline: '.timeline',
  chapters: '.chapters',
  credits: '.credits',
};

describe('pre-rendered episode pages', () => {
  for (const suffix of ['', '/', '.html']) {
    it(`shows the whole transcript without JavaScript at /watch/<id>${suffix}`, async () => {
      const page = await noScript.newPage();
      const response = await page.goto(`${server.url}/watch/${EPISODE_ID}${suffix}`);
      expect(response?.status()).toBe(200);
      await expect(page.locator('h1').textContent()).resolves.toContain(
        'Misunderstandings and Stereotypes about North Koreans',
      );
      const text = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
      for (const cue of [cues[0]!, cues[40]!, cues[cues.length - 1]!]) {
        expect(text).toContain(cue.text.replace(/\s+/g, ' '));
      }
      expect(await page.locator(SERVED_LINE).count()).toBe(cues.length);
      expect(text).toContain('LiNK (Liberty in North Korea)');
      expect(text).toContain('Are there any misunderstandings about the North Korean people');
      // What the app's page does not show, for these readers only (in a <noscript>).
      expect(text).toContain('Published 2024-09-12 by LiNK');
      expect(text).toContain('For North Korean refugees, resettling in a new society');
      await page.close();
    });
  }

  it('carries VideoObject data with the transcript and a Clip per question, and Open Graph tags', async () => {
    const page = await noScript.newPage();
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    const json = JSON.parse(
      (await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}',
    ) as Record<string, unknown>;
    expect(json['@type']).toBe('VideoObject');
    expect(json.uploadDate).toBe('2024-09-12');
    expect(String(json.transcript)).toContain('Joy: When I first came to South Korea,');
    expect(json.hasPart).toHaveLength(1);
    expect((json.hasPart as { '@type': string; startOffset: number }[])[0]).toMatchObject({
      '@type': 'Clip',
      startOffset: 6,
    });
    expect((json.publisher as { name: string }).name).toBe('LiNK (Liberty in North Korea)');
    expect(await page.locator('meta[property="og:title"]').getAttribute('content')).toBe(
      'Misunderstandings and Stereotypes about North Koreans',
    );
    expect(await page.locator('meta[property="og:image"]').getAttribute('content')).toMatch(
      /^https?:\/\/.+\/poster\.jpg$/,
    );
    expect(
      await page
        .locator('link[rel="alternate"][type="application/json+oembed"]')
        .getAttribute('href'),
    ).toMatch(new RegExp(`/oembed/${EPISODE_ID}\\.json$`));
    await page.close();
  });

  it('becomes the interactive player when JavaScript runs', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    await page.locator(APP_TRANSCRIPT).waitFor();
    expect(await page.locator(SERVED_LINE).count(), 'served lines left').toBe(0);
    expect(await page.locator('[data-cue-id]').count()).toBe(cues.length);
    expect(await page.locator('video').count()).toBe(1);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it.each([
    { width: 412, height: 915 },
    { width: 1280, height: 800 },
  ])(
    'is served laid out as the app lays it out: nothing moves when the app takes over ($width px)',
    async ({ width, height }) => {
      const page = await browser.newPage();
      const problems = watchPageProblems(page);
      // Tall enough on the phone for the panel's first line (y 840) to be in view.
      await page.setViewportSize({ width, height });
      const release = await holdBack(page, /\/assets\/index-[^/]*\.js$/);
      await page.goto(`${server.url}/watch/${EPISODE_ID}`, { waitUntil: 'commit' });
      await page.locator(SERVED_LINE).last().waitFor({ state: 'attached' });
      // Laid out with its stylesheets (the parsed lines can come before them).
      await afterFirstFrame(page);
      const served = await page.evaluate(partBoxes, WATCH_PARTS);
      const servedLine = await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`);
      expect(servedLine, 'a line in view').not.toBeNull();
      // "Highlight words" as the app will set it (on: no choice remembered, motion not reduced).
      const wordsBox = page.locator('.transcript__words input');
      expect(await wordsBox.isChecked()).toBe(true);
      release();
      await page.locator(APP_TRANSCRIPT).waitFor();
      await afterFirstFrame(page);
      expect(await page.locator(SERVED_LINE).count(), 'the app has taken over').toBe(0);
      const app = await page.evaluate(partBoxes, WATCH_PARTS);
      const appLine = await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`);
      const [a, b] = [servedLine, appLine] as { cue: string; x: number; y: number }[];
      expect(b?.cue).toBe(a!.cue);
      expect(Math.abs(a!.y - b!.y), `first line y: ${a!.y} → ${b!.y}`).toBeLessThan(1);
      expect(Math.abs(a!.x - b!.x), `first line x: ${a!.x} → ${b!.x}`).toBeLessThan(1);
      expect(await wordsBox.isChecked()).toBe(true);
      expect(Object.values(served), 'every part laid out').not.toContain(null);
      expectSameBoxes(served, app);
      expect(problems.errors).toEqual([]);
      await page.close();
    },
  );

  it.each([
    { width: 412, height: 915 },
    { width: 1280, height: 800 },
  ])(
    'moves nothing it has shown as the rest of the served page arrives ($width px)',
    async ({ width, height }) => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height });
      const release = await holdBack(page, /\/assets\/index-[^/]*\.js$/);
      await page.goto(`${server.url}/watch/${EPISODE_ID}`, { waitUntil: 'commit' });
      await page.locator(SERVED_LINE).last().waitFor({ state: 'attached' });
      await afterFirstFrame(page);
      expect(await page.evaluate(movedWhilePartlyParsed, 4)).toEqual([]);
      release();
      await page.close();
    },
  );

  it('has no serious accessibility problem before the app has loaded, nor after', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 412, height: 915 });
    const release = await holdBack(page, /\/assets\/index-[^/]*\.js$/);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`, { waitUntil: 'commit' });
    await page.locator('.watch .credits').waitFor();
    await afterFirstFrame(page);
    expect(await seriousAxeViolations(page)).toEqual([]);
    for (const [role, name] of [
      ['region', 'Transcript'],
      ['region', 'Current question'],
      ['list', 'Speakers'],
      ['list', 'Chapters'],
    ] as const) {
      expect(await page.getByRole(role, { name, exact: true }).count(), name).toBe(1);
    }
    // Share / Embed cannot act before the app has loaded, and does not look as if it could.
    const share = page.locator('.share-button');
    const look = () =>
      share.evaluate((button) => {
        const style = getComputedStyle(button);
        return { cursor: style.cursor, opacity: style.opacity };
      });
    expect(await share.isDisabled()).toBe(true);
    expect(await look()).toEqual({ cursor: 'default', opacity: '0.6' });
    release();
    // The app's page (the speakers' strip scrolls on a phone: it takes keyboard focus then).
    await page.locator(APP_TRANSCRIPT).waitFor();
    await page.locator('video.vjs-tech').waitFor({ state: 'attached' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await share.isDisabled()).toBe(false);
    expect(await look()).toEqual({ cursor: 'pointer', opacity: '1' });
    await page.close();
  });

  it.each([412, 1280])(
    'keeps the reader’s place when the app takes over a page scrolled to its transcript (%i px)',
    async (width) => {
      const page = await browser.newPage();
      const problems = watchPageProblems(page);
      await page.setViewportSize({ width, height: 823 });
      // The app's entry script held back: the reader scrolls the served page first.
      const release = await holdBack(page, /\/assets\/index-[^/]*\.js$/);
      await page.goto(`${server.url}/watch/${EPISODE_ID}`, { waitUntil: 'commit' });
      await page.locator(SERVED_LINE).last().waitFor({ state: 'attached' });
      // Scrolled as laid out with its stylesheets (parsed lines can come before them).
      await afterFirstFrame(page);
      await page.evaluate((cueId) => {
        document.querySelector(`[data-cue-id="${cueId}"]`)!.scrollIntoView();
        window.scrollBy(0, -200);
      }, cues[20]!.id);
      type Place = { cue: string; x: number; y: number } | null;
      const served = (await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`)) as Place;
      expect(served?.cue).not.toBe(cues[0]!.id);
      release();
      await page.locator(APP_TRANSCRIPT).waitFor();
      const app = (await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`)) as Place;
      // The same line is the first in view, its words where they were (the served panel is the
      // app's, scrolled as far).
      expect(app?.cue).toBe(served?.cue);
      expect(Math.abs(app!.y - served!.y), `first line y: ${served!.y} → ${app!.y}`).toBeLessThan(
        1,
      );
      expect(problems.errors).toEqual([]);
      await page.close();
    },
  );
});

describe('a reader busy in the served page while the app renders', () => {
  it('keeps the keyboard’s focus on its line, and a scroll made while the app renders', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    const release = await holdBack(page, /\/assets\/index-[^/]*\.js$/);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`, { waitUntil: 'commit' });
    await page.locator(SERVED_LINE).last().waitFor({ state: 'attached' });
    await afterFirstFrame(page);
    // A keyboard user tabs into the served transcript and on to its third line.
    // (The served panel is the app's: one Tab stop, its first line, until arrow keys can move it.)
    const focusedCue = () =>
      page.evaluate(
        () => document.activeElement?.closest('[data-cue-id]')?.getAttribute('data-cue-id') ?? null,
      );
    for (let presses = 0; presses < 60 && (await focusedCue()) === null; presses++) {
      await page.keyboard.press('Tab');
    }
    const cue = await focusedCue();
    expect(cue).toBe(cues[0]!.id);
    const focusedLine = await page.evaluateHandle(() => document.activeElement);

    // The app starts, slowly (a slow phone's CPU): the reader scrolls the served panel while its
    // first render is under way (its served files are parsed, its lines not yet on screen). The
    // scroll is made the moment the parse is marked, inside that call: a poll from the test could
    // come after the app's lines on a loaded machine (a fresh-clone run did).
    await page.evaluate((parsedMark) => {
      const markNow = performance.mark.bind(performance);
      const state = window as unknown as { scrolledWhileRendering?: boolean };
      performance.mark = (name, options) => {
        const entry = markNow(name, options);
        if (name === parsedMark && state.scrolledWhileRendering === undefined) {
          const scroller = document.querySelector('.transcript--served > .transcript__scroll');
          if (scroller) scroller.scrollTop = 900;
          state.scrolledWhileRendering = scroller !== null;
        }
        return entry;
      };
    }, 'red-box:file-parsed');
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
    release();
    await page.waitForFunction(
      () =>
        (window as unknown as { scrolledWhileRendering?: boolean }).scrolledWhileRendering !==
        undefined,
      null,
      { polling: 10, timeout: 60_000 },
    );
    const scrolledWhileRendering = await page.evaluate(
      () => (window as unknown as { scrolledWhileRendering?: boolean }).scrolledWhileRendering,
    );
    expect(scrolledWhileRendering, 'the app had already taken over').toBe(true);
    await afterFirstFrame(page);
    type Place = { cue: string; x: number; y: number } | null;
    const served = (await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`)) as Place;
    expect(served?.cue).not.toBe(cues[0]!.id);
    await page.locator(APP_TRANSCRIPT).waitFor({ timeout: 60_000 });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });

    // The same line is first in view, where it was; the focus is on the app's line of that cue.
    const app = (await page.evaluate(`(${FIRST_VISIBLE_LINE_TEXT})()`)) as Place;
    expect(app?.cue).toBe(served?.cue);
    expect(Math.abs(app!.y - served!.y), `first line y: ${served!.y} → ${app!.y}`).toBeLessThan(1);
    expect(await focusedCue()).toBe(cue);
    // The very element: the served line is the app's (hydrated, not replaced).
    expect(await page.evaluate((line) => line === document.activeElement, focusedLine)).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.hasAttribute('data-cue-id'))).toBe(
      true,
    );
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

describe('hostile text in a pre-rendered page, and a sub-path', () => {
  const HOSTILE = 'script-in-title';
  const hostileTitle = 'A </script><script>window.hacked=1</script> & "quotes" <b>bold</b>';
  let subServer: RunningServer;

  beforeAll(async () => {
    const { episodesDir } = copyEpisodes();
    const hostile = copyEpisodes({ id: HOSTILE, into: episodesDir });
    editEpisodeJson(hostile.folder, (json) => ({
      ...json,
      title: hostileTitle,
      summary: '</script><!--',
    }));
    const transcript = path.join(hostile.folder, 'transcript.en.vtt');
    writeFileSync(
      transcript,
      withoutWordTimestamps(readFileSync(transcript, 'utf8')).replace(
        'Welcome to the Red Box!',
        '&lt;/script&gt;&lt;img src=x onerror=window.hacked=2&gt; &amp; welcome',
      ),
    );
    const outDir = await buildApp({ episodesDir, base: '/red-box/' });
    subServer = await startPreviewServer(outDir, { episodesDir, base: '/red-box/' });
  });

  afterAll(async () => {
    await subServer?.close();
  });

  it('escapes titles and cue text in HTML, attributes and JSON-LD', async () => {
    const page = await browser.newPage();
    await page.route('**/*.js', (route) => route.abort());
    await page.goto(`${subServer.url}/red-box/watch/${HOSTILE}`);
    expect(await page.locator('h1').textContent()).toContain(hostileTitle);
    expect(await page.locator('[data-cue-id="c001"]').textContent()).toContain(
      '</script><img src=x onerror=window.hacked=2> & welcome',
    );
    const raw = await (
      await page.request.get(`${subServer.url}/red-box/watch/${HOSTILE}.html`)
    ).text();
    const jsonLd = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(raw)![1]!;
    expect(jsonLd).not.toContain('<');
    const data = JSON.parse(jsonLd) as { name: string; description: string };
    expect(data.name).toContain(hostileTitle);
    expect(data.description).toBe('</script><!--');
    expect(
      await page.evaluate(() => (window as unknown as { hacked?: number }).hacked),
    ).toBeUndefined();
    await page.close();
  });

  it('works under a sub-path, with links and assets under it', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${subServer.url}/red-box/`);
    await page
      .getByRole('link', { name: 'Misunderstandings and Stereotypes about North Koreans' })
      .click();
    await page.waitForURL(`**/red-box/watch/${EPISODE_ID}`);
    await page.locator('[data-cue-id="c001"]').waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
    const home = await page.getByRole('link', { name: 'All episodes' }).getAttribute('href');
    expect(home).toBe('/red-box/');
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
