/**
 * How far the translation has come: rows translated out of all rows, and the share of the spoken
 * running time they cover. Used in the workspace and on the episode list.
 */
import { memo } from 'react';
import type { TranslationProgress } from '../../core/translation-progress.ts';
import { useTranslatorText } from './translator-messages.ts';

export const ProgressMeter = memo(function ProgressMeter({
  progress,
  label,
}: {
  progress: TranslationProgress;
  /** The accessible name of the bar (unique on the page). */
  label: string;
}) {
  const t = useTranslatorText();
  const timePercent = Math.round(progress.timeShare * 100);
  return (
    <div className="t-progress">
      <progress
        className="t-progress__bar"
        aria-label={label}
        max={progress.totalRows || 1}
        value={progress.translatedRows}
      />
      <p className="t-progress__text">
        <span className="t-progress__rows">
          {t.progressRows(progress.translatedRows, progress.totalRows)}
        </span>
        {' · '}
        <span className="t-progress__time">{t.progressTime(timePercent)}</span>
      </p>
    </div>
  );
});
