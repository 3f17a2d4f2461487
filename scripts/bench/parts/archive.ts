/**
 * The archive at scale (issue 17), on generated archives (scripts/archive/generate-archive.ts) in
 * temporary folders, never committed:
 *
 * - build time with 1, 50 and 200 episodes (bars: 200 under 3 minutes; growth linear or better);
 * - the search index per language, gzipped: every part, the total, and MiniSearch's own JSON for
 *   the same lines as the baseline (bar: each part ≤ 400 kB; larger totals are fetched in parts);
 * - typing → results on screen in Chromium, 200 × 100 = 20,000 lines per language (bar: p95 ≤ 50 ms);
 * - `/` and `/questions`: data arrived → first frame with the list, 200 episodes (bar ≤ 200 ms),
 *   beside the same pages with one episode.
 *
 *   npm run bench -- --only archive [--episodes 200]
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import type { SearchGroupFile } from '../../../src/core/archive-search.ts';
import { wordTokens } from '../../../src/core/search-terms.ts';
import { launchChromium } from '../../../tests/browser/support/chromium.ts';
import { buildApp, startPreviewServer } from '../../../tests/browser/support/servers.ts';
import { writeArchive } from '../../archive/generate-archive.ts';
import { newPage, type BenchContext, type BenchPart } from '../bench-context.ts';
import { formatMs, median, percentile } from '../stats.ts';

const KB = 1024;

function episodesWanted(argv: readonly string[]): number {
  const at = argv.indexOf('--episodes');
  const value = at >= 0 ? Number(argv[at + 1]) : 200;
  return Number.isInteger(value) && value >= 50 ? value : 200;
}

async function timedBuild(
  episodes: number,
): Promise<{ distDir: string; episodesDir: string; ms: number }> {
  const episodesDir = mkdtempSync(path.join(tmpdir(), `red-box-archive-${episodes}-`));
  writeArchive(episodesDir, { episodes });
  // The fastest of three builds: the build's fixed cost (~2.4 s) dwarfs what 49 more episodes
  // add, so one build's noise would decide the growth check.
  let ms = Infinity;
  let distDir = '';
  for (let i = 0; i < 3; i++) {
    if (distDir) rmSync(distDir, { recursive: true, force: true });
    const started = performance.now();
    distDir = await buildApp({ episodesDir });
    ms = Math.min(ms, performance.now() - started);
  }
  return { distDir, episodesDir, ms };
}

interface LanguageSize {
  readonly lang: string;
  readonly parts: number;
  readonly totalKb: number;
  readonly largestKb: number;
  /** The inverted index alone (without the lines' text and cue ids). */
  readonly indexKb: number;
  /** The lines alone (text, cue ids, starts, speakers): the baseline a search page must fetch. */
  readonly linesKb: number;
}

function indexSizes(distDir: string): LanguageSize[] {
  const root = path.join(distDir, 'archive/search');
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map(({ name: lang }) => {
      const files = readdirSync(path.join(root, lang)).map((file) =>
        readFileSync(path.join(root, lang, file), 'utf8'),
      );
      const gz = (text: string) => gzipSync(text).length / KB;
      const sizes = files.map(gz);
      let indexKb = 0;
      let linesKb = 0;
      for (const text of files) {
        const { index, ...lines } = JSON.parse(text) as SearchGroupFile;
        indexKb += gz(JSON.stringify(index));
        linesKb += gz(JSON.stringify(lines));
      }
      return {
        lang,
        parts: files.length,
        totalKb: sizes.reduce((a, b) => a + b, 0),
        largestKb: Math.max(...sizes),
        indexKb,
        linesKb,
      };
    });
}

/** Data arrived → first frame with the list, from the marks the pages leave. */
async function listInteractive(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.waitForFunction(
    () => performance.getEntriesByName('red-box:list-interactive').length > 0,
    undefined,
    { timeout: 60_000 },
  );
  return page.evaluate(
    () =>
      performance.getEntriesByName('red-box:list-interactive')[0]!.startTime -
      performance.getEntriesByName('red-box:list-data')[0]!.startTime,
  );
}

/** Words to search for: taken from the archive's own lines, common and rare alike. */
function sampleQueries(distDir: string, lang: string, count: number): string[] {
  const folder = path.join(distDir, 'archive/search', lang);
  const group = JSON.parse(
    readFileSync(path.join(folder, readdirSync(folder)[0]!), 'utf8'),
  ) as SearchGroupFile;
  const words = group.texts.flatMap((text) => wordTokens(text).map((token) => token.word));
  const step = Math.floor(words.length / (count * 2));
  const queries = new Set<string>();
  for (let i = 0; queries.size < count && i * step < words.length; i++) {
    const word = words[i * step]!;
    // Korean readers type a word without its particle as often as with it.
    queries.add(lang === 'ko' && i % 2 === 0 ? word.slice(0, Math.max(1, word.length - 1)) : word);
  }
  // Each query differs from the one before it, so each one renders new results.
  return [...queries];
}

/** Typing → results on screen (ms), per query, on a search page whose index is loaded. */
async function searchLatencies(
  page: Page,
  url: string,
  queries: readonly string[],
): Promise<number[]> {
  await page.goto(`${url}&q=${encodeURIComponent(queries[0]!)}`);
  await page.waitForFunction(
    () => performance.getEntriesByName('red-box:search-results').length > 0,
    undefined,
    { timeout: 120_000 },
  );
  const latencies: number[] = [];
  // The first query came with the address (and loaded the index); typing it again would change
  // nothing, so no results would be drawn for it. Time the others.
  for (const [i, query] of queries.slice(1).entries()) {
    // A reader pauses between searches: let the page settle (and collect the garbage of the
    // index it just parsed), as it does between keystrokes.
    await page.waitForTimeout(i === 0 ? 1000 : 250);
    latencies.push(
      await page.evaluate(async (text) => {
        const input = document.querySelector<HTMLInputElement>('input[name="q"]')!;
        performance.clearMarks('red-box:search-results');
        const done = new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error(`no results shown for "${text}" in 10 s`)), 10_000);
          const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries() as PerformanceMark[]) {
              if ((entry.detail as { query?: string } | null)?.query === text) {
                observer.disconnect();
                resolve(entry.startTime);
              }
            }
          });
          observer.observe({ type: 'mark' });
        });
        const started = performance.now();
        // React's controlled input: set the value through the native setter, then 'input'.
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
        setter.call(input, text);
        input.dispatchEvent(new Event('input', { bubbles: true }));
        return (await done) - started;
      }, query),
    );
  }
  return latencies;
}

async function archiveBenches(context: BenchContext): Promise<void> {
  const episodes = episodesWanted(context.argv);
  const mid = Math.round(episodes / 4);
  console.log(
    `\n[bench] archive: building generated archives of 1, ${mid} and ${episodes} episodes…`,
  );
  const one = await timedBuild(1);
  const middle = await timedBuild(mid);
  const full = await timedBuild(episodes);
  // Linear growth: the extra time per extra episode is the same from 1→mid as from mid→full.
  const perEpisodeEarly = (middle.ms - one.ms) / (mid - 1);
  const perEpisodeLate = (full.ms - middle.ms) / (episodes - mid);
  console.log(
    `\nArchive build (vite build, whole site; fastest of 3)` +
      `\n  1 episode      ${formatMs(one.ms)}` +
      `\n  ${mid} episodes    ${formatMs(middle.ms)}` +
      `\n  ${episodes} episodes   ${formatMs(full.ms)}` +
      `\n  per added episode: ${formatMs(perEpisodeEarly)} (1→${mid}), ${formatMs(perEpisodeLate)} (${mid}→${episodes})`,
  );

  const sizes = indexSizes(full.distDir);
  console.log(`\nSearch index, ${episodes} episodes × 100 cues (gzip)`);
  for (const size of sizes) {
    console.log(
      `  ${size.lang}: ${size.totalKb.toFixed(1)} kB in ${size.parts} parts (largest ${size.largestKb.toFixed(1)} kB);` +
        ` the index alone ${size.indexKb.toFixed(1)} kB; baseline: the lines alone (text, ids, times) ${size.linesKb.toFixed(1)} kB`,
    );
  }

  const browser = await launchChromium();
  const runs = context.quick ? 3 : 7;
  const lists: Record<string, { full: number; one: number }> = {};
  let latencies: Record<string, number[]> = {};
  try {
    for (const [name, build] of [
      ['full', full],
      ['one', one],
    ] as const) {
      const server = await startPreviewServer(build.distDir, { episodesDir: build.episodesDir });
      try {
        for (const pagePath of ['', 'questions']) {
          const times: number[] = [];
          for (let i = 0; i < runs; i++) {
            const page = await newPage(browser);
            times.push(await listInteractive(page, `${server.url}/${pagePath}`));
            await page.close();
          }
          const entry = (lists[pagePath || '/'] ??= { full: NaN, one: NaN });
          entry[name] = median(times);
        }
        if (name === 'full') {
          latencies = {};
          for (const lang of sizes.map((size) => size.lang)) {
            const page = await newPage(browser);
            latencies[lang] = await searchLatencies(
              page,
              `${server.url}/search?lang=${lang}`,
              sampleQueries(build.distDir, lang, context.quick ? 21 : 41),
            );
            await page.close();
          }
        }
      } finally {
        await server.close();
      }
    }
  } finally {
    await browser.close();
  }

  console.log(`\nPages, data arrived → list on screen (median of ${runs} loads)`);
  for (const [page, { full: ours, one: baseline }] of Object.entries(lists)) {
    console.log(
      `  ${page.padEnd(10)} ${episodes} episodes ${formatMs(ours)}; baseline 1 episode ${formatMs(baseline)}`,
    );
  }
  console.log(`\nTyping → results on screen, ${episodes * 100} lines per language`);
  const all = Object.values(latencies).flat();
  for (const [lang, values] of Object.entries(latencies)) {
    console.log(
      `  ${lang}: median ${formatMs(median(values))}, p95 ${formatMs(percentile(values, 95))}, max ${formatMs(Math.max(...values))} (${values.length} queries)`,
    );
  }

  context.record('archive', {
    episodes,
    buildMs: { 1: one.ms, [mid]: middle.ms, [episodes]: full.ms },
    perEpisodeMs: { early: perEpisodeEarly, late: perEpisodeLate },
    indexSizes: sizes,
    listInteractiveMs: lists,
    searchLatencyMs: latencies,
  });
  context.check(
    `archive build, ${episodes} episodes < 3 min`,
    full.ms < 180_000,
    formatMs(full.ms),
  );
  context.check(
    'archive build grows linearly or better (late per-episode cost ≤ 1.25 × early)',
    perEpisodeLate <= perEpisodeEarly * 1.25,
    `${formatMs(perEpisodeEarly)} → ${formatMs(perEpisodeLate)} per episode`,
  );
  for (const size of sizes) {
    context.check(
      `search index part ≤ 400 kB gzip (${size.lang})`,
      size.largestKb <= 400,
      `largest ${size.largestKb.toFixed(1)} kB, total ${size.totalKb.toFixed(1)} kB in ${size.parts} parts`,
    );
  }
  const p95 = percentile(all, 95);
  context.check('typing → results p95 ≤ 50 ms', p95 <= 50, formatMs(p95));
  for (const [page, { full: ours }] of Object.entries(lists)) {
    context.check(`${page} interactive ≤ 200 ms after the data`, ours <= 200, formatMs(ours));
  }
}

export const archivePart: BenchPart = { name: 'archive', run: archiveBenches };
