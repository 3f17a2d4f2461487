/**
 * Data for the pages: fetchers beside their queryOptions factories (TanStack Query's layout).
 * Query keys are hierarchical so a changed file can be refetched alone:
 * ['episodes', 'index'], ['episodes', <id>, 'episode.json'], ['episodes', <id>, 'file', <name>, …].
 */
import { hashKey, queryOptions } from '@tanstack/react-query';
import type { SpeakerRef } from '../core/cue-model.ts';
import type { Episode, EpisodeSummary } from '../core/episode-model.ts';
import { decodeEpisode } from '../core/episode-decode.ts';
import type { ParseResult } from '../core/vtt-parse.ts';
import { parseVtt } from '../core/vtt-parse.ts';
import { parseCueFile } from './parse-off-thread.ts';
import { fetchJson, fetchText } from './http.ts';
import { episodeFileUrl, episodeIndexUrl } from './episode-urls.ts';
import { mark, MARKS } from './performance-marks.ts';
import { servedFileText, servedPageData } from './served-page-data.ts';

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
      mark(MARKS.listData, { file: 'index.json' });
      return json as EpisodeSummary[];
    },
  });
}

/**
 * What a query made from the text the page was served with (src/data/served-page-data.ts), by
 * query key: when a refetch finds the same text on the server, the query keeps that data (no
 * second parse, no re-render).
 */
const madeFromServed = new Map<string, { text: string; data: unknown }>();

/** A query's initial data, made from the served text of `file`; undefined without one. */
function fromServed<T>(
  queryKey: readonly unknown[],
  episodeId: string,
  file: string,
  make: (text: string) => T,
): T | undefined {
  const text = servedFileText(episodeId, file);
  if (text === undefined) return undefined;
  // Made already, ahead of the first render (prepareServedQueries) or by a query before.
  const made = keptFromServed<T>(queryKey, text);
  if (made !== undefined) return made;
  try {
    const data = make(text);
    madeFromServed.set(hashKey(queryKey), { text, data });
    return data;
  } catch (error) {
    // The query function fetches the file and reports what is wrong with it where it shows.
    console.warn(`[red-box] served ${file} not usable; fetching it`, error);
    return undefined;
  }
}

function keptFromServed<T>(queryKey: readonly unknown[], text: string): T | undefined {
  const kept = madeFromServed.get(hashKey(queryKey));
  return kept?.text === text ? (kept.data as T) : undefined;
}

/** The speakers a cue file is parsed with (part of its query key). */
export function castOf(episode: Episode): SpeakerRef[] {
  return episode.speakers.map(({ id, name }) => ({ id, name }));
}

/** A query's initial data, made now (the options below give it as a function). */
const made = <T>(initialData: T | (() => T | undefined) | undefined): T | undefined =>
  typeof initialData === 'function' ? (initialData as () => T | undefined)() : initialData;

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Decode and parse the files the page was served with before React's first render, each in a
 * task of its own: made in the queries' `initialData`, they were part of that render's first
 * task, which cannot be cut (on a slow phone the parse alone is tens of ms). The queries then find
 * them made (fromServed). Resolves at once on a page served without files.
 */
export async function prepareServedQueries(): Promise<void> {
  const data = servedPageData();
  if (!data) return;
  const episode = made(episodeQueryOptions(data.episodeId).initialData);
  if (!episode) return;
  for (const track of episode.tracks) {
    const files: [string | undefined, 'transcript' | 'chapters', SpeakerRef[]][] = [
      [track.transcript, 'transcript', castOf(episode)],
      [track.chapters, 'chapters', []],
    ];
    for (const [file, kind, speakers] of files) {
      if (!file || servedFileText(episode.id, file) === undefined) continue;
      await nextTask();
      made(cueFileQueryOptions(episode.id, file, kind, speakers).initialData);
    }
  }
}

/** One episode's episode.json, checked for what the player needs. */
export function episodeQueryOptions(id: string) {
  const queryKey = episodeKeys.episode(id);
  return queryOptions({
    queryKey,
    queryFn: async ({ signal }): Promise<Episode> =>
      decodeEpisode(await fetchJson(episodeFileUrl(id, 'episode.json'), signal)),
    initialData: () =>
      fromServed(queryKey, id, 'episode.json', (text) => decodeEpisode(JSON.parse(text))),
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
  const queryKey = [
    ...episodeKeys.file(episodeId, file),
    kind,
    speakers.map((speaker) => `${speaker.id}=${speaker.name}`).join('|'),
  ];
  const url = episodeFileUrl(episodeId, file);
  return queryOptions({
    queryKey,
    queryFn: async ({ signal }): Promise<ParseResult> => {
      const text = await fetchText(url, signal);
      mark(MARKS.fileFetched, { file });
      const kept = keptFromServed<ParseResult>(queryKey, text);
      if (kept) return kept;
      const result = await parseCueFile(text, { file: url, kind, speakers });
      mark(MARKS.fileParsed, { file, cues: result.document.cues.length });
      return result;
    },
    // Served files are small (big ones are preloaded, not inlined): parsed here, at once.
    initialData: () =>
      fromServed(queryKey, episodeId, file, (text) => {
        const result = parseVtt(text, { file: url, kind, speakers });
        mark(MARKS.fileParsed, { file, cues: result.document.cues.length, served: true });
        return result;
      }),
  });
}
