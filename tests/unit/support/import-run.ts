/**
 * For tests of `npm run import` (Node and browser): the short festival recording they import, its
 * captions as a subtitle editor would export them, and the command spawned as a publisher runs it.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundledText } from '../../../scripts/recordings/catalogue.ts';
import { captionsFromTruth, type TruthCaption } from '../../../scripts/recordings/captions.ts';
import { makeRecording, type Recording } from '../../../scripts/recordings/recording.ts';

const exec = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../../..');
export const IMPORT_SCRIPT = path.join(ROOT, 'scripts/import/import.ts');
export const CHECK_SCRIPT = path.join(ROOT, 'scripts/check.ts');

export interface Outcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Run a project script with tsx, the episodes folder set; never rejects. `node --import tsx` is
 * what `npm run <script>` (`tsx <script>`) runs, less the tsx launcher process in front of it:
 * the same loader and process, about 0.1 s less CPU a spawn, and the bad-input tests spawn many.
 */
export async function spawnScript(
  script: string,
  args: readonly string[],
  episodesDir: string,
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, RED_BOX_EPISODES_DIR: episodesDir },
      maxBuffer: 32 << 20,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/**
 * Four paragraphs of a tuning text spoken by festival with a video (three speakers, Mina twice,
 * an editor's insertion, about 37 s), cached in tests/.artifacts/recordings.
 */
export function importRecording(): Promise<Recording> {
  return makeRecording({
    name: 'import-cli',
    lang: 'en',
    text: bundledText('first-winter.en.txt'),
    seed: 5,
    paragraphs: 4,
    video: true,
  });
}

/** The recording's captions: every 7 words, no speakers, no punctuation, lower case. */
export function importCaptions(recording: Recording): TruthCaption[] {
  return captionsFromTruth(recording.truth, 7);
}

/** The speaker truth says is talking at `time` (the turn it falls in, or the one before). */
export function truthSpeakerAt(recording: Recording, time: number): string {
  const turns = recording.truth.turns;
  let speaker = turns[0]!.speaker;
  for (const turn of turns) if (turn.startTime <= time + 0.05) speaker = turn.speaker;
  return speaker;
}
