/** JS heap after playing the bundled episode twice. */
import {
  EPISODE_ID,
  newPage,
  openWatch,
  type BenchContext,
  type BenchPart,
} from '../bench-context.ts';
import { heapAfterGc, playThrough } from '../panel-bench.ts';

async function heapBench(context: BenchContext): Promise<void> {
  const { browser, url: base } = await context.browserSite();
  const page = await newPage(browser);
  await openWatch(page, `${base}/watch/${EPISODE_ID}`);
  await page.waitForTimeout(1000);
  const before = await heapAfterGc(page);
  const rate = context.quick ? 8 : 4;
  const started = Date.now();
  await playThrough(page, rate, 1);
  const afterOne = await heapAfterGc(page);
  await playThrough(page, rate, 1);
  const after = await heapAfterGc(page);
  await page.close();
  const growth = (after - before) / before;
  const secondPlay = (after - afterOne) / afterOne;
  const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(2)} MB`;
  console.log(
    `\nJS heap, the episode played through twice at ${rate}× (${((Date.now() - started) / 1000).toFixed(0)} s)` +
      `\n  before ${mb(before)}  after one play ${mb(afterOne)}  after two ${mb(after)}  growth ${(growth * 100).toFixed(1)} %` +
      `\n  the second play alone grew it ${(secondPlay * 100).toFixed(1)} % (the first includes warm-up: code V8 optimizes while playing)`,
  );
  context.record('heap', { before, afterOne, after, growth, secondPlay, rate });
  context.check(
    'JS heap growth ≤ 10 % after playing twice',
    growth <= 0.1,
    `${(growth * 100).toFixed(1)} %`,
  );
}

export const heapPart: BenchPart = { name: 'heap', run: heapBench };
