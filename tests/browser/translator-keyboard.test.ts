/**
 * Issue 7, keyboard first: a pass over ten rows with the keyboard alone; nudge a cue and undo
 * across rows; find and replace in the translations; a note for the reviewer that survives save
 * and reload. Playing, replaying and looping a row's cue (timed against the video's clock, so run
 * alone) is in translator-playback-keys.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  box,
  focusedName,
  openWorkspace,
  readEpisodeFile,
  row,
  workspaceTestbed,
} from './translator-helpers.ts';

const bed = workspaceTestbed({ languages: [['fr', 'Français']] });

const cues = (name: string) => parseVtt(readEpisodeFile(bed.files.folder, name)).document.cues;

async function save(page: Page): Promise<void> {
  await page.keyboard.press('Control+s');
  await page.getByText(/Saved to the file at/).waitFor();
}

describe('keyboard', () => {
  it('translates the question and ten rows with the keyboard alone', async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page);
    await openWorkspace(page, bed.server.url, 'fr');

    // Tab from the top of the page to the first box: the question.
    for (
      let presses = 0;
      presses < 80 && (await focusedName(page)) !== 'Translation of q1';
      presses++
    ) {
      await page.keyboard.press('Tab');
    }
    expect(await focusedName(page)).toBe('Translation of q1');
    await page.keyboard.type('Y a-t-il des malentendus sur les Nord-Coréens qui vous gênent ?');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Translation of c001');

    const rows = [
      'Bienvenue dans la Red Box !',
      'Y a-t-il des malentendus',
      'qui vous mettent mal à l’aise ?',
      'Des malentendus ?',
      'Quand je suis arrivée en Corée du Sud,',
      'je travaillais à mi-temps',
      'J’étais encore très jeune',
      'et j’avais un fort accent du Nord.',
      'Un client m’a demandé',
      "d'où je venais.",
    ];
    for (const [i, text] of rows.entries()) {
      if (i === 6) {
        // Two lines in one row.
        const [first, second] = ['J’étais encore très jeune', 'et très timide'];
        await page.keyboard.type(first);
        await page.keyboard.press('Shift+Enter');
        await page.keyboard.type(second);
      } else await page.keyboard.type(text);
      // Enter and Tab both go on to the next row.
      await page.keyboard.press(i % 2 === 0 ? 'Enter' : 'Tab');
      expect(await focusedName(page)).toBe(`Translation of c${String(i + 2).padStart(3, '0')}`);
    }
    // Shift+Tab goes back; the caret lands at the end to carry on writing.
    await page.keyboard.press('Shift+Tab');
    expect(await focusedName(page)).toBe('Translation of c010');
    await page.keyboard.type(' Je lui ai répondu.');
    await save(page);

    const saved = cues('transcript.fr.vtt');
    expect(saved.slice(0, 10).map((cue) => cue.text)).toEqual([
      ...rows.slice(0, 6),
      'J’étais encore très jeune\net très timide',
      ...rows.slice(7, 9),
      "d'où je venais. Je lui ai répondu.",
    ]);
    expect(saved.slice(0, 10).map((cue) => cue.speakerId)).toEqual(
      cues('transcript.en.vtt')
        .slice(0, 10)
        .map((cue) => cue.speakerId),
    );
    expect(cues('chapters.fr.vtt')[0]!.text).toBe(
      'Y a-t-il des malentendus sur les Nord-Coréens qui vous gênent ?',
    );
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('nudges a cue by 100 ms and undoes and redoes across rows', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'ko');
    const timing = () => row(page, 'c002').locator('.t-timing__value').allInnerTexts();
    expect(await timing()).toEqual(['0:06.905', '0:10.485']);
    await box(page, 'c002').click();
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+ArrowRight');
    await page.keyboard.press('Alt+Shift+ArrowLeft');
    expect(await timing()).toEqual(['0:07.105', '0:10.385']);
    // Then a text edit in another row.
    await box(page, 'c004').click();
    await page.keyboard.type('!');

    // Undo walks back across rows, taking the keyboard to each row it changes.
    await page.keyboard.press('Control+z');
    expect(await box(page, 'c004').inputValue()).toBe('오해요?');
    await page.keyboard.press('Control+z');
    expect(await timing()).toEqual(['0:07.105', '0:10.485']);
    expect(await focusedName(page)).toBe('Translation of c002');
    await page.keyboard.press('Control+z');
    expect(await timing()).toEqual(['0:06.905', '0:10.485']);
    // Redo: Ctrl+Shift+Z and Ctrl+Y.
    await page.keyboard.press('Control+Shift+z');
    expect(await timing()).toEqual(['0:07.105', '0:10.485']);
    await page.keyboard.press('Control+y');
    expect(await timing()).toEqual(['0:07.105', '0:10.385']);
    await save(page);
    const c002 = cues('transcript.ko.vtt').find((cue) => cue.id === 'c002')!;
    expect([c002.startTime, c002.endTime]).toEqual([7.105, 10.385]);
    await page.close();
  });

  it('finds and replaces in the translations only, in one undo step', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'ko');
    await box(page, 'c001').click();
    await page.keyboard.press('Control+f');
    await expect.poll(() => focusedName(page)).toBe(null);
    const panel = page.locator('.t-find');
    await panel.getByLabel('Find', { exact: true }).fill('오해');
    const count = await panel.getByRole('status').innerText();
    const [, matches, rows] = /(\d+) matches in (\d+) rows/.exec(count)!;
    expect(Number(matches)).toBeGreaterThan(2);

    await panel.getByRole('button', { name: 'Find next' }).click();
    expect(await focusedName(page)).toBe('Translation of q1');
    const selected = await page.evaluate(() => {
      const box = document.activeElement as HTMLTextAreaElement;
      return box.value.slice(box.selectionStart, box.selectionEnd);
    });
    expect(selected).toBe('오해');

    await panel.getByLabel('Replace with').fill('誤解');
    await panel.getByRole('button', { name: 'Replace all' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain(`Replaced ${matches}`);
    expect(await box(page, 'c004').inputValue()).toBe('誤解요?');
    // The source column is left alone.
    expect(await row(page, 'c004').locator('.t-row__source').innerText()).toBe(
      'Misunderstandings?',
    );
    expect(Number(rows)).toBeGreaterThan(1);

    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect(await box(page, 'c004').inputValue()).toBe('오해요?');
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    expect(await box(page, 'c004').inputValue()).toBe('誤解요?');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at|Nothing to save/).waitFor();
    await page.close();
  });

  it('keeps a note for the reviewer through save and reload', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'ko');
    await box(page, 'c006').click();
    await page.keyboard.press('Alt+n');
    expect(await focusedName(page)).toBe(null); // the note is labelled by its visible label
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('t-note__text');
    await page.keyboard.type('편의점 아르바이트: "part-time" is the register here?');
    await page.keyboard.press('Escape');
    expect(await focusedName(page)).toBe('Translation of c006');
    await save(page);
    const text = readEpisodeFile(bed.files.folder, 'transcript.ko.vtt');
    expect(text).toContain(
      'NOTE for c006\n편의점 아르바이트: "part-time" is the register here?\n\nc006\n',
    );

    await page.reload();
    await box(page, 'c006').waitFor();
    const note = page.getByRole('textbox', { name: 'Note for c006' });
    expect(await note.inputValue()).toBe('편의점 아르바이트: "part-time" is the register here?');
    await page.close();
  });
});
