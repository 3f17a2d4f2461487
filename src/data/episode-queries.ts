/**
 * Data for the pages: fetchers beside their queryOptions factories (TanStack Query's layout).
 * Query keys are hierarchical so a changed file can be refetched alone:
 * ['episodes', 'index'], ['episodes', <id>, 'episode.json'], ['episodes', <id>, 'file', <name>, …].
 */
import { queryOptions } from '@tanstack/react-query';
import type { SpeakerRef } from '../core/cue-model.ts';
import type { Episode, EpisodeSummary } from '../core/episode-model.ts';
import { decodeEpisode } from '../core/episode-decode.ts';
import type { ParseResult } from '../core/vtt-parse.ts';
import { parseCueFile } from './parse-off-thread.ts';
import { fetchJson, fetchText } from './http.ts';
import { episodeFileUrl, episodeIndexUrl } from './episode-urls.ts';
import { mark, MARKS } from './performance-marks.ts';

export const episodeKeys = {
  all: ['episodes'] as const,
  index: () => ['episodes', 'index'] as const,
  episode: (id: string) => ['episodes', id, 'episode.json'] as const,
  file: (id: string, file: string) => ['episodes', id, 'file', file] as const,
};

/** The generated episode index (the episode list page). */
export function episodeIndexQueryOptions() {
  return queryOptions({
    queryKey: episodeKeys.index(),
    queryFn: async ({ signal }): Promise<EpisodeSummary[]> => {
      const json = await fetchJson(episodeIndexUrl(), signal);
      if (!Array.isArray(json)) throw new Error('episodes/index.json is not a list of episodes.');
      return json as EpisodeSummary[];
    },
  });
}

/** One episode's episode.json, checked for what the player needs. */
export function episodeQueryOptions(id: string) {
  return queryOptions({
    queryKey: episodeKeys.episode(id),
    queryFn: async ({ signal }): Promise<Episode> =>
      decodeEpisode(await fetchJson(episodeFileUrl(id, 'episode.json'), signal)),
  });
}

/**
 * A cue file of an episode, parsed with the episode's cast so speakers are resolved. The cast is
 * part of the key: when episode.json changes its speakers, the file is parsed again.
 */
export function cueFileQueryOptions(
  episodeId: string,
  file: string,
  kind: 'transcript' | 'chapters',
  speakers: readonly SpeakerRef[],
) {
  return queryOptions({
    queryKey: [
      ...episodeKeys.file(episodeId, file),
      kind,
      speakers.map((speaker) => `${speaker.id}=${speaker.name}`).join('|'),
    ],
    queryFn: async ({ signal }): Promise<ParseResult> => {
      const url = episodeFileUrl(episodeId, file);
      const text = await fetchText(url, signal);
      mark(MARKS.fileFetched, { file });
      const result = await parseCueFile(text, { file: url, kind, speakers });
      mark(MARKS.fileParsed, { file, cues: result.document.cues.length });
      return result;
    },
  });
}
