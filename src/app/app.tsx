/** The app: providers and the route switch. Pages are features; this file only composes them. */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect } from 'react';
import { connectLiveEpisodeFiles } from '../data/live-episode-files.ts';
import { ArchiveNav } from '../features/archive/archive-nav.tsx';
import { ArchiveSearchForm } from '../features/archive/archive-search-form.tsx';
import { QuestionsPage } from '../features/archive/questions-page.tsx';
import { EpisodeListPage } from '../features/home/episode-list-page.tsx';
import { I18nProvider, useI18n } from '../features/shared/i18n.tsx';
import { Loading, NotFound } from '../features/shared/status.tsx';
import { TranslatePanel } from '../features/translator/translate-panel.tsx';
import { WatchPage } from '../features/viewer/watch-page.tsx';
import type { Route } from './routes.ts';

// Search brings its index library: only readers who search download it.
const SearchPage = lazy(() =>
  import('../features/archive/search-page.tsx').then((module) => ({
    default: module.SearchPage,
  })),
);

// The workspace is for translators only: viewers never download it.
const TranslatePage = lazy(() =>
  import('../features/translator/translate-page.tsx').then((module) => ({
    default: module.TranslatePage,
  })),
);

function RouteView({ route, search }: { route: Route; search: string }) {
  const { t } = useI18n();
  switch (route.name) {
    case 'home':
      return (
        <EpisodeListPage
          nav={<ArchiveNav current="episodes" />}
          searchForm={<ArchiveSearchForm />}
          translate={(episode) => <TranslatePanel summary={episode} />}
        />
      );
    case 'questions':
      return <QuestionsPage search={search} />;
    case 'search':
      return (
        <Suspense fallback={<Loading label={t.searchLoading} />}>
          <SearchPage search={search} />
        </Suspense>
      );
    case 'watch':
      return <WatchPage episodeId={route.episodeId} search={search} />;
    case 'translate':
      return (
        <Suspense fallback={<Loading label={t.loadingEpisode} />}>
          <TranslatePage episodeId={route.episodeId} lang={route.lang} />
        </Suspense>
      );
    default:
      return <NotFound title={t.pageNotFoundTitle} message={t.pageNotFound} />;
  }
}

export function App({
  queryClient,
  route,
  search,
}: {
  queryClient: QueryClient;
  route: Route;
  search: string;
}) {
  useEffect(() => connectLiveEpisodeFiles(queryClient), [queryClient]);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <RouteView route={route} search={search} />
      </I18nProvider>
    </QueryClientProvider>
  );
}
