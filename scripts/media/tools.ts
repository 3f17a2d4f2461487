/**
 * Running ffmpeg, ffprobe and espeak-ng. Every call passes an argument array (no shell), so text
 * and paths never need shell quoting.
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** Run a program; on failure, throw with its stderr so the cause is visible. */
export async function run(program: string, args: readonly string[]): Promise<string> {
  try {
    const { stdout } = await execFileAsync(program, [...args], { maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(
      `${program} failed: ${String((error as Error).message).split('\n')[0]}\n${stderr.slice(-2000)}`,
    );
  }
}

/** ffmpeg, quiet except for errors, always overwriting its output. */
export function ffmpeg(args: readonly string[]): Promise<string> {
  return run('ffmpeg', ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args]);
}

/** Why an ffmpeg run with progress failed; callers turn it into their own error and advice. */
export class FfmpegRunError extends Error {
  constructor(
    readonly reason: 'missing' | 'cancelled' | 'start' | 'failed',
    message: string,
    /** The last 4,000 characters ffmpeg wrote to stderr. */
    readonly stderr = '',
  ) {
    super(message);
    this.name = 'FfmpegRunError';
  }
}

/** The last non-empty line of ffmpeg's stderr: usually the one that says what went wrong. */
export function lastErrorLine(stderr: string): string {
  return (
    stderr
      .trim()
      .split('\n')
      .filter((line) => line.trim())
      .pop() ?? 'no message'
  );
}

/**
 * Run ffmpeg with `-progress` on stdout, calling `onSeconds` with the output position reached
 * (seconds) as it encodes. Rejects with an FfmpegRunError.
 */
export function ffmpegWithProgress(
  args: readonly string[],
  onSeconds: (encodedSeconds: number) => void,
  options: { readonly cwd?: string; readonly signal?: AbortSignal } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'ffmpeg',
      [
        '-hide_banner',
        '-nostdin',
        '-loglevel',
        'error',
        '-nostats',
        '-progress',
        'pipe:1',
        '-y',
      ].concat(args),
      { cwd: options.cwd, signal: options.signal, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let buffered = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4000);
    });
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        // out_time_us is the position reached in the output, in microseconds.
        const match = /^out_time_us=(\d+)/.exec(line);
        if (match) onSeconds(Number(match[1]) / 1e6);
      }
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT')
        reject(
          new FfmpegRunError(
            'missing',
            'ffmpeg was not found. Install it: apt-get install -y --no-install-recommends ffmpeg',
          ),
        );
      else if (error.name === 'AbortError')
        reject(new FfmpegRunError('cancelled', 'ffmpeg was cancelled.'));
      else reject(new FfmpegRunError('start', `ffmpeg could not start: ${error.message}`));
    });
    child.on('close', (code) => {
      if (code === 0) resolve();
      else if (code !== null)
        reject(
          new FfmpegRunError(
            'failed',
            `ffmpeg failed (exit ${code}): ${lastErrorLine(stderr)}`,
            stderr,
          ),
        );
    });
  });
}

/** The container duration of a media file, in seconds. */
export async function probeDuration(file: string): Promise<number> {
  const out = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'csv=p=0',
    file,
  ]);
  return Number(out.trim());
}

/** One line per stream: `codec_type,codec_name,duration` (what "both files play" is checked on). */
export async function probeStreams(file: string): Promise<string[]> {
  const out = await run('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'stream=codec_type,codec_name,width,height,r_frame_rate,sample_rate',
    '-of',
    'csv=p=0',
    file,
  ]);
  return out.trim().split('\n');
}

/** Fail early, with a hint, when a tool the script needs is missing. */
export async function requireTools(): Promise<void> {
  const missing: string[] = [];
  for (const [program, probe] of [
    ['ffmpeg', ['-version']],
    ['ffprobe', ['-version']],
    ['espeak-ng', ['--version']],
  ] as const) {
    await run(program, probe).catch(() => missing.push(program));
  }
  if (missing.length) {
    throw new Error(
      `Missing ${missing.join(', ')}. Install with: apt-get install -y --no-install-recommends ffmpeg espeak-ng`,
    );
  }
  const decoders = await run('ffmpeg', ['-hide_banner', '-decoders']);
  if (!/\blibrsvg\b/.test(decoders))
    throw new Error('This ffmpeg has no librsvg decoder: portraits cannot be drawn.');
}
