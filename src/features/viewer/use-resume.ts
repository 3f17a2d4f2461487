/**
 * Resume: the position in each episode is remembered in this browser (never sent anywhere), and
 * reopening the episode offers to continue there.
 */
import { useEffect } from 'react';
import type { Seconds } from '../../core/cue-model.ts';
import { readPreference, writePreference } from '../shared/local-preference.ts';
import { useBrowserState } from '../shared/hydration.ts';

const SAVE_EVERY_MS = 5000;
/** Positions this close to either end are not worth offering. */
const MARGIN_S = 5;

const keyOf = (episodeId: string): string => `red-box:resume:${episodeId}`;

/** The remembered position of an episode, or null. */
export function rememberedPosition(episodeId: string): Seconds | null {
  const stored = Number(readPreference(keyOf(episodeId)));
  return Number.isFinite(stored) && stored > MARGIN_S ? stored : null;
}

/** Keep remembering the media's position for this episode. */
export function useRememberPosition(media: HTMLMediaElement | null, episodeId: string): void {
  useEffect(() => {
    if (!media) return;
    let lastSaved = 0;
    const save = (force: boolean): void => {
      const now = Date.now();
      if (!force && now - lastSaved < SAVE_EVERY_MS) return;
      lastSaved = now;
      const time = media.currentTime;
      const duration = media.duration;
      const nearEnd = Number.isFinite(duration) && time > duration - MARGIN_S;
      writePreference(keyOf(episodeId), nearEnd || time <= MARGIN_S ? null : time.toFixed(1));
    };
    const onTime = (): void => save(false);
    const onStop = (): void => save(true);
    const onEnded = (): void => writePreference(keyOf(episodeId), null);
    media.addEventListener('timeupdate', onTime);
    media.addEventListener('pause', onStop);
    media.addEventListener('seeked', onStop);
    media.addEventListener('ended', onEnded);
    window.addEventListener('pagehide', onStop);
    return () => {
      media.removeEventListener('timeupdate', onTime);
      media.removeEventListener('pause', onStop);
      media.removeEventListener('seeked', onStop);
      media.removeEventListener('ended', onEnded);
      window.removeEventListener('pagehide', onStop);
    };
  }, [media, episodeId]);
}

/** The offer made when the page opened (unless the URL asked for a moment), until answered. */
export function useResumeOffer(episodeId: string, urlAsksForMoment: boolean) {
  // Offered once the page is the browser's: a served page is rendered without it.
  const [offer, setOffer] = useBrowserState<Seconds | null>(
    () => null,
    () => (urlAsksForMoment ? null : rememberedPosition(episodeId)),
  );
  return { offer, dismiss: () => setOffer(null) };
}
