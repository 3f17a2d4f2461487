/** The questions as a list of buttons that seek; the current one is marked. */
import type { Chapter } from '../../core/cue-model.ts';
import { directionOf } from '../../core/language.ts';
import { formatClock } from '../../core/time-format.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { useI18n } from '../shared/i18n.tsx';
import { useCurrentIndex } from '../shared/player-runtime.tsx';
import { useHydrated } from '../shared/hydration.ts';

export function ChaptersList({
  chapters,
  follower,
  lang,
  onSeek,
}: {
  chapters: readonly Chapter[];
  follower: ClockFollower | null;
  lang: string;
  onSeek: (time: number) => void;
}) {
  const { t } = useI18n();
  const currentIndex = useCurrentIndex(follower);
  // A served page's buttons seek once the page is hydrated.
  const hydrated = useHydrated();
  return (
    <div className="chapters">
      <h2 className="section-title">{t.chaptersHeading}</h2>
      <ol className="chapters__list" aria-label="Chapters">
        {chapters.map((chapter, index) => (
          <li key={chapter.id || index} className="chapters__item" data-chapter-id={chapter.id}>
            <button
              type="button"
              className={index === currentIndex ? 'chapter chapter--current' : 'chapter'}
              aria-current={index === currentIndex ? 'true' : undefined}
              onClick={() => onSeek(chapter.startTime)}
              disabled={!hydrated}
            >
              <span className="chapter__time" dir="ltr">
                {formatClock(chapter.startTime)}
              </span>
              <span className="chapter__question" lang={lang} dir={directionOf(lang)}>
                {chapter.question}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
