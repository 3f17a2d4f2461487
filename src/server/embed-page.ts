/**
 * The pre-rendered embed page of one episode (`embed/<id>.html`, issue 19): the player as the
 * app shows it, from the first paint and before the app's scripts have arrived — the app's own
 * components rendered on the server (src/app/server-render.tsx), which the browser hydrates
 * (embed-main.tsx). The served video (poster and play button) is the one the app plays, and a
 * click on a line seeks it before the app has loaded (served-transcript-script.ts). The embed's
 * grid is sized for the iframe's width and the query by the script inlined in the head
 * (served-embed-start.ts) until the page is hydrated.
 *
 * The same file serves every query: what differs by query is done by the inlined script, and by
 * the app once hydrated.
 */
import type { EpisodeSource } from '../core/episode-load.ts';
import type { AppRenderer } from './app-renderer.ts';
import { servedDataTags } from './served-page-data.ts';
import { servedRoot } from './served-root.ts';
import { SERVED_TRANSCRIPT_SCRIPT } from './served-transcript-script.ts';
import { escapeHtml, fillTemplate, type EpisodePageInput } from './static-page.ts';

export interface EmbedPageParts {
  /** embed.html as built: its scripts and stylesheets. */
  readonly template: string;
  readonly input: EpisodePageInput;
  readonly source: EpisodeSource;
  /** The app's base path (Vite `base`). */
  readonly base: string;
  /** served-embed-start.ts as built (buildServedEmbedStart). */
  readonly startScript: string;
  readonly renderer: AppRenderer;
}

/** The page: embed.html with the episode's title, canonical page, served data, scripts and body. */
export async function episodeEmbedHtml(parts: EmbedPageParts): Promise<string> {
  const { template, input, source, base, startScript, renderer } = parts;
  const { episode, urls } = input;
  const served = await servedDataTags(episode, source, base);
  const head = [
    `<title>${escapeHtml(episode.title)} · Red Box Player</title>`,
    `<link rel="canonical" href="${escapeHtml(urls.page)}" />`,
    // Before anything is laid out: the sizes and the video as the query asks (constant code).
    `<script>${startScript}</script>`,
    // The served lines seek the served video before the app has loaded (constant code too).
    `<script>${SERVED_TRANSCRIPT_SCRIPT}</script>`,
    served.head,
  ].join('\n    ');
  const root = await servedRoot(renderer, 'embed', input, served);
  return root.mark(fillTemplate(template, head, root.body, input.lang, served.bodyEnd));
}
