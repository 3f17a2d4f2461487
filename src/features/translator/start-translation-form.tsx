/**
 * "Start a translation": a language tag and its name; the server makes the new language's files
 * from the source (same ids, timings and speakers, empty text) and adds the track, then the
 * workspace for it opens.
 */
import { useQueryClient } from '@tanstack/react-query';
import { memo, useId, useState } from 'react';
import { findTrack, type Episode } from '../../core/episode-model.ts';
import { isWellFormedLanguageTag } from '../../core/language-tag.ts';
import { episodeKeys } from '../../data/episode-queries.ts';
import { startTranslationTrack, type SaveMode } from '../../data/translation-api.ts';
import { useTranslatorText } from './translator-messages.ts';

/** The workspace address for a language (Contract 2). */
export function translateUrl(episodeId: string, lang: string): string {
  return `${import.meta.env.BASE_URL}translate/${encodeURIComponent(episodeId)}/${encodeURIComponent(lang)}`;
}

export const StartTranslationForm = memo(function StartTranslationForm({
  episode,
  mode,
  initialLang = '',
}: {
  episode: Pick<Episode, 'id' | 'tracks'>;
  mode: SaveMode;
  initialLang?: string;
}) {
  const t = useTranslatorText();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [lang, setLang] = useState(initialLang);
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const tag = lang.trim();
  const existing = tag && isWellFormedLanguageTag(tag) ? findTrack(episode, tag) : undefined;
  const tagProblem = tag && !isWellFormedLanguageTag(tag) ? t.badTag(tag) : '';

  const submit = async (): Promise<void> => {
    if (!tag || tagProblem || existing || !label.trim()) return;
    setBusy(true);
    setError('');
    try {
      const started = await startTranslationTrack(episode.id, tag, label.trim());
      await queryClient.invalidateQueries({ queryKey: episodeKeys.all });
      window.location.assign(translateUrl(episode.id, started.track.lang));
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  };

  return (
    <form
      className="t-start"
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2 id={headingId} className="t-panel__title">
        {t.startHeading}
      </h2>
      <p className="t-panel__help">{t.startHelp}</p>
      {mode === 'static' && <p className="notice">{t.startNeedsServer}</p>}
      <div className="t-start__fields">
        <label>
          {t.langLabel}
          <input
            value={lang}
            onChange={(event) => setLang(event.target.value)}
            placeholder={t.langHint}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={tagProblem ? true : undefined}
            required
          />
        </label>
        <label>
          {t.labelLabel}
          <input
            value={label}
            onChange={(event) => setLabel(event.target.value)}
            placeholder={t.labelHint}
            maxLength={80}
            required
          />
        </label>
      </div>
      {tagProblem && <p className="t-start__problem">{tagProblem}</p>}
      {existing && (
        <p className="t-start__problem">
          {t.existingTag(existing.label)}{' '}
          <a href={translateUrl(episode.id, existing.lang)}>{existing.label}</a>
        </p>
      )}
      <button
        type="submit"
        className="button"
        disabled={busy || mode === 'static' || !!tagProblem || !!existing}
      >
        {busy ? t.starting : t.startButton}
      </button>
      {error && (
        <p className="t-alert" role="alert">
          {error}
        </p>
      )}
    </form>
  );
});
