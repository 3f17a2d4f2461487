/**
 * Word by word (Contract 9) in the viewer, on the bundled episode's aligned transcript: exactly
 * one word marked at a time and it is the right one, none in long pauses; click a word to seek
 * there; the "Highlight words" setting; side by side; search across words; axe. One server and
 * one browser for the file. The marked word followed while the video plays (real time) is in
 * first-page-sync.test.ts, which runs alone.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { cueWords, transcriptWords, type CueWord } from '../../src/core/cue-words.ts';
import { findMatches } from '../../src/core/transcript-search.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID, readCues } from './support/episode-fixture.ts';
import { seekVideo as seekVideoOn } from './support/line-sync.ts';
import { watchPageProblems, type PageProblems } from './support/page-watch.ts';
import { projectRoot, startPreviewServer, type RunningServer } from './support/servers.ts';

const artifacts = path.join(projectRoot, 'tests/.artifacts');
mkdirSync(artifacts, { recursive: true });

let server: RunningServer;
let browser: BrowserContext;
let page: Page;
let problems: PageProblems;
const cues = readCues('transcript.en.vtt');
const words = transcriptWords(cues)!;
const wordsByCue: CueWord[][] = cues.map((cue) => cueWords(cue));

/** The word that should be marked at `time` (by the core's own rule), or null. */
function expectedWordAt(time: number): { cueId: string; text: string; start: number } | null {
  const w = words.index.indexAt(time);
  if (w < 0) return null;
  const cueIndex = words.cueOf[w]!;
  const word = wordsByCue[cueIndex]![w - words.firstWord[cueIndex]!]!;
  return { cueId: cues[cueIndex]!.id, text: word.text, start: word.startTime };
}

interface Marked {
  readonly count: number;
  readonly cueId: string | null;
  readonly text: string | null;
  readonly start: number | null;
  readonly time: number;
}

/** What the page marks now: how many elements carry data-word-current, and the one that does. */
const markedWord = (target: Page = page): Promise<Marked> =>
  target.evaluate(() => {
    const all = document.querySelectorAll('[data-word-current]');
    const first = all[0];
    return {
      count: all.length,
      cueId: first?.closest('[data-cue-id]')?.getAttribute('data-cue-id') ?? null,
      text: first?.textContent ?? null,
      start: first ? Number(first.getAttribute('data-word-start')) : null,
      time: document.querySelector('video')!.currentTime,
    };
  });

const seekVideo = (time: number, target: Page = page): Promise<void> => seekVideoOn(target, time);

async function openWatch(context: BrowserContext, query = ''): Promise<Page> {
  const opened = await context.newPage();
  await opened.goto(`${server.url}/watch/${EPISODE_ID}${query}`);
  await opened.locator('[data-cue-id]').first().waitFor();
  await opened.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
  return opened;
}

beforeAll(async () => {
  server = await startPreviewServer(inject('distDir'));
  browser = await launchChromium();
  page = await browser.newPage();
  problems = watchPageProblems(page);
  await page.goto(`${server.url}/watch/${EPISODE_ID}`);
  await page.locator('[data-cue-id]').first().waitFor();
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('words in the viewer', () => {
  it('marks exactly one word, the right one, at sampled times, and none in long pauses', async () => {
    // Forty words' middles across the episode, and a time in ten pauses longer than a word holds.
    const samples: number[] = [];
    const step = Math.ceil(words.count / 40);
    for (let w = 0; w < words.count; w += step) {
      samples.push((words.startTimes[w]! + words.endTimes[w]!) / 2);
    }
    let pausesSampled = 0;
    for (let w = 0; w + 1 < words.count && pausesSampled < 10; w++) {
      if (words.startTimes[w + 1]! - words.endTimes[w]! > 0.3) {
        samples.push(words.endTimes[w]! + 0.15);
        pausesSampled++;
      }
    }
    let pauses = 0;
    for (const time of samples) {
      await seekVideo(time);
      const marked = await markedWord();
      const expected = expectedWordAt(marked.time);
      if (!expected) {
        pauses++;
        expect(marked.count, `no word at ${marked.time}`).toBe(0);
        continue;
      }
      expect(marked, `at ${marked.time}`).toMatchObject({
        count: 1,
        cueId: expected.cueId,
        text: expected.text,
        start: expected.start,
      });
    }
    expect(pauses).toBeGreaterThan(0);
    expect(problems.errors).toEqual([]);
  });

  it('styles words said and to come apart without moving anything', async () => {
    const cueIndex = cues.findIndex((cue, i) => wordsByCue[i]!.length >= 5);
    const cue = cues[cueIndex]!;
    const cueWordList = wordsByCue[cueIndex]!;
    await seekVideo((cueWordList[2]!.startTime + cueWordList[2]!.endTime) / 2);
    const line = page.locator(`[data-cue-id="${cue.id}"]`);
    const styles = await line.evaluate((element) =>
      Array.from(element.querySelectorAll('[data-word-start]'), (word) => {
        const style = getComputedStyle(word);
        // Relative to the line: the panel may scroll between the two looks; words must not move.
        const lineBox = element.getBoundingClientRect();
        const wordBox = word.getBoundingClientRect();
        const box = { ...wordBox.toJSON(), x: wordBox.x - lineBox.x, y: wordBox.y - lineBox.y };
        return {
          state: word.hasAttribute('data-word-current')
            ? 'current'
            : word.hasAttribute('data-word-past')
              ? 'past'
              : 'future',
          color: style.color,
          decoration: style.textDecorationLine,
          box: [box.x, box.y, box.width, box.height],
        };
      }),
    );
    expect(styles.map((word) => word.state).slice(0, 4)).toEqual([
      'past',
      'past',
      'current',
      'future',
    ]);
    expect(styles[2]!.decoration).toBe('underline');
    expect(styles[0]!.color).not.toBe(styles[3]!.color);
    await line.screenshot({ path: path.join(artifacts, 'words-current-line.png') });
    // The next word: boxes stay where they were.
    await seekVideo((cueWordList[3]!.startTime + cueWordList[3]!.endTime) / 2);
    const boxes = await line.evaluate((element) =>
      Array.from(element.querySelectorAll('[data-word-start]'), (word) => {
        const lineBox = element.getBoundingClientRect();
        const box = word.getBoundingClientRect();
        return [box.x - lineBox.x, box.y - lineBox.y, box.width, box.height];
      }),
    );
    expect(boxes).toEqual(styles.map((word) => word.box));
  });

  it('seeks to a clicked word; Enter on a line seeks to the line', async () => {
    const cueIndex = cues.findIndex((cue, i) => i > 3 && wordsByCue[i]!.length >= 4);
    const word = wordsByCue[cueIndex]![3]!;
    await seekVideo(0);
    await page.locator(`[data-cue-id="${cues[cueIndex]!.id}"] [data-word-start]`).nth(3).click();
    await page.waitForFunction((start) => {
      const video = document.querySelector('video')!;
      return !video.seeking && Math.abs(video.currentTime - start) < 0.05;
    }, word.startTime);
    await page.evaluate(() => document.querySelector('video')!.pause());
    const line = page.locator(`[data-cue-id="${cues[cueIndex + 1]!.id}"]`);
    await line.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (start) => {
        const video = document.querySelector('video')!;
        return !video.seeking && Math.abs(video.currentTime - start) < 0.05;
      },
      cues[cueIndex + 1]!.startTime,
    );
    await page.evaluate(() => document.querySelector('video')!.pause());
  });

  it('counts and marks a search match across word elements once', async () => {
    const query = 'North Korean';
    const expected = findMatches(
      cues.map((cue) => [cue.text]),
      query,
    ).length;
    expect(expected).toBeGreaterThan(0);
    const box = page.getByRole('searchbox', { name: 'Search the transcript' });
    await box.fill(query);
    await page.waitForFunction(
      (count) => document.querySelectorAll('mark.match').length === count,
      expected,
    );
    const marks = await page.evaluate(() =>
      Array.from(document.querySelectorAll('mark.match'), (mark) => ({
        text: mark.textContent,
        words: mark.querySelectorAll('[data-word-start]').length,
      })),
    );
    expect(marks.every((mark) => mark.text?.toLowerCase() === 'north korean')).toBe(true);
    expect(marks.some((mark) => mark.words === 2)).toBe(true);
    await box.fill('');
  });

  it('keeps words out of what screen readers hear and passes axe', async () => {
    const live = await page.evaluate(
      () =>
        document.querySelectorAll(
          '[aria-live] [data-word-start], [data-word-start][role], [data-word-start][aria-current]',
        ).length,
    );
    expect(live).toBe(0);
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('turns off with "Highlight words", remembered; off under reduced motion unless chosen', async () => {
    const toggle = page.getByRole('checkbox', { name: 'Highlight words' });
    await expect(toggle.isChecked()).resolves.toBe(true);
    await toggle.uncheck();
    await page.waitForFunction(() => document.querySelectorAll('[data-word-start]').length === 0);
    await page.reload();
    await page.locator('[data-cue-id]').first().waitFor();
    await expect(page.getByRole('checkbox', { name: 'Highlight words' }).isChecked()).resolves.toBe(
      false,
    );
    expect(await page.locator('[data-word-start]').count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Highlight words' }).check();
    await page.locator('[data-word-start]').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);

    // Under reduced motion, with no choice remembered: off until the reader turns it on.
    await page.evaluate(() => localStorage.removeItem('red-box:highlight-words'));
    const calm = await browser.newPage();
    try {
      await calm.emulateMedia({ reducedMotion: 'reduce' });
      await calm.goto(`${server.url}/watch/${EPISODE_ID}`);
      await calm.locator('[data-cue-id]').first().waitFor();
      await calm.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 1);
      const toggle = calm.getByRole('checkbox', { name: 'Highlight words' });
      await expect(toggle.isChecked()).resolves.toBe(false);
      expect(await calm.locator('[data-word-start]').count()).toBe(0);
      await toggle.check();
      const cueIndex = cues.findIndex((cue, i) => wordsByCue[i]!.length >= 3);
      const word = wordsByCue[cueIndex]![1]!;
      await seekVideo((word.startTime + word.endTime) / 2, calm);
      await expect(markedWord(calm)).resolves.toMatchObject({ count: 1, text: word.text });
    } finally {
      await calm.close();
    }
  });

  it("marks the spoken word in the translator's source column, in the spoken row", async () => {
    const workspace = await browser.newPage();
    try {
      await workspace.goto(`${server.url}/translate/${EPISODE_ID}/ko`);
      await workspace.locator('.t-row__source').first().waitFor();
      await workspace.waitForFunction(
        () => (document.querySelector('video')?.readyState ?? 0) >= 1,
      );
      const cueIndex = cues.findIndex((cue, i) => i > 2 && wordsByCue[i]!.length >= 4);
      const word = wordsByCue[cueIndex]![2]!;
      await seekVideo((word.startTime + word.endTime) / 2, workspace);
      const marked = await workspace.evaluate(() => {
        const current = document.querySelectorAll('[data-word-current]');
        const row = current[0]?.closest('.t-row');
        return {
          count: current.length,
          text: current[0]?.textContent,
          inSource: current[0]?.closest('.t-row__source') !== null,
          rowCue: row?.getAttribute('data-cue-id'),
          rowSpoken: row?.getAttribute('aria-current'),
        };
      });
      expect(marked).toEqual({
        count: 1,
        text: word.text,
        inSource: true,
        rowCue: cues[cueIndex]!.id,
        rowSpoken: 'true',
      });
      // The source column reads as before: the cue's text.
      await expect(
        workspace
          .locator(
            `[data-row-kind="transcript"][data-cue-id="${cues[cueIndex]!.id}"] .t-row__source`,
          )
          .textContent(),
      ).resolves.toBe(cues[cueIndex]!.text);
    } finally {
      await workspace.close();
    }
  });

  it('side by side, marks words only in the source column', async () => {
    const pair = await openWatch(browser, '?lang=ko&pair=en');
    try {
      const cueIndex = cues.findIndex((cue, i) => wordsByCue[i]!.length >= 3);
      const word = wordsByCue[cueIndex]![1]!;
      await seekVideo((word.startTime + word.endTime) / 2, pair);
      const marked = await pair.evaluate(() => {
        const current = document.querySelectorAll('[data-word-current]');
        return {
          count: current.length,
          lang: current[0]?.closest('[lang]')?.getAttribute('lang'),
          text: current[0]?.textContent,
          koreanWords: document.querySelectorAll('.line__text[lang="ko"] [data-word-start]').length,
        };
      });
      expect(marked).toEqual({ count: 1, lang: 'en', text: word.text, koreanWords: 0 });
    } finally {
      await pair.close();
    }
  });
});
