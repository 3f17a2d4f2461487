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
  reserveTallest = false,
}: {
  chapters: readonly Chapter[];
  follower: ClockFollower | null;
  lang: string;
  /**
   * Keep the card as tall as its tallest question from the start, so what is below it never
   * moves when playback enters a question or passes to a longer one (on a phone the transcript
   * sits under the card: a two-line question pushed it down 75 px). The embed's card has a
   * fixed row of its own instead.
   */
  reserveTallest?: boolean;
}) {
  const { t } = useI18n();
  // Subscribed here, so a new question re-renders the card and nothing else.
  const index = useCurrentIndex(follower);
  const chapter = index >= 0 ? (chapters[index] ?? null) : null;
  const card = (
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
  if (!reserveTallest) return card;
  // The card and, in the same grid cell, an invisible copy holding every question stacked, which
  // gives the cell its height. The copy is outside the card, so the card's text (what readers,
  // screen readers and pages reading "Current question" get) is the current question alone.
  return (
    <div className="question-slot">
      {card}
      <div className="question-slot__sizer" aria-hidden="true">
        <p className="question-slot__kicker">{t.questionHeading}</p>
        <div className="question-slot__stack">
          <p className="question-slot__placeholder">{t.noQuestionYet}</p>
          {chapters.map((each) => (
            <p key={each.id} className="question-slot__text" lang={lang} dir={directionOf(lang)}>
              {each.question}
            </p>
          ))}
        </div>
      </div>
    </div>
  );
}
