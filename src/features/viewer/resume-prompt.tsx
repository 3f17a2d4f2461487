/** "Continue where you stopped?" with Continue / Start over. */
import type { Seconds } from '../../core/cue-model.ts';
import { formatClock } from '../../core/time-format.ts';
import { useI18n } from '../shared/i18n.tsx';

export function ResumePrompt({
  time,
  onContinue,
  onStartOver,
}: {
  time: Seconds;
  onContinue: () => void;
  onStartOver: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="resume" role="status">
      <p className="resume__text">{t.resumePrompt(formatClock(time))}</p>
      <button type="button" className="button" onClick={onContinue}>
        {t.resumeContinue}
      </button>
      <button type="button" className="button button--quiet" onClick={onStartOver}>
        {t.resumeStartOver}
      </button>
    </div>
  );
}
