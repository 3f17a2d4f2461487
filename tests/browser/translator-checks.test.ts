/**
 * Issue 7, live checks and progress: every rule the workspace can meet appears on its row and in
 * the summary (whose entry takes the keyboard to the row), says what the limit is and why, and
 * goes when fixed; progress moves as rows are translated, in the workspace and on the episode list.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watchPageProblems } from './support/page-watch.ts';
import {
  box,
  EPISODE_ID,
  openWorkspace,
  row,
  startLanguage,
  workspaceTestbed,
  type Testbed,
} from './translator-helpers.ts';

/**
 * Problems a text editor can leave in the Korean file: a raw &, a misspelt speaker, an id the
 * source lacks, and a source id left out.
 */
function breakKorean(files: Testbed['files']): void {
  const file = path.join(files.folder, 'transcript.ko.vtt');
  const text = readFileSync(file, 'utf8')
    .replace('<v Joy>물건을 골라', '<v Joy>물건을 & 골라')
    .replace('<v Joy>북한에서 짜장면이나', '<v Jooy>북한에서 짜장면이나')
    .replace(/\nc094\n[\s\S]*$/, '\n');
  writeFileSync(file, text + '\nx999\n00:05:00.000 --> 00:05:02.000\n<v Joy>여분의 줄\n');
}

// The checks live in the workspace: the preview server (a production build) is enough.
const bed = workspaceTestbed({ prepare: breakKorean });
// Progress on the episode list: the dev server, whose list reads the languages' files as saved.
const dev = workspaceTestbed({ server: 'dev', prepare: breakKorean });

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

/** The Korean workspace, without the draft an earlier test may have left. */
async function openKorean(page: Page): Promise<void> {
  await openWorkspace(page, bed.server.url, 'ko');
  // The draft check has answered (openWorkspace waits for it): an offer is on screen now or never.
  const discard = page.getByRole('button', { name: 'Discard draft' });
  if (await discard.count()) await discard.click();
}

// Two tests rather than one long walk: each stays well inside the test timeout on a loaded machine.
describe('live checks', () => {
  it("shows the file's problems and each text rule on its row and in the summary, until fixed", async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page);
    await openKorean(page);

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

    // Text rules: each text breaks a rule, the next one keeps it (Korean: 16 per line, 12 a second).
    const texts: Array<[id: string, rule: string, broken: string, fixed: string]> = [
      // 15.5 display characters in 1.227 s.
      ['c004', 'reading-speed', '정말로 그런 오해가 많이 있나요?', '오해요?'],
      // 16.5 display characters on one line.
      [
        'c005',
        'line-length',
        '처음 한국에 왔을 때 정말 힘들었어요',
        '처음 한국에 왔을 때\n정말 힘들었어요',
      ],
      [
        'c007',
        'line-count',
        '그때 저는 아직 어렸고\n북한 억양이\n아주 강했어요',
        '그때 저는 아직 어렸고\n북한 억양이 아주 강했어요',
      ],
      ['c012', 'untranslated', '', '북한에서 왔다고 하면'],
    ];
    for (const [id, rule, broken, fixed] of texts) {
      await box(page, id).fill(broken);
      await expectShown(page, id, rule, true);
      if (rule === 'reading-speed') {
        expect(await row(page, id).innerText()).toMatch(
          /above the ko limit; half-width characters count 0\.5 of 12/,
        );
      }
      await box(page, id).fill(fixed);
      await expectShown(page, id, rule, false);
    }
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('shows each timing rule, a changed speaker, and a summary entry that leads to its row', async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page);
    await openKorean(page);
    const nudge = async (id: string, keys: string, times: number) => {
      await box(page, id).click();
      for (let i = 0; i < times; i++) await page.keyboard.press(keys);
    };
    const undo = () => page.keyboard.press('Control+z');

    // Timing rules: nudges that break a rule, then one undo (quick nudges are one step).
    const nudges: Array<[id: string, keys: string, times: number, rule: string, on: string]> = [
      // c004 ends 0.4 s earlier: 0.827 s on screen, under 5/6 s.
      ['c004', 'Alt+Shift+ArrowLeft', 4, 'duration', 'c004'],
      // c005 ends 0.1 s earlier: 0.167 s before c006 flickers; close it to 2 frames.
      ['c005', 'Alt+Shift+ArrowLeft', 1, 'gap', 'c005'],
      // c005 ends 0.1 s later, after c006 starts: on c006, the later cue.
      ['c005', 'Alt+Shift+ArrowRight', 1, 'cue-overlap', 'c006'],
      // c009 starts 0.6 s after its source cue.
      ['c009', 'Alt+ArrowRight', 6, 'timing-drift', 'c009'],
    ];
    for (const [id, keys, times, rule, on] of nudges) {
      await nudge(id, keys, times);
      await expectShown(page, on, rule, true);
      if (rule === 'timing-drift') {
        expect(await row(page, on).innerText()).toMatch(/0\.6 s later than the source cue/);
      }
      await undo();
      await expectShown(page, on, rule, false);
    }

    // A changed speaker.
    await page.getByRole('combobox', { name: 'Speaker of c011' }).selectOption('dasom');
    await expectShown(page, 'c011', 'speaker-changed', true);
    await page.getByRole('combobox', { name: 'Speaker of c011' }).selectOption('joy');
    await expectShown(page, 'c011', 'speaker-changed', false);

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
    const page = await dev.browser.newPage();
    await page.goto(dev.server.url);
    expect(await startLanguage(page, 'fr', 'Français')).toBe(201);
    await openWorkspace(page, dev.server.url, 'fr');
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

    await page.goto(dev.server.url);
    await page.getByText('Translate', { exact: true }).click();
    const french = page.getByRole('progressbar', { name: 'Translation progress: Français' });
    await french.waitFor();
    expect(await french.getAttribute('value')).toBe('2');
    expect(await page.locator('.translate-panel').innerText()).toMatch(
      /Français\s*2 of 94 rows translated · 2% of the spoken time/,
    );
    expect(await page.locator('.translate-panel').innerText()).toMatch(
      /한국어\s*93 of 94 rows translated · 99%/,
    );
    await page.getByRole('link', { name: 'Français' }).click();
    await page.waitForURL(`**/translate/${EPISODE_ID}/fr`);
    await page.close();
  });
});
