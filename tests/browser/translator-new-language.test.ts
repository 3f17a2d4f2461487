/**
 * Issue 7, a new language end to end: started from the episode list, translated, saved and shown
 * in the viewer's language menu; an SRT made in another tool lands on the right cues after review;
 * the workspace has no serious accessibility violations and works at desktop and phone sizes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { projectRoot } from './support/servers.ts';
import { watchPageProblems } from './support/page-watch.ts';
import {
  box,
  EPISODE_ID,
  openWorkspace,
  readEpisodeFile,
  row,
  workspaceTestbed,
} from './translator-helpers.ts';

const artifacts = path.join(projectRoot, 'tests/.artifacts');

// The dev server: the viewer and the episode list read the new language's files.
const started = workspaceTestbed({ server: 'dev' });
// A language started through the save API, worked on in the workspace alone: the preview server,
// whose pages load in half the time (a production build) and which saves to the same kind of copy.
const bed = workspaceTestbed({ languages: [['pt-BR', 'Português (Brasil)']] });

const cuesIn = (folder: string, name: string) =>
  parseVtt(readEpisodeFile(folder, name)).document.cues;

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: path.join(projectRoot, 'node_modules/axe-core/axe.min.js') });
  const results = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
          }>;
        };
      }
    ).axe;
    return (await axe.run()).violations;
  });
  return results
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

describe('a new language', () => {
  it('starts from the episode list, is translated and saved, and shows in the viewer', async () => {
    const page = await started.browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(started.server.url);
    await page.getByText('Translate', { exact: true }).click();
    await page.getByLabel('Language tag (BCP 47)').fill('pt_BR');
    await page.getByText(/“pt_BR” is not a well-formed BCP 47 tag/).waitFor();
    await page.getByLabel('Language tag (BCP 47)').fill('ko');
    await page.getByText(/already has 한국어/).waitFor();
    await page.getByLabel('Language tag (BCP 47)').fill('pt-BR');
    await page
      .getByLabel('Name of the language, as its speakers write it')
      .fill('Português (Brasil)');
    await page.getByRole('button', { name: 'Start the translation' }).click();
    await page.waitForURL(`**/translate/${EPISODE_ID}/pt-BR`);
    await box(page, 'c001').waitFor();

    // The same rows, timings and speakers as the source, empty.
    const created = cuesIn(started.files.folder, 'transcript.pt-BR.vtt');
    expect(created.map((cue) => [cue.id, cue.startTime, cue.text])).toEqual(
      cuesIn(started.files.folder, 'transcript.en.vtt').map((cue) => [cue.id, cue.startTime, '']),
    );
    expect(JSON.parse(readEpisodeFile(started.files.folder, 'episode.json')).tracks.at(-1)).toEqual(
      {
        lang: 'pt-BR',
        label: 'Português (Brasil)',
        transcript: 'transcript.pt-BR.vtt',
        chapters: 'chapters.pt-BR.vtt',
      },
    );

    await box(page, 'q1').fill('Há mal-entendidos sobre os norte-coreanos que incomodam vocês?');
    await box(page, 'c001').fill('Bem-vindos à Red Box!');
    await box(page, 'c002').fill('Há mal-entendidos');
    await box(page, 'c003').fill('que incomodam vocês?');
    // Empty rows are warnings: a half-done translation saves.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    expect(
      cuesIn(started.files.folder, 'transcript.pt-BR.vtt')
        .slice(0, 3)
        .map((cue) => cue.text),
    ).toEqual(['Bem-vindos à Red Box!', 'Há mal-entendidos', 'que incomodam vocês?']);

    await page.goto(`${started.server.url}/watch/${EPISODE_ID}`);
    const menu = page.getByRole('combobox', { name: 'Transcript language' });
    await menu.waitFor();
    expect(await menu.locator('option').allInnerTexts()).toContain('Português (Brasil)');
    await menu.selectOption('pt-BR');
    await expect
      .poll(() => page.locator('[data-cue-id="c001"]').innerText())
      .toContain('Bem-vindos à Red Box!');
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});

describe('a started language in the workspace', () => {
  it('imports an SRT from another tool onto the right cues, after review', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'pt-BR');
    // Subtitle Edit's timing differs a little; one cue was split in two; one overlaps nothing.
    const srt = [
      '1\r\n00:00:13,200 --> 00:00:14,380\r\nMal-entendidos?\r\n',
      '2\r\n00:00:15,250 --> 00:00:16,300\r\nQuando cheguei\r\n',
      '3\r\n00:00:16,310 --> 00:00:17,600\r\nà Coreia do Sul,\r\n',
      '4\r\n00:00:17,750 --> 00:00:20,700\r\n<i>eu trabalhava meio período</i>\r\n',
      '5\r\n00:09:00,000 --> 00:09:02,000\r\nDepois do fim\r\n',
    ].join('\r\n');
    const srtFile = path.join(bed.files.episodesDir, 'from-subtitle-edit.srt');
    writeFileSync(srtFile, '\uFEFF' + srt);
    await page.getByLabel('Import an SRT or VTT file').setInputFiles(srtFile);

    const review = page.locator('.t-import__review');
    await review.waitFor();
    expect(
      await review
        .locator('[data-import-id]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-import-id'))),
    ).toEqual(['c004', 'c005', 'c006']);
    expect(await review.locator('[data-import-id="c005"] .t-import__incoming').innerText()).toBe(
      'Imported: Quando cheguei\nà Coreia do Sul,',
    );
    expect(await review.innerText()).toMatch(/1 imported cue overlaps no source row/);
    // Nothing changes before it is applied.
    expect(await box(page, 'c004').inputValue()).toBe('');
    await review.getByRole('checkbox', { name: 'Use the imported text for c006' }).uncheck();
    await review.getByRole('button', { name: 'Apply 2 rows' }).click();

    expect(await box(page, 'c004').inputValue()).toBe('Mal-entendidos?');
    expect(await box(page, 'c005').inputValue()).toBe('Quando cheguei\nà Coreia do Sul,');
    expect(await box(page, 'c006').inputValue()).toBe('');
    // The source's timing and speaker stay.
    expect(await row(page, 'c005').locator('.t-timing__value').allInnerTexts()).toEqual([
      '0:15.202',
      '0:17.637',
    ]);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    const saved = cuesIn(bed.files.folder, 'transcript.pt-BR.vtt');
    expect(saved.find((cue) => cue.id === 'c005')).toMatchObject({
      text: 'Quando cheguei\nà Coreia do Sul,',
      startTime: 15.202,
    });
    expect(readFileSync(path.join(bed.files.folder, 'transcript.pt-BR.vtt'), 'utf8')).toContain(
      '<v Joy>Quando cheguei\nà Coreia do Sul,\n',
    );
    await page.close();
  });

  it('keeps the source language read-only until unlocked, then splits and merges rows', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'en');
    expect(await box(page, 'c004').getAttribute('readonly')).not.toBeNull();
    expect(await page.getByRole('button', { name: /^Split c004/ }).count()).toBe(0);
    await page.getByRole('checkbox', { name: 'Edit the source language' }).check();
    // The unlock asks first; keeping it locked changes nothing.
    await page.getByRole('button', { name: 'Keep it locked' }).click();
    expect(await box(page, 'c004').getAttribute('readonly')).not.toBeNull();
    await page.getByRole('checkbox', { name: 'Edit the source language' }).check();
    await page.getByRole('button', { name: 'Unlock the source' }).click();
    expect(await box(page, 'c007').getAttribute('readonly')).toBeNull();

    // c007 is "I was still very young" / "and had a very heavy North Korean accent.".
    await box(page, 'c007').click();
    await page.evaluate(() => {
      const textarea = document.activeElement as HTMLTextAreaElement;
      const at = textarea.value.indexOf('young') + 'young'.length;
      textarea.setSelectionRange(at, at);
    });
    await page.getByRole('button', { name: 'Split c007 at the cursor' }).click();
    expect(await box(page, 'c007').inputValue()).toBe('I was still very young');
    expect(await box(page, 'c007-2').inputValue()).toBe(
      'and had a very heavy North Korean accent.',
    );
    await page.getByRole('button', { name: 'Merge c007 with the next row' }).click();
    expect(await box(page, 'c007').inputValue()).toBe(
      'I was still very young\nand had a very heavy North Korean accent.',
    );
    expect(await box(page, 'c007-2').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    const split = cuesIn(bed.files.folder, 'transcript.en.vtt').find((cue) => cue.id === 'c007-2');
    expect(split).toMatchObject({
      voice: 'Joy',
      text: 'and had a very heavy North Korean accent.',
    });

    // The translation now lacks the new id: its workspace adds the row, empty, to translate.
    await openWorkspace(page, bed.server.url, 'pt-BR');
    await page.getByText(/1 row of the source was missing from the file/).waitFor();
    expect(await box(page, 'c007-2').inputValue()).toBe('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    expect(cuesIn(bed.files.folder, 'transcript.pt-BR.vtt').map((cue) => cue.id)).toEqual(
      cuesIn(bed.files.folder, 'transcript.en.vtt').map((cue) => cue.id),
    );
    await page.close();
  });

  it('has no serious or critical accessibility violations, and is usable on desktop and phone', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'pt-BR');
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: path.join(artifacts, 'translator-desktop.png') });
    expect(await axeViolations(page)).toEqual([]);

    // With the panels open: find, a note, the import review.
    await box(page, 'c007').click();
    await page.keyboard.press('Alt+n');
    await page.keyboard.type('Verificar o tom.');
    await page.keyboard.press('Control+f');
    const srtFile = path.join(bed.files.episodesDir, 'small.srt');
    writeFileSync(srtFile, '1\n00:00:20,900 --> 00:00:25,000\nEu ainda era muito jovem\n');
    await page.getByLabel('Import an SRT or VTT file').setInputFiles(srtFile);
    await page.locator('.t-import__review').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByRole('button', { name: 'Restore draft' }).click();
    await page.getByRole('button', { name: 'Restore draft' }).waitFor({ state: 'detached' });
    await page.screenshot({ path: path.join(artifacts, 'translator-phone.png') });
    // On a phone every control is within the screen's width and the rows are reachable.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await box(page, 'c001').scrollIntoViewIfNeeded();
    const rect = await box(page, 'c001').boundingBox();
    expect(rect!.width).toBeGreaterThan(250);
    await box(page, 'c001').fill('Bem-vindos!');
    await page.screenshot({ path: path.join(artifacts, 'translator-phone-rows.png') });
    await page.close();
  });
});
