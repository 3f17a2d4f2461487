/**
 * The timing strip of the translator workspace as its browser tests drive it: the source cues on
 * disk, the strip's edge sliders and their values, and the source opened for editing with about
 * 5 s of sound on screen. Shared by translator-waveform (edges dragged and stepped, snapping,
 * axe) and translator-tap-timing (tap to time, which runs alone).
 */
import type { Page } from 'playwright-core';
import { parseVtt, type ParsedCue } from '../../src/core/vtt-parse.ts';
import { openWorkspace, readEpisodeFile } from './translator-helpers.ts';

/** The source transcript's cues as the test's copy of the episode has them now. */
export const sourceCues = (episodeFolder: string): ParsedCue[] =>
  parseVtt(readEpisodeFile(episodeFolder, 'transcript.en.vtt')).document.cues as ParsedCue[];

/** An edge slider of the strip ("Start of c005", "End of c005"). */
export const slider = (page: Page, name: string) =>
  page.getByRole('region', { name: 'Waveform' }).getByRole('slider', { name, exact: true });

/** The time an edge slider says it is at, in seconds. */
export const valueOf = async (page: Page, name: string): Promise<number> =>
  Number(await slider(page, name).getAttribute('aria-valuenow'));

/** Open the source language unlocked for editing, the strip zoomed to 5 s (a pixel ≈ 12 ms). */
export async function openSource(page: Page, serverUrl: string): Promise<void> {
  await openWorkspace(page, serverUrl, 'en');
  // An earlier test's unsaved drag left a draft: not wanted here.
  const discard = page.getByRole('button', { name: 'Discard draft' });
  if (await discard.count()) await discard.click();
  await page.getByRole('checkbox', { name: 'Edit the source language' }).check();
  await page.getByRole('button', { name: 'Unlock the source' }).click();
  const strip = page.getByRole('region', { name: 'Waveform' });
  await strip.getByRole('button', { name: 'Zoom in' }).click();
  await strip.getByRole('button', { name: 'Zoom in' }).click();
  await strip.getByText('5 s shown').waitFor();
}
