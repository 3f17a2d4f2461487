/**
 * episode.json for an imported episode (Contract 1): the required fields, the media the import
 * made, the speakers from the transcript and a track per language, plus what the import can say
 * for sure (series and publisher credit). Also the defaults used when optional inputs are missing.
 */
import type { Episode, MediaSource, Speaker, Track } from '../episode-model.ts';

/** The language's own name for itself, capitalised ("English", "한국어", "Português (Brasil)"). */
export function languageLabel(lang: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang);
  } catch {
    name = undefined;
  }
  if (!name || name.toLowerCase() === lang.toLowerCase()) return lang;
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** A title from a file name: "the-red-box_stereotypes.txt" → "The red box stereotypes". */
export function titleFromFileName(fileName: string): string {
  const base = fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.[^.]+$/, '')
    .replace(/[-_.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!base) return 'Untitled episode';
  return base.charAt(0).toUpperCase() + base.slice(1);
}

/** Today as YYYY-MM-DD (UTC). */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** What the import knows about the episode. */
export interface ManifestInput {
  readonly id: string;
  readonly title: string;
  readonly published: string;
  readonly sourceLanguage: string;
  readonly sources: readonly MediaSource[];
  readonly poster: string;
  readonly duration: number;
  readonly frameRate: number;
  readonly speakers: readonly Speaker[];
  /** The languages in track order, the source language first; `chapters` where it has a file. */
  readonly tracks: readonly { readonly lang: string; readonly chapters: boolean }[];
}

/** The transcript file name of a language (Contract 1). */
export const transcriptFileName = (lang: string): string => `transcript.${lang}.vtt`;
/** The chapters file name of a language (Contract 1). */
export const chaptersFileName = (lang: string): string => `chapters.${lang}.vtt`;

/** The episode.json object. */
export function episodeManifest(input: ManifestInput): Episode {
  const tracks: Track[] = input.tracks.map((track) => ({
    lang: track.lang,
    label: languageLabel(track.lang),
    transcript: transcriptFileName(track.lang),
    ...(track.chapters ? { chapters: chaptersFileName(track.lang) } : {}),
  }));
  return {
    id: input.id,
    title: input.title,
    series: 'The Red Box',
    published: input.published,
    sourceLanguage: input.sourceLanguage,
    media: {
      sources: input.sources,
      poster: input.poster,
      duration: Math.round(input.duration * 1000) / 1000,
      frameRate: Math.round(input.frameRate * 1000) / 1000,
    },
    speakers: input.speakers,
    tracks,
    credits: [
      { role: 'Publisher', name: 'LiNK (Liberty in North Korea)' },
      { role: 'Series', name: 'The Red Box' },
    ],
  };
}
