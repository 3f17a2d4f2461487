/**
 * The pre-rendered embed page of one episode (`embed/<id>.html`, issue 19): the player as the
 * app will show it, from the first paint and before the app's scripts have arrived. The served
 * video (poster and play button; the app adopts this very element) and the source language's
 * transcript as the app's panel (served-transcript-panel.ts; a click on a line seeks the video,
 * served-transcript-script.ts) sit in the embed's own
 * grid, sized for the iframe's width and the query (served-embed-start.ts, inlined in the head),
 * so the app replaces them with its own without anything moving. The speakers row holds the
 * speakers as the app shows them; the question row is kept free at its size until the app fills
 * it.
 *
 * The same file serves every query: what differs by query is done by the inlined script.
 */
import { englishEmbedMessages } from '../features/shared/embed-message-catalog.ts';
import { servedDataTags } from './served-page-data.ts';
import { SERVED_TRANSCRIPT_SCRIPT } from './served-transcript-script.ts';
import { english } from '../features/shared/messages.ts';
import {
  servedLanguageMenuHtml,
  servedSpeakersHtml,
  servedTranscriptPanelHtml,
} from './served-transcript-panel.ts';
import type { EpisodeSource } from '../core/episode-load.ts';
import { escapeHtml, fillTemplate, servedVideoHtml, type EpisodePageInput } from './static-page.ts';

export interface EmbedPageParts {
  /** embed.html as built: its scripts and stylesheets. */
  readonly template: string;
  readonly input: EpisodePageInput;
  readonly source: EpisodeSource;
  /** The app's base path (Vite `base`). */
  readonly base: string;
  /** served-embed-start.ts as built (buildServedEmbedStart). */
  readonly startScript: string;
}

function embedBody(input: EpisodePageInput): string {
  const { episode, links } = input;
  const m = englishEmbedMessages;
  const note = episode.media.note
    ? `<details class="embed__about"><summary><span aria-hidden="true">ⓘ</span><span class="visually-hidden">${escapeHtml(m.aboutMedia)}</span></summary><p>${escapeHtml(episode.media.note)}</p></details>`
    : '';
  return [
    `<div class="embed embed--served">`,
    `<main class="embed__player" id="main">`,
    `<h1 class="visually-hidden">${escapeHtml(episode.title)}</h1>`,
    `<div class="embed__video"><div class="video-stage"><div class="video-stage__player">${servedVideoHtml(input)}</div></div></div>`,
    `<div class="embed__question"></div>`,
    `<div class="embed__speakers">${servedSpeakersHtml(input)}</div>`,
    `<div class="embed__transcript">${servedTranscriptPanelHtml(input, { className: 'embed__served-transcript', toolbar: servedLanguageMenuHtml({ id: 'served-transcript-language', label: english.languageMenu, tracks: episode.tracks, current: input.lang }) })}</div>`,
    `<footer class="embed__footer"><span class="embed__credits">${escapeHtml(m.embedCredits)}</span>${note}<a class="embed__watch" href="${escapeHtml(links.page)}" target="_blank" rel="noopener">${escapeHtml(m.watchOnRedBox)}</a></footer>`,
    `</main>`,
    `</div>`,
  ].join('\n');
}

/** The page: embed.html with the episode's title, canonical page, served data, scripts and body. */
export async function episodeEmbedHtml(parts: EmbedPageParts): Promise<string> {
  const { template, input, source, base, startScript } = parts;
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
  return fillTemplate(template, head, embedBody(input), input.lang, served.bodyEnd);
}
