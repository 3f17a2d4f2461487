/**
 * npm run align -- <media> <transcript> --lang <tag> [--out <file.vtt>] [--json <report.json>] [--force]
 *
 * Contract 7: times a published transcript against the speech in a media file and writes a
 * Contract 1 transcript with word timestamps (stdout without --out). Thin: ffprobe, ffmpeg and
 * espeak-ng run here; everything else is src/core/align.
 *
 * Exit status: 0 when a cue file was written (findings may still be printed), 1 when none could be
 * made (bad input, or the text is not what is spoken: --force writes it anyway), 2 for a bad
 * command line. Progress and findings go to stderr; stdout carries only the cue file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { formatAlignFinding, type AlignFinding } from '../../src/core/align/align-finding.ts';
import { reportCues, type AlignReport } from '../../src/core/align/align-report.ts';
import {
  completeAlignment,
  planAlignment,
  textTooLong,
  type CompletedAlignment,
} from '../../src/core/align/align-transcript.ts';
import { isWellFormedLanguageTag } from '../../src/core/language-tag.ts';
import { AlignInputError, decodeAudio, probeMedia } from './media-audio.ts';
import { synthesizeAll, voiceFor } from './synthesis.ts';

const USAGE = `Usage: npm run align -- <media> <transcript> --lang <tag> [--out <file.vtt>] [--json <report.json>] [--force]

  media        a video or audio file ffmpeg reads (mp4, webm, wav, mp3 …)
  transcript   the transcript as published: "Name: text" paragraphs separated by blank lines
  --lang       the language spoken and written (BCP 47: en, ko …)
  --out        where to write the cue file (default: stdout)
  --json       also write a report: per cue times, words and confidence, findings, durations
  --force      write the cue file even when the text does not seem to be what is spoken`;

class UsageError extends Error {}

interface Options {
  readonly media: string;
  readonly transcript: string;
  readonly lang: string;
  readonly out: string | null;
  readonly json: string | null;
  readonly force: boolean;
}

function parseArguments(args: readonly string[]): Options {
  const positional: string[] = [];
  let lang: string | null = null;
  let out: string | null = null;
  let json: string | null = null;
  let force = false;
  const value = (name: string, i: number): string => {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) throw new UsageError(`${name} needs a value.`);
    return next;
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    else if (arg === '--lang') lang = value(arg, i++);
    else if (arg === '--out') out = value(arg, i++);
    else if (arg === '--json') json = value(arg, i++);
    else if (arg === '--force') force = true;
    else if (arg.startsWith('--lang=')) lang = arg.slice(7);
    else if (arg.startsWith('--out=')) out = arg.slice(6);
    else if (arg.startsWith('--json=')) json = arg.slice(7);
    else if (arg === '--') continue;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  if (positional.length !== 2) throw new UsageError('Give a media file and a transcript.');
  if (!lang) throw new UsageError('Give the language with --lang (en, ko …).');
  if (!isWellFormedLanguageTag(lang))
    throw new UsageError(`"${lang}" is not a language tag (en, ko, pt-BR …).`);
  return { media: positional[0]!, transcript: positional[1]!, lang, out, json, force };
}

/** Progress as a percentage on stderr: rewritten in place on a terminal, a line per step in logs. */
function progressReporter(enabled: boolean): (fraction: number, stage: string) => void {
  let last = -1;
  return (fraction, stage) => {
    if (!enabled) return;
    const percent = Math.floor(fraction * 100);
    if (percent === last) return;
    last = percent;
    if (process.stderr.isTTY)
      process.stderr.write(`\ralign: ${String(percent).padStart(3)}% ${stage.padEnd(24)}`);
    else if (percent % 10 === 0 || percent === 100)
      process.stderr.write(`align: ${percent}% ${stage}\n`);
  };
}

/** Files longer than this show progress. */
const PROGRESS_FROM_SECONDS = 60;

type MutableReport = { -readonly [K in keyof AlignReport]: AlignReport[K] };

/** A report with nothing aligned yet (and the error, when the run stops before aligning). */
function emptyReport(
  options: Options,
  error: string | null,
  durations: Record<string, number>,
): MutableReport {
  return {
    version: 1,
    ok: false,
    error,
    media: options.media,
    transcript: options.transcript,
    lang: options.lang,
    out: null,
    mediaDuration: null,
    mismatch: null,
    cues: [],
    findings: [],
    durations,
    stats: { turns: 0, cues: 0, words: 0, timedWords: 0 },
  };
}

async function run(options: Options): Promise<{ report: AlignReport; exitCode: number }> {
  const started = performance.now();
  const durations: Record<string, number> = {};
  const stage = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const at = performance.now();
    try {
      return await work();
    } finally {
      durations[name] = Math.round(performance.now() - at) / 1000;
    }
  };
  const report = emptyReport(options, null, durations);
  const fail = (message: string, findings: readonly AlignFinding[] = []) => {
    report.error = message;
    report.findings = findings;
    durations.total = Math.round(performance.now() - started) / 1000;
    return { report, exitCode: 1 };
  };

  const text = await readFile(options.transcript, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new AlignInputError(
      error.code === 'ENOENT'
        ? `${options.transcript}: no such file. Give the transcript as a UTF-8 text file.`
        : `${options.transcript}: cannot be read (${error.code ?? error.message}).`,
    );
  });
  const plan = planAlignment(text, options.transcript);
  report.stats = {
    turns: plan.transcript.turns.length,
    cues: 0,
    words: plan.transcript.turns.reduce(
      (sum, turn) => sum + turn.paragraphs.reduce((n, paragraph) => n + paragraph.words.length, 0),
      0,
    ),
    timedWords: plan.spoken.length,
  };
  const transcriptErrors = plan.findings.filter((finding) => finding.severity === 'error');
  if (transcriptErrors.length) {
    return fail(
      `${options.transcript}: the transcript cannot be aligned (see the findings).`,
      plan.findings,
    );
  }

  const info = await stage('probe', () => probeMedia(options.media));
  if (info.audioStreams === 0) {
    return fail(
      `${options.media}: has no audio stream, so there is no speech to align to. Give the media with its sound.`,
    );
  }
  report.mediaDuration = Number.isFinite(info.duration) ? info.duration : null;
  const tooLong =
    report.mediaDuration === null
      ? null
      : textTooLong(plan, report.mediaDuration, options.transcript);
  if (tooLong) return fail(tooLong.message, [...plan.findings, tooLong]);

  const progress = progressReporter((report.mediaDuration ?? 0) >= PROGRESS_FROM_SECONDS);
  progress(0, 'decoding');
  const [audio, located] = await Promise.all([
    stage('decode', () => decodeAudio(options.media)),
    stage('synthesis', async () =>
      synthesizeAll(
        plan.fragments,
        plan.spoken.map((word) => word.text),
        await voiceFor(options.lang),
        (done) => progress(0.05 + done * 0.45, 'synthesizing'),
      ),
    ),
  ]);
  report.mediaDuration = audio.length / 16_000;
  progress(0.5, 'aligning');
  let completed: CompletedAlignment;
  try {
    completed = await stage('alignment', () =>
      completeAlignment(plan, located, audio, { lang: options.lang, file: options.transcript }),
    );
  } catch (error) {
    if (error instanceof RangeError) {
      return fail(
        `${options.media}: ${error.message}: there is nothing to align the transcript to.`,
        plan.findings,
      );
    }
    throw error;
  }
  progress(1, 'done');
  if (process.stderr.isTTY && report.mediaDuration >= PROGRESS_FROM_SECONDS)
    process.stderr.write('\n');

  report.mismatch = completed.mismatch;
  report.cues = reportCues(completed.cues, completed.unplaced);
  report.stats = { ...report.stats, cues: completed.cues.length };
  if (completed.mismatch.verdict && !options.force) {
    const finding: AlignFinding = {
      rule: 'align-mismatch',
      severity: 'error',
      file: options.transcript,
      line: plan.spoken[0]?.line ?? 1,
      col: plan.spoken[0]?.col ?? 1,
      message: `The text does not seem to be what is spoken in ${options.media} (alignment cost ${completed.mismatch.cost} against a limit of ${completed.mismatch.threshold}): is the speech in another language than --lang ${options.lang}? Give a transcript in the spoken language (or caption files timed to the video), or --force to write the cues anyway.`,
    };
    return fail(finding.message, [...completed.findings, finding]);
  }

  if (options.out) {
    await stage('write', () => writeFile(options.out!, completed.vtt));
    report.out = options.out;
  } else process.stdout.write(completed.vtt);
  report.ok = true;
  report.findings = completed.findings;
  durations.total = Math.round(performance.now() - started) / 1000;
  return { report, exitCode: 0 };
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`${error.message}\n\n`);
    process.stderr.write(USAGE + '\n');
    process.exitCode = error.message ? 2 : 0;
    return;
  }
  let outcome: { report: AlignReport; exitCode: number };
  try {
    outcome = await run(options);
  } catch (error) {
    if (!(error instanceof AlignInputError)) throw error;
    outcome = {
      report: emptyReport(options, error.message, {}),
      exitCode: 1,
    };
  }
  const { report } = outcome;
  for (const finding of report.findings) process.stderr.write(formatAlignFinding(finding) + '\n');
  if (report.error) process.stderr.write(`align: ${report.error}\n`);
  if (options.json) await writeFile(options.json, JSON.stringify(report, null, 2) + '\n');
  process.exitCode = outcome.exitCode;
}

main().catch((error: unknown) => {
  // Anything else is a bug: say so in one line, never a stack trace for the user.
  process.stderr.write(
    `align: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exitCode = 1;
});
