/**
 * `npm run bench`: performance measured beside a baseline measured in the same run (these
 * machines are shared and noisy; ratios travel better than milliseconds).
 *
 *   npm run bench                        every part
 *   npm run bench -- --quick             shorter runs (a smoke run; figures are less stable)
 *   npm run bench -- --only sync,panel   some parts, by name (see PARTS)
 *   npm run bench -- --only words        word by word: lag per word start, scripting, heap
 *   npm run bench -- --only parse        parse and check throughput in Node alone (no browser)
 *   npm run bench -- --only load         first load of the watch and embed pages, phone and desktop
 *   npm run bench -- --only editor       the workspace's waveform: ready, dragging an edge, bytes an hour
 *   npm run bench -- --only align --aligner ../other-checkout   the aligner of another checkout
 *
 * Each part lives in scripts/bench/parts/ and states its own bars. Results also go to
 * tests/.artifacts/bench.json; the exit code is 1 when a bar is missed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../tests/browser/support/servers.ts';
import { createBrowserSite, type BenchContext, type BenchPart } from './bench-context.ts';
import { alignPart } from './parts/align.ts';
import { archivePart } from './parts/archive.ts';
import { editorPart } from './parts/editor.ts';
import { heapPart } from './parts/heap.ts';
import { importPart } from './parts/import.ts';
import { loadPart } from './parts/load.ts';
import { panelPart } from './parts/panel.ts';
import { parsePart } from './parts/parse.ts';
import { scriptingPart } from './parts/scripting.ts';
import { syncPart } from './parts/sync.ts';
import { wordsPart } from './parts/words.ts';

/** Every part, in the order a full run takes them. */
const PARTS: readonly BenchPart[] = [
  syncPart,
  wordsPart,
  panelPart,
  editorPart,
  scriptingPart,
  heapPart,
  parsePart,
  alignPart,
  archivePart,
  loadPart,
  importPart,
];

interface Verdict {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

function chosenParts(argv: readonly string[]): readonly BenchPart[] {
  const at = argv.indexOf('--only');
  if (at < 0) return PARTS;
  const names = (argv[at + 1] ?? '').split(',').filter(Boolean);
  const unknown = names.filter((name) => !PARTS.some((part) => part.name === name));
  if (names.length === 0 || unknown.length > 0) {
    console.error(
      `[bench] --only takes part names separated by commas: ${PARTS.map((part) => part.name).join(', ')}` +
        (unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''),
    );
    process.exit(2);
  }
  return PARTS.filter((part) => names.includes(part.name));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const parts = chosenParts(argv);
  const verdicts: Verdict[] = [];
  const quick = argv.includes('--quick');
  const results: Record<string, unknown> = { date: new Date().toISOString(), quick };
  const site = createBrowserSite(
    parts.flatMap((part) => (part.prepareSite ? [part.prepareSite] : [])),
  );
  const context: BenchContext = {
    quick,
    argv,
    check: (name, ok, detail) => verdicts.push({ name, ok, detail }),
    record: (key, value) => {
      results[key] = value;
    },
    browserSite: site.get,
  };
  try {
    for (const part of parts) await part.run(context);
  } finally {
    await site.close();
  }
  console.log('\nBars');
  for (const verdict of verdicts) {
    console.log(`  ${verdict.ok ? 'PASS' : 'FAIL'}  ${verdict.name}  (${verdict.detail})`);
  }
  const artifacts = path.join(projectRoot, 'tests/.artifacts');
  mkdirSync(artifacts, { recursive: true });
  writeFileSync(
    path.join(artifacts, 'bench.json'),
    JSON.stringify({ ...results, verdicts }, null, 2),
  );
  process.exitCode = verdicts.every((verdict) => verdict.ok) ? 0 : 1;
}

await main();
