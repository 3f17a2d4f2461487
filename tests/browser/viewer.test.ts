/**
 * The viewer at /watch/<id>, as a person uses it: seeking from lines, chapters and the timeline;
 * follow mode; speakers and the question card in step with the cues; keyboard; accessibility;
 * phone and desktop layouts.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { findCueIndexAt } from '../../src/core/time-index.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { layoutProblems } from './support/layout.ts';
import { watchPageProblems, type PageProblems } from './support/page-watch.ts';
import { projectRoot, sharedPreviewServer, type RunningServer } from './support/servers.ts';

const artifacts = path.join(projectRoot, 'tests/.artifacts');
mkdirSync(artifacts, { recursive: true });

let server: RunningServer;
let browser: BrowserContext;
const cues = readCues('transcript.en.vtt');
const chapters = readCues('chapters.en.vtt');
const watchUrl = (query = ''): string => `${server.url}/watch/${EPISODE_ID}${query}`;

beforeAll(async () => {
  server = await sharedPreviewServer();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openWatch(query = ''): Promise<{ page: Page; problems: PageProblems }> {
  const page = await browser.newPage();
  const problems = watchPageProblems(page);
  await page.goto(watchUrl(query));
  await page.locator('[data-cue-id]').first().waitFor();
  // The player as a viewer ends up with it: video.js (captions, hotkeys, controls) adopts the
  // page's video once the page is idle.
  await page.waitForFunction(() => {
    const video = document.querySelector('video');
    return Boolean(video?.classList.contains('vjs-tech')) && (video?.readyState ?? 0) >= 1;
  });
  return { page, problems };
}

async function seekVideo(page: Page, time: number): Promise<void> {
  await page.evaluate(async (time) => {
    const video = document.querySelector('video')!;
    video.currentTime = time;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
  }, time);
}

const markedLine = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector('[data-cue-id][aria-current="true"]')?.getAttribute('data-cue-id') ??
      null,
  );
const speakingNow = (page: Page) =>
  page.evaluate(
    () =>
      document
        .querySelector('[aria-label="Speakers"] [data-speaker-id][aria-current="true"]')
        ?.getAttribute('data-speaker-id') ?? null,
  );
const videoTime = (page: Page) => page.evaluate(() => document.querySelector('video')!.currentTime);

describe('the viewer', () => {
  it('marks the line, the speaker and the question of the cue at the playhead', async () => {
    const { page, problems } = await openWatch();
    const question = page.getByRole('region', { name: 'Current question' });
    // Before the first question is asked the card is present and empty.
    await seekVideo(page, chapters[0]!.startTime - 0.3);
    await expect(question.textContent()).resolves.not.toContain(chapters[0]!.text);

    for (const cue of [cues[3]!, cues[10]!, cues[cues.length - 1]!]) {
      await seekVideo(page, cue.startTime + 0.05);
      await page.waitForFunction(
        (id) =>
          document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
        cue.id,
      );
      expect(await markedLine(page)).toBe(cue.id);
      expect(await page.locator('[data-cue-id][aria-current="true"]').count()).toBe(1);
      expect(await speakingNow(page)).toBe(cue.speakerId);
      await expect(question.textContent()).resolves.toContain(chapters[0]!.text);
    }
    // Through a gap the line is unmarked but the last speaker keeps the mark.
    const gapAfter = cues.findIndex(
      (cue, i) => cues[i + 1] && cues[i + 1]!.startTime - cue.endTime > 0.05,
    );
    expect(gapAfter).toBeGreaterThanOrEqual(0);
    await seekVideo(page, cues[gapAfter]!.endTime + 0.02);
    await page.waitForFunction(() => !document.querySelector('[data-cue-id][aria-current="true"]'));
    expect(await speakingNow(page)).toBe(cues[gapAfter]!.speakerId);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('seeks when a line is clicked or activated with Enter', async () => {
    const { page } = await openWatch();
    const target = cues[20]!;
    // Its time, not its text: a click on a timed word plays from that word (words.test.ts).
    await page.locator(`[data-cue-id="${target.id}"] .line__time`).click();
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      target.id,
    );
    expect(Math.abs((await videoTime(page)) - target.startTime)).toBeLessThan(0.05);

    const other = cues[5]!;
    await page.locator(`[data-cue-id="${other.id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      other.id,
    );
    expect(Math.abs((await videoTime(page)) - other.startTime)).toBeLessThan(0.05);
    await page.close();
  });

  it('is one Tab stop with arrow keys between lines', async () => {
    const { page } = await openWatch();
    await seekVideo(page, cues[8]!.startTime + 0.05);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('tabindex') === '0',
      cues[8]!.id,
    );
    expect(
      await page.locator('[aria-label="Transcript"] [data-cue-id][tabindex="0"]').count(),
    ).toBe(1);
    await page.locator(`[data-cue-id="${cues[8]!.id}"]`).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cue-id'))).toBe(
      cues[10]!.id,
    );
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cue-id'))).toBe(
      cues[9]!.id,
    );
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) =>
        document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
      cues[9]!.id,
    );
    // Tab leaves the panel in one step.
    await page.keyboard.press('Tab');
    expect(
      await page.evaluate(() =>
        Boolean(document.activeElement?.closest('[aria-label="Transcript"]')),
      ),
    ).toBe(false);
    await page.close();
  });

  it('follows playback, pauses when the reader scrolls, and comes back to now', async () => {
    const { page } = await openWatch();
    const panel = page.locator('.transcript__scroll');
    const target = cues[cues.length - 8]!;
    await seekVideo(page, target.startTime + 0.05);
    // Following: the current line was scrolled into the panel, and the page itself did not scroll.
    await page.waitForFunction((id) => {
      const line = document.querySelector(`[data-cue-id="${id}"]`);
      const scroller = document.querySelector('.transcript__scroll');
      if (!line || !scroller) return false;
      const a = line.getBoundingClientRect();
      const b = scroller.getBoundingClientRect();
      return a.top >= b.top && a.bottom <= b.bottom;
    }, target.id);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);

    await panel.hover();
    await page.mouse.wheel(0, -2500);
    const backToNow = page.getByRole('button', { name: /Back to now/ });
    await backToNow.waitFor();
    await expect(backToNow.textContent()).resolves.toMatch(/↓.*\d+ lines?/);
    await backToNow.click();
    await backToNow.waitFor({ state: 'detached' });
    await page.waitForFunction((id) => {
      const line = document.querySelector(`[data-cue-id="${id}"]`)!;
      const scroller = document.querySelector('.transcript__scroll')!;
      const a = line.getBoundingClientRect();
      const b = scroller.getBoundingClientRect();
      return a.top >= b.top && a.bottom <= b.bottom;
    }, target.id);

    // A seek also resumes following.
    await page.mouse.wheel(0, -2500);
    await backToNow.waitFor();
    await page.getByRole('list', { name: 'Chapters' }).getByRole('button').first().click();
    await backToNow.waitFor({ state: 'detached' });
    await page.close();
  });

  it('seeks from the chapter buttons and the speaker timeline', async () => {
    const { page } = await openWatch();
    await seekVideo(page, 1);
    const chapterButtons = page.getByRole('list', { name: 'Chapters' }).getByRole('button');
    expect(await chapterButtons.count()).toBe(chapters.length);
    await chapterButtons.first().click();
    await page.waitForFunction(
      (t) => Math.abs(document.querySelector('video')!.currentTime - t) < 0.05,
      chapters[0]!.startTime,
    );
    expect(
      await page.getByRole('list', { name: 'Chapters' }).locator('[aria-current="true"]').count(),
    ).toBe(1);

    const timeline = page.getByRole('slider', { name: /Who speaks when/ });
    const box = (await timeline.boundingBox())!;
    const duration = await page.evaluate(() => document.querySelector('video')!.duration);
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height / 2);
    await page.waitForFunction(
      (t) => Math.abs(document.querySelector('video')!.currentTime - t) < 1,
      duration / 2,
    );
    const index = findCueIndexAt(cues, await videoTime(page));
    if (index >= 0) {
      await page.waitForFunction(
        (id) =>
          document.querySelector(`[data-cue-id="${id}"]`)?.getAttribute('aria-current') === 'true',
        cues[index]!.id,
      );
    }
    await timeline.focus();
    const before = await videoTime(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => document.querySelector('video')!.currentTime > t + 4, before);
    await page.close();
  });

  it('plays, pauses and seeks from the keyboard on the video', async () => {
    const { page } = await openWatch();
    await page.evaluate(() => (document.querySelector('video')!.muted = true));
    await page.locator('.video-js').focus();
    await page.keyboard.press('k');
    await page.waitForFunction(() => !document.querySelector('video')!.paused);
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('video')!.paused);
    const before = await videoTime(page);
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      (t) => document.querySelector('video')!.currentTime >= t + 4.9,
      before,
    );
    await page.close();
  });

  it('renders the Korean transcript with its language, and lists captions in every language', async () => {
    const { page, problems } = await openWatch('?lang=ko');
    const line = page.locator(`[data-cue-id="${cues[0]!.id}"]`);
    expect(await line.getAttribute('lang')).toBe('ko');
    await page.waitForFunction(() => {
      const ko = Array.from(document.querySelector('video')!.textTracks).find(
        (t) => t.language === 'ko',
      );
      return ko?.mode === 'showing' && (ko.cues?.length ?? 0) > 0;
    });
    const languages = await page.evaluate(() =>
      Array.from(document.querySelector('video')!.textTracks).map((track) => track.language),
    );
    expect(languages.sort()).toEqual(['en', 'ko']);
    // Picking English in the captions menu loads its cues then.
    await page.evaluate(() => {
      for (const track of Array.from(document.querySelector('video')!.textTracks)) {
        track.mode = track.language === 'en' ? 'showing' : 'disabled';
      }
    });
    await page.waitForFunction(
      (count) =>
        Array.from(document.querySelector('video')!.textTracks).find((t) => t.language === 'en')
          ?.cues?.length === count,
      cues.length,
    );
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

describe('accessibility', () => {
  for (const [name, url] of [
    ['the episode list', '/'],
    ['the viewer in English', `/watch/${EPISODE_ID}`],
    ['the viewer in Korean', `/watch/${EPISODE_ID}?lang=ko`],
    ['the viewer with a Korean interface', `/watch/${EPISODE_ID}?lang=ko&ui=ko`],
  ] as const) {
    it(`has no serious or critical axe violations on ${name}`, async () => {
      const page = await browser.newPage();
      await page.goto(server.url + url);
      await page.waitForLoadState('networkidle');
      expect(await seriousAxeViolations(page)).toEqual([]);
      await page.close();
    });
  }

  it('names its regions exactly once, as Contract 3 says', async () => {
    const { page } = await openWatch();
    for (const [role, name] of [
      ['region', 'Transcript'],
      ['list', 'Speakers'],
      ['region', 'Current question'],
      ['list', 'Chapters'],
    ] as const) {
      expect(await page.getByRole(role, { name, exact: true }).count(), name).toBe(1);
      expect(await page.locator(`[aria-label="${name}"]`).count(), name).toBe(1);
    }
    expect(await page.locator('video').count()).toBe(1);
    expect(await page.locator('[data-cue-id]').count()).toBe(cues.length);
    await page.close();
  });
});

describe('layout', () => {
  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    it(`fits the ${device} screen without overlap or overflow`, async () => {
      const context = await launchChromium({ viewport });
      const page = await context.newPage();
      await page.goto(watchUrl());
      await page.locator('[data-cue-id]').first().waitFor();
      await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
      // Before the first question: the card is empty. Entering it moves nothing below the card
      // (on a phone the transcript is there: a two-line question pushed it down 75 px).
      const transcriptTop = async () =>
        (await page.locator('[aria-label="Transcript"]').boundingBox())!.y;
      const emptyCardTop = await transcriptTop();
      expect(
        await page.getByRole('region', { name: 'Current question' }).innerText(),
      ).not.toContain(chapters[0]!.text);
      await seekVideo(page, cues[12]!.startTime + 0.1);
      await expect
        .poll(() => page.getByRole('region', { name: 'Current question' }).innerText())
        .toContain(chapters[0]!.text);
      expect(await transcriptTop()).toBeCloseTo(emptyCardTop, 0);
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(artifacts, `watch-${device}.png`) });
      await page.screenshot({
        path: path.join(artifacts, `watch-${device}-full.png`),
        fullPage: true,
      });
      const problems = await layoutProblems(page, [
        '.watch__video',
        '[aria-label="Current question"]',
        '[aria-label="Transcript"]',
        '.speakers',
        '.chapters',
        '.timeline',
      ]);
      expect(problems).toEqual({ overflowX: 0, overlaps: [], outside: [] });
      if (device === 'desktop') {
        // Video and transcript side by side.
        const video = (await page.locator('.watch__video').boundingBox())!;
        const transcript = (await page.locator('[aria-label="Transcript"]').boundingBox())!;
        expect(transcript.x).toBeGreaterThanOrEqual(video.x + video.width);
      } else {
        // Video on top and sticky; question card and transcript below it.
        const video = (await page.locator('.watch__video').boundingBox())!;
        const question = (await page.locator('[aria-label="Current question"]').boundingBox())!;
        const transcript = (await page.locator('[aria-label="Transcript"]').boundingBox())!;
        expect(question.y).toBeGreaterThanOrEqual(video.y + video.height - 1);
        expect(transcript.y).toBeGreaterThan(question.y);
        await page.evaluate(() => window.scrollTo(0, 600));
        const stuck = (await page.locator('.watch__video').boundingBox())!;
        expect(stuck.y).toBeLessThanOrEqual(1);
      }
      await context.close();
    });
  }
});
