/** Entry point of the app pages (/, /watch, /translate). The embed has its own entry. */
import { App } from './app.tsx';
import { revalidateServedFiles } from '../data/served-page-data.ts';
import { captureServedVideo } from '../player/native-video.ts';
import { watchServedReadingPlace } from '../features/shared/served-reading-place.ts';
import { prepareServedQueries } from '../data/episode-queries.ts';
import { createQueryClient } from './query-client.ts';
import { matchRoute } from './routes.ts';
import { renderPage } from './page-root.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('[red-box] index.html has no #root element');
// A pre-rendered page is the app's page rendered on the server: React hydrates it, or (a long
// episode) renders its own in its place in one commit (page-root.tsx). Its video is taken over by
// the player (native-video.ts), and where the page is replaced a reader who scrolled the
// transcript or focused a line keeps their place in the app's (served-reading-place.ts, which
// follows them until that commit): note both before then.
captureServedVideo();
watchServedReadingPlace();
const queryClient = createQueryClient();
const render = () =>
  renderPage(
    container,
    <App
      queryClient={queryClient}
      route={matchRoute(window.location.pathname, import.meta.env.BASE_URL)}
      search={window.location.search}
    />,
  );
void prepareServedQueries().then(render, render);
revalidateServedFiles(queryClient);
