/**
 * React's root for a page (main.tsx, embed-main.tsx). A page whose markup is the app's own page
 * rendered on the server, marked for hydration (src/server/served-root.ts), is hydrated: React
 * adopts the served elements (the transcript's lines, the video) instead of replacing them, so
 * nothing is blanked, moved or re-created. Any other page is rendered, replacing what the server
 * sent (a long episode's whole transcript, for readers without JavaScript) in one commit.
 *
 * Either way the first render is a transition, rendered in slices of a few ms and committed at
 * once when all of it is ready: on a slow phone it was one task of 400-600 ms (4x throttled) that
 * held every click and frame. The served page stays on screen, working, until that commit.
 */
import { startTransition, type ReactNode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { HYDRATE_ATTRIBUTE, startHydration } from '../features/shared/hydration.ts';
import { PageTree } from './page-tree.tsx';

export function renderPage(container: HTMLElement, page: ReactNode): void {
  if (!container.hasAttribute(HYDRATE_ATTRIBUTE)) {
    const root = createRoot(container);
    startTransition(() => root.render(<PageTree>{page}</PageTree>));
    return;
  }
  startHydration();
  startTransition(() => {
    hydrateRoot(container, <PageTree>{page}</PageTree>, {
      // React renders the page again in the browser where the served markup does not match
      // (a bug: the hydration render must be the server's): say so, with where.
      onRecoverableError: (error, info) =>
        console.error(
          '[red-box] the served page could not be hydrated',
          error,
          info.componentStack,
        ),
    });
  });
}
