/** Entry point of the app pages (/, /watch, /translate). The embed has its own entry. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { createQueryClient } from './query-client.ts';
import { matchRoute } from './routes.ts';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('[red-box] index.html has no #root element');
// A pre-rendered page carries its transcript as HTML for readers without JavaScript; the app
// replaces it with the interactive player.
container.replaceChildren();
createRoot(container).render(
  <StrictMode>
    <App
      queryClient={createQueryClient()}
      route={matchRoute(window.location.pathname, import.meta.env.BASE_URL)}
      search={window.location.search}
    />
  </StrictMode>,
);
