/**
 * A pre-rendered watch or embed page's #root: the app's own page rendered on the server
 * (src/app/server-render.tsx), and whether the browser hydrates it.
 *
 * The browser hydrates it when its first render will be the same: when the page carries every
 * file the server rendered with (none too big to inline, src/server/served-page-data.ts) and the
 * transcript is short enough to be rendered whole in the browser too. A long transcript
 * (long-transcript.ts) is rendered whole on the server, for readers without JavaScript and
 * search engines, and the browser renders its own panel, the rows in view, in its place.
 */
import { VIRTUALIZE_FROM } from '../features/shared/long-transcript.ts';
import { HYDRATE_ATTRIBUTE } from '../features/shared/hydration.ts';
import type { AppRenderer } from './app-renderer.ts';
import type { ServedDataTags } from './served-page-data.ts';
import type { EpisodePageInput } from './static-page.ts';

export interface ServedRoot {
  readonly body: string;
  /** Marks the filled page's #root for hydration when it can be hydrated. */
  mark(html: string): string;
}

export async function servedRoot(
  renderer: AppRenderer,
  page: 'watch' | 'embed',
  input: EpisodePageInput,
  served: ServedDataTags,
): Promise<ServedRoot> {
  const body = await renderer.render(page, served.shown);
  const hydrate = served.complete && input.cues.length < VIRTUALIZE_FROM;
  return {
    body,
    mark: (html) =>
      hydrate ? html.replace('<div id="root">', `<div id="root" ${HYDRATE_ATTRIBUTE}="">`) : html,
  };
}
