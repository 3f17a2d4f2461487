/**
 * npm run recording -- <transcript.txt> --lang en|ko [options]: speak a transcript in the
 * published format (Contract 7) with a synthesizer that is not the aligner's, and write
 * audio.wav, transcript.txt and truth.json (every spoken word's start and end) to a folder.
 *
 *   --out <dir>        where the files go (default: a cached folder under tests/.artifacts/recordings)
 *   --seed <n>         pauses and jitter (default 1)
 *   --noise <dB>       pink noise at this signal-to-noise ratio
 *   --music            a music bed under the head and tail
 *   --reverb <0-100>   room reverb
 *   --paragraphs <n>   only the first n paragraphs
 *   --video            also video.mp4 (H.264/AAC, a still card)
 */
import { cp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { makeRecording, type RecordingSpec } from './recording.ts';

const USAGE = `Usage: npm run recording -- <transcript.txt> --lang en|ko [--out dir] [--seed n]
       [--noise dB] [--music] [--reverb 0-100] [--paragraphs n] [--video]`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number)) fail(`--${name} takes a number, not "${value}".`);
  return number;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        lang: { type: 'string' },
        out: { type: 'string' },
        seed: { type: 'string' },
        noise: { type: 'string' },
        music: { type: 'boolean' },
        reverb: { type: 'string' },
        paragraphs: { type: 'string' },
        video: { type: 'boolean' },
      },
    });
  } catch (error) {
    fail((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) fail('Give one transcript file.');
  if (values.lang !== 'en' && values.lang !== 'ko')
    fail('--lang is en (festival) or ko (espeak-ng).');
  const file = positionals[0]!;
  const text = await readFile(file, 'utf8').catch(() => fail(`Cannot read ${file}.`));
  const name =
    path
      .basename(file)
      .replace(/\.[^.]*$/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'recording';
  const noise = numberOption(values.noise, 'noise');
  const reverb = numberOption(values.reverb, 'reverb');
  const paragraphs = numberOption(values.paragraphs, 'paragraphs');
  const spec: RecordingSpec = {
    name,
    lang: values.lang,
    text,
    seed: numberOption(values.seed, 'seed') ?? 1,
    ...(noise !== undefined ? { noiseSnrDb: noise } : {}),
    ...(values.music ? { music: { underSeconds: 8, underDb: -10 } } : {}),
    ...(reverb !== undefined ? { reverb } : {}),
    ...(paragraphs !== undefined ? { paragraphs } : {}),
    ...(values.video ? { video: true } : {}),
  };
  const recording = await makeRecording(spec).catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    // Problems in the text say where (line:col): print them as file:line:col, like npm run check.
    console.error(/^\d+:\d+ {2}/.test(message) ? `${file}:${message}` : message);
    process.exit(1);
  });
  let dir = recording.dir;
  if (values.out) {
    await cp(recording.dir, values.out, { recursive: true });
    dir = values.out;
  }
  const { truth } = recording;
  console.log(
    `${dir}: ${truth.duration.toFixed(1)} s, ${truth.words.length} spoken words, ` +
      `${truth.turns.length} turns by ${truth.speakers.join(', ')}\n  ${truth.method}`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
