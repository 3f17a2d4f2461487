/**
 * For tests of `npm run import` (Node and browser): the short festival recording they import, its
 * captions as a subtitle editor would export them, and the command spawned as a publisher runs it.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { bundledText } from '../../../scripts/recordings/catalogue.ts';
import {
  captionsFromTruth,
  captionsToSrt,
  type TruthCaption,
} from '../../../scripts/recordings/captions.ts';
import {
  makeRecording,
  recordingVideo,
  type Recording,
} from '../../../scripts/recordings/recording.ts';

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
 * Run a project script with tsx (the episodes folder set when given); never rejects. `node
 * --import tsx` is what `npm run <script>` (`tsx <script>`) runs, less the tsx launcher process in
 * front of it: the same loader and process, about 0.1 s less CPU a spawn, and the bad-input tests
 * (import's and align's) spawn many.
 */
export async function spawnScript(
  script: string,
  args: readonly string[],
  episodesDir?: string,
): Promise<Outcome> {
  try {
    const { stdout, stderr } = await exec(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: ROOT,
      env: { ...process.env, ...(episodesDir ? { RED_BOX_EPISODES_DIR: episodesDir } : {}) },
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

/**
 * The same speech under a 160×90 card: for imports whose pictures no test looks at (the MP4
 * encode of 640×360 is about twice the ffmpeg CPU of one of 160×90).
 */
export function smallVideo(recording: Recording): Promise<string> {
  return recordingVideo(recording, '160x90');
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

/** The episode id of the shared import (importWithCaptions). */
export const WITH_CAPTIONS_ID = 'first-winter';

/** Where importWithCaptions keeps its episode (tests/.artifacts is ignored by git). */
const IMPORTS_CACHE = path.join(ROOT, 'tests/.artifacts/imports');

export interface SharedImport {
  readonly recording: Recording;
  readonly captions: TruthCaption[];
  readonly outcome: Outcome;
  /** The episode folder it made (absent when it failed): copy it, never change it. */
  readonly folder: string;
}

/** Every file of the code an import runs (src/, scripts/, the locked packages) and ffmpeg's version. */
async function importCodeHash(): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(file);
      else
        hash
          .update(path.relative(ROOT, file))
          .update('\0')
          .update(await readFile(file));
    }
  };
  await walk(path.join(ROOT, 'src'));
  await walk(path.join(ROOT, 'scripts'));
  hash.update(await readFile(path.join(ROOT, 'package-lock.json')));
  hash.update((await exec('ffmpeg', ['-version'])).stdout.split('\n')[0] ?? '');
  return hash.digest('hex').slice(0, 12);
}

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * `npm run import` of the recording with its captions, the HLS ladder and every option, as
 * import-cli.test.ts checks it and imported-episode.test.ts plays it: spawned once and its episode
 * kept in tests/.artifacts/imports under a hash of its arguments, its captions and the code (a
 * changed import, aligner, encoder or package runs it again), so the two files (and a second run
 * of the suite) do not encode the same video and ladder twice. Safe when several processes ask at
 * once: the first runs it (a lock folder with its pid), the others wait for its result. A failed
 * import is not kept: each asker gets its outcome.
 */
export async function importWithCaptions(): Promise<SharedImport> {
  const recording = await importRecording();
  const captions = importCaptions(recording);
  const srt = captionsToSrt(captions);
  const args = (captionsFile: string) => [
    WITH_CAPTIONS_ID,
    ...['--media', recording.videoFile!, '--transcript', recording.transcriptFile],
    ...['--captions', captionsFile, '--lang', 'en', '--title', 'First winter'],
    ...['--published', '2025-01-02', '--anonymous', 'Speaker K'],
    ...['--question', 'What surprised you most about your first winter here?'],
  ];
  const key = createHash('sha256')
    .update(JSON.stringify({ args: args(''), srt, code: await importCodeHash() }))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(IMPORTS_CACHE, `${WITH_CAPTIONS_ID}-${key}`);
  const lock = `${dir}.lock`;
  const episodesDir = path.join(dir, 'episodes');
  const result = (outcome: Outcome): SharedImport => ({
    recording,
    captions,
    outcome,
    folder: path.join(episodesDir, WITH_CAPTIONS_ID),
  });
  const done = path.join(dir, 'outcome.json');
  await mkdir(IMPORTS_CACHE, { recursive: true });
  for (;;) {
    if (existsSync(done)) return result(JSON.parse(await readFile(done, 'utf8')) as Outcome);
    const owner = await mkdir(lock).then(
      () => true,
      () => false,
    );
    if (!owner) {
      // Another process is importing: wait for its result, or take over if it died.
      const pid = Number(await readFile(path.join(lock, 'pid'), 'utf8').catch(() => ''));
      const age = Date.now() - ((await stat(lock).catch(() => null))?.mtimeMs ?? Date.now());
      if (pid ? !running(pid) : age > 30_000) await rm(lock, { recursive: true, force: true });
      await sleep(500);
      continue;
    }
    try {
      await writeFile(path.join(lock, 'pid'), String(process.pid));
      if (existsSync(done)) continue;
      await rm(dir, { recursive: true, force: true });
      await mkdir(episodesDir, { recursive: true });
      const captionsFile = path.join(dir, 'captions.en.srt');
      await writeFile(captionsFile, srt);
      const outcome = await spawnScript(IMPORT_SCRIPT, args(captionsFile), episodesDir);
      if (outcome.code !== 0) return result(outcome);
      await writeFile(done, JSON.stringify(outcome));
      // Earlier versions (changed code or inputs) are of no more use.
      for (const entry of await readdir(IMPORTS_CACHE)) {
        const stale = new RegExp(`^${WITH_CAPTIONS_ID}-[0-9a-f]{12}$`);
        if (stale.test(entry) && path.join(IMPORTS_CACHE, entry) !== dir)
          await rm(path.join(IMPORTS_CACHE, entry), { recursive: true, force: true });
      }
      return result(outcome);
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
  }
}
