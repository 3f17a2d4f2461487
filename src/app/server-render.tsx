/**
 * The watch and embed pages rendered on the server (issue 19) with the app's own components and
 * the data the browser will have on its first render (the files the page carries,
 * src/server/served-page-data.ts), so the browser hydrates the served markup instead of replacing
 * it (main.tsx, embed-main.tsx). Loaded at build time through Vite's SSR module loader
 * (src/server/app-renderer.ts). What only the browser knows is rendered as the server renders it
 * and applied after the hydration (src/features/shared/hydration.ts).
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { EmbedPage } from '../features/embed/embed-page.tsx';
import { I18nProvider } from '../features/shared/i18n.tsx';
import { setServedPageData, type ServedPageData } from '../data/served-page-data.ts';
import { prepareServedQueries } from '../data/episode-queries.ts';
import { App } from './app.tsx';
import { createQueryClient } from './query-client.ts';
import { PageTree } from './page-tree.tsx';

/** The markup of a served page's #root: `page` is 'watch' or 'embed'; `data` every file it shows. */
export async function renderServedPage(
  page: 'watch' | 'embed',
  data: ServedPageData,
): Promise<string> {
  setServedPageData(data);
  try {
    await prepareServedQueries();
    const queryClient = createQueryClient();
    const episodeId = data.episodeId;
    return renderToString(
      <PageTree>
        {page === 'watch' ? (
          <App queryClient={queryClient} route={{ name: 'watch', episodeId }} search="" />
        ) : (
          <QueryClientProvider client={queryClient}>
            <I18nProvider>
              <EmbedPage episodeId={episodeId} search="" channel={null} />
            </I18nProvider>
          </QueryClientProvider>
        )}
      </PageTree>,
    );
  } finally {
    setServedPageData(undefined);
  }
}
