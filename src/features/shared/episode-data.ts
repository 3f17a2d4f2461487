/**
 * Hooks that turn fetched episode files into what the pages show: the chosen track, its cues,
 * its questions. Fetched data is never copied into state; everything here is derived.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { toChapters } from '../../core/chapters.ts';
import type { Chapter } from '../../core/cue-model.ts';
import { findTrack, sourceTrack, type Episode, type Track } from '../../core/episode-model.ts';
import { turnStarts } from '../../core/transcript.ts';
import type { ParsedCue, ParseResult } from '../../core/vtt-parse.ts';
import { castOf, cueFileQueryOptions, episodeQueryOptions } from '../../data/episode-queries.ts';

export function useEpisode(id: string) {
  return useQuery(episodeQueryOptions(id));
}

/** The track to show for a requested language, and whether it had to fall back (Contract 2). */
export interface ResolvedTrack {
  readonly track: Track;
  /** The requested language when it does not exist (the page shows a notice). */
  readonly unknownLanguage: string | null;
}

/** Pick the track for `requested`; unknown or missing languages fall back to the source. */
export function resolveTrack(episode: Episode, requested: string | null): ResolvedTrack {
  const wanted = requested ? findTrack(episode, requested) : undefined;
  const fallback = sourceTrack(episode) ?? episode.tracks[0]!;
  return {
    track: wanted ?? fallback,
    unknownLanguage: requested && !wanted ? requested : null,
  };
}

/** A transcript ready to show: cues in file order plus per-cue rendering facts. */
export interface TranscriptView {
  readonly lang: string;
  readonly cues: readonly ParsedCue[];
  /** turnStarts[i]: cue i begins a speaker turn (its row shows portrait and name). */
  readonly turnStarts: readonly boolean[];
  readonly result: ParseResult;
}

function toTranscriptView(lang: string, result: ParseResult): TranscriptView {
  const cues = result.document.cues;
  return { lang, cues, turnStarts: turnStarts(cues), result };
}

/** The transcript of one track. */
export function useTranscript(episode: Episode | undefined, track: Track | undefined) {
  const query = useQuery({
    ...cueFileQueryOptions(
      episode?.id ?? '',
      track?.transcript ?? '',
      'transcript',
      episode ? castOf(episode) : [],
    ),
    enabled: Boolean(episode && track),
  });
  const view = useMemo(
    () => (query.data && track ? toTranscriptView(track.lang, query.data) : undefined),
    [query.data, track],
  );
  return { ...query, view };
}

const dataOf = (results: { data?: ParseResult }[]) => results.map((result) => result.data);

/**
 * The parsed transcripts of the languages in `wanted`, in track order (undefined for the others,
 * and while loading or failed). Files are fetched only when wanted: a caption language nobody
 * picked costs nothing.
 */
export function useTranscriptsOf(
  episode: Episode | undefined,
  wanted: ReadonlySet<string>,
): (ParseResult | undefined)[] {
  return useQueries({
    queries: (episode?.tracks ?? []).map((track) => ({
      ...cueFileQueryOptions(episode!.id, track.transcript, 'transcript', castOf(episode!)),
      enabled: wanted.has(track.lang.toLowerCase()),
    })),
    // A stable combine function: the result keeps its identity until some data changes.
    combine: dataOf,
  });
}

/** The questions (chapters) of one track, or of the source track when this one has none. */
export function useChapters(episode: Episode | undefined, track: Track | undefined) {
  const chaptersTrack = track?.chapters || !episode ? track : (sourceTrack(episode) ?? undefined);
  const file = chaptersTrack?.chapters;
  const query = useQuery({
    ...cueFileQueryOptions(episode?.id ?? '', file ?? '', 'chapters', []),
    enabled: Boolean(episode && file),
  });
  const chapters = useMemo<readonly Chapter[] | undefined>(
    () => (query.data ? toChapters(query.data.document) : undefined),
    [query.data],
  );
  return { ...query, chapters: file ? chapters : [], lang: chaptersTrack?.lang ?? track?.lang };
}
