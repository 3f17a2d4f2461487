/**
 * A 3,000-row file stays responsive in the workspace (production build, preview server): only the
 * rows in view are drawn, typing answers within a frame budget, checks follow, and Tab reaches a
 * row far below (drawn when it is reached).
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { formatTimestamp } from '../../src/core/vtt-serialize.ts';
import { launchChromium } from './support/chromium.ts';
import { startPreviewServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes } from './support/temp-episodes.ts';
import { box, openWorkspace } from './translator-helpers.ts';

const ROWS = 3000;
let server: RunningServer;
let browser: BrowserContext;
let files: ReturnType<typeof copyEpisodes>;

/** A transcript of ROWS cues, 2 s each with 0.5 s gaps; `text(i)` gives cue i's text. */
function longTranscript(text: (i: number) => string): string {
  const blocks = ['WEBVTT'];
  for (let i = 0; i < ROWS; i++) {
    const start = i * 2.5;
    blocks.push(
      `c${i}\n${formatTimestamp(start)} --> ${formatTimestamp(start + 2)}\n<v Joy>${text(i)}`,
    );
  }
  return blocks.join('\n\n') + '\n';
}

beforeAll(async () => {
  files = copyEpisodes();
  writeFileSync(
    path.join(files.folder, 'transcript.en.vtt'),
    longTranscript((i) => `Line ${i} of a long interview, spoken in English.`),
  );
  // Half translated; one row in three hundred too fast to read.
  writeFileSync(
    path.join(files.folder, 'transcript.ko.vtt'),
    longTranscript((i) =>
      i % 2 === 1
        ? ''
        : i % 300 === 0
          ? '아주 긴 번역 문장이 이렇게 여기에 들어가서 읽기 속도가 너무 빠릅니다'
          : `${i}번째 줄`,
    ),
  );
  server = await startPreviewServer(inject('distDir'), { episodesDir: files.episodesDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(files.episodesDir, { recursive: true, force: true });
});

/** Event Timing entries (input delay + handlers + the next paint) for keys typed after this. */
async function watchKeyTimings(page: Page): Promise<void> {
  await page.evaluate(() => {
    const durations: number[] = [];
    (window as unknown as { keyDurations: number[] }).keyDurations = durations;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        if (entry.name === 'keydown') durations.push(entry.duration);
    }).observe({
      type: 'event',
      durationThreshold: 16,
      buffered: false,
    } as PerformanceObserverInit);
  });
}

describe('a 3,000-row transcript', () => {
  it('draws only the rows in view and stays responsive while typing', async () => {
    const page = await browser.newPage();
    const started = Date.now();
    await openWorkspace(page, server.url, 'ko', 'c0');
    const loadMs = Date.now() - started;
    await page
      .locator('.t-checks__count')
      .filter({ hasText: /warnings/ })
      .waitFor();
    const checkedMs = Date.now() - started;

    const drawn = await page.locator('[data-row-kind="transcript"]').count();
    expect(drawn).toBeGreaterThan(3);
    expect(drawn).toBeLessThan(80);
    // Every row's findings are in the summary, drawn or not: 1,500 untranslated, 10 too fast.
    expect(await page.locator('.t-checks__count').innerText()).toMatch(/0 errors, 15\d\d warnings/);

    await watchKeyTimings(page);
    // Rows c1 and c3 are untranslated (c2 has text, which gets more).
    const typing = ['오해가 많아요', ' 정말로', '그렇죠'];
    await box(page, 'c1').click();
    for (const [i, text] of typing.entries()) {
      await page.keyboard.type(text, { delay: 40 });
      if (i < typing.length - 1) await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(500);
    const durations = await page.evaluate(
      () => (window as unknown as { keyDurations: number[] }).keyDurations,
    );
    const sorted = [...durations].sort((a, b) => a - b);
    // Entries exist only for keys slower than 16 ms: the others were faster still.
    const typed = typing.join('').length;
    const median = sorted.length * 2 > typed ? sorted[Math.floor(sorted.length - typed / 2)]! : 16;
    console.log(
      `3,000 rows: workspace ready in ${loadMs} ms, all rows checked in ${checkedMs} ms, ${drawn} rows drawn, ` +
        `keystrokes over 16 ms: ${sorted.length} of ${typed}, median ${median.toFixed(0)} ms, slowest ${(sorted.at(-1) ?? 0).toFixed(0)} ms`,
    );
    expect(median).toBeLessThan(100);
    expect(await box(page, 'c1').inputValue()).toBe('오해가 많아요');
    expect(await box(page, 'c2').inputValue()).toBe('2번째 줄 정말로');
    expect(await box(page, 'c3').inputValue()).toBe('그렇죠');
    // Two untranslated rows fewer.
    await expect
      .poll(() => page.locator('.t-checks__count').innerText())
      .toBe('0 errors, 1518 warnings');
    await page.close();
  });

  it('takes the keyboard to a row far below, drawing it when it is reached', async () => {
    const page = await browser.newPage();
    await openWorkspace(page, server.url, 'ko', 'c0');
    // A check in the summary jumps to its row: c2700 is far out of view.
    await page.getByRole('button', { name: 'Go to c2700: reading-speed' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Translation of c2700');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Translation of c2701');
    expect(await page.locator('[data-row-kind="transcript"]').count()).toBeLessThan(80);
    await page.close();
  });
});
