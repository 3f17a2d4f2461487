/**
 * The viewer, continued: search (also Korean), languages and side by side, deep links, copy link,
 * resume, downloads, print, the announcer and the Korean interface.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { findMatches } from '../../src/core/transcript-search.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, episodeFolder, readCues } from './support/episode-fixture.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

const english = readCues('transcript.en.vtt');
const korean = readCues('transcript.ko.vtt');
let server: RunningServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await sharedPreviewServer();
  browser = await launchChromium();
  await browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openWatch(query = ''): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/watch/${EPISODE_ID}${query}`);
  await page.locator('[data-cue-id]').first().waitFor();
  // The player as a viewer ends up with it: video.js (captions, hotkeys, controls) adopts the
  // page's video once the page is idle.
  await page.waitForFunction(() => {
    const video = document.querySelector('video');
    return Boolean(video?.classList.contains('vjs-tech')) && (video?.readyState ?? 0) >= 1;
  });
  return page;
}

const marked = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-cue-id][aria-current="true"]')?.getAttribute('data-cue-id') ??
      null,
  );

describe('search', () => {
  it('highlights every match, counts them, moves with Enter and Shift+Enter, and plays on choice', async () => {
    const page = await openWatch();
    const expected = findMatches(
      english.map((cue) => [cue.text]),
      'north korea',
    );
    expect(expected.length).toBeGreaterThan(5);
    const box = page.getByRole('searchbox', { name: 'Search the transcript' });
    await box.fill('north korea');
    const status = page.locator('.search__status');
    await page.waitForFunction(
      (count) => document.querySelectorAll('mark.match').length === count,
      expected.length,
    );
    await expect(status.textContent()).resolves.toBe(`0 of ${expected.length}`);
    await box.press('Enter');
    await expect(status.textContent()).resolves.toBe(`1 of ${expected.length}`);
    const first = english[expected[0]!.item]!;
    expect(await page.locator(`[data-cue-id="${first.id}"] mark.match--active`).count()).toBe(1);
    await box.press('Shift+Enter');
    await expect(status.textContent()).resolves.toBe(`${expected.length} of ${expected.length}`);
    const last = english[expected[expected.length - 1]!.item]!;
    // The active match is scrolled into the panel.
    await page.waitForFunction((id) => {
      const line = document.querySelector(`[data-cue-id="${id}"]`)!.getBoundingClientRect();
      const panel = document.querySelector('.transcript__scroll')!.getBoundingClientRect();
      return line.top >= panel.top && line.bottom <= panel.bottom;
    }, last.id);
    await box.press('Alt+Enter');
    await page.waitForFunction(
      (t) => Math.abs(document.querySelector('video')!.currentTime - t) < 0.05,
      last.startTime,
    );
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      last.id,
    );
    await page.close();
  });

  it('finds Korean text in the Korean transcript', async () => {
    const page = await openWatch('?lang=ko');
    const expected = findMatches(
      korean.map((cue) => [cue.text]),
      '북한',
    );
    expect(expected.length).toBeGreaterThan(5);
    await page.getByRole('searchbox', { name: 'Search the transcript' }).fill('북한');
    await page.waitForFunction(
      (count) => document.querySelectorAll('mark.match').length === count,
      expected.length,
    );
    expect(await page.locator('mark.match').first().textContent()).toBe('북한');
    await page.close();
  });

  it('does not fight follow mode: while playing, the panel stays on the match', async () => {
    const page = await openWatch();
    await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.muted = true;
      await video.play();
    });
    const box = page.getByRole('searchbox', { name: 'Search the transcript' });
    await box.fill('chuseok');
    await box.press('Enter');
    await page.getByRole('button', { name: /Back to now/ }).waitFor();
    const match = english.find((cue) => /chuseok/i.test(cue.text))!;
    await page.waitForTimeout(3000);
    const inView = await page.evaluate((id) => {
      const line = document.querySelector(`[data-cue-id="${id}"]`)!.getBoundingClientRect();
      const panel = document.querySelector('.transcript__scroll')!.getBoundingClientRect();
      return line.top >= panel.top && line.bottom <= panel.bottom;
    }, match.id);
    expect(inView).toBe(true);
    await page.close();
  });
});

describe('languages', () => {
  it('switches the transcript and captions from the menu, and remembers the choice', async () => {
    const page = await openWatch();
    await page.getByLabel('Transcript language').selectOption('ko');
    await page.waitForFunction(
      () => document.querySelector('[data-cue-id="c001"]')?.getAttribute('lang') === 'ko',
    );
    expect(new URL(page.url()).searchParams.get('lang')).toBe('ko');
    const showing = await page.evaluate(() =>
      Array.from(document.querySelector('video')!.textTracks)
        .filter((track) => track.mode === 'showing')
        .map((track) => track.language),
    );
    expect(showing).toEqual(['ko']);
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    await page.locator('[data-cue-id="c001"][lang="ko"]').waitFor();
    await page.getByLabel('Transcript language').selectOption('en');
    await page.close();
  });

  it('shows two languages side by side, aligned by cue id, the current row marked in both', async () => {
    const page = await openWatch('?pair=ko');
    const row = page.locator('[data-cue-id="c010"]');
    await row.locator('[lang="ko"]').waitFor();
    expect(await row.locator('[lang="en"]').textContent()).toBe(
      english[9]!.text.replace(/\n/g, '\n'),
    );
    expect(await row.locator('[lang="ko"]').textContent()).toBe(korean[9]!.text);
    expect(await page.locator('[data-cue-id]').count()).toBe(english.length);
    await page.evaluate(async (t) => {
      const video = document.querySelector('video')!;
      video.currentTime = t;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    }, english[9]!.startTime + 0.05);
    await page.waitForFunction(
      () => document.querySelector('[data-cue-id="c010"]')?.getAttribute('aria-current') === 'true',
    );
    expect(await row.locator('.line__text').count()).toBe(2);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.close();
  });

  it('offers the interface in Korean', async () => {
    const page = await openWatch('?ui=ko');
    await page.getByRole('heading', { name: '대본' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ko');
    // The accessible names of Contract 3 stay the same in every interface language.
    expect(await page.getByRole('region', { name: 'Transcript', exact: true }).count()).toBe(1);
    await page.getByLabel('인터페이스 언어').selectOption('en');
    await page.getByRole('heading', { name: 'Transcript', exact: true }).waitFor();
    await page.close();
  });
});

describe('links', () => {
  // Two of t's forms end to end (the page reads t and seeks); every form, and what is ignored,
  // is checked in tests/unit/time-format.test.ts without a page load each.
  const forms: [string, number][] = [
    ['t=0:02:03', 123],
    ['t=1m30s', 90],
  ];
  for (const [query, seconds] of forms) {
    it(`starts at ${seconds} s for ?${query}`, async () => {
      const page = await openWatch(`?${query}`);
      await page.waitForFunction(
        (t) => Math.abs(document.querySelector('video')!.currentTime - t) < 0.01,
        seconds,
      );
      await page.close();
    });
  }

  it('starts at a cue for ?cue=, which wins over t', async () => {
    const target = english[50]!;
    const page = await openWatch(`?t=10&cue=${target.id}`);
    await page.waitForFunction(
      (t) => Math.abs(document.querySelector('video')!.currentTime - t) < 0.01,
      target.startTime,
    );
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      target.id,
    );
    await page.close();
  });

  it('copies a link to a line that opens at that line', async () => {
    const page = await openWatch('?lang=ko');
    const target = korean[30]!;
    await page.locator(`[data-cue-id="${target.id}"]`).hover();
    await page
      .getByRole('button', { name: /Copy a link to the line at/ })
      .nth(30)
      .click();
    await page.getByRole('status').filter({ hasText: 'Link copied' }).waitFor();
    const url = await page.evaluate(() => navigator.clipboard.readText());
    expect(new URL(url).searchParams.get('cue')).toBe(target.id);
    expect(new URL(url).searchParams.get('lang')).toBe('ko');
    const opened = await browser.newPage();
    await opened.goto(url);
    await opened.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      target.id,
    );
    expect(await marked(opened)).toBe(target.id);
    await opened.close();
    await page.close();
  });
});

describe('resume', () => {
  it('offers to continue where the viewer stopped', async () => {
    const page = await openWatch();
    await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.currentTime = 42;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      video.dispatchEvent(new Event('pause'));
    });
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    await page.getByText('Continue where you stopped, at 0:42?').waitFor();
    // The prompt comes after the served page is adopted (only the browser knows where the viewer
    // stopped): it must not push the page's content down, nor let it jump back when it goes.
    const contentTop = async () => (await page.locator('main').boundingBox())!.y;
    const withPrompt = await contentTop();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForFunction(
      () => Math.abs(document.querySelector('video')!.currentTime - 42) < 0.2,
    );
    expect(await page.getByText('Continue where you stopped').count()).toBe(0);
    expect(await contentTop()).toBeCloseTo(withPrompt, 0);
    // A link to a moment wins over resuming.
    await page.goto(`${server.url}/watch/${EPISODE_ID}?t=10`);
    await page.locator('[data-cue-id]').first().waitFor();
    expect(await page.getByText('Continue where you stopped').count()).toBe(0);
    await page.close();
  });
});

describe('downloads', () => {
  async function download(page: Page, label: string): Promise<{ name: string; text: string }> {
    const menu = page.locator('details.downloads');
    if ((await menu.getAttribute('open')) === null) await menu.locator('summary').click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: label }).click(),
    ]);
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }

  it('downloads the transcript as .txt with speakers and timestamps, .vtt and .srt', async () => {
    const page = await openWatch('?lang=ko');
    const text = await download(page, 'Text (.txt)');
    expect(text.name).toBe(`${EPISODE_ID}.ko.txt`);
    expect(text.text).toContain(`[0:02] All\n${korean[0]!.text}`);
    expect(text.text).toMatch(/Question: /);
    const vtt = await download(page, 'WebVTT (.vtt)');
    expect(vtt.name).toBe(`${EPISODE_ID}.ko.vtt`);
    expect(vtt.text).toBe(readFileSync(path.join(episodeFolder(), 'transcript.ko.vtt'), 'utf8'));
    const srt = await download(page, 'SubRip (.srt)');
    expect(srt.name).toBe(`${EPISODE_ID}.ko.srt`);
    expect(srt.text.startsWith('1\r\n00:00:02,500 --> ')).toBe(true);
    expect(srt.text).toContain(`All: ${korean[0]!.text}`);
    await page.close();
  });
});

describe('print and announcements', () => {
  it('prints the whole transcript with speakers and questions, without the video', async () => {
    const page = await openWatch();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.watch__video').isVisible()).toBe(false);
    expect(await page.locator('.timeline').isVisible()).toBe(false);
    expect(await page.getByRole('region', { name: 'Current question' }).isVisible()).toBe(true);
    expect(await page.locator('.turn-head').first().isVisible()).toBe(true);
    const overflow = await page.evaluate(
      () => getComputedStyle(document.querySelector('.transcript__scroll')!).overflowY,
    );
    expect(overflow).toBe('visible');
    expect(await page.locator('[data-cue-id]').count()).toBe(english.length);
    await page.emulateMedia({ media: 'screen' });
    await page.close();
  });

  it('announces speaker and question changes politely, when asked to', async () => {
    const page = await openWatch();
    const speakerRegion = page.locator('[data-announce="speaker"]');
    expect(await speakerRegion.getAttribute('aria-live')).toBe('polite');
    const joy = english.find((cue) => cue.speakerId === 'joy')!;
    await page.evaluate(async (t) => {
      const video = document.querySelector('video')!;
      video.currentTime = t;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    }, joy.startTime + 0.05);
    await page.waitForFunction(
      () =>
        document.querySelector('[data-speaker-id="joy"]')?.getAttribute('aria-current') === 'true',
    );
    expect(await speakerRegion.textContent()).toBe('');
    await page.getByLabel('Announce speakers and questions').check();
    await expect(speakerRegion.textContent()).resolves.toBe('Joy is speaking.');
    expect(await page.locator('[data-announce="question"]').textContent()).toContain(
      'Question: Are there any',
    );
    await page.close();
  });
});

describe('no uncaught errors on the new views', () => {
  it('stays clean while searching, pairing and downloading', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${server.url}/watch/${EPISODE_ID}?pair=ko&ui=ko`);
    await page.locator('[data-cue-id]').first().waitFor();
    await page.getByRole('searchbox').fill('북한');
    await page.getByRole('searchbox').press('Enter');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
