/**
 * `npm run import` wall clock per minute of video: a festival recording (the whole `first-winter`
 * tuning text, about 2 minutes; `--quick`: its first four paragraphs) imported with captions and
 * `--no-hls`, with captions and the HLS ladder, and without captions (the aligner) and `--no-hls`.
 * Spawned as a publisher runs it, so tsx start-up is included; the machine's load is printed
 * beside the figures because on a shared machine it says as much as they do.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundledText } from '../../recordings/catalogue.ts';
import { captionsFromTruth, captionsToSrt } from '../../recordings/captions.ts';
import { makeRecording } from '../../recordings/recording.ts';
import { IMPORT_SCRIPT, spawnScript } from '../../../tests/unit/support/import-run.ts';
import type { BenchContext, BenchPart } from '../bench-context.ts';

async function importBench(context: BenchContext): Promise<void> {
  const recording = await makeRecording({
    name: context.quick ? 'import-bench-quick' : 'import-bench',
    lang: 'en',
    text: bundledText('first-winter.en.txt'),
    seed: 5,
    video: true,
    ...(context.quick ? { paragraphs: 4 } : {}),
  });
  const work = await mkdtemp(path.join(os.tmpdir(), 'red-box-import-bench-'));
  const captionsFile = path.join(work, 'captions.en.srt');
  await writeFile(captionsFile, captionsToSrt(captionsFromTruth(recording.truth, 7)));
  const minutes = recording.truth.duration / 60;
  const runs = [
    { name: 'captions, --no-hls', args: ['--captions', captionsFile, '--no-hls'] },
    { name: 'captions, HLS ladder', args: ['--captions', captionsFile] },
    { name: 'aligner, --no-hls', args: ['--no-hls'] },
  ];
  console.log(
    `\nnpm run import on a ${recording.truth.duration.toFixed(1)} s 640×360 recording (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores)`,
  );
  const figures: Record<string, number> = {};
  try {
    for (const [k, run] of runs.entries()) {
      const started = performance.now();
      const outcome = await spawnScript(
        IMPORT_SCRIPT,
        [
          `bench-${k}`,
          '--media',
          recording.videoFile!,
          '--transcript',
          recording.transcriptFile,
          ...run.args,
        ],
        path.join(work, 'episodes'),
      );
      const seconds = (performance.now() - started) / 1000;
      const perMinute = seconds / minutes;
      figures[run.name] = perMinute;
      console.log(
        `  ${run.name.padEnd(22)} ${seconds.toFixed(1).padStart(6)} s, ${perMinute.toFixed(1)} s per minute of video`,
      );
      context.check(
        `import (${run.name}) makes the episode`,
        outcome.code === 0,
        outcome.code === 0
          ? `${seconds.toFixed(1)} s`
          : (outcome.stderr.trim().split('\n').pop() ?? ''),
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  context.record('import', {
    videoSeconds: recording.truth.duration,
    secondsPerMinute: figures,
    loadAverage: os.loadavg()[0],
  });
}

export const importPart: BenchPart = { name: 'import', run: importBench };
