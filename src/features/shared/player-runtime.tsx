/**
 * React's view of the player: the playback store and the media clock, shared by every component
 * of a player (viewer, embed, workspace) through context. Time never goes into React state: the
 * clock tells components when *their* answer changes, and they read it through
 * useSyncExternalStore.
 */
import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { Seconds } from '../../core/cue-model.ts';
import type { TimeIndex, TimeRange } from '../../core/time-index.ts';
import { timeIndexOf } from '../../data/parse-off-thread.ts';
import {
  createMediaClock,
  type ClockFollower,
  type ClockUpdateObserver,
  type MediaClock,
} from '../../player/media-clock.ts';
import {
  createPlaybackStore,
  type PlaybackState,
  type PlaybackStore,
} from '../../player/playback-store.ts';

export interface PlayerRuntime {
  readonly store: PlaybackStore;
  /** Null until a media element is attached (and when the video failed to mount). */
  readonly clock: MediaClock | null;
  /** Connect the media element (VideoStage does); returns the function that disconnects it. */
  attachMedia(media: HTMLMediaElement): () => void;
  /** Seek and, when asked, play. Bad times are ignored. */
  seek(time: Seconds, options?: { play?: boolean }): void;
  /** Listeners told about seeks the page asked for (follow mode resumes on them). */
  onSeekRequest(listener: (time: Seconds) => void): () => void;
}

const PlayerContext = createContext<PlayerRuntime | null>(null);

/**
 * `npm run bench` observes the clock's work per cue change by defining
 * `window.redBoxBenchmark.onClockUpdate` before the page loads; pages never set it.
 */
function benchmarkObserver(): ClockUpdateObserver | undefined {
  const hook = (globalThis as { redBoxBenchmark?: { onClockUpdate?: ClockUpdateObserver } })
    .redBoxBenchmark;
  return hook?.onClockUpdate;
}

/** Create a player runtime for one player on the page. */
export function usePlayerRuntimeValue(): PlayerRuntime {
  const [store] = useState(createPlaybackStore);
  const [clock, setClock] = useState<MediaClock | null>(null);
  const [seekListeners] = useState(() => new Set<(time: Seconds) => void>());
  // The clock as attached, for seek: a click that makes React hydrate a served page at once is
  // answered in the task of the commit that attached the media, before `clock` is rendered.
  const attached = useRef<MediaClock | null>(null);

  const attachMedia = useCallback(
    (media: HTMLMediaElement) => {
      const detach = store.attach(media);
      const created = createMediaClock(media, benchmarkObserver());
      attached.current = created;
      setClock(created);
      return () => {
        detach();
        created.dispose();
        if (attached.current === created) attached.current = null;
        setClock((current) => (current === created ? null : current));
      };
    },
    [store],
  );

  const seek = useCallback(
    (time: Seconds, options?: { play?: boolean }) => {
      if (!Number.isFinite(time)) return;
      seekListeners.forEach((listener) => listener(time));
      store.seek(time);
      // Before its metadata (the page's first seconds: the video only asks for it, on a slow
      // network late) a media element takes the time as where to start and fires no seek
      // events: read it now, so the line and the rest follow the click at once.
      const current = attached.current;
      if (current && current.media.readyState === 0 /* HAVE_NOTHING */) current.refresh();
      if (options?.play) void store.play().catch(() => {});
    },
    [store, seekListeners],
  );

  const onSeekRequest = useCallback(
    (listener: (time: Seconds) => void) => {
      seekListeners.add(listener);
      return () => seekListeners.delete(listener);
    },
    [seekListeners],
  );

  return useMemo(
    () => ({ store, clock, attachMedia, seek, onSeekRequest }),
    [store, clock, attachMedia, seek, onSeekRequest],
  );
}

export function PlayerRuntimeProvider({
  value,
  children,
}: {
  value: PlayerRuntime;
  children: ReactNode;
}) {
  return <PlayerContext.Provider value={value}>{children}</PlayerContext.Provider>;
}

/** A new player's runtime, provided to everything inside (one scope per player on a page). */
export function PlayerScope({ children }: { children: ReactNode }) {
  const runtime = usePlayerRuntimeValue();
  return <PlayerRuntimeProvider value={runtime}>{children}</PlayerRuntimeProvider>;
}

/** The player runtime of the enclosing player. */
export function usePlayerRuntime(): PlayerRuntime {
  const runtime = useContext(PlayerContext);
  if (!runtime) throw new Error('[red-box] usePlayerRuntime outside a PlayerRuntimeProvider');
  return runtime;
}

/** Read one value of the playback state; re-renders only when that value changes. */
export function usePlayback<T>(select: (state: PlaybackState) => T): T {
  const { store } = usePlayerRuntime();
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}

/** A time index over items, rebuilt only when the items change. */
export function useTimeIndex(items: readonly TimeRange[] | undefined): TimeIndex | null {
  return useMemo(() => (items ? timeIndexOf(items) : null), [items]);
}

/** Follow a time index on the player's clock (null while there is no clock or index). */
export function useFollower(index: TimeIndex | null): ClockFollower | null {
  const { clock } = usePlayerRuntime();
  // Creating a follower has no side effects; it joins the clock when subscribed to.
  return useMemo(() => (clock && index ? clock.follow(index) : null), [clock, index]);
}

const noSubscription = () => () => {};

/** The current item's index (−1 in a gap or without a clock). */
export function useCurrentIndex(follower: ClockFollower | null): number {
  return useSyncExternalStore(
    follower?.subscribe ?? noSubscription,
    () => follower?.get().index ?? -1,
    () => -1,
  );
}

/** The current item, or in a gap the last one that was current (−1 before any). */
export function useRecentIndex(follower: ClockFollower | null): number {
  return useSyncExternalStore(
    follower?.subscribe ?? noSubscription,
    () => follower?.get().recentIndex ?? -1,
    () => -1,
  );
}

/** Whether item `index` is current; re-renders only when that item gains or loses it. */
export function useIsCurrentItem(follower: ClockFollower | null, index: number): boolean {
  const subscribe = useCallback(
    (listener: () => void) => follower?.subscribeToItem(index, listener) ?? (() => {}),
    [follower, index],
  );
  return useSyncExternalStore(
    subscribe,
    () => follower?.get().index === index,
    () => false,
  );
}
