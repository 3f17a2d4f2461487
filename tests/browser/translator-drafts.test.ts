/**
 * Issue 6, never lose a line: drafts survive a reload and a closed tab (written within a second of
 * the last keystroke, which is why this file runs alone: browser-solo), are offered back with
 * their time and how many rows differ, go only after a save. What needs no timing (markup through
 * an edit, two tabs on one language) is in translator-markup-and-tabs.test.ts.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  box,
  EPISODE_ID,
  openWorkspace,
  readEpisodeFile,
  storedDraft,
  workspaceTestbed,
} from './translator-helpers.ts';

const bed = workspaceTestbed({
  languages: [
    ['fr', 'Français'],
    ['de', 'Deutsch'],
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
  it('draws the rows once, editable, when no draft is found while the files load', async () => {
    const page = await bed.browser.newPage();
    // Every translation box drawn read-only, or made read-only later, from the page's start.
    await page.addInitScript(() => {
      const readOnly: string[] = [];
      (window as unknown as { readOnlyBoxes: string[] }).readOnlyBoxes = readOnly;
      new MutationObserver((records) => {
        for (const record of records) {
          const nodes = record.type === 'attributes' ? [record.target] : [...record.addedNodes];
          for (const node of nodes) {
            if (!(node instanceof Element)) continue;
            const boxes = node.matches('textarea') ? [node] : node.querySelectorAll('textarea');
            for (const box of boxes)
              if (box.hasAttribute('readonly')) readOnly.push(box.getAttribute('aria-label') ?? '');
          }
        }
      }).observe(document, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['readonly'],
      });
    });
    await openWorkspace(page, bed.server.url, 'fr');
    // Drawn read-only while the draft store was asked, every row was drawn again a moment later.
    const readOnly = await page.evaluate(
      () => (window as unknown as { readOnlyBoxes: string[] }).readOnlyBoxes,
    );
    expect(readOnly).toEqual([]);
    expect(await box(page, 'c001').isEditable()).toBe(true);
    await page.close();
  });

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
