/**
 * Which of an episode's media sources a browser should get, and how (Contract 8): an HLS source
 * plays natively where the browser can, through video.js's http-streaming (loaded only then)
 * where it has Media Source Extensions, and otherwise not at all, leaving the files (MP4, WebM)
 * after it as the fallback. Pure: the browser's answers come in as arguments.
 */
import type { MediaSource } from './episode-model.ts';

/** MIME types that name an HLS playlist (compared ignoring case). */
const HLS_TYPES = ['application/x-mpegurl', 'application/vnd.apple.mpegurl', 'audio/mpegurl'];

/** True when a source is an HLS playlist, by its type or, failing that, its `.m3u8` path. */
export function isHlsSource(source: MediaSource): boolean {
  const type = source.type.split(';')[0]!.trim().toLowerCase();
  if (type) return HLS_TYPES.includes(type);
  return /\.m3u8(?:[?#]|$)/i.test(source.src);
}

/** What the browser can do with HLS, as the page measured it. */
export interface HlsCapabilities {
  /** `canPlayType` answered for an HLS type (Safari; Chromium 156 and later). */
  readonly native: boolean;
  /** Media Source Extensions that take H.264/AAC in MP4: what http-streaming needs. */
  readonly mediaSource: boolean;
}

/** How the player should be given the sources. */
export interface SourcePlan<Source extends MediaSource = MediaSource> {
  /** The sources in the order to try them. */
  readonly sources: readonly Source[];
  /** The sources to switch to when an HLS source fails: the same list without HLS. */
  readonly fallback: readonly Source[];
  /**
   * 'native': the media element plays the HLS playlist itself; 'http-streaming': load video.js's
   * http-streaming before giving the player its sources; 'files': no HLS source is used.
   */
  readonly hls: 'native' | 'http-streaming' | 'files';
}

/** Decide how to play `sources` on a browser with `capabilities` (episode order is kept). */
export function planSources<Source extends MediaSource>(
  sources: readonly Source[],
  capabilities: HlsCapabilities,
): SourcePlan<Source> {
  const fallback = sources.filter((source) => !isHlsSource(source));
  if (fallback.length === sources.length) return { sources, fallback, hls: 'files' };
  if (capabilities.native) return { sources, fallback, hls: 'native' };
  if (capabilities.mediaSource) return { sources, fallback, hls: 'http-streaming' };
  return { sources: fallback, fallback, hls: 'files' };
}

/** The first source that is a plain file (not an HLS playlist), preferring MP4: for links. */
export function fileSource<Source extends MediaSource>(
  sources: readonly Source[],
): Source | undefined {
  const files = sources.filter((source) => !isHlsSource(source));
  return files.find((source) => /mp4/i.test(source.type)) ?? files[0];
}
