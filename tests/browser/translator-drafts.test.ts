/**
 * Issue 6, never lose a line: drafts survive a reload and a closed tab, are offered back with
 * their time and how many rows differ, go only after a save; a raw `<` and `&` survive save and
 * reload. Issue 18: a row's inline markup survives an edit and can be edited itself; two tabs on
 * one language keep a draft each, both offered on restore, and each says the other is open.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { setCueMarkup } from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  box,
  EPISODE_ID,
  openWorkspace,
  readEpisodeFile,
  storedDraft,
  storedDrafts,
  workspaceTestbed,
} from './translator-helpers.ts';

const bed = workspaceTestbed({
  languages: [
    ['fr', 'Français'],
    ['de', 'Deutsch'],
    ['es', 'Español'],
    ['it', 'Italiano'],
    ['pt', 'Português'],
  ],
});

const french = [
  'Bienvenue dans la Red Box !',
  'Y a-t-il des malentendus',
  'qui vous mettent mal à l’aise ?',
];

async function typeRows(page: Page, texts: readonly string[]): Promise<void> {
  await box(page, 'c001').click();
  for (const text of texts) {
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
  }
}

describe('drafts', () => {
  it('keeps three translated rows through a reload mid-edit and restores them', async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page);
    await openWorkspace(page, bed.server.url, 'fr');
    // When the page handled the last keystroke, by its own clock.
    await page.evaluate(() =>
      document.addEventListener(
        'input',
        () => ((window as unknown as { lastInput: number }).lastInput = performance.now()),
        true,
      ),
    );
    await typeRows(page, french);

    // The draft is in IndexedDB within a second of the last keystroke (measured in the page).
    const latency = await page.evaluate(
      async ({ language, last }) => {
        // Every draft of the language (this tab's is under `<language>/<tab id>`).
        const read = () =>
          new Promise<string>((resolve) => {
            const open = indexedDB.open('red-box-translator');
            open.onsuccess = () => {
              const request = open.result.transaction('drafts').objectStore('drafts').getAll();
              request.onsuccess = () => {
                open.result.close();
                const drafts = request.result as Array<{
                  key: string;
                  transcript: { text: string };
                }>;
                resolve(
                  drafts
                    .filter((draft) => draft.key.startsWith(`${language}/`))
                    .map((draft) => draft.transcript.text)
                    .join('\n'),
                );
              };
            };
          });
        while (!(await read()).includes(last)) await new Promise((r) => setTimeout(r, 10));
        return performance.now() - (window as unknown as { lastInput: number }).lastInput;
      },
      { language: `${EPISODE_ID}/fr`, last: french[2]! },
    );
    console.log(`draft written ${Math.round(latency)} ms after the last keystroke`);
    expect(latency).toBeLessThan(1000);

    await page.reload();
    await box(page, 'c001').waitFor();
    const offer = page.getByRole('button', { name: 'Restore draft', exact: true });
    await offer.waitFor();
    await expect
      .poll(() => page.locator('.t-notice--draft').innerText())
      .toMatch(/3 rows differ from the file/);
    // Nothing is typed over the offered draft.
    expect(await box(page, 'c001').getAttribute('readonly')).not.toBeNull();
    expect(await box(page, 'c001').inputValue()).toBe('');

    await offer.click();
    expect(await box(page, 'c001').inputValue()).toBe(french[0]);
    expect(await box(page, 'c003').inputValue()).toBe(french[2]);
    expect(await page.getByRole('button', { name: 'Discard draft' }).count()).toBe(0);
    // Restored work is still only a draft: the file has not changed.
    expect(readEpisodeFile(bed.files.folder, 'transcript.fr.vtt')).not.toContain(french[0]);

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    const saved = parseVtt(readEpisodeFile(bed.files.folder, 'transcript.fr.vtt')).document.cues;
    expect(saved.slice(0, 3).map((cue) => cue.text)).toEqual(french);
    // After a successful save the draft is gone.
    await expect.poll(() => storedDraft(page, 'fr')).toBeNull();
    await page.reload();
    await box(page, 'c001').waitFor();
    await page.getByText('Looking for a draft…').waitFor({ state: 'detached' });
    expect(await page.getByRole('button', { name: 'Restore draft' }).count()).toBe(0);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('recovers the work of a page closed without saving, even at once after typing', async () => {
    // A tab closed a second after the last change (or a crash): the draft was already written.
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'de');
    await box(page, 'c004').click();
    await page.keyboard.type('Missverständnisse?');
    await expect
      .poll(async () => (await storedDraft(page, 'de'))?.transcript.text ?? '')
      .toContain('Missverständnisse?');
    await page.close({ runBeforeUnload: false });

    let again = await bed.browser.newPage();
    await openWorkspace(again, bed.server.url, 'de');
    await again.getByRole('button', { name: 'Restore draft' }).click();
    expect(await box(again, 'c004').inputValue()).toBe('Missverständnisse?');

    // Closed right after a keystroke: the page keeps the draft as it goes.
    await box(again, 'c005').click();
    await again.keyboard.type('Als ich nach Südkorea kam,');
    await again.close({ runBeforeUnload: true });
    await expect.poll(() => again.isClosed()).toBe(true);

    again = await bed.browser.newPage();
    await openWorkspace(again, bed.server.url, 'de');
    await again.getByRole('button', { name: 'Restore draft' }).click();
    expect(await box(again, 'c004').inputValue()).toBe('Missverständnisse?');
    expect(await box(again, 'c005').inputValue()).toBe('Als ich nach Südkorea kam,');
    await again.close();
  });

  it('discards a draft only when asked, leaving the rows as the file has them', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'de');
    // The draft from the previous test is on offer again (it was never saved).
    await page.getByRole('button', { name: 'Discard draft' }).click();
    expect(await box(page, 'c004').inputValue()).toBe('');
    expect(await box(page, 'c004').getAttribute('readonly')).toBeNull();
    await expect.poll(() => storedDraft(page, 'de')).toBeNull();
    await page.close();
  });
});

describe('typed markup characters', () => {
  it('keeps a raw < and & through save and reload, escaped in the file', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'es');
    const typed = 'Si a < b & c > d, <i>nada</i> --> fin';
    await box(page, 'c005').fill(typed);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    const file = readEpisodeFile(bed.files.folder, 'transcript.es.vtt');
    expect(file).toContain('<v Joy>Si a &lt; b &amp; c > d, &lt;i>nada&lt;/i> --&gt; fin');
    const parsed = parseVtt(file);
    expect(parsed.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(parsed.document.cues.find((cue) => cue.id === 'c005')!.text).toBe(typed);

    await page.reload();
    await box(page, 'c005').waitFor();
    expect(await box(page, 'c005').inputValue()).toBe(typed);
    await page.close();
  });
});

describe('inline markup (issue 18)', () => {
  it('keeps a row’s <i> and word timestamps through an edit and a save, and edits them on purpose', async () => {
    // c006 of the Italian file gets markup, as a file from the aligner or another tool has.
    const file = path.join(bed.files.folder, 'transcript.it.vtt');
    const document = parseVtt(readEpisodeFile(bed.files.folder, 'transcript.it.vtt')).document;
    const index = document.cues.findIndex((cue) => cue.id === 'c006');
    const marked = '<i>Lavoravo</i> in un <00:18.500>minimarket';
    writeFileSync(file, serializeVtt(setCueMarkup(document, index, marked)));

    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page);
    await openWorkspace(page, bed.server.url, 'it');
    // The markup shows in the row, as the file writes it.
    const markup = page.getByRole('textbox', { name: 'Markup of c006', exact: true });
    expect(await markup.inputValue()).toBe(marked);
    expect(await box(page, 'c006').inputValue()).toBe('Lavoravo in un minimarket');

    // Typed plain text, & and < included, goes into the text runs; the tags stay.
    await box(page, 'c006').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' & <poi>');
    await expect.poll(() => markup.inputValue()).toBe(`${marked} &amp; &lt;poi>`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    expect(readEpisodeFile(bed.files.folder, 'transcript.it.vtt')).toContain(
      '\n<v Joy><i>Lavoravo</i> in un <00:18.500>minimarket &amp; &lt;poi>\n',
    );

    // The markup edited deliberately: a <b> added, an & typed as text.
    await markup.fill('<i>Lavoravo</i> in un <00:18.500><b>minimarket</b> & poi');
    expect(await box(page, 'c006').inputValue()).toBe('Lavoravo in un minimarket & poi');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect
      .poll(() => readEpisodeFile(bed.files.folder, 'transcript.it.vtt'))
      .toContain('\n<v Joy><i>Lavoravo</i> in un <00:18.500><b>minimarket</b> &amp; poi\n');
    const saved = parseVtt(readEpisodeFile(bed.files.folder, 'transcript.it.vtt'));
    expect(saved.findings.filter((finding) => finding.severity === 'error')).toEqual([]);

    // A row without markup opens its markup on request.
    const toggle = page.getByRole('button', { name: 'Show the markup of c007', exact: true });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('textbox', { name: 'Markup of c007', exact: true }).waitFor();
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

describe('two tabs on one language (issue 18)', () => {
  it('keeps a draft per tab, offers both on restore, and tells each tab the other is open', async () => {
    const first = await bed.browser.newPage();
    await openWorkspace(first, bed.server.url, 'pt');
    const second = await bed.browser.newPage();
    await openWorkspace(second, bed.server.url, 'pt');
    const openElsewhere = (page: Page) => page.getByText(/also open in another tab/);
    await openElsewhere(second).waitFor();
    await openElsewhere(first).waitFor();

    await box(first, 'c004').fill('Primeira aba');
    await box(second, 'c005').fill('Segunda aba');
    // Each tab's draft is kept, neither replaces the other.
    await expect.poll(() => storedDrafts(first, 'pt')).toHaveLength(2);
    // A third tab is told of both, and offered neither: their work is still in use there.
    const third = await bed.browser.newPage();
    await openWorkspace(third, bed.server.url, 'pt');
    await third.getByText(/also open in 2 other tabs/).waitFor();
    expect(await third.getByRole('button', { name: 'Restore draft' }).count()).toBe(0);
    await third.close();
    await first.close({ runBeforeUnload: false });
    await expect.poll(() => openElsewhere(second).count()).toBe(0);
    await second.close({ runBeforeUnload: false });

    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'pt');
    const choices = page.getByRole('radio');
    await expect.poll(() => choices.count()).toBe(2);
    await page.getByRole('radio', { name: /c005/ }).check();
    await page.getByRole('button', { name: 'Restore draft', exact: true }).click();
    expect(await box(page, 'c005').inputValue()).toBe('Segunda aba');
    expect(await box(page, 'c004').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();

    // The other tab's draft is still there, offered on its own. It began before the save, so
    // it is merged with the file row by row: its c004, the file's c005.
    await page.reload();
    await box(page, 'c004').waitFor();
    await page.getByRole('button', { name: 'Restore draft', exact: true }).click();
    const merge = (id: string) => page.locator(`[data-merge-id="${id}"]`);
    expect(await merge('c004').getByText('Primeira aba').count()).toBe(1);
    await merge('c005')
      .getByRole('radio', { name: /Take theirs/ })
      .check();
    await page.getByRole('button', { name: 'Apply the merge', exact: true }).click();
    expect(await box(page, 'c004').inputValue()).toBe('Primeira aba');
    expect(await box(page, 'c005').inputValue()).toBe('Segunda aba');
    expect(await page.getByRole('radio').count()).toBe(0);
    await page.close();
  });
});
