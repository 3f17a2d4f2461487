/**
 * Issue 16, tap to time: with "Tap to time" on, each ↓ pressed as a row starts (late, as a person
 * is) sets that row's start, corrected for reaction time. Presses are timed against the playing
 * video, so this file runs alone (browser-solo); the rest of the timing strip is in
 * translator-waveform.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { box, workspaceTestbed } from './translator-helpers.ts';
import { openSource, sourceCues, valueOf } from './translator-timing-page.ts';

const bed = workspaceTestbed();

describe('tap to time', () => {
  it('times rows by tapping ↓ late as each starts: within 60 ms of the true starts on median', async () => {
    const page = await bed.browser.newPage();
    await openSource(page, bed.server.url);
    const all = sourceCues(bed.files.folder);
    const first = all.findIndex((cue) => cue.id === 'c020');
    const tapped = all.slice(first, first + 5);
    await box(page, 'c020').focus();
    await page.evaluate((time) => {
      const video = document.querySelector('video')!;
      video.muted = true;
      video.currentTime = time;
    }, tapped[0]!.startTime - 1);
    await page.getByRole('button', { name: 'Tap to time' }).click();
    expect(
      await page.getByRole('button', { name: 'Tap to time' }).getAttribute('aria-pressed'),
    ).toBe('true');
    // Focus may be anywhere in the workspace: here, the text box of the first tapped row.
    await box(page, 'c020').focus();
    const late = [0.15, 0.3, 0.2, 0.25, 0.18];
    for (const [i, cue] of tapped.entries()) {
      await page.waitForFunction(
        (time) => document.querySelector('video')!.currentTime >= time,
        cue.startTime + late[i]!,
        { polling: 'raf', timeout: 20_000 },
      );
      await page.keyboard.press('ArrowDown');
    }
    await page.getByRole('button', { name: 'Tap to time' }).click();
    const errors = [];
    const seen = [];
    // Last first: the strip shows the row that gets the focus (c020 has it now).
    for (const cue of [...tapped].reverse()) {
      await box(page, cue.id).focus();
      const value = await valueOf(page, `Start of ${cue.id}`);
      seen.push([cue.id, cue.startTime, value]);
      errors.push(Math.abs(value - cue.startTime));
    }
    errors.sort((a, b) => a - b);
    const median = errors[errors.length >> 1]!;
    expect(median, JSON.stringify(seen)).toBeLessThanOrEqual(0.06);
    // The box with the focus was not changed by the ↓ presses, nor did the focus move.
    expect(await box(page, 'c020').inputValue()).toBe(tapped[0]!.text);
    await page.close();
  }, 180_000);
});
