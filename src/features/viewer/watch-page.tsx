/**
 * /watch/<episode-id>: the viewer. This component only loads the episode and chooses the track;
 * the player and its parts are composed in WatchView.
 */
import { useMemo, useState } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import { isNotFound } from '../../data/http.ts';
import { resolveTrack, useEpisode } from '../shared/episode-data.ts';
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
  return <WatchWithLanguage episode={episodeQuery.data} params={params} />;
}

function WatchWithLanguage({ episode, params }: { episode: Episode; params: URLSearchParams }) {
  const [requestedLang, setRequestedLang] = useState<string | null>(() => params.get('lang'));
  const resolved = resolveTrack(episode, requestedLang);
  const chooseLanguage = (lang: string): void => {
    setRequestedLang(lang);
    const url = new URL(window.location.href);
    url.searchParams.set('lang', lang);
    window.history.replaceState(window.history.state, '', url);
  };
  return (
    <WatchView
      episode={episode}
      track={resolved.track}
      unknownLanguage={resolved.unknownLanguage}
      params={params}
      onChooseLanguage={chooseLanguage}
    />
  );
}
