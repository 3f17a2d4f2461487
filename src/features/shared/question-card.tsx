/**
 * The question now being answered, shown as the red card of The Red Box. Always present
 * (Contract 3), empty before the first question is asked.
 */
import type { Chapter } from '../../core/cue-model.ts';
import { directionOf } from '../../core/language.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { useI18n } from './i18n.tsx';
import { useCurrentIndex } from './player-runtime.tsx';

export function QuestionCard({
  chapters,
  follower,
  lang,
}: {
  chapters: readonly Chapter[];
  follower: ClockFollower | null;
  lang: string;
}) {
  const { t } = useI18n();
  // Subscribed here, so a new question re-renders the card and nothing else.
  const index = useCurrentIndex(follower);
  const chapter = index >= 0 ? (chapters[index] ?? null) : null;
  return (
    <section
      className={chapter ? 'question-card' : 'question-card question-card--empty'}
      aria-label="Current question"
    >
      <p className="question-card__kicker" aria-hidden="true">
        {t.questionHeading}
      </p>
      {chapter ? (
        <p
          className="question-card__text"
          lang={lang}
          dir={directionOf(lang)}
          data-chapter-id={chapter.id}
        >
          {chapter.question}
        </p>
      ) : (
        <p className="question-card__placeholder" aria-hidden="true">
          {t.noQuestionYet}
        </p>
      )}
    </section>
  );
}
