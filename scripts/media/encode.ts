/**
 * Assembling the soundtrack and encoding the stand-in video.
 *
 * Both files come from the same cards and the same WAV, so they have the same length and the
 * same sync. Flags ask ffmpeg for bit-exact, single-threaded output so a re-run reproduces them.
 */
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FONTS } from './cards.ts';
import { SAMPLE_RATE } from './speech.ts';
import { ffmpeg } from './tools.ts';

/** Mono 16-bit PCM samples → a WAV file. */
export async function writeWav(file: string, samples: Int16Array): Promise<void> {
  const header = Buffer.alloc(44);
  const dataBytes = samples.length * 2;
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(dataBytes, 40);
  await writeFile(
    file,
    Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, dataBytes)]),
  );
}

/** Add `clip` into `track` at `offset` samples, clamping instead of wrapping on overflow. */
export function mixInto(track: Int16Array, clip: Int16Array, offset: number): void {
  for (let i = 0; i < clip.length; i++) {
    const at = offset + i;
    if (at < 0 || at >= track.length) continue;
    track[at] = Math.max(-32768, Math.min(32767, track[at]! + clip[i]!));
  }
}

/** One card on screen for a number of frames. */
export interface VideoSegment {
  readonly image: string;
  readonly frames: number;
}

/**
 * An ffconcat list of still images with exact durations. The last image is listed twice: the
 * concat demuxer ignores the duration of the final entry otherwise.
 */
function concatList(segments: readonly VideoSegment[], frameRate: number): string {
  const lines = ['ffconcat version 1.0'];
  for (const segment of segments) {
    lines.push(
      `file '${segment.image.replace(/'/g, "'\\''")}'`,
      `duration ${(segment.frames / frameRate).toFixed(6)}`,
    );
  }
  const last = segments[segments.length - 1];
  if (last) lines.push(`file '${last.image.replace(/'/g, "'\\''")}'`);
  return lines.join('\n') + '\n';
}

/** A small running timecode in the bottom-right corner: it makes sync easy to check by eye. */
function timecodeFilter(): string {
  return [
    `drawtext=fontfile=${FONTS.mono}`,
    "text='%{pts\\:hms}'",
    'fontsize=13',
    'fontcolor=white@0.75',
    'box=1',
    'boxcolor=black@0.35',
    'boxborderw=4',
    'x=w-tw-14',
    'y=h-th-12',
  ].join(':');
}

/** Split a fixed option string into arguments (none of these values contain spaces). */
function options(flags: string): string[] {
  return flags.split(/\s+/).filter(Boolean);
}

const BITEXACT = options(
  '-fflags +bitexact -flags:v +bitexact -flags:a +bitexact -map_metadata -1',
);

export interface EncodeJob {
  readonly workDir: string;
  readonly segments: readonly VideoSegment[];
  readonly wav: string;
  readonly frameRate: number;
  readonly durationSeconds: number;
  readonly webm: string;
  readonly mp4: string;
}

/** Encode the WebM (VP9 + Opus) and MP4 (H.264 + AAC, faststart) from cards and soundtrack. */
export async function encodeVideos(job: EncodeJob): Promise<void> {
  const list = path.join(job.workDir, 'cards.ffconcat');
  await writeFile(list, concatList(job.segments, job.frameRate));
  const inputs = ['-f', 'concat', '-safe', '0', '-i', list, '-i', job.wav];
  // -t alone ends both streams together (a frame limit would cut the audio still in flight).
  const common = [
    ...options('-map 0:v -map 1:a'),
    ...['-vf', `fps=${job.frameRate},format=yuv420p,${timecodeFilter()}`],
    ...['-t', job.durationSeconds.toFixed(3)],
    ...options(`-ac 1 -ar ${SAMPLE_RATE}`),
    ...BITEXACT,
  ];
  // Slides change rarely: a keyframe every 10 s and a high CRF cost nothing visible. One thread,
  // so the encoders' output does not depend on scheduling.
  const gop = job.frameRate * 10;
  await ffmpeg([
    ...inputs,
    ...common,
    ...options(
      `-c:v libvpx-vp9 -b:v 0 -crf 46 -g ${gop} -deadline good -cpu-used 4 -row-mt 0 -threads 1`,
    ),
    ...options('-c:a libopus -b:a 24k -application voip'),
    job.webm,
  ]);
  await ffmpeg([
    ...inputs,
    ...common,
    ...options(`-c:v libx264 -preset medium -tune stillimage -crf 33 -g ${gop} -threads 1`),
    ...options('-c:a aac -b:a 32k -movflags +faststart'),
    job.mp4,
  ]);
}

/** The poster: the title card as a JPEG. */
export async function encodePoster(titleCard: string, poster: string): Promise<void> {
  await ffmpeg([
    '-i',
    titleCard,
    ...options('-frames:v 1 -q:v 3 -fflags +bitexact -flags:v +bitexact'),
    poster,
  ]);
}

/** File size in bytes. */
export async function sizeOf(file: string): Promise<number> {
  return (await stat(file)).size;
}
