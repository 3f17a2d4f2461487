/**
 * /watch/<episode-id>: the viewer. This component only loads the episode;
 * the languages, the player and its parts are composed in WatchView.
 */
import { useMemo } from 'react';
import { isNotFound } from '../../data/http.ts';
import { useEpisode } from '../shared/episode-data.ts';
import { useI18n } from '../shared/i18n.tsx';
import { Loading, ErrorNotice, NotFound } from '../shared/status.tsx';
import { WatchView } from './watch-view.tsx';

export function WatchPage({ episodeId, search }: { episodeId: string; search: string }) {
  const { t } = useI18n();
  const episodeQuery = useEpisode(episodeId);
  const params = useMemo(() => new URLSearchParams(search), [search]);

  if (episodeQuery.isPending) {
    return (
      <main className="page" id="main">
        <Loading label={t.loadingEpisode} />
      </main>
    );
  }
  if (episodeQuery.isError) {
    if (isNotFound(episodeQuery.error)) {
      return <NotFound title={t.episodeNotFoundTitle} message={t.episodeNotFound(episodeId)} />;
    }
    return (
      <main className="page page--narrow" id="main">
        <h1>{t.episodeLoadFailed}</h1>
        <ErrorNotice
          title={t.episodeLoadFailed}
          error={episodeQuery.error}
          onRetry={() => void episodeQuery.refetch()}
        />
      </main>
    );
  }
  return <WatchView episode={episodeQuery.data} params={params} />;
}
