/**
 * Pre-rendered archive pages (Contract 10): `/questions` complete without JavaScript, the search
 * page's form, and structured data (schema.org ItemList) for the questions and the episode list,
 * escaped as the watch pages' are.
 */
import { questionsIn, type QuestionsFile } from '../core/archive-model.ts';
import type { EpisodeSummary } from '../core/episode-model.ts';
import { directionOf } from '../core/language.ts';
import { escapeHtml, jsonForScript } from './static-page.ts';

/** Root-relative links (the page works on whatever host serves it) and absolute ones (data). */
export interface ArchiveLinks {
  /** The app's base path, ending in '/'. */
  readonly base: string;
  /** The public base URL, ending in '/'. */
  readonly baseUrl: string;
}

/** `watch/<id>?cue=<cue id>`, with `lang` after it when not the episode's source language. */
function watchPath(
  episode: { readonly id: string; readonly sourceLanguage: string },
  lang: string | null,
  cueId: string | null,
): string {
  const params = new URLSearchParams();
  if (cueId) params.set('cue', cueId);
  if (lang && lang.toLowerCase() !== episode.sourceLanguage.toLowerCase()) params.set('lang', lang);
  const query = params.toString();
  return `watch/${encodeURIComponent(episode.id)}${query ? `?${query}` : ''}`;
}

/** Links between the archive's pages, as the app shows them. */
export function archiveNavHtml(links: ArchiveLinks): string {
  const item = (path: string, label: string) =>
    `<li><a href="${escapeHtml(links.base + path)}">${escapeHtml(label)}</a></li>`;
  return `<nav class="archive-nav" aria-label="The archive"><ul>${item('', 'Episodes')}${item('questions', 'Questions')}${item('search', 'Search')}${item('feed.xml', 'Podcast feed')}</ul></nav>`;
}

/** The archive's search form: a GET to /search that the app answers. */
export function archiveSearchFormHtml(links: ArchiveLinks): string {
  return `<form class="archive-search" role="search" action="${escapeHtml(links.base)}search" method="get"><label for="archive-search-q">Search every episode</label> <input id="archive-search-q" type="search" name="q" class="archive-search__input" /> <button type="submit" class="button">Search</button></form>`;
}

function jsonLd(value: unknown): string {
  return `<script type="application/ld+json">${jsonForScript(value)}</script>`;
}

/** Head tags of an archive page: title, description, canonical address and structured data. */
export function archiveHead(
  title: string,
  description: string,
  canonical: string,
  data?: unknown,
): string {
  return [
    `<title>${escapeHtml(title)}</title>`,
    `<meta name="description" content="${escapeHtml(description)}" />`,
    `<link rel="canonical" href="${escapeHtml(canonical)}" />`,
    ...(data ? [jsonLd(data)] : []),
  ].join('\n    ');
}

/** A schema.org ItemList of these entries, numbered from 1. */
function itemList(name: string, entries: readonly Record<string, unknown>[]): unknown {
  return {
    '@context': 'https://schema.org',
    '@type': 'ItemList',
    name,
    numberOfItems: entries.length,
    itemListElement: entries.map((entry, i) => ({
      '@type': 'ListItem',
      position: i + 1,
      ...entry,
    })),
  };
}

/** schema.org ItemList of every question (source language), each with its moment's URL. */
export function questionsStructuredData(file: QuestionsFile, links: ArchiveLinks): unknown {
  const items = file.episodes.flatMap((episode) => {
    const { lang, questions } = questionsIn(episode, episode.sourceLanguage);
    return questions.map((question) => ({
      name: question.text,
      url: links.baseUrl + watchPath(episode, lang, question.cueId),
      episode: episode.title,
    }));
  });
  return itemList(
    'Every question from The Red Box',
    items.map((item) => ({ url: item.url, name: `${item.name} (${item.episode})` })),
  );
}

/** `/questions` for readers without JavaScript: every question in every language. */
export function questionsBody(file: QuestionsFile, links: ArchiveLinks): string {
  const out: string[] = [`<main class="static-page" id="main">`, archiveNavHtml(links)];
  out.push(`<h1>Every question from the box</h1>`);
  out.push(`<p>Each question links to the moment it is asked.</p>`);
  out.push(archiveSearchFormHtml(links));
  out.push(`<ol class="questions">`);
  for (const episode of file.episodes) {
    const languages = Object.keys(episode.questions);
    if (languages.length === 0) continue;
    const source = questionsIn(episode, episode.sourceLanguage);
    out.push(
      `<li class="questions__episode"><h2 class="questions__title"><a href="${escapeHtml(links.base + watchPath(episode, null, null))}">${escapeHtml(episode.title)}</a> <time datetime="${escapeHtml(episode.published)}">${escapeHtml(episode.published)}</time></h2><ul class="questions__list">`,
    );
    for (const question of source.questions) {
      const translations = languages
        .filter((lang) => lang !== source.lang)
        .flatMap((lang) => {
          const found = episode.questions[lang]?.find((other) => other.id === question.id);
          return found ? [{ lang, question: found }] : [];
        });
      const link = (lang: string, text: string, cueId: string | null) =>
        `<a href="${escapeHtml(links.base + watchPath(episode, lang, cueId))}" lang="${escapeHtml(lang)}" dir="${directionOf(lang)}">${escapeHtml(text)}</a>`;
      out.push(
        `<li>${link(source.lang, question.text, question.cueId)}${
          translations.length > 0
            ? `<ul>${translations.map((t) => `<li>${link(t.lang, t.question.text, t.question.cueId)}</li>`).join('')}</ul>`
            : ''
        }</li>`,
      );
    }
    out.push(`</ul></li>`);
  }
  out.push(`</ol></main>`);
  return out.join('\n');
}

/** `/search` before the app runs: the form, and where to browse without JavaScript. */
export function searchBody(links: ArchiveLinks): string {
  return [
    `<main class="static-page" id="main">`,
    archiveNavHtml(links),
    `<h1>Search every episode</h1>`,
    archiveSearchFormHtml(links),
    `<p>Search runs in your browser and needs JavaScript. Without it, browse <a href="${escapeHtml(links.base)}questions">every question</a> or <a href="${escapeHtml(links.base)}">every episode</a>; each episode's page holds its whole transcript.</p>`,
    `</main>`,
  ].join('\n');
}

/** schema.org ItemList of the episodes (VideoObjects), newest first. */
export function episodeListStructuredData(
  episodes: readonly EpisodeSummary[],
  links: ArchiveLinks,
): unknown {
  return itemList(
    'The Red Box: episodes',
    episodes.map((episode) => ({
      item: {
        '@type': 'VideoObject',
        name: episode.title,
        description: episode.summary ?? episode.title,
        uploadDate: episode.published,
        url: links.baseUrl + watchPath(episode, null, null),
        thumbnailUrl: episode.poster
          ? [
              /^https:/i.test(episode.poster)
                ? episode.poster
                : `${links.baseUrl}episodes/${episode.poster.split('/').map(encodeURIComponent).join('/')}`,
            ]
          : undefined,
        inLanguage: episode.sourceLanguage,
      },
    })),
  );
}
