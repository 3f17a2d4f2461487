/**
 * An HLS ladder from one video file, with ffmpeg: H.264/AAC renditions at standard heights up to
 * the source's (never upscaled), fragmented-MP4 segments of at most 6 s whose keyframes line up
 * across renditions (one ffmpeg run encodes every rendition from the same decoded frames, with
 * keyframes forced at the same timestamps), and one master playlist with BANDWIDTH,
 * AVERAGE-BANDWIDTH, RESOLUTION and CODECS, every path in it relative.
 *
 *   const ladder = await encodeHlsLadder({ input: 'video.mp4', outDir: 'episode/media/hls' });
 *   ladder.master        // absolute path of episode/media/hls/master.m3u8
 *   hlsSource('episode', ladder)  // { src: 'media/hls/master.m3u8', type: 'application/x-mpegURL' }
 *
 * Used by `npm run media` (the bundled episode) and `npm run import`.
 */
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { FfmpegRunError, ffmpegWithProgress, lastErrorLine, run } from './tools.ts';

/** The MIME type episode.json lists for an HLS master playlist. */
export const HLS_MIME_TYPE = 'application/x-mpegURL';

/** Longest segment allowed (Apple's HLS authoring guidance and Contract 8). */
export const MAX_SEGMENT_SECONDS = 6;

/** What went wrong, for callers that react differently (the import's messages, tests). */
export type HlsErrorKind =
  'input-missing' | 'ffmpeg-missing' | 'no-video' | 'bad-options' | 'ffmpeg-failed' | 'bad-output';

/** A failed ladder encode; `detail` holds ffmpeg's last stderr lines where ffmpeg failed. */
export class HlsEncodeError extends Error {
  override readonly name = 'HlsEncodeError';
  constructor(
    readonly kind: HlsErrorKind,
    message: string,
    readonly detail = '',
  ) {
    super(message);
  }
}

/** One rung of the ladder, as written. */
export interface HlsRendition {
  readonly height: number;
  readonly width: number;
  /** The media playlist, relative to the master playlist's folder (posix separators). */
  readonly playlist: string;
  /** Peak segment bit rate in bits per second (what BANDWIDTH means in RFC 8216). */
  readonly bandwidth: number;
  /** Mean bit rate over the whole rendition, bits per second. */
  readonly averageBandwidth: number;
  /** RFC 6381 codecs, e.g. `avc1.4d401e,mp4a.40.2`. */
  readonly codecs: string;
  readonly segments: number;
  /** Longest segment, seconds. */
  readonly longestSegment: number;
  /** Bytes on disk: init segment, media segments and playlist. */
  readonly bytes: number;
}

/** The encoded ladder. */
export interface HlsLadder {
  /** Absolute path of master.m3u8. */
  readonly master: string;
  /** Highest rendition first. */
  readonly renditions: readonly HlsRendition[];
  readonly durationSeconds: number;
}

/** Progress of one encode. */
export interface HlsProgress {
  /** 0 to 1. */
  readonly fraction: number;
  readonly encodedSeconds: number;
  readonly durationSeconds: number;
}

export interface EncodeHlsOptions {
  /** Any video file ffmpeg reads. */
  readonly input: string;
  /** Folder for master.m3u8 and one sub-folder per rendition; replaced as a whole when done. */
  readonly outDir: string;
  /** The source's height in pixels; probed with ffprobe when absent. */
  readonly sourceHeight?: number;
  /** Heights to encode instead of {@link ladderHeights}' choice (each ≤ the source's). */
  readonly heights?: readonly number[];
  /** Target segment length, seconds (≤ 6; default 6). */
  readonly segmentSeconds?: number;
  /** x264 constant rate factor (default 23); bit rates are capped per height in any case. */
  readonly crf?: number;
  /** x264 `-tune stillimage`, for slides such as the bundled stand-in. */
  readonly stillImage?: boolean;
  /** AAC bit rate, e.g. `96k` (default); `channels` 1 or 2 (default: the source's, at most 2). */
  readonly audioBitrate?: string;
  readonly audioChannels?: 1 | 2;
  /** One encoder thread and bit-exact flags, so re-running gives identical files (slower). */
  readonly reproducible?: boolean;
  readonly onProgress?: (progress: HlsProgress) => void;
  readonly signal?: AbortSignal;
}

/** Standard rungs, highest first; 720p and 360p are the ones always wanted when they fit. */
const STANDARD_HEIGHTS = [1080, 720, 360] as const;
/** Extra rungs, used only to reach two renditions under a small source. */
const FILL_HEIGHTS = [480, 240, 144] as const;

/**
 * Video bit-rate caps per height (kbit/s): CRF decides the quality, the cap keeps a rung's
 * peak (its BANDWIDTH) where a player choosing by bandwidth expects it.
 */
const MAX_VIDEO_KBPS: Readonly<Record<number, number>> = {
  1080: 5000,
  720: 2800,
  480: 1400,
  360: 800,
  240: 400,
  144: 200,
};

/**
 * The heights of the ladder for a source: 1080, 720 and 360 where they fit (no upscaling), and,
 * when fewer than two fit, 480, 240 or 144 below the source until there are two. Highest first.
 */
export function ladderHeights(sourceHeight: number): number[] {
  if (!Number.isFinite(sourceHeight) || sourceHeight < 144)
    throw new HlsEncodeError(
      'bad-options',
      `The source is ${sourceHeight} px high; an HLS ladder needs at least 144 px.`,
    );
  const heights: number[] = STANDARD_HEIGHTS.filter((h) => h <= sourceHeight);
  for (const extra of FILL_HEIGHTS) {
    if (heights.length >= 2) break;
    if (extra < sourceHeight && !heights.includes(extra)) heights.push(extra);
  }
  return heights.sort((a, b) => b - a);
}

/** The video bit-rate cap for a height (kbit/s), scaled between the listed heights. */
export function maxVideoKbps(height: number): number {
  const listed = MAX_VIDEO_KBPS[height];
  if (listed) return listed;
  // Unlisted heights (caller's choice): scale with the pixel count from the nearest lower rung.
  const lower = Object.keys(MAX_VIDEO_KBPS)
    .map(Number)
    .filter((h) => h < height)
    .sort((a, b) => b - a)[0];
  const base = lower ?? 144;
  return Math.round(MAX_VIDEO_KBPS[base]! * (height / base) ** 2);
}

/** `{ src, type }` for episode.json's media.sources: the master playlist relative to the episode. */
export function hlsSource(episodeDir: string, ladder: HlsLadder): { src: string; type: string } {
  const relative = path.relative(episodeDir, ladder.master).split(path.sep).join('/');
  return { src: relative, type: HLS_MIME_TYPE };
}

interface MediaFacts {
  readonly height: number;
  readonly durationSeconds: number;
  readonly audioChannels: number;
}

async function probeInput(input: string): Promise<MediaFacts> {
  let out: string;
  try {
    out = await run('ffprobe', [
      '-v',
      'error',
      '-show_entries',
      'stream=codec_type,height,channels:format=duration',
      '-of',
      'json',
      input,
    ]);
  } catch (error) {
    const message = (error as Error).message;
    if (/ENOENT/.test(message))
      throw new HlsEncodeError(
        'ffmpeg-missing',
        'ffprobe was not found. Install ffmpeg: apt-get install -y --no-install-recommends ffmpeg',
      );
    throw new HlsEncodeError(
      'ffmpeg-failed',
      `${input}: ffprobe could not read it as media.`,
      message,
    );
  }
  const parsed = JSON.parse(out) as {
    streams?: { codec_type?: string; height?: number; channels?: number }[];
    format?: { duration?: string };
  };
  const video = parsed.streams?.find((s) => s.codec_type === 'video' && s.height);
  if (!video?.height) throw new HlsEncodeError('no-video', `${input}: no video stream to encode.`);
  const audio = parsed.streams?.find((s) => s.codec_type === 'audio');
  return {
    height: video.height,
    durationSeconds: Number(parsed.format?.duration ?? 0),
    audioChannels: audio?.channels ?? 0,
  };
}

/** The ffmpeg arguments for one run that writes every rendition (exported for tests). */
export function ladderArguments(plan: {
  readonly input: string;
  readonly heights: readonly number[];
  readonly segmentSeconds: number;
  readonly crf: number;
  readonly stillImage: boolean;
  /** 0: the source has no audio. */
  readonly audioChannels: number;
  readonly audioBitrate: string;
  readonly reproducible: boolean;
}): string[] {
  const { heights, segmentSeconds } = plan;
  const split = `[0:v]split=${heights.length}${heights.map((_, i) => `[s${i}]`).join('')}`;
  const scales = heights.map((h, i) => `[s${i}]scale=-2:${h},format=yuv420p[v${i}]`);
  const args = ['-i', plan.input, '-filter_complex', [split, ...scales].join(';')];
  heights.forEach((h, i) => {
    args.push('-map', `[v${i}]`);
    if (plan.audioChannels) args.push('-map', '0:a:0');
    const kbps = maxVideoKbps(h);
    args.push(`-maxrate:v:${i}`, `${kbps}k`, `-bufsize:v:${i}`, `${kbps * 2}k`);
  });
  args.push(
    ...['-c:v', 'libx264', '-preset', 'medium', '-profile:v', 'main', '-crf', String(plan.crf)],
    ...(plan.stillImage ? ['-tune', 'stillimage'] : []),
    // Keyframes at the same timestamps in every rendition, and only there: segments cut at them,
    // so segment N of every rendition covers the same time and a player can switch between them.
    ...['-force_key_frames', `expr:gte(t,n_forced*${segmentSeconds})`, '-sc_threshold', '0'],
  );
  if (plan.audioChannels)
    args.push('-c:a', 'aac', '-b:a', plan.audioBitrate, '-ac', String(plan.audioChannels));
  if (plan.reproducible)
    args.push(
      ...['-threads', '1', '-fflags', '+bitexact', '-flags:v', '+bitexact'],
      ...['-flags:a', '+bitexact', '-map_metadata', '-1'],
    );
  const streamMap = heights
    .map((h, i) => `v:${i}${plan.audioChannels ? `,a:${i}` : ''},name:${h}p`)
    .join(' ');
  args.push(
    ...['-f', 'hls', '-hls_time', String(segmentSeconds), '-hls_playlist_type', 'vod'],
    ...['-hls_flags', 'independent_segments', '-hls_segment_type', 'fmp4'],
    ...['-hls_fmp4_init_filename', 'init.mp4', '-hls_segment_filename', '%v/segment-%03d.m4s'],
    // ffmpeg's own master playlist gives CODECS and RESOLUTION; BANDWIDTH is rewritten from the
    // segments (ffmpeg's figure is the nominal audio rate alone under CRF).
    ...['-master_pl_name', 'ffmpeg-master.m3u8', '-var_stream_map', streamMap],
    '%v/index.m3u8',
  );
  return args;
}

/** A media playlist's segments: URI and duration in seconds, plus its init segment. */
export function parseMediaPlaylist(text: string): {
  segments: { uri: string; duration: number }[];
  map: string | null;
  targetDuration: number;
} {
  const segments: { uri: string; duration: number }[] = [];
  let map: string | null = null;
  let targetDuration = 0;
  let pending: number | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('#EXTINF:')) pending = Number.parseFloat(line.slice(8));
    else if (line.startsWith('#EXT-X-TARGETDURATION:')) targetDuration = Number(line.slice(22));
    else if (line.startsWith('#EXT-X-MAP:')) map = /URI="([^"]+)"/.exec(line)?.[1] ?? null;
    else if (!line.startsWith('#') && pending !== null) {
      segments.push({ uri: line, duration: pending });
      pending = null;
    }
  }
  return { segments, map, targetDuration };
}

/** `#EXT-X-STREAM-INF` attributes from ffmpeg's master playlist, by playlist URI. */
function streamAttributes(masterText: string): Map<string, Record<string, string>> {
  const byUri = new Map<string, Record<string, string>>();
  const lines = masterText.split(/\r?\n/).map((line) => line.trim());
  lines.forEach((line, i) => {
    if (!line.startsWith('#EXT-X-STREAM-INF:')) return;
    const attributes: Record<string, string> = {};
    for (const match of line.slice(18).matchAll(/([A-Z0-9-]+)=("[^"]*"|[^,]*)/g))
      attributes[match[1]!] = match[2]!.replace(/^"|"$/g, '');
    const uri = lines.slice(i + 1).find((next) => next && !next.startsWith('#'));
    if (uri) byUri.set(uri, attributes);
  });
  return byUri;
}

/** The master playlist for a ladder, highest rendition first (exported for tests). */
export function masterPlaylist(renditions: readonly HlsRendition[]): string {
  const lines = ['#EXTM3U', '#EXT-X-VERSION:7', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const r of renditions) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},AVERAGE-BANDWIDTH=${r.averageBandwidth},` +
        `RESOLUTION=${r.width}x${r.height},CODECS="${r.codecs}"`,
      r.playlist,
    );
  }
  return lines.join('\n') + '\n';
}

/** Measure one rendition's folder and check its segments. */
async function describeRendition(
  outDir: string,
  height: number,
  attributes: Record<string, string> | undefined,
  segmentLimit: number,
): Promise<HlsRendition> {
  const playlist = `${height}p/index.m3u8`;
  const folder = path.join(outDir, `${height}p`);
  const parsed = parseMediaPlaylist(await readFile(path.join(outDir, playlist), 'utf8'));
  const [width] = (attributes?.RESOLUTION ?? '').split('x').map(Number);
  if (!attributes?.CODECS || !width || !parsed.segments.length)
    throw new HlsEncodeError('bad-output', `ffmpeg wrote no usable ${height}p rendition.`);
  let peak = 0;
  let mediaBytes = 0;
  let seconds = 0;
  for (const [i, segment] of parsed.segments.entries()) {
    const bytes = (await stat(path.join(folder, segment.uri))).size;
    mediaBytes += bytes;
    seconds += segment.duration;
    // A last segment of a few frames (a keyframe and little else) would claim an absurd peak
    // and push players to a lower rung for the whole episode: it is left out of the peak.
    const shortTail =
      i === parsed.segments.length - 1 && i > 0 && segment.duration < segmentLimit / 2;
    if (!shortTail) peak = Math.max(peak, (bytes * 8) / segment.duration);
  }
  peak = Math.max(peak, (mediaBytes * 8) / seconds);
  const longest = Math.max(...parsed.segments.map((s) => s.duration));
  // ffmpeg cuts at the first keyframe at or after each multiple of the segment length, so a
  // segment over the limit means keyframes were missing: a playlist we must not publish.
  if (longest > MAX_SEGMENT_SECONDS + 0.05)
    throw new HlsEncodeError(
      'bad-output',
      `The ${height}p rendition has a ${longest.toFixed(3)} s segment (limit ${MAX_SEGMENT_SECONDS} s).`,
    );
  let bytes = 0;
  for (const file of await readdir(folder)) bytes += (await stat(path.join(folder, file))).size;
  return {
    height,
    width,
    playlist,
    // Container overhead included: what the network carries. Rounded up to whole kbit/s.
    bandwidth: Math.ceil(peak / 1000) * 1000,
    averageBandwidth: Math.ceil((mediaBytes * 8) / seconds / 1000) * 1000,
    codecs: attributes.CODECS,
    segments: parsed.segments.length,
    longestSegment: longest,
    bytes,
  };
}

/** Run ffmpeg with `-progress` on stdout, reporting encoded seconds as they pass. */
async function runFfmpegWithProgress(
  args: readonly string[],
  durationSeconds: number,
  onProgress: ((progress: HlsProgress) => void) | undefined,
  signal: AbortSignal | undefined,
  cwd: string,
): Promise<void> {
  try {
    await ffmpegWithProgress(
      args,
      (encodedSeconds) =>
        onProgress?.({
          encodedSeconds,
          durationSeconds,
          fraction: durationSeconds > 0 ? Math.min(1, encodedSeconds / durationSeconds) : 0,
        }),
      { cwd, signal },
    );
  } catch (error) {
    if (!(error instanceof FfmpegRunError)) throw error;
    const messages = {
      missing: ['ffmpeg-missing', error.message],
      cancelled: ['ffmpeg-failed', 'The HLS encode was cancelled.'],
      start: ['ffmpeg-failed', error.message],
      failed: [
        'ffmpeg-failed',
        `ffmpeg failed while encoding the HLS ladder: ${lastErrorLine(error.stderr)}`,
      ],
    } as const;
    const [code, message] = messages[error.reason];
    throw new HlsEncodeError(code, message, error.stderr);
  }
}

/**
 * Encode `input` into an HLS ladder in `outDir` (see the top of this file). The ladder is built in
 * a temporary folder beside `outDir` and moved into place only when complete and checked, so a
 * failure leaves any earlier ladder as it was.
 */
export async function encodeHlsLadder(options: EncodeHlsOptions): Promise<HlsLadder> {
  const segmentSeconds = options.segmentSeconds ?? MAX_SEGMENT_SECONDS;
  if (!(segmentSeconds > 0 && segmentSeconds <= MAX_SEGMENT_SECONDS))
    throw new HlsEncodeError(
      'bad-options',
      `Segments of ${segmentSeconds} s: choose more than 0 and at most ${MAX_SEGMENT_SECONDS} s.`,
    );
  const input = path.resolve(options.input);
  const inputStat = await stat(input).catch(() => null);
  if (!inputStat?.isFile())
    throw new HlsEncodeError('input-missing', `${options.input}: no such file.`);
  const facts = await probeInput(input);
  const sourceHeight = options.sourceHeight ?? facts.height;
  const heights = options.heights
    ? [...options.heights].sort((a, b) => b - a)
    : ladderHeights(sourceHeight);
  const tooHigh = heights.filter((h) => h > sourceHeight || h < 2 || h % 2);
  if (!heights.length || tooHigh.length)
    throw new HlsEncodeError(
      'bad-options',
      `Rendition heights ${tooHigh.join(', ') || '(none)'}: each must be even and at most the source's ${sourceHeight} px.`,
    );

  const outDir = path.resolve(options.outDir);
  const workDir = `${outDir}.partial-${process.pid}`;
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  try {
    const args = ladderArguments({
      input,
      heights,
      segmentSeconds,
      crf: options.crf ?? 23,
      stillImage: options.stillImage ?? false,
      audioChannels: options.audioChannels ?? Math.min(2, facts.audioChannels),
      audioBitrate: options.audioBitrate ?? '96k',
      reproducible: options.reproducible ?? false,
    });
    await runFfmpegWithProgress(
      args,
      facts.durationSeconds,
      options.onProgress,
      options.signal,
      workDir,
    );
    const attributes = streamAttributes(
      await readFile(path.join(workDir, 'ffmpeg-master.m3u8'), 'utf8'),
    );
    const renditions: HlsRendition[] = [];
    for (const height of heights)
      renditions.push(
        await describeRendition(
          workDir,
          height,
          attributes.get(`${height}p/index.m3u8`),
          segmentSeconds,
        ),
      );
    // Same segment count in every rendition: the keyframes lined up.
    if (new Set(renditions.map((r) => r.segments)).size > 1)
      throw new HlsEncodeError(
        'bad-output',
        `The renditions have different segment counts (${renditions.map((r) => `${r.height}p: ${r.segments}`).join(', ')}): their keyframes do not line up.`,
      );
    await rm(path.join(workDir, 'ffmpeg-master.m3u8'));
    await writeFile(path.join(workDir, 'master.m3u8'), masterPlaylist(renditions));
    await rm(outDir, { recursive: true, force: true });
    await rename(workDir, outDir);
    return {
      master: path.join(outDir, 'master.m3u8'),
      renditions,
      durationSeconds: facts.durationSeconds,
    };
  } catch (error) {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}
