/** Choose a transcript language (captions follow), or a second language to show beside it. */
import { useId } from 'react';
import type { Track } from '../../core/episode-model.ts';
import { sameLanguage } from '../../core/language.ts';
import { useHydrated } from './hydration.ts';

const NONE = '';

export function LanguageMenu({
  label,
  tracks,
  current,
  onChoose,
  noneLabel,
}: {
  label: string;
  tracks: readonly Pick<Track, 'lang' | 'label'>[];
  current: string | null;
  onChoose: (lang: string | null) => void;
  /** When given, the menu offers "none" (for the side-by-side language). */
  noneLabel?: string;
}) {
  const id = useId();
  // A served page's menu chooses once the page is hydrated.
  const hydrated = useHydrated();
  const value = current
    ? (tracks.find((track) => sameLanguage(track.lang, current))?.lang ?? current)
    : NONE;
  return (
    <div className="language-menu">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        disabled={!hydrated}
        onChange={(event) => onChoose(event.target.value === NONE ? null : event.target.value)}
      >
        {noneLabel !== undefined && <option value={NONE}>{noneLabel}</option>}
        {tracks.map((track) => (
          <option key={track.lang} value={track.lang} lang={track.lang}>
            {track.label}
          </option>
        ))}
      </select>
    </div>
  );
}
