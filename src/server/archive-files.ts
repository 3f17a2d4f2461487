/**
 * The archive's static files (Contract 10), made from the episodes catalog: the same files are
 * written by the build and served on request by the dev server.
 *
 *   archive/questions.json                   every question, newest episode first
 *   archive/search/manifest.json             which index files each language has
 *   archive/search/<lang>/<n>-<hash>.json    the index of one group of episodes (content-hashed)
 *   archive/chapters/<id>/<lang>.json        Podcasting 2.0 JSON chapters
 *   feed.xml                                 the podcast feed (absolute URLs: RED_BOX_PUBLIC_URL)
 *   sitemap.xml                              every public page
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { SitemapStream, streamToPromise } from 'sitemap';
import {
  buildQuestionsFile,
  firstCueOfChapter,
  newestFirst,
  podcastChapters,
  publicPages,
  type ArchiveEpisode,
} from '../core/archive-model.ts';
import {
  buildSearchGroup,
  SEARCH_FORMAT_VERSION,
  type SearchManifest,
} from '../core/archive-search.ts';
import { toChapters } from '../core/chapters.ts';
import { fileSource } from '../core/media-sources.ts';
import { sourceTrack, type Episode } from '../core/episode-model.ts';
import { podcastFeedXml, type FeedItem } from '../core/podcast-feed.ts';
import { loadableEpisodes, type CatalogEntry } from './episode-catalog.ts';
import { publicBaseUrl } from './public-url.ts';

/** Lines per search index file: about 50 episodes of 100 cues, ~200–250 kB gzipped. */
export const SEARCH_GROUP_LINES = 5000;

/** The archive's files by path inside the build (no leading slash). */
export type ArchiveFiles = Map<string, string>;

/** An episode from the catalog with its folder and parsed tracks. */
interface CatalogEpisode extends ArchiveEpisode {
  readonly folder: string;
}

/** The catalog's loadable episodes with their parsed tracks. */
export function catalogEpisodes(catalog: readonly CatalogEntry[]): CatalogEpisode[] {
  return loadableEpisodes(catalog).map(({ folder, episode, loaded }) => ({
    folder,
    episode,
    tracks: episode.tracks.map((track) => {
      const files = loaded.tracks.get(track.lang);
      return {
        lang: track.lang,
        label: track.label,
        cues: files?.transcript?.document.cues ?? [],
        chapters: files?.chapters ? toChapters(files.chapters.document) : [],
      };
    }),
  }));
}

function encodePath(relative: string): string {
  return relative.replace(/^\.\//, '').split('/').map(encodeURIComponent).join('/');
}

/** Absolute URL of a file of an episode (https paths in episode.json pass through). */
function episodeFileUrl(baseUrl: string, episode: Episode, file: string): string {
  return /^https:\/\//i.test(file)
    ? file
    : `${baseUrl}episodes/${encodeURIComponent(episode.id)}/${encodePath(file)}`;
}

/**
 * The watch page of a cue (Contract 10: `watch/<id>?cue=<cue id>`), with `lang` after it when
 * the moment is in another language than the episode's source.
 */
function momentPath(episode: Episode, cueId: string | null, lang?: string): string {
  const query = new URLSearchParams();
  if (cueId) query.set('cue', cueId);
  if (lang && lang.toLowerCase() !== episode.sourceLanguage.toLowerCase()) query.set('lang', lang);
  const search = query.toString();
  return `watch/${encodeURIComponent(episode.id)}${search ? `?${search}` : ''}`;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 10);
}

/** Split episodes (newest first) into groups of about SEARCH_GROUP_LINES lines. */
function searchGroups<T>(items: readonly T[], linesOf: (item: T) => number): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let lines = 0;
  for (const item of items) {
    if (current.length > 0 && lines + linesOf(item) > SEARCH_GROUP_LINES) {
      groups.push(current);
      current = [];
      lines = 0;
    }
    current.push(item);
    lines += linesOf(item);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

async function searchFiles(
  episodes: readonly CatalogEpisode[],
  files: ArchiveFiles,
): Promise<void> {
  const languages = new Map<string, { label: string; entries: CatalogEpisode[] }>();
  for (const entry of episodes) {
    for (const track of entry.tracks) {
      const key = track.lang.toLowerCase();
      const language = languages.get(key) ?? { label: track.label, entries: [] };
      language.entries.push(entry);
      languages.set(key, language);
    }
  }
  const manifest: SearchManifest['languages'][number][] = [];
  for (const [lang, { label, entries }] of languages) {
    const trackOf = (entry: CatalogEpisode) =>
      entry.tracks.find((track) => track.lang.toLowerCase() === lang)!;
    const groups = searchGroups(entries, (entry) => trackOf(entry).cues.length);
    const names: string[] = [];
    for (const [n, group] of groups.entries()) {
      const json = JSON.stringify(
        await buildSearchGroup(
          lang,
          group.map((entry) => ({ episode: entry.episode, cues: trackOf(entry).cues })),
        ),
      );
      const name = `${lang}/${n + 1}-${hashOf(json)}.json`;
      files.set(`archive/search/${name}`, json);
      names.push(name);
    }
    manifest.push({
      lang,
      label,
      episodes: entries.length,
      lines: entries.reduce((sum, entry) => sum + trackOf(entry).cues.length, 0),
      groups: names,
    });
  }
  const body: SearchManifest = { version: SEARCH_FORMAT_VERSION, languages: manifest };
  files.set('archive/search/manifest.json', JSON.stringify(body));
}

function chapterFiles(episodes: readonly CatalogEpisode[], baseUrl: string, files: ArchiveFiles) {
  for (const { episode, tracks } of episodes) {
    for (const track of tracks) {
      if (track.chapters.length === 0) continue;
      const cues =
        track.cues.length > 0
          ? track.cues
          : (tracks.find((other) => other.lang === episode.sourceLanguage)?.cues ?? []);
      const body = podcastChapters(
        track.chapters,
        (chapter) =>
          baseUrl + momentPath(episode, firstCueOfChapter(cues, chapter)?.id ?? null, track.lang),
      );
      files.set(`archive/chapters/${episode.id}/${track.lang}.json`, JSON.stringify(body, null, 2));
    }
  }
}

/** The enclosure: the first MP4 file (else another file, else the first source), with its size. */
function enclosureOf(entry: CatalogEpisode, episodesDir: string, baseUrl: string) {
  const { episode } = entry;
  const source = fileSource(episode.media.sources) ?? episode.media.sources[0];
  if (!source) return undefined;
  let length = 0;
  if (!/^https:\/\//i.test(source.src)) {
    try {
      length = statSync(path.join(episodesDir, entry.folder, source.src)).size;
    } catch {
      // A missing media file is the episode's problem (npm run check); the feed still lists it.
    }
  }
  return { url: episodeFileUrl(baseUrl, episode, source.src), type: source.type, length };
}

function feedXml(episodes: readonly CatalogEpisode[], episodesDir: string, baseUrl: string) {
  const items: FeedItem[] = newestFirst(
    episodes.map((entry) => ({
      entry,
      published: entry.episode.published,
      title: entry.episode.title,
    })),
  ).map(({ entry }) => {
    const { episode, tracks } = entry;
    const source = sourceTrack(episode) ?? episode.tracks[0];
    const withChapters =
      tracks.find((track) => track.lang === source?.lang && track.chapters.length > 0) ??
      tracks.find((track) => track.chapters.length > 0);
    return {
      guid: `red-box:${episode.id}`,
      title: episode.title,
      description: episode.summary ?? episode.title,
      link: baseUrl + momentPath(episode, null),
      published: episode.published,
      enclosure: enclosureOf(entry, episodesDir, baseUrl),
      duration: episode.media.duration,
      image: episode.media.poster
        ? episodeFileUrl(baseUrl, episode, episode.media.poster)
        : undefined,
      transcripts: episode.tracks.map((track) => ({
        url: episodeFileUrl(baseUrl, episode, track.transcript),
        lang: track.lang,
      })),
      chapters: withChapters
        ? `${baseUrl}archive/chapters/${encodeURIComponent(episode.id)}/${encodeURIComponent(withChapters.lang)}.json`
        : undefined,
      // Anonymous speakers are never named in the feed (identity security).
      people: episode.speakers
        .filter((speaker) => !speaker.anonymous)
        .map((speaker) => ({
          name: speaker.name,
          img: speaker.portrait ? episodeFileUrl(baseUrl, episode, speaker.portrait) : undefined,
        })),
    };
  });
  return podcastFeedXml({
    title: 'The Red Box',
    description:
      'North Korean refugees living in South Korea answer questions pulled from a red box: a series by LiNK (Liberty in North Korea), with interactive transcripts.',
    link: baseUrl,
    self: `${baseUrl}feed.xml`,
    language: 'en',
    author: 'LiNK (Liberty in North Korea)',
    items,
  });
}

async function sitemapXml(episodes: readonly CatalogEpisode[], baseUrl: string): Promise<string> {
  const items = publicPages(episodes.map(({ episode }) => episode)).map((page) => ({
    url: baseUrl + page.path,
    lastmod: page.published,
    links: page.alternates.map(([lang, alternate]) => ({ lang, url: baseUrl + alternate })),
  }));
  const stream = new SitemapStream();
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString('utf8');
}

/** Every archive file for the catalog; `base` is Vite's base (absolute URLs use the public URL). */
export async function buildArchiveFiles(
  catalog: readonly CatalogEntry[],
  episodesDir: string,
  base: string,
): Promise<ArchiveFiles> {
  const baseUrl = publicBaseUrl(base);
  const episodes = catalogEpisodes(catalog);
  const files: ArchiveFiles = new Map();
  files.set('archive/questions.json', JSON.stringify(buildQuestionsFile(episodes)));
  await searchFiles(
    newestFirst(
      episodes.map((entry) => ({
        ...entry,
        published: entry.episode.published,
        title: entry.episode.title,
      })),
    ),
    files,
  );
  chapterFiles(episodes, baseUrl, files);
  files.set('feed.xml', feedXml(episodes, episodesDir, baseUrl));
  files.set('sitemap.xml', await sitemapXml(episodes, baseUrl));
  return files;
}
