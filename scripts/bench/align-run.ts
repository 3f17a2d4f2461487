/**
 * Running `npm run align` (Contract 7) end to end, as a publisher would, timed by the wall clock:
 * the npm and tsx start-up, decoding, synthesis and alignment all count.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { AlignReport } from './align-score.ts';

/** One run of the aligner's CLI. */
export interface AlignRun {
  readonly exitCode: number;
  /** Seconds from spawning npm to its exit. */
  readonly wallSeconds: number;
  /** The --json report, when the CLI wrote one. */
  readonly report: AlignReport | null;
  /** The cue file, when the CLI wrote one. */
  readonly vtt: string | null;
  /** The end of stderr (findings, errors), for the bench's notes. */
  readonly stderrTail: string;
  /** The machine's 1-minute load average when the run ended (other work skews the speed). */
  readonly loadAverage: number;
  /** CPU seconds (user + system) of npm and everything it ran; NaN when unknown. */
  readonly cpuSeconds: number;
}

/** User plus system seconds of the children, from the second line of bash's `times` (`0m1.5s 0m0.2s`). */
export function childrenCpuSeconds(times: string): number {
  const line = times.trim().split('\n')[1];
  const parts = [...(line ?? '').matchAll(/(\d+)m([\d.]+)s/g)];
  if (parts.length !== 2) return NaN;
  return parts.reduce(
    (sum, [, minutes, seconds]) => sum + Number(minutes) * 60 + Number(seconds),
    0,
  );
}

/** Whether `checkout`'s package.json has an `align` script. */
export function hasAlignScript(checkout: string): boolean {
  const file = path.join(checkout, 'package.json');
  if (!existsSync(file)) return false;
  const scripts = (JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> })
    .scripts;
  return Boolean(scripts?.align);
}

/** A timed npm run: exit code, wall clock, CPU time, the load as it ended, stderr. */
export interface TimedRun {
  readonly exitCode: number;
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
  readonly loadAverage: number;
  readonly stderr: string;
}

/**
 * `npm <args>` in `checkout`, timed. bash runs npm and then reports, with its builtin `times`, the
 * CPU time of everything npm ran (tsx, node, ffmpeg, espeak-ng…) on descriptor 3: unlike the wall
 * clock, it does not grow when other work shares the machine.
 */
function timedNpm(
  checkout: string,
  args: readonly string[],
  timeoutSeconds: number,
): Promise<TimedRun> {
  const script = 'npm "$@"; code=$?; times >&3; exit $code';
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('bash', ['-c', script, 'bash', ...args], {
      cwd: checkout,
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
      // Its own process group, so a timeout ends npm and everything under it.
      detached: true,
    });
    let stderr = '';
    let times = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    (child.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
      times += chunk.toString();
    });
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGTERM'), timeoutSeconds * 1000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({
        exitCode: code ?? -1,
        wallSeconds: (performance.now() - started) / 1000,
        cpuSeconds: childrenCpuSeconds(times),
        loadAverage: loadavg()[0]!,
        stderr,
      });
    });
  });
}

/**
 * What starting the CLI costs before it does anything: `npm run align` without arguments (it
 * prints its usage and exits), timed like a real run.
 */
export function measureStartup(checkout: string): Promise<TimedRun> {
  return timedNpm(checkout, ['run', '--silent', 'align'], 60);
}

/**
 * `npm run align -- <media> <transcript> --lang <lang> --out <vtt> --json <report>` in `checkout`;
 * outputs go to `outBase`.vtt and `outBase`.json.
 */
export async function runAligner(options: {
  readonly checkout: string;
  readonly media: string;
  readonly transcript: string;
  readonly lang: string;
  readonly outBase: string;
  readonly timeoutSeconds: number;
}): Promise<AlignRun> {
  const vttFile = `${options.outBase}.vtt`;
  const jsonFile = `${options.outBase}.json`;
  const args = ['run', '--silent', 'align', '--', options.media, options.transcript];
  args.push('--lang', options.lang, '--out', vttFile, '--json', jsonFile);
  // A file left by an earlier run must not pass for this run's.
  for (const file of [vttFile, jsonFile]) rmSync(file, { force: true });
  const run = await timedNpm(options.checkout, args, options.timeoutSeconds);
  const read = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8') : null);
  const json = read(jsonFile);
  return {
    exitCode: run.exitCode,
    wallSeconds: run.wallSeconds,
    cpuSeconds: run.cpuSeconds,
    loadAverage: run.loadAverage,
    report: json ? (JSON.parse(json) as AlignReport) : null,
    vtt: run.exitCode === 0 ? read(vttFile) : null,
    stderrTail: run.stderr
      .split('\n')
      // Progress lines say nothing once the run is over.
      .filter((line) => line.trim() && !/^align: \d+%/.test(line.trim()))
      .slice(-6)
      .join('\n'),
  };
}
