/**
 * Which languages the transcript shows: `?lang=` (Contract 2), else the language the viewer chose
 * last time (when this episode has it), else the source language; and optionally a second
 * language side by side (`?pair=`, or remembered). Choices update the URL and are remembered.
 */
import { useBrowserState } from '../shared/hydration.ts';
import { findTrack, type Episode, type Track } from '../../core/episode-model.ts';
import { sameLanguage } from '../../core/language.ts';
import { resolveTrack } from '../shared/episode-data.ts';
import { readPreference, writePreference } from '../shared/local-preference.ts';

const LANGUAGE_KEY = 'red-box:transcript-language';
const PAIR_KEY = 'red-box:side-by-side-language';

function replaceQuery(name: string, value: string | null): void {
  const url = new URL(window.location.href);
  if (value === null) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  window.history.replaceState(window.history.state, '', url);
}

export interface TranscriptLanguages {
  readonly track: Track;
  readonly unknownLanguage: string | null;
  /** The second language shown beside the first, or null. */
  readonly pairTrack: Track | null;
  chooseLanguage(lang: string): void;
  choosePair(lang: string | null): void;
}

export function useTranscriptLanguages(
  episode: Episode,
  params: URLSearchParams,
): TranscriptLanguages {
  // A served page is rendered in the source language, side by side with nothing.
  const [requested, setRequested] = useBrowserState<string | null>(
    () => null,
    () => {
      const fromUrl = params.get('lang');
      if (fromUrl) return fromUrl;
      const remembered = readPreference(LANGUAGE_KEY);
      return remembered && findTrack(episode, remembered) ? remembered : null;
    },
  );
  const [pairRequested, setPairRequested] = useBrowserState<string | null>(
    () => null,
    () => params.get('pair') ?? readPreference(PAIR_KEY),
  );
  const resolved = resolveTrack(episode, requested);
  const pairCandidate = pairRequested ? (findTrack(episode, pairRequested) ?? null) : null;
  const pairTrack =
    pairCandidate && !sameLanguage(pairCandidate.lang, resolved.track.lang) ? pairCandidate : null;

  return {
    track: resolved.track,
    unknownLanguage: resolved.unknownLanguage,
    pairTrack,
    chooseLanguage(lang) {
      setRequested(lang);
      writePreference(LANGUAGE_KEY, lang);
      replaceQuery('lang', lang);
    },
    choosePair(lang) {
      setPairRequested(lang);
      writePreference(PAIR_KEY, lang);
      replaceQuery('pair', lang);
    },
  };
}
