/** Scripting per cue change on a 10,000-cue transcript, against the 94-cue episode. */
import path from 'node:path';
import {
  EPISODE_ID,
  newPage,
  openWatch,
  readCueTimings,
  type BenchContext,
  type BenchPart,
} from '../bench-context.ts';
import { LONG_EPISODE_ID } from '../long-episode.ts';
import { measureScripting, SCRIPTING_INIT } from '../panel-bench.ts';
import { formatMs } from '../stats.ts';

async function scriptingBenches(context: BenchContext): Promise<void> {
  const { browser, url: base, episodesDir } = await context.browserSite();
  const seconds = context.quick ? 10 : 30;
  const longPage = await newPage(browser, SCRIPTING_INIT);
  await openWatch(longPage, `${base}/watch/${LONG_EPISODE_ID}`);
  const longCues = readCueTimings(path.join(episodesDir, LONG_EPISODE_ID));
  const long = await measureScripting(longPage, longCues[3000]!.startTime, 2, seconds);
  await longPage.close();
  const shortPage = await newPage(browser, SCRIPTING_INIT);
  await openWatch(shortPage, `${base}/watch/${EPISODE_ID}`);
  const short = await measureScripting(shortPage, 0, 2, seconds);
  await shortPage.close();
  console.log(
    `\nScripting per cue change (clock update + the render it causes), 2×, ${seconds} s` +
      `\n  10,000 cues  median ${formatMs(long.medianMs)}  p95 ${formatMs(long.p95Ms)}  (${long.changes} changes)` +
      `\n  94 cues      median ${formatMs(short.medianMs)}  p95 ${formatMs(short.p95Ms)}  (${short.changes} changes)` +
      `\n  10,000 / 94 cues on median = ${(long.medianMs / Math.max(short.medianMs, 0.01)).toFixed(2)}×`,
  );
  context.record('scripting per cue change', { long, short });
  context.check(
    'scripting per cue change ≤ 2 ms (10,000 cues, median)',
    long.medianMs <= 2,
    formatMs(long.medianMs),
  );
}

export const scriptingPart: BenchPart = { name: 'scripting', run: scriptingBenches };
