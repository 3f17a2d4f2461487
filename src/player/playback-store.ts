/**
 * The playback store: what the media element says about itself, for React to read through
 * `useSyncExternalStore` selectors (media-chrome's model).
 *
 * The media element owns the state; nothing here is optimistic. A request (play, seek) is sent to
 * the element and the store changes when the element's own event says it happened. `currentTime`
 * here is coarse (events only) — the media clock is what follows the cues precisely.
 */
import type { Seconds } from '../core/cue-model.ts';

export interface PlaybackState {
  readonly attached: boolean;
  readonly paused: boolean;
  readonly ended: boolean;
  readonly seeking: boolean;
  readonly waiting: boolean;
  /** Seconds; NaN until the metadata is known. */
  readonly duration: Seconds;
  /** Coarse: updated on timeupdate, seeked and pause. */
  readonly currentTime: Seconds;
  readonly playbackRate: number;
  readonly muted: boolean;
  /** The media error, worded for people, or null. */
  readonly error: string | null;
}

export interface PlaybackStore {
  getState(): PlaybackState;
  subscribe(listener: () => void): () => void;
  /** Connect to a media element (or null to let go). Returns a function that detaches. */
  attach(media: HTMLMediaElement | null): () => void;
  getMedia(): HTMLMediaElement | null;
  play(): Promise<void>;
  pause(): void;
  /** Ask the media to seek; the store updates when the element reports it. Bad values are ignored. */
  seek(time: Seconds): void;
  setPlaybackRate(rate: number): void;
}

const INITIAL: PlaybackState = {
  attached: false,
  paused: true,
  ended: false,
  seeking: false,
  waiting: false,
  duration: NaN,
  currentTime: 0,
  playbackRate: 1,
  muted: false,
  error: null,
};

const MEDIA_ERRORS: Record<number, string> = {
  1: 'Loading the video was stopped.',
  2: 'The video could not be loaded: the network failed.',
  3: 'The video could not be decoded.',
  4: 'The video could not be loaded: the file is missing or in a format this browser cannot play.',
};

/** Describe a MediaError for people. */
export function describeMediaError(error: MediaError | null): string | null {
  if (!error) return null;
  return MEDIA_ERRORS[error.code] ?? 'The video could not be played.';
}

export function createPlaybackStore(): PlaybackStore {
  let state = INITIAL;
  let media: HTMLMediaElement | null = null;
  const listeners = new Set<() => void>();

  function set(patch: Partial<PlaybackState>): void {
    let changed = false;
    for (const key of Object.keys(patch) as (keyof PlaybackState)[]) {
      if (!Object.is(state[key], patch[key])) changed = true;
    }
    if (!changed) return;
    state = { ...state, ...patch };
    listeners.forEach((listener) => listener());
  }

  function read(element: HTMLMediaElement): Partial<PlaybackState> {
    return {
      attached: true,
      paused: element.paused,
      ended: element.ended,
      seeking: element.seeking,
      duration: element.duration,
      currentTime: element.currentTime,
      playbackRate: element.playbackRate,
      muted: element.muted,
      error: describeMediaError(element.error),
    };
  }

  return {
    getState: () => state,
    getMedia: () => media,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attach(element) {
      media = element;
      if (!element) {
        set(INITIAL);
        return () => {};
      }
      const sync = (): void => set({ ...read(element), waiting: false });
      const onWaiting = (): void => set({ ...read(element), waiting: true });
      const events = [
        'play',
        'pause',
        'playing',
        'ended',
        'seeking',
        'seeked',
        'timeupdate',
        'durationchange',
        'loadedmetadata',
        'ratechange',
        'volumechange',
        'error',
        'emptied',
        'canplay',
      ];
      for (const type of events) element.addEventListener(type, sync);
      element.addEventListener('waiting', onWaiting);
      sync();
      return () => {
        for (const type of events) element.removeEventListener(type, sync);
        element.removeEventListener('waiting', onWaiting);
        if (media === element) {
          media = null;
          set(INITIAL);
        }
      };
    },
    async play() {
      if (!media) return;
      // jsdom and old browsers return undefined instead of a promise.
      await media.play();
    },
    pause() {
      media?.pause();
    },
    seek(time) {
      if (!media || !Number.isFinite(time)) return;
      const duration = media.duration;
      const target = Math.max(0, Number.isFinite(duration) ? Math.min(time, duration) : time);
      media.currentTime = target;
    },
    setPlaybackRate(rate) {
      if (!media || !Number.isFinite(rate) || rate <= 0) return;
      media.playbackRate = rate;
    },
  };
}
