/**
 * Parse and check throughput in Node (no browser): the bundled English transcript repeated to
 * 2 MB as one long, valid transcript (ids made unique, each repetition shifted past the last),
 * read by `parseVtt`, checked by `checkCueFile` with the episode's frame rate (as `npm run check`
 * checks a file in its episode folder), and written back by `serializeVtt`. The baseline, in
 * the same run, is webvtt-parser's own parse of the same text.
 *
 * Each figure is the best of several runs, in megabytes (10^6 UTF-16 code units of text) per
 * second of the process's CPU time: on a shared machine other processes stretch the wall clock
 * far more than the CPU time (both are printed). The bars: parseVtt and checkCueFile at least
 * 10 MB/s.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import webvtt from 'webvtt-parser';
import { checkCueFile } from '../../../src/core/episode-load.ts';
import { entityTable } from '../../../src/core/vtt-library.ts';
import { parseVtt } from '../../../src/core/vtt-parse.ts';
import { formatTimestamp, serializeVtt } from '../../../src/core/vtt-serialize.ts';
import { projectRoot } from '../../../tests/browser/support/servers.ts';
import { EPISODE_ID, type BenchContext, type BenchPart } from '../bench-context.ts';

/** The size of the text measured, in UTF-16 code units. */
const TARGET_SIZE = 2_000_000;
/** The bar for parseVtt and checkCueFile, in MB per CPU second. */
const BAR_MB_PER_SECOND = 10;

/** The bundled transcript, repeated to TARGET_SIZE as one valid file. */
function longTranscript(): { text: string; frameRate: number | undefined } {
  const folder = path.join(projectRoot, 'episodes', EPISODE_ID);
  const episode = JSON.parse(readFileSync(path.join(folder, 'episode.json'), 'utf8')) as {
    media?: { frameRate?: number };
  };
  const { cues } = parseVtt(readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8')).document;
  const length = Math.ceil(cues[cues.length - 1]!.endTime + 1);
  const blocks: string[] = ['WEBVTT'];
  let size = 0;
  for (let round = 0; size < TARGET_SIZE; round++) {
    for (const cue of cues) {
      const shift = round * length;
      const block = `${cue.id}-${round}\n${formatTimestamp(cue.startTime + shift)} --> ${formatTimestamp(cue.endTime + shift)}\n${cue.rawText}`;
      blocks.push(block);
      size += block.length + 2;
    }
  }
  return { text: blocks.join('\n\n') + '\n', frameRate: episode.media?.frameRate };
}

interface Throughput {
  /** MB per CPU second, best run. */
  readonly cpu: number;
  /** MB per wall-clock second, best run. */
  readonly wall: number;
}

function measure(megabytes: number, runs: number, work: () => unknown): Throughput {
  work(); // warm-up
  let cpu = 0;
  let wall = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const usage = process.cpuUsage();
    work();
    const used = process.cpuUsage(usage);
    const wallSeconds = (performance.now() - started) / 1000;
    cpu = Math.max(cpu, megabytes / ((used.user + used.system) / 1e6));
    wall = Math.max(wall, megabytes / wallSeconds);
  }
  return { cpu, wall };
}

async function parseBench(context: BenchContext): Promise<void> {
  const { text, frameRate } = longTranscript();
  const megabytes = text.length / 1e6;
  const runs = context.quick ? 3 : 8;
  const parsed = parseVtt(text, { file: 'transcript.en.vtt' });
  const checked = checkCueFile(text, {
    file: 'transcript.en.vtt',
    kind: 'transcript',
    lang: 'en',
    frameRate,
  });
  const figures: Record<string, Throughput> = {
    library: measure(megabytes, runs, () =>
      new webvtt.WebVTTParser(entityTable).parse(text, 'subtitles'),
    ),
    parseVtt: measure(megabytes, runs, () => parseVtt(text, { file: 'transcript.en.vtt' })),
    checkCueFile: measure(megabytes, runs, () =>
      checkCueFile(text, { file: 'transcript.en.vtt', kind: 'transcript', lang: 'en', frameRate }),
    ),
    serializeVtt: measure(megabytes, runs, () => serializeVtt(parsed.document)),
  };
  const baseline = figures.library!.cpu;
  console.log(
    `\nParse and check, ${megabytes.toFixed(2)} MB (${parsed.document.cues.length.toLocaleString('en-US')} cues, ${checked.findings.length} findings), best of ${runs} runs, MB per CPU second (wall clock)`,
  );
  for (const [name, figure] of Object.entries(figures)) {
    const ratio =
      name === 'library' ? 'baseline' : `${(figure.cpu / baseline).toFixed(1)}× the baseline`;
    console.log(
      `  ${name.padEnd(13)} ${figure.cpu.toFixed(1).padStart(6)} MB/s  (${figure.wall.toFixed(1)} wall)  ${ratio}`,
    );
  }
  context.record('parse', { megabytes, cues: parsed.document.cues.length, runs, figures });
  for (const name of ['parseVtt', 'checkCueFile']) {
    const figure = figures[name]!;
    context.check(
      `${name} ≥ ${BAR_MB_PER_SECOND} MB/s on the 2 MB transcript`,
      figure.cpu >= BAR_MB_PER_SECOND,
      `${figure.cpu.toFixed(1)} MB/s; webvtt-parser's own parse ${baseline.toFixed(1)} MB/s`,
    );
  }
}

export const parsePart: BenchPart = { name: 'parse', run: parseBench };
