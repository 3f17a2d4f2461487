/** Entry point of the app pages (/, /watch, /translate). The embed has its own entry. */
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { revalidateServedFiles } from '../data/served-page-data.ts';
import { captureServedVideo } from '../player/native-video.ts';
import { watchServedReadingPlace } from '../features/shared/served-reading-place.ts';
import { prepareServedQueries } from '../data/episode-queries.ts';
import { createQueryClient } from './query-client.ts';
import { matchRoute } from './routes.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('[red-box] index.html has no #root element');
// A pre-rendered page carries its transcript as HTML for readers without JavaScript. It stays on
// screen until React's first commit replaces it in the same frame (React empties the container
// itself then): emptying it here would show a blank page while the app renders.
// Its video is taken over by the player (native-video.ts), and a reader who scrolled it or
// focused a line keeps their place in the app's transcript (served-reading-place.ts, which
// follows them until that commit): note both before then.
captureServedVideo();
watchServedReadingPlace();
const queryClient = createQueryClient();
// React's first render of the whole page is a transition, rendered in slices of a few ms and
// committed at once when all of it is ready: on a slow phone it was one task of 400-600 ms (4x
// throttled) that held every click and frame. The served page stays on screen until that commit.
// The files the page was served with are decoded and parsed before it, each in a task of its own.
const root = createRoot(container);
const render = () =>
  startTransition(() =>
    root.render(
      <StrictMode>
        <App
          queryClient={queryClient}
          route={matchRoute(window.location.pathname, import.meta.env.BASE_URL)}
          search={window.location.search}
        />
      </StrictMode>,
    ),
  );
void prepareServedQueries().then(render, render);
revalidateServedFiles(queryClient);
