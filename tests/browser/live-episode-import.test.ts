/**
 * Under `npm start`, an episode that `npm run import` writes into the running server's episodes
 * folder is listed on / and plays at /watch/<id> with no restart. Nothing here is timed (the import
 * runs ffmpeg and the aligner), so it runs beside other files; a cue file edited on disk, shown
 * within so many ms, is in live-episode-files.test.ts (alone).
 */
import { describe, expect, it } from 'vitest';
import { watchPageProblems } from './support/page-watch.ts';
import { workspaceTestbed } from './translator-helpers.ts';
import {
  IMPORT_SCRIPT,
  importRecording,
  smallVideo,
  spawnScript,
} from '../unit/support/import-run.ts';

// The dev server over a copy of the bundled episode (the list shows both), and Chromium.
const bed = workspaceTestbed({ server: 'dev' });

describe('an episode imported while the dev server runs', () => {
  it('lists an episode imported while it runs on / and plays it at /watch/<id>, no restart', async () => {
    const recording = await importRecording();
    const id = 'imported-while-running';
    // Straight into the served folder, as a publisher runs it beside `npm start`.
    const outcome = await spawnScript(
      IMPORT_SCRIPT,
      [
        id,
        '--media',
        await smallVideo(recording),
        '--transcript',
        recording.transcriptFile,
        '--title',
        'Imported while the server runs',
        '--published',
        '2025-02-03',
        '--no-hls',
      ],
      bed.files.episodesDir,
    );
    expect(outcome.code, outcome.stderr).toBe(0);
    const page = await bed.browser.newPage();
    const problems = watchPageProblems(page);
    await page.goto(`${bed.server.url}/`);
    await page.getByRole('link', { name: /Imported while the server runs/ }).click();
    await page.waitForURL(`**/watch/${id}`);
    await page.locator('[data-cue-id]').first().waitFor();
    await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.muted = true;
      await video.play();
    });
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 0.5);
    expect(problems.errors).toEqual([]);
    await page.close();
  }, 300_000);
});
