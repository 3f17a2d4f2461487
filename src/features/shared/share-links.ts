/**
 * Links and code for sharing an episode: the link to a moment, the partner snippet (Contract 4),
 * the oEmbed address and the plain iframe the oEmbed response carries. Pure: the viewer passes
 * its own origin (snippets made in the browser use the page's origin), the build its public URL.
 */
import { DEFAULT_TRANSCRIPT_HEIGHT, embedLayout } from './embed-layout.ts';
import { embedQuery } from './embed-params.ts';

/** `base` is an absolute URL ending in '/', e.g. `https://redbox.example.org/red-box/`. */
export type AppBaseUrl = string;

/** The viewer at a moment: `<base>watch/<id>?t=<seconds>&lang=<lang>`. */
export function watchUrl(
  base: AppBaseUrl,
  episodeId: string,
  at: { t?: number; lang?: string } = {},
): string {
  const url = new URL(`watch/${encodeURIComponent(episodeId)}`, base);
  if (at.t !== undefined && Number.isFinite(at.t) && at.t > 0) {
    // Tenths of a second: precise enough to land on the line, short enough to read.
    url.searchParams.set('t', String(Math.floor(at.t * 10) / 10));
  }
  if (at.lang) url.searchParams.set('lang', at.lang);
  return url.href;
}

/** The embeddable player's URL (what the oEmbed iframe shows). */
export function embedUrl(base: AppBaseUrl, episodeId: string, lang?: string): string {
  const url = new URL(`embed/${encodeURIComponent(episodeId)}`, base);
  url.search = embedQuery({ lang }, null).toString();
  return url.href;
}

/** The oEmbed response of an episode. */
export function oembedUrl(base: AppBaseUrl, episodeId: string): string {
  return new URL(`oembed/${encodeURIComponent(episodeId)}.json`, base).href;
}

/** Escape text for HTML text or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** The partner snippet of Contract 4: a div the loader turns into a player, and the loader. */
export function embedSnippet(base: AppBaseUrl, episodeId: string, lang: string): string {
  const loader = new URL('embed.js', base).href;
  return (
    `<div data-redbox-episode="${escapeHtml(episodeId)}" data-redbox-lang="${escapeHtml(lang)}"></div>` +
    `<script src="${escapeHtml(loader)}" async></script>`
  );
}

/** A plain iframe of the embed, sized for `width` (oEmbed's `html`, for hosts without scripts). */
export function embedIframe(
  base: AppBaseUrl,
  episodeId: string,
  title: string,
  width: number,
): { html: string; width: number; height: number } {
  const { height } = embedLayout(width, {
    transcript: true,
    transcriptHeight: DEFAULT_TRANSCRIPT_HEIGHT,
  });
  const html =
    `<iframe src="${escapeHtml(embedUrl(base, episodeId))}" width="${width}" height="${height}"` +
    ` title="${escapeHtml(`Red Box Player: ${title}`)}" loading="lazy" style="border:0;max-width:100%"` +
    ` allow="autoplay; fullscreen; picture-in-picture" allowfullscreen></iframe>`;
  return { html, width, height };
}
