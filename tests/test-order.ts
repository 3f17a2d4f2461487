/**
 * The order vitest starts test files in (`test.sequence.sequencer` in vite.config.ts).
 *
 * The files of a group of projects share one pool of workers, so the group ends when its last file
 * does: the longest files must start first, or one of them starts last and runs alone at the end. Vitest's
 * own order sorts by the durations of the previous run (kept in node_modules/.vite/vitest), which a
 * fresh clone does not have; it then falls back to project name and file size, which starts the
 * unit files that spawn ffmpeg and festival (about a minute each) last.
 *
 * So: files with a recorded duration go longest first (vitest's cache, as before); files without
 * one go by an estimate: a browser file counts as a few times its size (it waits on real-time
 * playback and page loads), the files listed in SLOW by their measured duration.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
// Types only: vite.config.ts imports this file, and the dev server and the build load that config
// too; vitest/node is not worth loading there.
import type { TestSequencer, TestSpecification, Vitest } from 'vitest/node';

/**
 * Files that run long, in seconds, as measured on 2026-12-02 in one run of every file beside
 * other engineers' work (load average 6-9): the estimate below is far off for them (a browser
 * file that only reads pages is faster than its size says, one that plays video in real time or
 * spawns ffmpeg slower). Only their order matters: an estimate for scheduling, nothing here
 * changes what a test checks. Files under 8 s are left to the estimate.
 */
const SLOW: Readonly<Record<string, number>> = {
  'tests/browser/translator-new-language.test.ts': 61,
  'tests/unit/import/import-cli.test.ts': 48,
  'tests/browser/viewer-continued.test.ts': 48,
  'tests/browser/translator-realign.test.ts': 40,
  'tests/browser/long-transcript.test.ts': 37,
  'tests/browser/viewer.test.ts': 36,
  'tests/browser/translator-checks.test.ts': 33,
  'tests/browser/translator-waveform.test.ts': 33,
  'tests/browser/translator-keyboard.test.ts': 32,
  'tests/browser/translator-markup-and-tabs.test.ts': 32,
  'tests/unit/hls-ladder.test.ts': 30,
  'tests/browser/translator-conflicts.test.ts': 29,
  // 2026-12-03, once what it checks without timing moved to hls-sources.test.ts (load 9-12).
  'tests/browser/hls-playback.test.ts': 27,
  'tests/browser/embed-api.test.ts': 27,
  'tests/browser/embed-serving.test.ts': 27,
  'tests/browser/viewer-faults.test.ts': 27,
  'tests/browser/embed-page.test.ts': 23,
  'tests/browser/translator-save-api.test.ts': 23,
  'tests/browser/archive.test.ts': 22,
  'tests/browser/translator-tap-timing.test.ts': 20,
  'tests/browser/translator-drafts.test.ts': 19,
  'tests/browser/first-page-sync.test.ts': 18,
  'tests/browser/words.test.ts': 17,
  'tests/unit/align/align-cli.test.ts': 17,
  'tests/unit/check.test.ts': 13,
  'tests/unit/core-hostile.test.ts': 10,
  'tests/browser/prerendered-pages.test.ts': 10,
  'tests/unit/core-fuzz.test.ts': 9,
  'tests/browser/translator-long-file.test.ts': 9,
  'tests/browser/translator-playback-keys.test.ts': 8,
};

/** Seconds per kilobyte of test source, roughly, by project (for files not in SLOW). */
const SECONDS_PER_KB: Readonly<Record<string, number>> = { browser: 4, dom: 0.3, unit: 0.3 };

function estimate(spec: TestSpecification, root: string): number {
  const relative = spec.moduleId.slice(root.length + 1);
  const known = SLOW[relative];
  if (known !== undefined) return known;
  const kilobytes = statSync(spec.moduleId).size / 1024;
  return kilobytes * (SECONDS_PER_KB[spec.project.name] ?? 0.3);
}

export default class LongestFirst implements TestSequencer {
  constructor(private readonly ctx: Vitest) {}

  /** `--shard i/n`: as vitest's own sequencer does it (files by a hash of their path). */
  async shard(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { index, count } = this.ctx.config.shard!;
    const hashed = files
      .map((spec) => ({
        spec,
        hash: createHash('sha1')
          .update(path.relative(this.ctx.config.root, spec.moduleId))
          .digest('hex'),
      }))
      .sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    const size = Math.ceil(hashed.length / count);
    return hashed.slice((index - 1) * size, index * size).map(({ spec }) => spec);
  }

  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = new Map<TestSpecification, number>();
    for (const spec of files) {
      const key = `${spec.project.name}:${spec.moduleId.slice(root.length + 1)}`;
      const previous = this.ctx.cache.getFileTestResults(key);
      seconds.set(spec, previous ? previous.duration / 1000 : estimate(spec, root));
    }
    return [...files].sort((a, b) => {
      const order = a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder;
      return order !== 0 ? order : seconds.get(b)! - seconds.get(a)!;
    });
  }
}
