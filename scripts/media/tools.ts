/**
 * Running ffmpeg, ffprobe and espeak-ng. Every call passes an argument array (no shell), so text
 * and paths never need shell quoting.
 */
import { execFile } from 'node:child_process';
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
