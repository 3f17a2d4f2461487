/**
 * Pre-rendered pages: an episode page's head (schema.org VideoObject data with the transcript and
 * a Clip per question, Open Graph tags) and the start page's list. The watch and embed pages'
 * bodies, with the transcript in the HTML (readable without JavaScript, found by search engines
 * and by the browser's find), are the app's own pages rendered on the server (served-root.ts).
 *
 * Everything written is escaped for where it goes: text and attributes with HTML escapes, JSON-LD
 * with `<` as `\u003c` so no string can close the script element.
 */
import type { Chapter, Cue } from '../core/cue-model.ts';
import type { Episode, EpisodeSummary } from '../core/episode-model.ts';
import { formatIsoDuration } from '../core/time-format.ts';
import { fileSource } from '../core/media-sources.ts';
import { SERVED_TRANSCRIPT_SCRIPT } from './served-transcript-script.ts';
import { archiveNavHtml, archiveSearchFormHtml, type ArchiveLinks } from './archive-pages.ts';

/** Escape text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON for a `<script type="application/ld+json">` element: nothing in it can end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export interface EpisodePageInput {
  readonly episode: Episode;
  /** The transcript shown in the page (the source language's). */
  readonly lang: string;
  readonly cues: readonly Cue[];
  readonly chapters: readonly Chapter[];
  /** Absolute URLs, from the public base URL. */
  readonly urls: {
    readonly page: string;
    readonly episodeFile: (path: string) => string;
    readonly watchAt: (seconds: number) => string;
    readonly embed: string;
    readonly oembed: string;
  };
  /** Root-relative links for the page body, so it works on whatever host serves it. */
  readonly links: {
    readonly home: string;
    readonly page: string;
    readonly watchAt: (seconds: number) => string;
    /** A file of the episode, as the app requests it (src/data/episode-urls.ts). */
    readonly episodeFile: (path: string) => string;
  };
  /** The video's accessible name. */
  readonly videoLabel: string;
}

const PUBLISHER = { '@type': 'Organization', name: 'LiNK (Liberty in North Korea)' };

function speakerNames(episode: Episode): Map<string, string> {
  return new Map(episode.speakers.map((speaker) => [speaker.id, speaker.name]));
}

/** A cue's text on one line: its line breaks are for captions. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The transcript as plain text for structured data: "Name: words" per turn. */
export function transcriptPlainText(episode: Episode, cues: readonly Cue[]): string {
  const names = speakerNames(episode);
  const turns: string[] = [];
  let speaker: string | null | undefined;
  for (const cue of cues) {
    if (cue.speakerId !== speaker) {
      speaker = cue.speakerId;
      turns.push(`${(speaker && names.get(speaker)) || ''}: ${oneLine(cue.text)}`);
    } else turns[turns.length - 1] += ' ' + oneLine(cue.text);
  }
  return turns.join('\n');
}

function duration(episode: Episode, cues: readonly Cue[]): number {
  return episode.media.duration ?? cues.reduce((end, cue) => Math.max(end, cue.endTime), 0);
}

/** schema.org VideoObject with the transcript and a Clip per chapter. */
export function videoObject(input: EpisodePageInput): Record<string, unknown> {
  const { episode, cues, chapters, urls } = input;
  const total = duration(episode, cues);
  const poster = episode.media.poster ? urls.episodeFile(episode.media.poster) : undefined;
  // A media file, not an HLS playlist: what search engines and download links can use.
  const contentSource = fileSource(episode.media.sources) ?? episode.media.sources[0];
  return {
    '@context': 'https://schema.org',
    '@type': 'VideoObject',
    name: episode.series ? `${episode.series}: ${episode.title}` : episode.title,
    description: episode.summary ?? episode.title,
    uploadDate: episode.published,
    duration: total > 0 ? formatIsoDuration(total) : undefined,
    thumbnailUrl: poster ? [poster] : undefined,
    contentUrl: contentSource ? urls.episodeFile(contentSource.src) : undefined,
    embedUrl: urls.embed,
    url: urls.page,
    inLanguage: input.lang,
    transcript: transcriptPlainText(episode, cues),
    publisher: PUBLISHER,
    creator: PUBLISHER,
    isPartOf: episode.series ? { '@type': 'CreativeWorkSeries', name: episode.series } : undefined,
    hasPart: chapters.map((chapter) => ({
      '@type': 'Clip',
      name: chapter.question,
      startOffset: Math.floor(chapter.startTime),
      endOffset: Math.ceil(chapter.endTime),
      url: urls.watchAt(Math.floor(chapter.startTime)),
    })),
  };
}

/** The tags for the page's <head>. */
export function episodeHead(input: EpisodePageInput): string {
  const { episode, urls } = input;
  const title = `${episode.title} · ${episode.series ?? 'The Red Box'} · Red Box Player`;
  const description = episode.summary ?? episode.title;
  const poster = episode.media.poster ? urls.episodeFile(episode.media.poster) : null;
  const meta = (property: string, content: string): string =>
    `<meta property="${escapeHtml(property)}" content="${escapeHtml(content)}" />`;
  return [
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}" />`,
    `<link rel="canonical" href="${escapeHtml(urls.page)}" />`,
    `<link rel="alternate" type="application/json+oembed" href="${escapeHtml(urls.oembed)}" title="${escapeHtml(episode.title)}" />`,
    meta('og:type', 'video.other'),
    meta('og:site_name', 'Red Box Player'),
    meta('og:title', episode.title),
    meta('og:description', description),
    meta('og:url', urls.page),
    ...(poster ? [meta('og:image', poster)] : []),
    ...(episode.media.duration
      ? [meta('video:duration', String(Math.round(episode.media.duration)))]
      : []),
    `<meta name="twitter:card" content="${poster ? 'summary_large_image' : 'summary'}" />`,
    `<script type="application/ld+json">${jsonForScript(videoObject(input))}</script>`,
    // The served lines seek the served video before the app has loaded (the script is a
    // constant: nothing of the episode is written into it).
    `<script>${SERVED_TRANSCRIPT_SCRIPT}</script>`,
  ].join('\n    ');
}

/** The start page's list, for readers without JavaScript. */
export function episodeListBody(
  episodes: readonly EpisodeSummary[],
  watchUrl: (id: string) => string,
  links: ArchiveLinks,
): string {
  const items = episodes.map(
    (episode) =>
      `<li><a href="${escapeHtml(watchUrl(episode.id))}">${escapeHtml(episode.title)}</a> <time datetime="${escapeHtml(episode.published)}">${escapeHtml(episode.published)}</time>${episode.summary ? `<p>${escapeHtml(episode.summary)}</p>` : ''}</li>`,
  );
  return `<main class="static-page" id="main">${archiveNavHtml(links)}<h1>Red Box Player</h1><p>Interactive transcripts for The Red Box, from LiNK (Liberty in North Korea).</p>${archiveSearchFormHtml(links)}<h2>Episodes</h2><ul>${items.join('')}</ul></main>`;
}

/**
 * Put head tags and body markup into a built page (index.html, embed.html); `bodyEnd` goes just
 * before `</body>`, after the page's own markup and outside the app's root.
 */
export function fillTemplate(
  template: string,
  head: string,
  body: string,
  lang: string,
  bodyEnd = '',
): string {
  // The template's #root holds only a <noscript> paragraph, so its first </div> closes it.
  return template
    .replace(/<html lang="[^"]*">/, `<html lang="${escapeHtml(lang)}">`)
    .replace(/\s*<meta\s+name="description"[^>]*>/, '')
    .replace(/<title>[^<]*<\/title>/, () => head)
    .replace(/<div id="root">[\s\S]*?<\/div>/, () => `<div id="root">${body}</div>`)
    .replace(/<\/body>/, () => (bodyEnd ? `  ${bodyEnd}\n  </body>` : '</body>'));
}
