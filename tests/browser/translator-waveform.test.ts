/**
 * Issue 16, timing in the workspace: the waveform under the video; a cue edge dragged with the
 * mouse and stepped with the keyboard, saved (the file changes by exactly that cue's timing);
 * snapping onto a speech onset of the bundled media; no drag makes an overlap; the read-only
 * waveform of a translation; axe. Tap to time (timed against the playing video, so run alone) is
 * in translator-tap-timing.test.ts.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeWaveform } from '../../src/core/waveform.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { watchPageProblems } from './support/page-watch.ts';
import { projectRoot } from './support/servers.ts';
import { box, openWorkspace, workspaceTestbed } from './translator-helpers.ts';
import { openSource, slider, sourceCues, valueOf } from './translator-timing-page.ts';

// The preview server over the run's build: its save API, like the dev server's, times a moved
// edge's words again (realign-stretch.ts) in the test's copy of the episode.
const bed = workspaceTestbed({ languages: [['fr', 'Français']] });
const GAP = 2 / 30; // the bundled episode is 30 fps
const artifacts = path.join(projectRoot, 'tests/.artifacts');

function speechOnsets(): number[] {
  const bytes = gunzipSync(readFileSync(path.join(bed.files.folder, 'media/waveform.bin')));
  const decoded = decodeWaveform(bytes);
  if (!decoded.ok) throw new Error(decoded.message);
  return decoded.waveform.speech.map((region) => region.startTime);
}

/** Drag an edge handle by `seconds` (converted with the strip's scale), holding Alt or not. */
async function dragEdge(page: Page, name: string, seconds: number, alt: boolean): Promise<void> {
  const handle = slider(page, name);
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  // The strip's scale, from the two edges of the same cue.
  const cueId = name.replace(/^(Start|End) of /, '');
  const [startBox, endBox] = await Promise.all([
    slider(page, `Start of ${cueId}`).boundingBox(),
    slider(page, `End of ${cueId}`).boundingBox(),
  ]);
  const pxPerSecond =
    (endBox!.x - startBox!.x) /
    ((await valueOf(page, `End of ${cueId}`)) - (await valueOf(page, `Start of ${cueId}`)));
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  if (alt) await page.keyboard.down('Alt');
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let step = 1; step <= 5; step++) {
    await page.mouse.move(x + (seconds * pxPerSecond * step) / 5, y);
  }
  await page.mouse.up();
  if (alt) await page.keyboard.up('Alt');
}

async function save(page: Page): Promise<void> {
  // A moved edge has its words timed again by the server a moment later, and that lands as an
  // edit: saved before it, the file is saved and then unsaved again. Wait for the words first.
  await page.locator('.t-timing-panel__realign[data-retiming="idle"]').waitFor();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect
    .poll(() => page.locator('.t-savebar__state').textContent(), { timeout: 30_000 })
    .toMatch(/Saved to the file at/);
}

describe('the timing waveform', () => {
  it('shows the waveform read-only in a translation, with the source cues', async () => {
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page).errors;
    await openWorkspace(page, bed.server.url, 'fr');
    await box(page, 'c005').focus();
    const start = slider(page, 'Start of c005');
    await start.waitFor();
    expect(await start.getAttribute('aria-readonly')).toBe('true');
    const source = sourceCues(bed.files.folder).find((cue) => cue.id === 'c005')!;
    expect(await valueOf(page, 'Start of c005')).toBe(source.startTime);
    await start.focus();
    await page.keyboard.press('ArrowRight');
    expect(await valueOf(page, 'Start of c005')).toBe(source.startTime);
    expect(await page.getByRole('button', { name: 'Tap to time' }).isDisabled()).toBe(true);
    // The waveform was drawn: some canvas pixels are dark.
    const inked = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('.t-wave__canvas')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let count = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) count++;
      return count;
    });
    expect(inked).toBeGreaterThan(500);
    await page
      .locator('.t-timing-panel')
      .screenshot({ path: path.join(artifacts, 'waveform-translation.png') });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('moves an edge with the mouse and the keyboard; saving changes exactly that cue', async () => {
    const page = await bed.browser.newPage();
    await openSource(page, bed.server.url);
    const before = sourceCues(bed.files.folder);
    const c005 = before.find((cue) => cue.id === 'c005')!;
    await box(page, 'c005').focus();
    await slider(page, 'Start of c005').waitFor();
    await page
      .locator('.t-timing-panel')
      .screenshot({ path: path.join(artifacts, 'waveform-source.png') });

    // Alt-drag: no snapping, the start goes where the mouse lets go (to a pixel).
    await dragEdge(page, 'Start of c005', 0.3, true);
    const dragged = await valueOf(page, 'Start of c005');
    expect(Math.abs(dragged - (c005.startTime + 0.3))).toBeLessThan(0.03);
    // The keyboard: Alt+← on the end slider steps 100 ms back without snapping.
    await slider(page, 'End of c005').focus();
    await page.keyboard.press('Alt+ArrowLeft');
    expect(await valueOf(page, 'End of c005')).toBeCloseTo(c005.endTime - 0.1, 3);
    await save(page);

    const after = sourceCues(bed.files.folder);
    expect(after.map((cue) => cue.id)).toEqual(before.map((cue) => cue.id));
    after.forEach((cue, i) => {
      if (cue.id === 'c005') {
        expect(cue.startTime).toBe(dragged);
        expect(cue.endTime).toBeCloseTo(c005.endTime - 0.1, 3);
      } else {
        expect([cue.startTime, cue.endTime, cue.rawText]).toEqual([
          before[i]!.startTime,
          before[i]!.endTime,
          before[i]!.rawText,
        ]);
      }
    });

    // Undo takes the edge back.
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    expect(await valueOf(page, 'Start of c005')).toBe(c005.startTime);
    await page.close();
  });

  it('snaps a dragged start onto a speech onset of the media, and never makes an overlap', async () => {
    const page = await bed.browser.newPage();
    await openSource(page, bed.server.url);
    const all = sourceCues(bed.files.folder);
    const onsets = speechOnsets();
    // A cue with room before it, whose speech starts within 30 ms of its start.
    const index = all.findIndex(
      (cue, i) =>
        i > 5 &&
        cue.startTime - all[i - 1]!.endTime > 0.3 &&
        onsets.some((onset) => Math.abs(onset - cue.startTime) < 0.03),
    );
    const cue = all[index]!;
    const id = cue.id;
    await box(page, id).focus();
    await slider(page, `Start of ${id}`).waitFor();
    // 60 ms early, no Alt: the start lands on an onset.
    await dragEdge(page, `Start of ${id}`, -0.06, false);
    const snapped = await valueOf(page, `Start of ${id}`);
    expect(onsets.some((onset) => Math.abs(onset - snapped) < 0.0005)).toBe(true);
    expect(Math.abs(snapped - cue.startTime)).toBeLessThan(0.05);

    // Drag the end far past the next cue's start: it stops two frames before it.
    await dragEdge(page, `End of ${id}`, 3, true);
    const next = all[index + 1]!;
    const end = await valueOf(page, `End of ${id}`);
    expect(end).toBeLessThanOrEqual(next.startTime - GAP + 0.0005);
    expect(end).toBeGreaterThan(next.startTime - GAP - 0.002);
    // And a start dragged far back stops two frames after the previous cue's end.
    await dragEdge(page, `Start of ${id}`, -4, true);
    expect(await valueOf(page, `Start of ${id}`)).toBeGreaterThanOrEqual(
      all[index - 1]!.endTime + GAP - 0.0005,
    );
    expect(await seriousAxeViolations(page, '.t-timing-panel')).toEqual([]);
    await page.close();
  });
});
