/**
 * One transcript line. It subscribes to its own "am I current" and "am I the tab stop", so a cue
 * change re-renders the two lines involved, not the list.
 */
import { memo, useCallback, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { Speaker } from '../../core/episode-model.ts';
import { directionOf } from '../../core/language.ts';
import { formatClock } from '../../core/time-format.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { CueText } from '../shared/cue-text.tsx';
import type { IndexStore } from '../shared/item-store.ts';
import { useIsCurrentItem } from '../shared/player-runtime.tsx';
import { SpeakerPortrait } from '../shared/speaker-portrait.tsx';

export interface TranscriptLineProps {
  readonly episodeId: string;
  readonly cue: ParsedCue;
  readonly index: number;
  readonly lang: string;
  /** The speaker, shown with portrait and name when this line starts a turn. */
  readonly speaker: Speaker | undefined;
  readonly startsTurn: boolean;
  readonly follower: ClockFollower | null;
  readonly tabStop: IndexStore;
  readonly onActivate: (index: number) => void;
  readonly onKeyNavigate: (index: number, event: KeyboardEvent<HTMLElement>) => void;
}

function useIsTabStop(store: IndexStore, index: number): boolean {
  const subscribe = useCallback(
    (listener: () => void) => store.subscribeToItem(index, listener),
    [store, index],
  );
  return useSyncExternalStore(subscribe, () => store.get() === index);
}

export const TranscriptLine = memo(function TranscriptLine({
  episodeId,
  cue,
  index,
  lang,
  speaker,
  startsTurn,
  follower,
  tabStop,
  onActivate,
  onKeyNavigate,
}: TranscriptLineProps) {
  const current = useIsCurrentItem(follower, index);
  const isTabStop = useIsTabStop(tabStop, index);
  const speakerName = speaker?.name ?? '';

  return (
    <div
      className={startsTurn ? 'transcript-row transcript-row--turn' : 'transcript-row'}
      data-index={index}
    >
      {startsTurn && (
        <div className="turn-head" aria-hidden="true">
          <SpeakerPortrait episodeId={episodeId} speaker={speaker} size={32} />
          <span className="turn-head__name">{speakerName}</span>
        </div>
      )}
      <div
        role="button"
        tabIndex={isTabStop ? 0 : -1}
        className={current ? 'line line--current' : 'line'}
        data-cue-id={cue.id}
        aria-current={current ? 'true' : undefined}
        lang={lang}
        dir={directionOf(lang)}
        onClick={() => onActivate(index)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' || event.key === ' ') {
            event.preventDefault();
            onActivate(index);
          } else onKeyNavigate(index, event);
        }}
      >
        <span className="line__time" dir="ltr">
          {formatClock(cue.startTime)}
        </span>{' '}
        {startsTurn && speakerName && <span className="visually-hidden">{speakerName}: </span>}
        <span className="line__text">
          <CueText segments={cue.segments} />
        </span>
      </div>
    </div>
  );
});
