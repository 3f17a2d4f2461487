/**
 * Reading a media file's sound for the aligner: ffprobe says whether there is an audio stream and
 * how long the file is; ffmpeg decodes any format it reads to 16 kHz mono 16-bit PCM on stdout.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { ALIGN_SAMPLE_RATE } from '../../src/core/align/aligner.ts';

/** A failure the user can act on: printed as is, never with a stack trace. */
export class AlignInputError extends Error {}

function execFileBuffer(
  program: string,
  args: readonly string[],
  options: { readonly signal?: AbortSignal } = {},
): Promise<{ stdout: Buffer; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...args],
      { encoding: 'buffer', maxBuffer: 2 * 1024 * 1024 * 1024, signal: options.signal },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          reject(
            new AlignInputError(
              `${program} is not installed: apt-get install -y --no-install-recommends ffmpeg espeak-ng`,
            ),
          );
          return;
        }
        resolve({ stdout, stderr: stderr.toString('utf8'), code });
      },
    );
  });
}

export { execFileBuffer };

/** What ffprobe says about a media file. */
export interface MediaInfo {
  readonly duration: number;
  readonly audioStreams: number;
}

/** Probe `file`; a file ffprobe cannot read is an AlignInputError naming it. */
export async function probeMedia(file: string): Promise<MediaInfo> {
  const exists = await stat(file).then(
    (info) => info.isFile(),
    () => false,
  );
  if (!exists)
    throw new AlignInputError(
      `${file}: no such file. Give the video or audio file of the episode.`,
    );
  const { stdout, stderr, code } = await execFileBuffer('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format=duration:stream=codec_type',
    '-of',
    'json',
    file,
  ]);
  if (code !== 0) {
    const reason = stderr.trim().split('\n').pop() ?? '';
    throw new AlignInputError(
      `${file}: not a media file ffmpeg can read (${reason.replace(/^.*?: /, '') || 'unknown format'}). Give a video or audio file (mp4, webm, wav, mp3 …).`,
    );
  }
  const info = JSON.parse(stdout.toString('utf8')) as {
    format?: { duration?: string };
    streams?: Array<{ codec_type?: string }>;
  };
  return {
    duration: Number(info.format?.duration ?? NaN),
    audioStreams: (info.streams ?? []).filter((stream) => stream.codec_type === 'audio').length,
  };
}

/**
 * ffmpeg's arguments for the first audio stream of `file` as 16 kHz mono 16-bit PCM on stdout,
 * the whole file or only `window` (seconds; the seek before the input, so ffmpeg skips to it).
 */
export function decodeArguments(
  file: string,
  window?: { readonly startTime: number; readonly duration: number },
): string[] {
  const seek = window ? ['-ss', window.startTime.toFixed(3), '-t', window.duration.toFixed(3)] : [];
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error', ...seek, '-i', file],
    ...['-map', '0:a:0', '-ac', '1', '-ar', String(ALIGN_SAMPLE_RATE), '-f', 's16le', '-'],
  ];
}

/** The first audio stream of `file` as 16 kHz mono samples in −1…1. */
export async function decodeAudio(file: string): Promise<Float32Array> {
  const { stdout, stderr, code } = await execFileBuffer('ffmpeg', decodeArguments(file));
  if (code !== 0) {
    throw new AlignInputError(
      `${file}: ffmpeg could not decode its sound (${stderr.trim().split('\n').pop()}).`,
    );
  }
  return pcm16ToFloat(stdout);
}

/** Little-endian 16-bit PCM bytes → samples in −1…1. */
export function pcm16ToFloat(bytes: Uint8Array): Float32Array {
  const count = Math.floor(bytes.length / 2);
  // A copy into a fresh (aligned) buffer, read as 16-bit integers (little-endian, as x86 and ARM are).
  const pcm = new Int16Array(new Uint8Array(bytes.subarray(0, count * 2)).buffer);
  const samples = new Float32Array(count);
  for (let n = 0; n < count; n++) samples[n] = pcm[n]! / 32768;
  return samples;
}
