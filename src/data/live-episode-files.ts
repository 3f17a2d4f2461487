/**
 * Live episode files under `npm start`: the dev server says which file in episodes/ changed, and
 * only that file's queries are refetched. A playing video keeps playing; nothing reloads.
 */
import type { QueryClient } from '@tanstack/react-query';
import { EPISODE_FILE_EVENT, type EpisodeFileChange } from './episode-file-event.ts';
import { episodeKeys } from './episode-queries.ts';

type ChangeListener = (change: EpisodeFileChange) => void;
const listeners = new Set<ChangeListener>();

/** Refetch what a changed file affects. */
export function invalidateEpisodeFile(queryClient: QueryClient, change: EpisodeFileChange): void {
  void queryClient.invalidateQueries({ queryKey: episodeKeys.index() });
  if (!change.episodeId) return;
  if (change.file === 'episode.json' || change.kind !== 'change') {
    void queryClient.invalidateQueries({ queryKey: ['episodes', change.episodeId] });
  } else {
    void queryClient.invalidateQueries({
      queryKey: episodeKeys.file(change.episodeId, change.file),
    });
  }
}

/** Hear about file changes (the translator workspace asks before it replaces anything). */
export function onEpisodeFileChange(listener: ChangeListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Connect the dev server's file events to the query cache. No-op in a build. */
export function connectLiveEpisodeFiles(queryClient: QueryClient): () => void {
  const hot = import.meta.hot;
  if (!hot) return () => {};
  const handler = (change: EpisodeFileChange): void => {
    invalidateEpisodeFile(queryClient, change);
    listeners.forEach((listener) => listener(change));
  };
  hot.on(EPISODE_FILE_EVENT, handler);
  return () => hot.off(EPISODE_FILE_EVENT, handler);
}
