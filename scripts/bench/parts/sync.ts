/**
 * Sync: how late the transcript marks each cue start, against a plain `timeupdate` highlighter,
 * on the bundled episode as an MP4 file, as HLS played natively (Chromium 156) and as HLS through
 * http-streaming (native HLS hidden from canPlayType, as in Firefox), and on a 10,000-cue one.
 */
import path from 'node:path';
import {
  EPISODE_ID,
  MP4_EPISODE_ID,
  newPage,
  openWatch,
  readCueTimings,
  type BenchContext,
  type BenchPart,
} from '../bench-context.ts';
import { LONG_EPISODE_ID } from '../long-episode.ts';
import { formatMs } from '../stats.ts';
import {
  measureClockFloor,
  measureSync,
  recurringJumps,
  type ClockFloor,
  type LagReport,
} from '../sync-bench.ts';

/** Hides native HLS from canPlayType (as in Firefox), so the page loads http-streaming. */
const HIDE_NATIVE_HLS = `{
  const canPlayType = HTMLMediaElement.prototype.canPlayType;
  HTMLMediaElement.prototype.canPlayType = function (type) {
    return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
  };
}`;

function reportSync(
  context: BenchContext,
  label: string,
  report: LagReport,
  floor?: ClockFloor,
  floorAgain?: ClockFloor,
): void {
  const { ours, baseline } = report;
  const ratio = baseline.median / Math.max(ours.median, 0.01);
  const recurring = floor && floorAgain ? recurringJumps(floor, floorAgain) : undefined;
  console.log(
    `\nSync, ${label}, ${report.rate}×, ${report.cues} cue starts` +
      `\n  ours        median ${formatMs(ours.median)}  p95 ${formatMs(ours.p95)}  max ${formatMs(ours.max)}  early ${ours.early}  missed ${ours.missed.length}` +
      `\n  timeupdate  median ${formatMs(baseline.median)}  p95 ${formatMs(baseline.p95)}  max ${formatMs(baseline.max)}  missed ${baseline.missed.length}` +
      `\n  the baseline is ${ratio.toFixed(0)}× later on median` +
      `\n  our latest: ${ours.worst.join(', ')}` +
      (floor
        ? `\n  the clock: ${floor.jumpsPerMinute.toFixed(0)} jumps a minute of over 2 ms (largest ${formatMs(floor.largestJump)})` +
          `\n  a busy loop reading currentTime on this page  median ${formatMs(floor.busyLoop.median)}  p95 ${formatMs(floor.busyLoop.p95)}  max ${formatMs(floor.busyLoop.max)}` +
          `\n    where its readings were under 1 ms apart (the clock alone)  median ${formatMs(floor.lag.median)}  p95 ${formatMs(floor.lag.p95)}  (${floor.points} points)`
        : '') +
      (floor && recurring !== undefined
        ? `\n  the same stretch played again: ${recurring} of its ${floor.jumpsAt.length} jumps recurred at the same media position (±5 ms)`
        : '') +
      `\n  ours over 5 ms: ${ours.late.join(' ') || 'none'}`,
  );
  context.record(`sync ${label} ${report.rate}x`, {
    cues: report.cues,
    ours: {
      median: ours.median,
      p95: ours.p95,
      max: ours.max,
      early: ours.early,
      missed: ours.missed,
    },
    timeupdate: { median: baseline.median, p95: baseline.p95, max: baseline.max },
    clockFloor: floor && { ...floor, jumpsAt: undefined },
    jumpsRecurring: recurring,
    late: ours.late,
  });
  const name = `sync ${label} ${report.rate}×`;
  context.check(`${name} median ≤ 3 ms`, ours.median <= 3, formatMs(ours.median));
  context.check(
    `${name} p95 ≤ 5 ms`,
    ours.p95 <= 5,
    formatMs(ours.p95) + (floor ? `; a busy loop p95 ${formatMs(floor.busyLoop.p95)}` : ''),
  );
  context.check(`${name} never early`, ours.early === 0, `${ours.early} early`);
  context.check(
    `${name} every cue highlighted`,
    ours.missed.length === 0,
    ours.missed.length ? `missed ${ours.missed.slice(0, 5).join(', ')}` : 'all',
  );
}

async function syncBenches(context: BenchContext): Promise<void> {
  const { browser, url: base, episodesDir } = await context.browserSite();
  const quick = context.quick;
  const page = await newPage(browser);
  await openWatch(page, `${base}/watch/${MP4_EPISODE_ID}`);
  const cues = readCueTimings(path.join(episodesDir, EPISODE_ID));
  const duration = await page.evaluate(() => document.querySelector('video')!.duration);
  const until = quick ? Math.min(60, duration) : duration;
  for (const rate of [1, 2]) {
    const report = await measureSync(page, cues, rate, { from: 0, until });
    const floor = await measureClockFloor(page, rate, { from: 10, seconds: quick ? 5 : 20 });
    // Are the clock's jumps in the media (same places every play) or in the machine (random)?
    const again = await measureClockFloor(page, rate, { from: 10, seconds: quick ? 5 : 20 });
    reportSync(context, '94 cues', report, floor, again);
  }
  await page.close();

  // The same cues over HLS, at 1×: natively, then through http-streaming.
  for (const [label, init] of [
    ['94 cues, native HLS', undefined],
    ['94 cues, HLS via http-streaming', HIDE_NATIVE_HLS],
  ] as const) {
    const hlsPage = await newPage(browser, init);
    await openWatch(hlsPage, `${base}/watch/${EPISODE_ID}`);
    const source = await hlsPage.evaluate(() => document.querySelector('video')!.currentSrc);
    console.log(`\n[bench] ${label}: the video plays ${source.replace(base, '')}`);
    const floor = await measureClockFloor(hlsPage, 1, { from: 10, seconds: quick ? 5 : 20 });
    reportSync(context, label, await measureSync(hlsPage, cues, 1, { from: 0, until }), floor);
    await hlsPage.close();
  }

  const longPage = await newPage(browser);
  await openWatch(longPage, `${base}/watch/${LONG_EPISODE_ID}`);
  const longCues = readCueTimings(path.join(episodesDir, LONG_EPISODE_ID));
  const from = longCues[6000]!.startTime;
  for (const rate of [1, 2]) {
    const span = (quick ? 20 : 60) * rate;
    const report = await measureSync(longPage, longCues, rate, { from, until: from + span });
    const floor = await measureClockFloor(longPage, rate, { from, seconds: quick ? 5 : 10 });
    const again = await measureClockFloor(longPage, rate, { from, seconds: quick ? 5 : 10 });
    reportSync(context, '10,000 cues', report, floor, again);
  }
  await longPage.close();
}

export const syncPart: BenchPart = { name: 'sync', run: syncBenches };
