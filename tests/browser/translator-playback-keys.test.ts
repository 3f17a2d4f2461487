/**
 * Issue 7, keyboard first: play, replay and loop the row's cue from the keyboard. The video must
 * stop within 0.3 s of the cue's end and loop back within it, real-time checks that run alone
 * (browser-solo); the rest of the keyboard pass is in translator-keyboard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { box, focusedName, openWorkspace, row, workspaceTestbed } from './translator-helpers.ts';

const bed = workspaceTestbed();

describe('keyboard playback', () => {
  it('plays, replays and loops the row’s cue', async () => {
    const page = await bed.browser.newPage();
    await openWorkspace(page, bed.server.url, 'ko');
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    const video = () =>
      page.evaluate(() => {
        const media = document.querySelector('video')!;
        return { time: media.currentTime, paused: media.paused };
      });
    // c003: 10.552 → 12.375
    await box(page, 'c003').click();
    await page.keyboard.press('Alt+p');
    await expect.poll(async () => (await video()).paused).toBe(false);
    await expect.poll(async () => (await video()).paused, { timeout: 6000 }).toBe(true);
    const stopped = await video();
    expect(stopped.time).toBeGreaterThanOrEqual(12.3);
    expect(stopped.time).toBeLessThan(12.375 + 0.3);
    // The spoken row was marked while it played.
    expect(await focusedName(page)).toBe('Translation of c003');

    await page.keyboard.press('Alt+r');
    await expect.poll(async () => (await video()).time).toBeLessThan(11.5);
    await expect.poll(async () => (await video()).paused, { timeout: 6000 }).toBe(true);

    // Watch for the loop going round: the time jumps back from the cue's end to its start.
    await page.evaluate(() => {
      const media = document.querySelector('video')!;
      const state = window as unknown as { loopedBack: boolean };
      state.loopedBack = false;
      let last = media.currentTime;
      media.addEventListener('timeupdate', () => {
        if (media.currentTime < last - 0.5) state.loopedBack = true;
        last = media.currentTime;
      });
    });
    await page.keyboard.press('Alt+l');
    expect(await row(page, 'c003').getAttribute('class')).toContain('t-row--looping');
    await page.waitForFunction(
      () => (window as unknown as { loopedBack: boolean }).loopedBack,
      null,
      {
        timeout: 10_000,
      },
    );
    const looping = await video();
    expect(looping.paused).toBe(false);
    expect(looping.time).toBeGreaterThanOrEqual(10.5);
    expect(looping.time).toBeLessThan(12.4);
    await page.keyboard.press('Alt+l');
    await expect.poll(async () => (await video()).paused).toBe(true);
    expect(await row(page, 'c003').getAttribute('class')).not.toContain('t-row--looping');
    await page.close();
  });
});
