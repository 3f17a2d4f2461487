/**
 * Entry point of the embeddable player (embed.html, served at /embed/<episode-id>). It carries only
 * what the embed needs: no episode list, no translator, no schema checks.
 */
import { QueryClientProvider } from '@tanstack/react-query';
import { connectLiveEpisodeFiles } from '../data/live-episode-files.ts';
import { openEmbedChannel, playerIdFromHash } from '../features/embed/embed-channel.ts';
import { EmbedPage } from '../features/embed/embed-page.tsx';
import { readEmbedParams } from '../features/shared/embed-params.ts';
import { I18nProvider } from '../features/shared/i18n.tsx';
import { revalidateServedFiles } from '../data/served-page-data.ts';
import { captureServedVideo } from '../player/native-video.ts';
import { watchServedReadingPlace } from '../features/shared/served-reading-place.ts';
import { prepareServedQueries } from '../data/episode-queries.ts';
import { createQueryClient } from './query-client.ts';
import { matchRoute } from './routes.ts';
import { renderPage } from './page-root.tsx';
import './styles.css';
import '../features/embed/embed.css';

const container = document.getElementById('root');
if (!container) throw new Error('[red-box] embed.html has no #root element');

captureServedVideo();
watchServedReadingPlace();
const route = matchRoute(window.location.pathname, import.meta.env.BASE_URL);
const queryClient = createQueryClient();
connectLiveEpisodeFiles(queryClient);
// The page was served with the episode's files (src/data/served-page-data.ts); check them later.
revalidateServedFiles(queryClient);
// One channel to the host page for the page's life: it hears commands from the first moment.
const channel = openEmbedChannel(
  readEmbedParams(new URLSearchParams(window.location.search)).origin,
  playerIdFromHash(window.location.hash),
);

// The served page is hydrated, or replaced in one commit (page-root.tsx). The files the page was
// served with are decoded and parsed before, each in a task of its own.
const render = () =>
  renderPage(
    container,
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <EmbedPage
          episodeId={route.name === 'embed' ? route.episodeId : null}
          search={window.location.search}
          channel={channel}
        />
      </I18nProvider>
    </QueryClientProvider>,
  );
void prepareServedQueries().then(render, render);
