/**
 * /watch/<episode-id>: the viewer. This component only loads the episode; the languages, the
 * player and its parts are composed in WatchView.
 */
import { useMemo } from 'react';
import { useEpisode } from '../shared/episode-data.ts';
import { EpisodeQueryState } from '../shared/episode-query-state.tsx';
import { WatchView } from './watch-view.tsx';

export function WatchPage({ episodeId, search }: { episodeId: string; search: string }) {
  const episodeQuery = useEpisode(episodeId);
  const params = useMemo(() => new URLSearchParams(search), [search]);
  if (!episodeQuery.data) return <EpisodeQueryState episodeId={episodeId} query={episodeQuery} />;
  return <WatchView episode={episodeQuery.data} params={params} />;
}
