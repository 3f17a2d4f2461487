/**
 * npm run waveform [episode folder …]
 *
 * Writes each episode's waveform file (`media/waveform.bin`: peaks per 10 ms and speech regions,
 * for the translator workspace) from its first local media source, and names it in episode.json.
 * Needs ffmpeg. `npm run media` and `npm run import` do this themselves.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Episode } from '../../src/core/episode-model.ts';
import { AlignInputError } from '../align/media-audio.ts';
import { writeWaveformFile } from './waveform-file.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const dirs =
    args.length > 0 ? args : [path.join(ROOT, 'episodes/misunderstandings-and-stereotypes')];
  for (const arg of dirs) {
    const dir = path.resolve(arg);
    const episode = JSON.parse(await readFile(path.join(dir, 'episode.json'), 'utf8')) as Episode;
    const local = episode.media.sources.find((source) => !/^https?:/i.test(source.src));
    if (!local) {
      console.error(`${dir}/episode.json: no local media source to read the sound from; skipped`);
      process.exitCode = 1;
      continue;
    }
    const written = await writeWaveformFile(dir, path.join(dir, local.src));
    console.log(
      `${path.relative(process.cwd(), written.file)}: ${written.bytes} bytes for ${written.seconds.toFixed(1)} s ` +
        `(${Math.round((written.bytes / written.seconds) * 3.6)} kB per hour), ${written.speechRegions} speech regions` +
        (written.changed.length ? `; wrote ${written.changed.join(', ')}` : '; unchanged'),
    );
  }
}

main().catch((error: unknown) => {
  console.error(
    error instanceof AlignInputError || !(error instanceof Error)
      ? String(error instanceof Error ? error.message : error)
      : error.message,
  );
  process.exitCode = 1;
});
