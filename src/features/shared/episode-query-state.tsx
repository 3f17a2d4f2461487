/**
 * What a page shows while its episode loads or when it fails: the loading state, the not-found
 * page (Contract 2), or the failure with a retry. Null once the episode is there.
 */
import { isNotFound } from '../../data/http.ts';
import { useI18n } from './i18n.tsx';
import { ErrorNotice, Loading, NotFound } from './status.tsx';

export function EpisodeQueryState({
  episodeId,
  query,
}: {
  episodeId: string;
  query: {
    readonly isError: boolean;
    readonly error: unknown;
    readonly data?: unknown;
    refetch(): unknown;
  };
}) {
  const { t } = useI18n();
  if (query.isError) {
    if (isNotFound(query.error)) {
      return <NotFound title={t.episodeNotFoundTitle} message={t.episodeNotFound(episodeId)} />;
    }
    return (
      <main className="page page--narrow" id="main">
        <h1>{t.episodeLoadFailed}</h1>
        <ErrorNotice
          title={t.episodeLoadFailed}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      </main>
    );
  }
  if (query.data !== undefined) return null;
  return (
    <main className="page" id="main">
      <Loading label={t.loadingEpisode} />
    </main>
  );
}
