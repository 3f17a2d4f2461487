/** Choose the transcript language (captions follow). */
import { useId } from 'react';
import type { Track } from '../../core/episode-model.ts';
import { sameLanguage } from '../../core/language.ts';
import { useI18n } from '../shared/i18n.tsx';

export function LanguageMenu({
  tracks,
  current,
  onChoose,
}: {
  tracks: readonly Track[];
  current: string;
  onChoose: (lang: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  if (tracks.length < 2) return null;
  const value = tracks.find((track) => sameLanguage(track.lang, current))?.lang ?? current;
  return (
    <div className="language-menu">
      <label htmlFor={id}>{t.languageMenu}</label>
      <select id={id} value={value} onChange={(event) => onChoose(event.target.value)}>
        {tracks.map((track) => (
          <option key={track.lang} value={track.lang} lang={track.lang}>
            {track.label}
          </option>
        ))}
      </select>
    </div>
  );
}
