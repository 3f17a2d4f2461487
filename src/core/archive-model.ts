/**
 * The archive's data (Contract 10), from the episodes as loaded: every question with the cue it
 * is asked at, the Podcasting 2.0 JSON chapters of an episode, and the list of public pages.
 * Built at build time (and on request by the dev server); the pages read it as JSON.
 */
import type { Chapter, Cue } from './cue-model.ts';
import type { Episode } from './episode-model.ts';

/** One episode's parsed files in one language. */
export interface ArchiveTrack {
  readonly lang: string;
  readonly label: string;
  readonly cues: readonly Cue[];
  readonly chapters: readonly Chapter[];
}

/** An episode with what the archive needs of its tracks. */
export interface ArchiveEpisode {
  readonly episode: Episode;
  readonly tracks: readonly ArchiveTrack[];
}

/** A question as the questions page lists it. */
export interface ArchiveQuestion {
  /** The chapter id (the same in every language). */
  readonly id: string;
  readonly text: string;
  /** The first transcript cue of the chapter: where `/watch/<id>?cue=` lands. */
  readonly cueId: string | null;
  /** Seconds. */
  readonly startTime: number;
}

/** `archive/questions.json`: every episode, newest first, with its questions per language. */
export interface QuestionsFile {
  readonly version: 1;
  /** Every language any episode has, in first-seen order. */
  readonly languages: readonly { readonly lang: string; readonly label: string }[];
  readonly episodes: readonly {
    readonly id: string;
    readonly title: string;
    readonly published: string;
    readonly sourceLanguage: string;
    /** Questions by language tag (as written in episode.json). */
    readonly questions: Readonly<Record<string, readonly ArchiveQuestion[]>>;
  }[];
}

/** Newest first, then by title: the order of every archive list. */
export function newestFirst<T extends { readonly published: string; readonly title: string }>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title),
  );
}

/**
 * The first cue of a chapter: the first cue starting inside it ([start, end)), else the cue
 * playing when it starts, else none.
 */
export function firstCueOfChapter(cues: readonly Cue[], chapter: Chapter): Cue | null {
  // A cue starting a few milliseconds early still opens the chapter (timings are rounded to ms).
  const early = 0.0015;
  const inside = cues.find(
    (cue) => cue.startTime >= chapter.startTime - early && cue.startTime < chapter.endTime,
  );
  if (inside) return inside;
  return (
    cues.find((cue) => cue.startTime <= chapter.startTime && chapter.startTime < cue.endTime) ??
    null
  );
}

function sourceCues(entry: ArchiveEpisode): readonly Cue[] {
  const source = entry.episode.sourceLanguage.toLowerCase();
  return entry.tracks.find((track) => track.lang.toLowerCase() === source)?.cues ?? [];
}

/** The questions file of the archive. */
export function buildQuestionsFile(entries: readonly ArchiveEpisode[]): QuestionsFile {
  const languages = new Map<string, string>();
  const episodes = newestFirst(
    entries.map((entry) => ({
      entry,
      published: entry.episode.published,
      title: entry.episode.title,
    })),
  ).map(({ entry }) => {
    const questions: Record<string, ArchiveQuestion[]> = {};
    for (const track of entry.tracks) {
      if (!languages.has(track.lang)) languages.set(track.lang, track.label);
      if (track.chapters.length === 0) continue;
      // Cue ids align languages; timings come from the track itself, else from the source.
      const cues = track.cues.length > 0 ? track.cues : sourceCues(entry);
      questions[track.lang] = track.chapters.map((chapter) => ({
        id: chapter.id,
        text: chapter.question,
        cueId: firstCueOfChapter(cues, chapter)?.id ?? null,
        startTime: Math.round(chapter.startTime * 1000) / 1000,
      }));
    }
    const { episode } = entry;
    return {
      id: episode.id,
      title: episode.title,
      published: episode.published,
      sourceLanguage: episode.sourceLanguage,
      questions,
    };
  });
  return {
    version: 1,
    languages: [...languages].map(([lang, label]) => ({ lang, label })),
    episodes,
  };
}

/** The questions of an episode in `lang`, else in its source language (with the language used). */
export function questionsIn(
  episode: QuestionsFile['episodes'][number],
  lang: string,
): { lang: string; questions: readonly ArchiveQuestion[] } {
  const wanted = lang.toLowerCase();
  const found = Object.keys(episode.questions).find((tag) => tag.toLowerCase() === wanted);
  if (found) return { lang: found, questions: episode.questions[found]! };
  const source =
    Object.keys(episode.questions).find(
      (tag) => tag.toLowerCase() === episode.sourceLanguage.toLowerCase(),
    ) ?? Object.keys(episode.questions)[0];
  return source
    ? { lang: source, questions: episode.questions[source]! }
    : { lang: episode.sourceLanguage, questions: [] };
}

/** A Podcasting 2.0 JSON chapters file (version 1.2.0). */
export interface PodcastChapters {
  readonly version: '1.2.0';
  readonly chapters: readonly { startTime: number; endTime: number; title: string; url: string }[];
}

/**
 * An episode's chapters as a Podcasting 2.0 JSON chapters file: each question with its times
 * (seconds) and a link to its moment in the player.
 */
export function podcastChapters(
  chapters: readonly Chapter[],
  momentUrl: (chapter: Chapter) => string,
): PodcastChapters {
  const ms = (seconds: number): number => Math.round(seconds * 1000) / 1000;
  return {
    version: '1.2.0',
    chapters: chapters.map((chapter) => ({
      startTime: ms(chapter.startTime),
      endTime: ms(chapter.endTime),
      title: chapter.question,
      url: momentUrl(chapter),
    })),
  };
}

/** A public page for the sitemap: its path inside the app, and its other languages. */
export interface PublicPage {
  /** No leading slash; '' is the start page. */
  readonly path: string;
  readonly published?: string;
  /** Other languages of the page: [lang, path]. */
  readonly alternates: readonly (readonly [lang: string, path: string])[];
}

/**
 * Every public page: the episode list, the questions, search, the partner guide and each
 * episode's page (with its languages). Embed pages are left out: their canonical page is the
 * episode's; translators' workspaces are not public.
 */
export function publicPages(
  episodes: readonly Pick<Episode, 'id' | 'published' | 'tracks'>[],
): PublicPage[] {
  const pages: PublicPage[] = ['', 'questions', 'search', 'embedding.html'].map((path) => ({
    path,
    alternates: [],
  }));
  for (const episode of newestFirst(episodes.map((e) => ({ ...e, title: e.id })))) {
    const path = `watch/${encodeURIComponent(episode.id)}`;
    pages.push({
      path,
      published: episode.published,
      alternates:
        episode.tracks.length > 1
          ? episode.tracks.map(
              (track) => [track.lang, `${path}?lang=${encodeURIComponent(track.lang)}`] as const,
            )
          : [],
    });
  }
  return pages;
}
