/**
 * The oEmbed response of an episode (https://oembed.com, type "video"), with absolute URLs from
 * the public base URL the build is made for.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Episode } from '../core/episode-model.ts';
import { embedIframe } from '../features/shared/share-links.ts';
import { imageSize } from './oembed-image-size.ts';

/** The width the oEmbed `html` is made for (hosts scale it; the player is responsive). */
export const OEMBED_WIDTH = 640;

export interface OembedResponse {
  readonly type: 'video';
  readonly version: '1.0';
  readonly title: string;
  readonly provider_name: string;
  readonly provider_url: string;
  readonly author_name: string;
  readonly author_url: string;
  readonly html: string;
  readonly width: number;
  readonly height: number;
  readonly thumbnail_url?: string;
  readonly thumbnail_width?: number;
  readonly thumbnail_height?: number;
}

function thumbnail(
  episode: Episode,
  episodeFolder: string,
  baseUrl: string,
): Pick<OembedResponse, 'thumbnail_url' | 'thumbnail_width' | 'thumbnail_height'> {
  const poster = episode.media.poster;
  // A poster elsewhere (https) cannot be measured here, and oEmbed wants all three or none.
  if (!poster || /^https?:/i.test(poster)) return {};
  let size;
  try {
    size = imageSize(readFileSync(path.join(episodeFolder, poster)));
  } catch {
    return {};
  }
  if (!size) return {};
  const url = new URL(
    `episodes/${encodeURIComponent(episode.id)}/${poster.replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/')}`,
    baseUrl,
  );
  return { thumbnail_url: url.href, thumbnail_width: size.width, thumbnail_height: size.height };
}

/** The response for one episode; `baseUrl` is the app's absolute base URL, ending in '/'. */
export function oembedResponse(
  episode: Episode,
  episodeFolder: string,
  baseUrl: string,
): OembedResponse {
  const frame = embedIframe(baseUrl, episode.id, episode.title, OEMBED_WIDTH);
  return {
    type: 'video',
    version: '1.0',
    title: episode.title,
    provider_name: 'Red Box Player',
    provider_url: baseUrl,
    author_name: 'LiNK (Liberty in North Korea)',
    author_url: 'https://www.libertyinnorthkorea.org/',
    html: frame.html,
    width: frame.width,
    height: frame.height,
    ...thumbnail(episode, episodeFolder, baseUrl),
  };
}
