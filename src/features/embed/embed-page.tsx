/**
 * /embed/<episode-id>: the page inside the partner's iframe. It reads the query, opens the channel
 * to the host page, lays itself out by the iframe's width and reports its height; the player
 * itself is EmbedView.
 */
import { useMemo, useRef } from 'react';
import { isNotFound } from '../../data/http.ts';
import { useEpisode } from '../shared/episode-data.ts';
import { useI18n } from '../shared/i18n.tsx';
import { ErrorNotice, Loading } from '../shared/status.tsx';
import { useDocumentTitle } from '../shared/use-document-title.ts';
import type { EmbedChannel } from './embed-channel.ts';
import { readEmbedParams } from '../shared/embed-params.ts';
import { EmbedView } from './embed-view.tsx';
import { useChangeEvent, useHeightReport } from './use-embed-events.ts';
import { layoutStyle, useEmbedLayout } from './use-embed-layout.ts';
import { useHydrated } from '../shared/hydration.ts';

export function EmbedPage({
  episodeId,
  search,
  channel,
}: {
  episodeId: string | null;
  search: string;
  /** The channel to the host page, open for the page's life (null when not framed). */
  channel: EmbedChannel | null;
}) {
  const query = useMemo(() => new URLSearchParams(search), [search]);
  const params = useMemo(() => readEmbedParams(query), [query]);
  const layout = useEmbedLayout(params);
  const rootRef = useRef<HTMLDivElement>(null);
  useHeightReport(channel, rootRef);
  // The server does not know the frame's width: a served page is laid out by the properties its
  // first script sets on <html> (served-embed-start.ts) until it is hydrated.
  const hydrated = useHydrated();

  return (
    <div
      ref={rootRef}
      className={hydrated ? `embed embed--${layout.mode}` : 'embed embed--served'}
      style={hydrated ? layoutStyle(layout) : undefined}
      data-layout={hydrated ? layout.mode : undefined}
    >
      {episodeId === null ? (
        <EmbedProblem channel={channel} problem={{ notFound: true, id: '' }} />
      ) : (
        <EmbedEpisode episodeId={episodeId} query={query} params={params} channel={channel} />
      )}
    </div>
  );
}

function EmbedEpisode({
  episodeId,
  query,
  params,
  channel,
}: {
  episodeId: string;
  query: URLSearchParams;
  params: ReturnType<typeof readEmbedParams>;
  channel: EmbedChannel | null;
}) {
  const { t } = useI18n();
  const episodeQuery = useEpisode(episodeId);
  useDocumentTitle(
    episodeQuery.data ? `${episodeQuery.data.title} · Red Box Player` : 'Red Box Player',
  );
  if (episodeQuery.isPending) {
    return (
      <main className="embed__status embed__status--loading" id="main">
        <Loading label={t.loadingEpisode} />
      </main>
    );
  }
  if (episodeQuery.isError) {
    return (
      <EmbedProblem
        channel={channel}
        problem={
          isNotFound(episodeQuery.error)
            ? { notFound: true, id: episodeId }
            : { error: episodeQuery.error, retry: () => void episodeQuery.refetch() }
        }
      />
    );
  }
  return (
    <main className="embed__player" id="main">
      <h1 className="visually-hidden">{episodeQuery.data.title}</h1>
      <EmbedView episode={episodeQuery.data} params={params} query={query} channel={channel} />
    </main>
  );
}

type Problem = { notFound: true; id: string } | { error: unknown; retry: () => void };

/** A clear message in the frame, and the same message to the host page as an `error` event. */
function EmbedProblem({ channel, problem }: { channel: EmbedChannel | null; problem: Problem }) {
  const { t } = useI18n();
  const message =
    'notFound' in problem
      ? t.episodeNotFound(problem.id)
      : problem.error instanceof Error
        ? problem.error.message
        : t.episodeLoadFailed;
  useChangeEvent(channel, 'error', { message });
  return (
    <main className="embed__status" id="main">
      {'notFound' in problem ? (
        <>
          <h1>{t.episodeNotFoundTitle}</h1>
          <p>{message}</p>
        </>
      ) : (
        <>
          <h1>{t.episodeLoadFailed}</h1>
          <ErrorNotice title={t.episodeLoadFailed} error={problem.error} onRetry={problem.retry} />
        </>
      )}
    </main>
  );
}
