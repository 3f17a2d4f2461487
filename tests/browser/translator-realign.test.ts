/**
 * Issue 16, re-aligning a stretch: a cue deliberately shifted in the file comes back within 40 ms
 * of where its speech starts when its row is re-aligned through the dev server (one undo step,
 * saved as a valid file with word timestamps); rows and a waveform region are selected with the
 * mouse and the keyboard, and the selection is announced.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { spokenWordsOfCue } from '../../src/core/align/word-timestamps.ts';
import { retimedCue } from '../../src/core/cue-edges.ts';
import { updateCueAt } from '../../src/core/translation-edit.ts';
import { parseVtt, type ParsedCue } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { projectRoot } from './support/servers.ts';
import {
  box,
  openWorkspace,
  readEpisodeFile,
  row,
  workspaceTestbed,
} from './translator-helpers.ts';

/** How far the cue is pushed late in the file before the test (s). */
const SHIFT = 0.35;
const artifacts = path.join(projectRoot, 'tests/.artifacts');
/** The cue as the bundled episode has it (its start is where its speech starts). */
let original: ParsedCue;

// The dev server: it times words again on the server (the preview server cannot).
const bed = workspaceTestbed({
  server: 'dev',
  prepare(files) {
    const file = path.join(files.folder, 'transcript.en.vtt');
    const { document } = parseVtt(readEpisodeFile(files.folder, 'transcript.en.vtt'));
    // A cue of several words with room after it for the shift.
    const index = document.cues.findIndex(
      (cue, i) =>
        i > 15 &&
        cue.text.split(/\s+/).length >= 5 &&
        (document.cues[i + 1]?.startTime ?? Infinity) - cue.endTime > SHIFT + 0.2,
    );
    original = document.cues[index]!;
    const shifted = updateCueAt(document, index, (cue) =>
      retimedCue(cue, cue.startTime + SHIFT, cue.endTime + SHIFT),
    );
    writeFileSync(file, serializeVtt(shifted));
  },
});

const cuesOnDisk = (): ParsedCue[] =>
  parseVtt(readEpisodeFile(bed.files.folder, 'transcript.en.vtt')).document.cues as ParsedCue[];

const startOf = async (page: Page, id: string): Promise<number> =>
  Number(
    await page
      .getByRole('region', { name: 'Waveform' })
      .getByRole('slider', { name: `Start of ${id}`, exact: true })
      .getAttribute('aria-valuenow'),
  );

async function openSource(page: Page): Promise<void> {
  await openWorkspace(page, bed.server.url, 'en');
  const discard = page.getByRole('button', { name: 'Discard draft' });
  if (await discard.count()) await discard.click();
  await page.getByRole('checkbox', { name: 'Edit the source language' }).check();
  await page.getByRole('button', { name: 'Unlock the source' }).click();
}

/** A cue's word timestamps, in reading order. */
const timestampsOf = (cue: ParsedCue): number[] =>
  cue.segments.flatMap(function timestamps(segment): number[] {
    if (segment.type === 'timestamp') return [segment.time];
    return 'children' in segment ? segment.children.flatMap(timestamps) : [];
  });

const status = (page: Page) => page.locator('.t-timing-panel__realign [role="status"]');

describe('re-aligning selected rows', () => {
  it('moves a deliberately shifted cue back within 40 ms of its speech, as one undo step', async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page).errors;
    await openSource(page);
    const id = original.id;
    await box(page, id).focus();
    const shifted = await startOf(page, id);
    expect(shifted).toBeCloseTo(original.startTime + SHIFT, 3);

    await page.getByRole('button', { name: 'Re-align selected rows' }).click();
    await expect
      .poll(() => status(page).textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`Re-aligned ${id} in`));
    const realigned = await startOf(page, id);
    expect(Math.abs(realigned - original.startTime)).toBeLessThan(0.04);
    await page
      .locator('.t-timing-panel')
      .screenshot({ path: path.join(artifacts, 'waveform-realigned.png') });

    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    const saved = cuesOnDisk().find((cue) => cue.id === id)!;
    expect(Math.abs(saved.startTime - original.startTime)).toBeLessThan(0.04);
    // Its words are timed again, inside the cue and in order.
    const times = timestampsOf(saved);
    expect(times.length).toBeGreaterThanOrEqual(4);
    expect(times[0]!).toBeGreaterThan(saved.startTime);
    expect(times.at(-1)!).toBeLessThan(saved.endTime);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(saved.text).toBe(original.text);

    // One undo step takes it back to where the file had it.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect(await startOf(page, id)).toBeCloseTo(shifted, 3);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('times a row’s words again inside its new edges when an edge moves (keyboard steps)', async () => {
    const page = await bed.browser.newPage();
    await openSource(page);
    // A cue whose second word starts within 300 ms of its start: three steps pass it.
    const all = cuesOnDisk();
    const cue = all.find(
      (candidate, i) =>
        i > 2 &&
        candidate.id !== original.id &&
        timestampsOf(candidate).length >= 4 &&
        timestampsOf(candidate)[0]! - candidate.startTime < 0.28,
    )!;
    await box(page, cue.id).focus();
    const start = page
      .getByRole('region', { name: 'Waveform' })
      .getByRole('slider', { name: `Start of ${cue.id}`, exact: true });
    await start.focus();
    for (let step = 0; step < 3; step++) await page.keyboard.press('Alt+ArrowRight');
    expect(await startOf(page, cue.id)).toBeCloseTo(cue.startTime + 0.3, 3);
    await expect
      .poll(() => status(page).textContent(), { timeout: 30_000 })
      .toContain(`The words of ${cue.id} were timed again`);
    // Under load a step may be timed before the next one lands: wait for the last.
    await page.locator('.t-timing-panel__realign[data-retiming="idle"]').waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText(/Saved to the file at/).waitFor();
    const saved = cuesOnDisk().find((candidate) => candidate.id === cue.id)!;
    expect(saved.startTime).toBeCloseTo(cue.startTime + 0.3, 3);
    // Every word but the first has its time again (the move alone dropped the one it passed).
    const times = timestampsOf(saved);
    expect(times.length, saved.rawText).toBe(spokenWordsOfCue(saved.segments).length - 1);
    expect(times[0]!).toBeGreaterThan(saved.startTime);
    expect(times.at(-1)!).toBeLessThan(saved.endTime);
    await page.close();
  });

  it('marks the question being answered among the question rows', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'en');
    const question = row(page, 'q1', 'chapters');
    await question.waitFor();
    // Before the first question is read, no question row is current.
    expect(await question.getAttribute('aria-current')).toBeNull();
    await page.evaluate(() => {
      document.querySelector('video')!.currentTime = 10;
    });
    await expect.poll(() => question.getAttribute('aria-current')).toBe('true');
    expect(await page.locator('[data-row-kind="chapters"].t-row--current').count()).toBe(1);
    await page.close();
  });

  it('selects rows by shift-click, by Shift+arrows and by dragging across the waveform, and says so', async () => {
    const page = await bed.browser.newPage();
    await openSource(page);
    await box(page, 'c004').click();
    await row(page, 'c006').click({ modifiers: ['Shift'], position: { x: 5, y: 5 } });
    await expect
      .poll(() => status(page).textContent())
      .toContain('Selected: c004 to c006 (3 rows)');
    expect(await page.locator('[data-selected]').count()).toBe(3);

    // The keyboard: Alt+Shift+↓ in a text box, Shift+↓ on a row.
    await box(page, 'c010').focus();
    await expect.poll(() => page.locator('[data-selected]').count()).toBe(0);
    await page.keyboard.press('Alt+Shift+ArrowDown');
    await expect
      .poll(() => status(page).textContent())
      .toContain('Selected: c010 to c011 (2 rows)');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+ArrowDown');
    await expect
      .poll(() => status(page).textContent())
      .toContain('Selected: c010 to c012 (3 rows)');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-cue-id')))
      .toBe('c012');

    // A drag across the waveform selects a region and the rows it touches.
    await box(page, 'c005').focus();
    const strip = page.locator('.t-wave__scroller');
    const area = (await strip.boundingBox())!;
    const y = area.y + area.height / 2;
    // Start the drag off the edge handles (a press on a handle drags the edge).
    const startX = await page.evaluate(
      ({ from, to, y }) => {
        for (let x = from; x < to; x += 2) {
          if (!document.elementFromPoint(x, y)?.closest('[role="slider"]')) return x;
        }
        return from;
      },
      { from: area.x + area.width * 0.3, to: area.x + area.width * 0.5, y },
    );
    await page.mouse.move(startX, y);
    await page.mouse.down();
    for (let step = 1; step <= 5; step++) {
      await page.mouse.move(startX + area.width * step * 0.06, y);
    }
    await page.mouse.up();
    await expect
      .poll(() => status(page).textContent())
      .toMatch(/Region [\d.]+–[\d.]+ s\. Selected: c\d+/);
    expect(await page.locator('.t-wave__region').count()).toBe(1);
    await page
      .locator('.t-timing-panel')
      .screenshot({ path: path.join(artifacts, 'waveform-region.png') });
    expect(await seriousAxeViolations(page, '.t-workspace')).toEqual([]);
    await page.close();
  });
});
