/**
 * `npm run bench`: performance measured in real Chromium, with a baseline in the same run.
 *
 *   npm run bench              every benchmark on the bundled episode
 *   npm run bench -- --quick   the first 60 s of media only (a smoke run)
 *
 * Figures vary between machines; bars compare against the baseline measured alongside.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { launchChromium } from '../../tests/browser/support/chromium.ts';
import { buildApp, projectRoot, startPreviewServer } from '../../tests/browser/support/servers.ts';
import { formatMs } from './stats.ts';
import { measureSync, type CueTiming, type LagReport } from './sync-bench.ts';

const EPISODE_ID = 'misunderstandings-and-stereotypes';
const quick = process.argv.includes('--quick');

function readCueTimings(): CueTiming[] {
  const text = readFileSync(path.join(projectRoot, 'episodes', EPISODE_ID, 'transcript.en.vtt'), 'utf8');
  return parseVtt(text).document.cues.map(({ id, startTime, endTime }) => ({ id, startTime, endTime }));
}

interface Verdict {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function syncVerdicts(report: LagReport): Verdict[] {
  const { ours, baseline } = report;
  const ratio = baseline.median / Math.max(ours.median, 0.01);
  console.log(
    `\nSync at ${report.rate}×, ${report.cues} cue starts` +
      `\n  ours      median ${formatMs(ours.median)}  p95 ${formatMs(ours.p95)}  max ${formatMs(ours.max)}  early ${ours.early}  missed ${ours.missed.length}` +
      `\n  timeupdate median ${formatMs(baseline.median)}  p95 ${formatMs(baseline.p95)}  max ${formatMs(baseline.max)}  missed ${baseline.missed.length}` +
      `\n  baseline median / ours median = ${ratio.toFixed(0)}×`,
  );
  return [
    { name: `sync ${report.rate}× median ≤ 3 ms`, ok: ours.median <= 3, detail: formatMs(ours.median) },
    { name: `sync ${report.rate}× p95 ≤ 5 ms`, ok: ours.p95 <= 5, detail: formatMs(ours.p95) },
    { name: `sync ${report.rate}× never early`, ok: ours.early === 0, detail: `${ours.early} early` },
    {
      name: `sync ${report.rate}× every cue highlighted`,
      ok: ours.missed.length === 0,
      detail: ours.missed.length ? `missed ${ours.missed.join(', ')}` : 'all',
    },
  ];
}

async function main(): Promise<void> {
  console.log('[bench] building the app…');
  const distDir = await buildApp();
  const server = await startPreviewServer(distDir);
  const browser = await launchChromium();
  const verdicts: Verdict[] = [];
  try {
    const page = await browser.newPage();
    // tsx keeps function names with a `__name` helper that page.evaluate code does not have.
    await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await page.goto(`${server.url}/watch/${EPISODE_ID}`);
    await page.locator('[data-cue-id]').first().waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
    const cues = readCueTimings();
    const duration = await page.evaluate(() => document.querySelector('video')!.duration);
    const until = quick ? Math.min(60, duration) : duration;
    for (const rate of [1, 2]) {
      verdicts.push(...syncVerdicts(await measureSync(page, cues, rate, { from: 0, until })));
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log('\nBars');
  for (const verdict of verdicts) {
    console.log(`  ${verdict.ok ? 'PASS' : 'FAIL'}  ${verdict.name}  (${verdict.detail})`);
  }
  process.exitCode = verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

await main();
