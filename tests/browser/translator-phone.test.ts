/**
 * The workspace on a phone: the video stays in view while the rows scroll under it, and the
 * waveform fits the width.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { launchChromium } from './support/chromium.ts';
import { projectRoot } from './support/servers.ts';
import { box, openWorkspace, workspaceTestbed } from './translator-helpers.ts';

const bed = workspaceTestbed();
let phone: BrowserContext;
beforeAll(async () => {
  phone = await launchChromium({ viewport: { width: 390, height: 844 } });
});
afterAll(() => phone?.close());

it('keeps the video in view on a phone while the rows scroll, and fits the waveform to the width', async () => {
  const page = await phone.newPage();
  await openWorkspace(page, bed.server.url, 'en');
  await page.screenshot({
    path: path.join(projectRoot, 'tests/.artifacts/workspace-phone-top.png'),
  });
  await box(page, 'c030').focus();
  await box(page, 'c030').scrollIntoViewIfNeeded();
  const video = (await page.locator('.t-video').boundingBox())!;
  const row = (await page
    .locator('[data-cue-id="c030"][data-row-kind="transcript"]')
    .boundingBox())!;
  expect(video.y).toBeGreaterThanOrEqual(-1);
  expect(video.y + video.height).toBeLessThanOrEqual(844);
  // The focused row is not hidden under the video.
  expect(row.y).toBeGreaterThanOrEqual(video.y + video.height - 1);
  const strip = (await page.locator('.t-wave__scroller').boundingBox())!;
  expect(strip.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: path.join(projectRoot, 'tests/.artifacts/workspace-phone.png') });
  await page.close();
});
