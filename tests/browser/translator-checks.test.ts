/**
 * Issue 7, live checks and progress: every rule the workspace can meet appears on its row and in
 * the summary (whose entry takes the keyboard to the row), says what the limit is and why, and
 * goes when fixed; progress moves as rows are translated, in the workspace and on the episode list.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { startDevServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes } from './support/temp-episodes.ts';
import { box, EPISODE_ID, openWorkspace, row, startLanguage } from './translator-helpers.ts';

let server: RunningServer;
let browser: BrowserContext;
let files: ReturnType<typeof copyEpisodes>;

beforeAll(async () => {
  files = copyEpisodes();
  // Problems a text editor can leave in a file: a raw &, a misspelt speaker, an id the source
  // lacks, and a source id left out.
  const file = path.join(files.folder, 'transcript.ko.vtt');
  const text = readFileSync(file, 'utf8')
    .replace('<v Joy>물건을 골라', '<v Joy>물건을 & 골라')
    .replace('<v Joy>북한에서 짜장면이나', '<v Jooy>북한에서 짜장면이나')
    .replace(/\nc094\n[\s\S]*$/, '\n');
  writeFileSync(file, text + '\nx999\n00:05:00.000 --> 00:05:02.000\n<v Joy>여분의 줄\n');
  server = await startDevServer({ episodesDir: files.episodesDir });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(files.episodesDir, { recursive: true, force: true });
});

/** Whether `rule` is shown on the row of `id`, and in the summary as a way to that row. */
async function shown(page: Page, id: string, rule: string): Promise<[boolean, boolean]> {
  const onRow = await row(page, id)
    .locator('.t-finding__rule', { hasText: new RegExp(`^${rule}$`) })
    .count();
  const inSummary = await page
    .getByRole('button', { name: `Go to ${id}: ${rule}`, exact: true })
    .count();
  return [onRow > 0, inSummary > 0];
}

async function expectShown(page: Page, id: string, rule: string, present: boolean): Promise<void> {
  await expect.poll(() => shown(page, id, rule), { timeout: 5000 }).toEqual([present, present]);
}

describe('live checks', () => {
  it('shows each rule on its row and in the summary, with its limit and why, until it is fixed', async () => {
    const page = await browser.newPage();
    const problems = watchPageProblems(page);
    await openWorkspace(page, server.url, 'ko');
    await page
      .getByRole('button', { name: 'Discard draft' })
      .click({ timeout: 1000 })
      .catch(() => {});
    const nudge = async (id: string, keys: string, times: number) => {
      await box(page, id).click();
      for (let i = 0; i < times; i++) await page.keyboard.press(keys);
    };
    const undo = () => page.keyboard.press('Control+z');

    // Read from the file: a raw &, an unknown speaker, an id the source lacks, a missing id.
    await expectShown(page, 'c013', 'raw-ampersand', true);
    expect(await row(page, 'c013').locator('.t-finding--error').innerText()).toMatch(
      /Why: A raw & is an escape error/,
    );
    await expectShown(page, 'c014', 'unknown-speaker', true);
    expect(await row(page, 'c014').innerText()).toMatch(/did you mean "Joy"\?/);
    await expectShown(page, 'x999', 'extra-translation', true);
    await page
      .getByText(/1 row of the source was missing from the file and was added empty/)
      .waitFor();

    // Typing fixes the raw & (the workspace writes & escaped); the speaker menu fixes the speaker.
    await box(page, 'c013').press('End');
    await page.keyboard.type('요');
    await expectShown(page, 'c013', 'raw-ampersand', false);
    await page.getByRole('combobox', { name: 'Speaker of c014' }).selectOption('joy');
    await expectShown(page, 'c014', 'unknown-speaker', false);
    await row(page, 'x999').getByRole('button', { name: 'Remove x999' }).click();
    expect(await row(page, 'x999').count()).toBe(0);
    await expect.poll(() => page.getByRole('button', { name: /^Go to x999/ }).count()).toBe(0);

    // Reading speed: 15.5 display characters in 1.227 s, over Korean's 12 per second.
    await box(page, 'c004').fill('정말로 그런 오해가 많이 있나요?');
    await expectShown(page, 'c004', 'reading-speed', true);
    expect(await row(page, 'c004').innerText()).toMatch(
      /above the ko limit; half-width characters count 0\.5 of 12/,
    );
    await box(page, 'c004').fill('오해요?');
    await expectShown(page, 'c004', 'reading-speed', false);

    // Line length: 16.5 display characters on a line, over 16.
    await box(page, 'c005').fill('처음 한국에 왔을 때 정말 힘들었어요');
    await expectShown(page, 'c005', 'line-length', true);
    await box(page, 'c005').fill('처음 한국에 왔을 때\n정말 힘들었어요');
    await expectShown(page, 'c005', 'line-length', false);

    // Lines per cue: a third line.
    await box(page, 'c007').fill('그때 저는 아직 어렸고\n북한 억양이\n아주 강했어요');
    await expectShown(page, 'c007', 'line-count', true);
    await box(page, 'c007').fill('그때 저는 아직 어렸고\n북한 억양이 아주 강했어요');
    await expectShown(page, 'c007', 'line-count', false);

    // Duration: c004 ends 0.4 s earlier, 0.827 s on screen, under 5/6 s.
    await nudge('c004', 'Alt+Shift+ArrowLeft', 4);
    await expectShown(page, 'c004', 'duration', true);
    await undo();
    await expectShown(page, 'c004', 'duration', false);

    // Gap: c005 ends 0.1 s earlier, leaving 0.167 s before c006 (flicker: close it to 2 frames).
    await nudge('c005', 'Alt+Shift+ArrowLeft', 1);
    await expectShown(page, 'c005', 'gap', true);
    await undo();
    await expectShown(page, 'c005', 'gap', false);

    // Overlap: c005 ends 0.1 s later, after c006 starts (on c006, the later cue).
    await nudge('c005', 'Alt+Shift+ArrowRight', 1);
    await expectShown(page, 'c006', 'cue-overlap', true);
    await undo();
    await expectShown(page, 'c006', 'cue-overlap', false);

    // Timing drift: c009 starts 0.6 s after its source cue.
    await nudge('c009', 'Alt+ArrowRight', 6);
    await expectShown(page, 'c009', 'timing-drift', true);
    expect(await row(page, 'c009').innerText()).toMatch(/0\.6 s later than the source cue/);
    await undo();
    await expectShown(page, 'c009', 'timing-drift', false);

    // A changed speaker.
    await page.getByRole('combobox', { name: 'Speaker of c011' }).selectOption('dasom');
    await expectShown(page, 'c011', 'speaker-changed', true);
    await page.getByRole('combobox', { name: 'Speaker of c011' }).selectOption('joy');
    await expectShown(page, 'c011', 'speaker-changed', false);

    // Untranslated.
    await box(page, 'c012').fill('');
    await expectShown(page, 'c012', 'untranslated', true);
    await box(page, 'c012').fill('북한에서 왔다고 하면');
    await expectShown(page, 'c012', 'untranslated', false);

    // A summary entry takes the keyboard to its row.
    await box(page, 'c020').fill('');
    await page.getByRole('button', { name: 'Go to c020: untranslated' }).click();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Translation of c020',
    );

    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

describe('progress', () => {
  it('moves as rows are translated, in the workspace and on the episode list', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    expect(await startLanguage(page, 'fr', 'Français')).toBe(201);
    await openWorkspace(page, server.url, 'fr');
    const meter = page.locator('.t-progress');
    expect(await meter.innerText()).toMatch(/0 of 94 rows translated · 0% of the spoken time/);
    await box(page, 'c002').fill('Y a-t-il des malentendus');
    await box(page, 'c003').fill('qui vous mettent mal à l’aise ?');
    await expect
      .poll(() => meter.innerText())
      .toMatch(/2 of 94 rows translated · 2% of the spoken time/);
    expect(
      await page.getByRole('progressbar', { name: 'Translation progress' }).getAttribute('value'),
    ).toBe('2');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();

    await page.goto(server.url);
    await page.getByText('Translate', { exact: true }).click();
    const french = page.getByRole('progressbar', { name: 'Translation progress: Français' });
    await french.waitFor();
    expect(await french.getAttribute('value')).toBe('2');
    expect(await page.locator('.translate-panel').innerText()).toMatch(
      /Français\s*2 of 94 rows translated · 2% of the spoken time/,
    );
    expect(await page.locator('.translate-panel').innerText()).toMatch(
      /한국어\s*94 of 94 rows translated · 100%/,
    );
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`**/translate/${EPISODE_ID}/fr`);
    await page.close();
  });
});
