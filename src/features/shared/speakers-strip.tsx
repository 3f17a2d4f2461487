/**
 * The speakers: a portrait per speaker, the one speaking now marked (Contract 3: through a gap
 * the last speaker keeps the mark).
 */
import { useRef, useSyncExternalStore } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { useI18n } from './i18n.tsx';
import { SpeakerPortrait } from './speaker-portrait.tsx';
import { useOverflowing } from './use-overflowing.ts';

const noSubscription = () => () => {};

/** The id of the speaker now speaking (or last to speak), from the cue clock. */
export function useCurrentSpeakerId(
  follower: ClockFollower | null,
  cues: readonly ParsedCue[],
): string | null {
  return useSyncExternalStore(
    follower?.subscribe ?? noSubscription,
    () => {
      const index = follower?.get().recentIndex ?? -1;
      return index >= 0 ? (cues[index]?.speakerId ?? null) : null;
    },
    () => null,
  );
}

/**
 * The strip subscribes to the clock itself: only it re-renders when the speaker changes, not the
 * page around it.
 */
export function SpeakersStrip({
  episode,
  follower,
  cues,
}: {
  episode: Episode;
  follower: ClockFollower | null;
  cues: readonly ParsedCue[];
}) {
  const { t } = useI18n();
  const speakingId = useCurrentSpeakerId(follower, cues);
  // On a phone the strip scrolls sideways when the speakers do not fit: then it takes keyboard
  // focus, so it can be scrolled without a pointer.
  const listRef = useRef<HTMLUListElement>(null);
  const scrolls = useOverflowing(listRef);
  return (
    <div className="speakers">
      <h2 className="section-title">{t.speakersHeading}</h2>
      <ul
        ref={listRef}
        className="speakers__list"
        aria-label="Speakers"
        tabIndex={scrolls ? 0 : undefined}
      >
        {episode.speakers.map((speaker) => {
          const speaking = speaker.id === speakingId;
          return (
            <li
              key={speaker.id}
              className={speaking ? 'speaker speaker--speaking' : 'speaker'}
              data-speaker-id={speaker.id}
              aria-current={speaking ? 'true' : undefined}
            >
              <SpeakerPortrait episodeId={episode.id} speaker={speaker} size={56} />
              <span className="speaker__name">{speaker.name}</span>
              {speaker.anonymous && (
                <span className="speaker__note" title={t.anonymousSpeaker}>
                  <span aria-hidden="true">*</span>
                  <span className="visually-hidden">{t.anonymousSpeaker}</span>
                </span>
              )}
              {speaking && <span className="speaker__badge">{t.speakingNow}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
