/**
 * What a pre-rendered page of one episode shows (the watch page, src/server/prerender-plugin.ts,
 * and the embed page, src/server/embed-plugin.ts): the source language's transcript and
 * questions, and the links and absolute URLs the page writes.
 */
import { toChapters } from '../core/chapters.ts';
import type { LoadedEpisode } from '../core/episode-load.ts';
import { findTrack, sourceTrack, type Episode } from '../core/episode-model.ts';
import { english } from '../features/shared/messages.ts';
import { publicUrl } from './public-url.ts';
import type { EpisodePageInput } from './static-page.ts';

export function encodePath(...parts: string[]): string {
  return parts.map(encodeURIComponent).join('/');
}

/** The page input of a loadable episode; `base` is the app's base path (Vite `base`). */
export function episodePageInput(
  episode: Episode,
  loaded: LoadedEpisode,
  base: string,
): EpisodePageInput {
  const track = sourceTrack(episode) ?? episode.tracks[0]!;
  const files =
    loaded.tracks.get(track.lang) ?? loaded.tracks.get(findTrack(episode, track.lang)!.lang);
  const page = publicUrl(`watch/${encodePath(episode.id)}`, base);
  return {
    episode,
    lang: track.lang,
    cues: files?.transcript?.document.cues ?? [],
    chapters: files?.chapters ? toChapters(files.chapters.document) : [],
    links: {
      home: base,
      page: `${base}watch/${encodePath(episode.id)}`,
      watchAt: (seconds) => `${base}watch/${encodePath(episode.id)}?t=${seconds}`,
      episodeFile: (file) =>
        /^https:\/\//i.test(file)
          ? file
          : `${base}episodes/${encodePath(episode.id, ...file.replace(/^\.\//, '').split('/'))}`,
    },
    videoLabel: english.videoLabel(episode.title),
    urls: {
      page,
      episodeFile: (file) =>
        /^https:\/\//i.test(file)
          ? file
          : publicUrl(
              `episodes/${encodePath(episode.id)}/${file.split('/').map(encodeURIComponent).join('/')}`,
              base,
            ),
      watchAt: (seconds) => `${page}?t=${seconds}`,
      embed: publicUrl(`embed/${encodePath(episode.id)}`, base),
      oembed: publicUrl(`oembed/${encodePath(episode.id)}.json`, base),
    },
  };
}
