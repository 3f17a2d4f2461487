/**
 * An opt-in, polite live region for screen-reader users: who is speaking and which question is
 * being answered, announced when they change. Off by default (it would talk over the video).
 */
import type { Chapter } from '../../core/cue-model.ts';
import type { Episode } from '../../core/episode-model.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { useI18n } from '../shared/i18n.tsx';
import { useCurrentIndex } from '../shared/player-runtime.tsx';
import { useCurrentSpeakerId } from '../shared/speakers-strip.tsx';
import {
  announcementsOn,
  rememberAnnouncements,
  SERVED_ANNOUNCE_ID,
} from './announce-preference.ts';
import { useBrowserState, useHydrated } from '../shared/hydration.ts';

export function Announcer({
  episode,
  cues,
  cueFollower,
  chapters,
  chapterFollower,
}: {
  episode: Episode;
  cues: readonly ParsedCue[];
  cueFollower: ClockFollower | null;
  chapters: readonly Chapter[];
  chapterFollower: ClockFollower | null;
}) {
  const { t } = useI18n();
  const speakingId = useCurrentSpeakerId(cueFollower, cues);
  const speakerName = episode.speakers.find((speaker) => speaker.id === speakingId)?.name ?? null;
  const chapterIndex = useCurrentIndex(chapterFollower);
  const question = chapterIndex >= 0 ? (chapters[chapterIndex]?.question ?? null) : null;
  const [enabled, setEnabled] = useBrowserState(() => false, announcementsOn);
  const hydrated = useHydrated();
  return (
    <div className="announcer">
      <input
        // One per page: the served page's first script checks it as the reader chose.
        id={SERVED_ANNOUNCE_ID}
        type="checkbox"
        checked={enabled}
        disabled={!hydrated}
        onChange={(event) => {
          setEnabled(event.target.checked);
          rememberAnnouncements(event.target.checked);
        }}
      />
      <label htmlFor={SERVED_ANNOUNCE_ID}>{t.announceLabel}</label>
      {/* The regions are always present so that enabling them later still announces. */}
      <div
        className="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        data-announce="speaker"
      >
        {enabled && speakerName ? t.announceSpeaker(speakerName) : ''}
      </div>
      <div
        className="visually-hidden"
        aria-live="polite"
        aria-atomic="true"
        data-announce="question"
      >
        {enabled && question ? t.announceQuestion(question) : ''}
      </div>
    </div>
  );
}
