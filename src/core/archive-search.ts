/**
 * The archive's search index (Contract 10): built at build time per language and per group of
 * episodes, fetched by the browser only when someone searches, and searched there.
 *
 * A group file holds its episodes (id, title, date, speaker names in their own episode only), the
 * lines (cue id, start, speaker, text) and a FlexSearch index over the lines' terms (see
 * search-terms.ts for how words become terms: the index only ever sees terms, so stemming and
 * Korean particles are ours, the same at build time and in the browser). Results are moments,
 * grouped by episode; the UI marks the query's terms in the moments it shows (matchRanges).
 *
 * Speakers are never indexed: a name is searchable only as text someone said, an anonymous
 * speaker's pseudonym appears only beside their own lines, and nothing is collected across
 * episodes (each group lists each episode's own cast).
 */
import FlexSearch, { type Index } from 'flexsearch';
import type { Cue } from './cue-model.ts';
import type { Episode } from './episode-model.ts';
import { analyzerFor, wordTokens } from './search-terms.ts';

/** Version of the files' shape; the browser refuses other versions with a clear message. */
export const SEARCH_FORMAT_VERSION = 2;

/** An episode as a group file lists it. */
export interface SearchEpisode {
  readonly id: string;
  readonly title: string;
  readonly published: string;
  /** This episode's speakers: [name, anonymous] (a pseudonym when anonymous). */
  readonly speakers: readonly (readonly [name: string, anonymous: boolean])[];
  /** How many of the group's lines are this episode's (lines are in episode order). */
  readonly lines: number;
}

/**
 * One file of the index: a group of episodes in one language. The lines are stored by column
 * (a third smaller gzipped than one array per line); line i is cueIds[i], starts[i], …
 */
export interface SearchGroupFile {
  readonly version: number;
  readonly lang: string;
  readonly episodes: readonly SearchEpisode[];
  readonly cueIds: readonly string[];
  /** Whole seconds (for display; links name the cue). */
  readonly starts: readonly number[];
  /** Index into the episode's speakers, or −1. */
  readonly speakers: readonly number[];
  /** The line's text, line breaks as spaces. */
  readonly texts: readonly string[];
  /** FlexSearch's export: its parts by key. */
  readonly index: Readonly<Record<string, string>>;
}

/** Where the groups of each language are (`archive/search/manifest.json`). */
export interface SearchManifest {
  readonly version: number;
  readonly languages: readonly {
    readonly lang: string;
    readonly label: string;
    readonly episodes: number;
    readonly lines: number;
    /** File names relative to the manifest, content-hashed (cache them for ever). */
    readonly groups: readonly string[];
  }[];
}

/** The episodes and transcripts one group is built from. */
export interface SearchSource {
  readonly episode: Episode;
  /** The transcript in the group's language. */
  readonly cues: readonly Cue[];
}

type LineIndex = Index;

/**
 * A FlexSearch index of terms: lines are given to it as their terms joined by spaces, so it
 * splits on spaces and nothing else. Korean indexes every beginning of a term ('forward'), which
 * is how a query term finds the words it begins (북한 → 북한에서).
 */
function newLineIndex(lang: string): LineIndex {
  return new FlexSearch.Index({
    tokenize: analyzerFor(lang).prefix ? 'forward' : 'strict',
    encode: (text: string) => text.split(' ').filter(Boolean),
    // Lines are short: a coarse relevance scale keeps the index small.
    resolution: 3,
  });
}

/** A line's terms, as the index is given them. */
function lineTerms(text: string, lang: string): string {
  const analyzer = analyzerFor(lang);
  return wordTokens(text)
    .map((token) => analyzer.indexTerm(token.word))
    .join(' ');
}

/** One line's text as shown: line breaks as spaces. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** Build the index of one group of episodes in one language. */
export async function buildSearchGroup(
  lang: string,
  sources: readonly SearchSource[],
): Promise<SearchGroupFile> {
  const episodes: SearchEpisode[] = [];
  const cueIds: string[] = [];
  const starts: number[] = [];
  const speakers: number[] = [];
  const texts: string[] = [];
  for (const { episode, cues } of sources) {
    const speakerIndex = new Map(episode.speakers.map((speaker, i) => [speaker.id, i]));
    const before = texts.length;
    for (const cue of cues) {
      const text = oneLine(cue.text);
      if (text === '') continue;
      cueIds.push(cue.id);
      starts.push(Math.floor(cue.startTime));
      speakers.push(cue.speakerId ? (speakerIndex.get(cue.speakerId) ?? -1) : -1);
      texts.push(text);
    }
    episodes.push({
      id: episode.id,
      title: episode.title,
      published: episode.published,
      speakers: episode.speakers.map((speaker) => [speaker.name, speaker.anonymous === true]),
      lines: texts.length - before,
    });
  }
  const index = newLineIndex(lang);
  texts.forEach((text, id) => index.add(id, lineTerms(text, lang)));
  const exported: Record<string, string> = {};
  await index.export((key: string, data: string) => {
    exported[key] = data;
  });
  return {
    version: SEARCH_FORMAT_VERSION,
    lang,
    episodes,
    cueIds,
    starts,
    speakers,
    texts,
    index: exported,
  };
}

/** A group file made ready to search. */
export interface LoadedSearchGroup {
  readonly file: SearchGroupFile;
  /** The episode (index into file.episodes) of each line. */
  readonly episodeOfLine: Uint16Array;
  readonly index: LineIndex;
}

/** Load a fetched group file; rejects with a clear message when it is not one. */
export async function loadSearchGroup(
  file: SearchGroupFile,
  source: string,
): Promise<LoadedSearchGroup> {
  if (
    file?.version !== SEARCH_FORMAT_VERSION ||
    !Array.isArray(file.texts) ||
    !Array.isArray(file.episodes)
  ) {
    throw new Error(
      `${source} is not a search index this page can read: rebuild the site (npm run build).`,
    );
  }
  const episodeOfLine = new Uint16Array(file.texts.length);
  let line = 0;
  file.episodes.forEach((episode, i) => {
    episodeOfLine.fill(i, line, line + episode.lines);
    line += episode.lines;
  });
  const index = newLineIndex(file.lang);
  for (const [key, data] of Object.entries(file.index)) index.import(key, data);
  return { file, episodeOfLine, index };
}

/** A moment that matches. */
export interface SearchMoment {
  readonly cueId: string;
  /** Whole seconds. */
  readonly startTime: number;
  readonly speaker: string | null;
  readonly speakerAnonymous: boolean;
  readonly text: string;
}

/**
 * An episode's matching lines, in time order. Moments are made only for the lines a page shows
 * (momentAt): a common word matches thousands of lines.
 */
export interface SearchEpisodeResult {
  readonly episode: SearchEpisode;
  readonly file: SearchGroupFile;
  /** Line ids in `file`, in time order. */
  readonly lines: readonly number[];
}

export interface SearchResults {
  /** The query's terms (mark them with matchRanges). */
  readonly terms: readonly string[];
  /** Episodes with the most moments first, then the newest. */
  readonly episodes: readonly SearchEpisodeResult[];
  /** Moments in all episodes. */
  readonly total: number;
}

/** Lines of a group holding every term (any of them with `any`), as line ids. */
function searchGroup(group: LoadedSearchGroup, terms: readonly string[], any: boolean): number[] {
  return group.index.search(terms.join(' '), {
    limit: group.file.texts.length,
    suggest: any,
  }) as number[];
}

/**
 * Search loaded groups: every line holding all the query's words (any of them when no line holds
 * all), as moments grouped by episode, the episodes with most moments first (then the newest).
 */
export function searchArchive(
  groups: readonly LoadedSearchGroup[],
  query: string,
  lang: string,
): SearchResults {
  const terms = analyzerFor(lang).queryTerms(query);
  if (terms.length === 0) return { terms, episodes: [], total: 0 };
  let hits = groups.map((group) => ({ group, lines: searchGroup(group, terms, false) }));
  if (terms.length > 1 && hits.every((hit) => hit.lines.length === 0)) {
    hits = groups.map((group) => ({ group, lines: searchGroup(group, terms, true) }));
  }
  const episodes: SearchEpisodeResult[] = [];
  let total = 0;
  for (const { group, lines } of hits) {
    const byEpisode = new Map<number, number[]>();
    for (const line of lines) {
      const episode = group.episodeOfLine[line];
      if (episode === undefined) continue;
      const list = byEpisode.get(episode);
      if (list) list.push(line);
      else byEpisode.set(episode, [line]);
    }
    for (const [index, episodeLines] of byEpisode) {
      const episode = group.file.episodes[index]!;
      total += episodeLines.length;
      episodes.push({ episode, file: group.file, lines: episodeLines.sort((a, b) => a - b) });
    }
  }
  // Plain code-unit order: dates are ISO (YYYY-MM-DD) and ids ASCII, and a common word ranks
  // every episode, where ICU's localeCompare costs a measurable part of a keystroke.
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  episodes.sort(
    (a, b) =>
      b.lines.length - a.lines.length ||
      byText(b.episode.published, a.episode.published) ||
      byText(a.episode.id, b.episode.id),
  );
  return { terms, episodes, total };
}

/** The moment of a result's `i`-th line. */
export function momentAt(result: SearchEpisodeResult, i: number): SearchMoment {
  const { file, episode } = result;
  const line = result.lines[i] ?? -1;
  const speaker = episode.speakers[file.speakers[line] ?? -1];
  return {
    cueId: file.cueIds[line] ?? '',
    startTime: file.starts[line] ?? 0,
    speaker: speaker ? speaker[0] : null,
    speakerAnonymous: speaker ? speaker[1] : false,
    text: file.texts[line] ?? '',
  };
}
