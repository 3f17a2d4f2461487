/**
 * The media side of `npm run import`: what ffprobe says about the publisher's video, the web MP4
 * (H.264/AAC, `+faststart`, metadata stripped: a camera's location or a name has no place on a
 * public page), and the poster: the series' title card, never a frame of the video (it may show a
 * face), or the publisher's own image re-encoded without its metadata.
 */
import path from 'node:path';
import type { Episode } from '../../src/core/episode-model.ts';
import { titleCard } from '../media/cards.ts';
import { encodePoster } from '../media/encode.ts';
import { ffmpeg, FfmpegRunError, ffmpegWithProgress, run } from '../media/tools.ts';

/** A failure the publisher can act on: printed as it is, never with a stack trace. */
export class ImportError extends Error {}

/** What the import needs to know about the video. */
export interface VideoInfo {
  readonly duration: number;
  readonly frameRate: number;
  readonly width: number;
  readonly height: number;
  readonly hasAudio: boolean;
}

interface ProbeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
}

/** "30000/1001" → 29.97; 0 for "0/0" or nonsense. */
export function parseFrameRate(rate: string | undefined): number {
  const [numerator, denominator] = (rate ?? '').split('/').map(Number);
  if (!numerator || !Number.isFinite(numerator)) return 0;
  const value = denominator ? numerator / denominator : numerator;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** Probe the publisher's video; an ImportError when it is not a video with sound. */
export async function probeVideo(file: string): Promise<VideoInfo> {
  let output: string;
  try {
    output = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'format=duration:stream=codec_type,width,height,avg_frame_rate,r_frame_rate',
      '-of',
      'json',
      file,
    ]);
  } catch (error) {
    const reason =
      String((error as Error).message)
        .split('\n')
        .filter(Boolean)
        .pop() ?? '';
    throw new ImportError(
      `${file}: not a video ffmpeg can read (${reason.replace(/^.*?: /, '').trim() || 'unknown format'}). Give the episode's video file (mp4, mov, webm …).`,
    );
  }
  const info = JSON.parse(output) as { format?: { duration?: string }; streams?: ProbeStream[] };
  const streams = info.streams ?? [];
  const video = streams.find((stream) => stream.codec_type === 'video');
  const duration = Number(info.format?.duration ?? NaN);
  if (!video || !video.width || !video.height) {
    throw new ImportError(
      `${file}: has no video stream. Give the episode's video (an audio file alone cannot make the web renditions).`,
    );
  }
  if (!Number.isFinite(duration) || duration <= 0) {
    throw new ImportError(`${file}: ffprobe cannot tell how long it is; re-export the video.`);
  }
  return {
    duration,
    frameRate: parseFrameRate(video.avg_frame_rate) || parseFrameRate(video.r_frame_rate) || 25,
    width: video.width,
    height: video.height,
    hasAudio: streams.some((stream) => stream.codec_type === 'audio'),
  };
}

/**
 * Run ffmpeg with `-progress`, reporting the share of `duration` encoded so far (0–1). Rejects
 * with an ImportError that says what to do.
 */
async function ffmpegWithShare(
  args: readonly string[],
  duration: number,
  onProgress: (fraction: number) => void,
): Promise<void> {
  try {
    await ffmpegWithProgress(args, (seconds) => onProgress(Math.min(1, seconds / duration)));
  } catch (error) {
    if (!(error instanceof FfmpegRunError)) throw error;
    throw new ImportError(
      error.reason === 'failed'
        ? `ffmpeg could not encode the video: ${error.stderr.trim().split('\n').slice(-3).join(' ')}`
        : error.message,
    );
  }
  onProgress(1);
}

/** The tallest the web MP4 is made (taller sources are scaled down; smaller ones never up). */
export const MP4_MAX_HEIGHT = 1080;

/** The web MP4: H.264 (yuv420p, at most 1080 lines) and AAC stereo, `+faststart`, no metadata. */
export async function encodeWebMp4(
  input: string,
  output: string,
  info: VideoInfo,
  onProgress: (fraction: number) => void,
): Promise<void> {
  const height = Math.min(MP4_MAX_HEIGHT, info.height - (info.height % 2));
  await ffmpegWithShare(
    [
      '-i',
      input,
      '-map',
      '0:v:0',
      '-map',
      '0:a:0',
      '-vf',
      `scale=-2:${height},format=yuv420p`,
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '23',
      '-profile:v',
      'high',
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      '-ac',
      '2',
      '-map_metadata',
      '-1',
      '-map_chapters',
      '-1',
      '-movflags',
      '+faststart',
      output,
    ],
    info.duration,
    onProgress,
  );
}

/**
 * The poster as `output` (a JPEG): the publisher's image re-encoded (first frame, metadata
 * dropped), or the series' title card drawn for `episode`.
 */
export async function makePoster(
  output: string,
  options: { readonly image: string | null; readonly episode: Episode; readonly workDir: string },
): Promise<void> {
  if (options.image) {
    try {
      await ffmpeg([
        '-i',
        options.image,
        '-frames:v',
        '1',
        '-vf',
        "scale='min(1280,iw)':-2",
        '-map_metadata',
        '-1',
        '-q:v',
        '3',
        output,
      ]);
    } catch {
      throw new ImportError(
        `${options.image}: not an image ffmpeg can read. Give the poster as a JPEG or PNG file, or leave --poster out for the series' title card.`,
      );
    }
    return;
  }
  const card = await titleCard(
    { workDir: options.workDir, episodeDir: path.dirname(output), episode: options.episode },
    null,
  );
  await encodePoster(card, output);
}
