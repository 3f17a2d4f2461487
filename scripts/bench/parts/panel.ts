/** Long transcripts: data ready → panel interactive with 10,000 cues, against all rows rendered. */
import { newPage, openWatch, type BenchContext, type BenchPart } from '../bench-context.ts';
import { LONG_EPISODE_ID } from '../long-episode.ts';
import { measureFullRender, measurePanelLoad } from '../panel-bench.ts';
import { formatMs, median } from '../stats.ts';

async function panelBenches(context: BenchContext): Promise<void> {
  const { browser, url: base } = await context.browserSite();
  const runs = context.quick ? 3 : 7;
  const loads = [];
  for (let i = 0; i < runs; i++) {
    const page = await newPage(browser);
    loads.push(
      await measurePanelLoad(page, `${base}/watch/${LONG_EPISODE_ID}`, 'transcript.en.vtt'),
    );
    await page.close();
  }
  const interactive = median(loads.map((load) => load.interactiveMs));
  const parse = median(loads.map((load) => load.parseMs));
  const page = await newPage(browser);
  await openWatch(page, `${base}/watch/${LONG_EPISODE_ID}`);
  const fullRender = await measureFullRender(page, 10_000);
  await page.close();
  console.log(
    `\nPanel with 10,000 cues (median of ${runs} loads)` +
      `\n  data ready → panel interactive  ${formatMs(interactive)}` +
      `\n  baseline: all 10,000 rows in the DOM (as printing does)  ${formatMs(fullRender)}  (${(fullRender / Math.max(interactive, 0.1)).toFixed(0)}× slower)` +
      `\n  for context: parsing the 10,000-cue file  ${formatMs(parse)}`,
  );
  context.record('panel 10,000 cues', {
    interactiveMs: interactive,
    allRowsMs: fullRender,
    parseMs: parse,
  });
  context.check(
    'data ready → panel interactive ≤ 150 ms',
    interactive <= 150,
    formatMs(interactive),
  );
}

export const panelPart: BenchPart = { name: 'panel', run: panelBenches };
