/**
 * The media clock: tells followers the moment the current cue (or chapter) changes.
 *
 * `timeupdate` fires only every ~250 ms, so players that highlight from it are late by that much.
 * Here a timer is aimed at the next boundary, (boundary − currentTime) / playbackRate, and re-armed
 * on every event that moves or re-times the media; when it fires, the answer is confirmed against
 * `currentTime` (never early: if the media is not there yet, wait out the rest). A per-frame check
 * (`requestVideoFrameCallback`, or `requestAnimationFrame`) is the net for anything a timer missed.
 *
 * This works on a plain HTMLMediaElement: it needs nothing from video.js.
 */
import type { Seconds } from '../core/cue-model.ts';
import type { TimeIndex, TimeLookup } from '../core/time-index.ts';

/** Follows one time index (cues or chapters) on the clock. */
export interface ClockFollower {
  /**
   * The answer now; a stable object until it changes (fit for useSyncExternalStore). A follower
   * costs nothing until something subscribes: creating one has no side effects.
   */
  get(): TimeLookup;
  /** Called whenever `index` or `recentIndex` changes. */
  subscribe(listener: () => void): () => void;
  /** Called only when item `index` becomes current or stops being current. */
  subscribeToItem(index: number, listener: () => void): () => void;
  dispose(): void;
}

/**
 * An optional observer of the clock's work, for benchmarks: called after each update that changed
 * an answer, with the milliseconds spent in the update and the render it caused (measured to the
 * end of the microtasks it queued, where React's synchronous re-render runs).
 */
export type ClockUpdateObserver = (milliseconds: number, reading: ClockReading) => void;

/**
 * The reading of `currentTime` an update acted on and the one before it that showed another
 * value, each with the wall time (performance.now, ms) it was taken: tells a late answer whose
 * media time leapt past the boundary between two close readings from one that nothing read in
 * time. Kept only while observed.
 */
export interface ClockReading {
  /** The media time the update acted on, and when it was first read. */
  readonly media: Seconds;
  readonly wall: number;
  /** The value read before it, and the last time that value was read (null: none yet). */
  readonly previousMedia: Seconds | null;
  readonly previousWall: number | null;
}

export interface MediaClock {
  readonly media: HTMLMediaElement;
  /** A follower of `index`; it joins the clock when first subscribed to, and leaves with the last. */
  follow(index: TimeIndex): ClockFollower;
  /** Re-read the media now (after a programmatic seek, for instance). */
  refresh(): void;
  dispose(): void;
}

/** Below this many milliseconds a timer is not precise enough (4 ms clamp): poll instead. */
const SPIN_THRESHOLD_MS = 6;
/** Polling longer than this means the media stalled: go back to timers. */
const MAX_SPIN_MS = 40;
/**
 * How long one burst of polling may hold the main thread before it lets the browser's other
 * tasks (rendering, input) run: the few milliseconds before a boundary, plus most of a stall of
 * `currentTime` at 2× (see `anchor`). With 6 ms, words at 2× were still late after a task let
 * through mid-stall (A/B at load 1.3–3.7: 38 vs 12 of 264 words over 5 ms late, p95 15.5 vs 4.1).
 */
const BURST_MS = 12;

const EMPTY: TimeLookup = {
  index: -1,
  recentIndex: -1,
  nextBoundary: Infinity,
  spanStart: -Infinity,
};

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'user-blocking' }): Promise<unknown>;
}

/**
 * How the last milliseconds are polled: a task at a time, ahead of ordinary tasks where the
 * browser has prioritized scheduling (`scheduler.postTask`, 'user-blocking': React's and
 * video.js's own tasks wait), else by message (after one task each, with no 4 ms clamp).
 */
function pollPoster(channel: MessageChannel | undefined): ((poll: () => void) => void) | null {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') {
    const postTask = scheduler.postTask.bind(scheduler);
    return (poll) => void postTask(poll, { priority: 'user-blocking' }).catch(() => {});
  }
  if (!channel) return null;
  let next: (() => void) | null = null;
  channel.port1.onmessage = () => {
    const poll = next;
    next = null;
    poll?.();
  };
  return (poll) => {
    next = poll;
    channel.port2.postMessage(0);
  };
}

/** Start a clock on a media element. Dispose it with the element. */
export function createMediaClock(
  media: HTMLMediaElement,
  observe?: ClockUpdateObserver,
): MediaClock {
  const followers = new Set<FollowerState>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frameHandle: number | undefined;
  let frameKind: 'video' | 'animation' | undefined;
  let disposed = false;
  const spinChannel = typeof MessageChannel === 'function' ? new MessageChannel() : undefined;
  const postPoll = pollPoster(spinChannel);
  let spinning = false;
  let spins = 0;

  function now(): Seconds {
    const time = Number.isFinite(media.currentTime) ? media.currentTime : 0;
    noteReading(time);
    if (observe) noteObservedReading(time);
    return time;
  }

  // For the observer only: the latest value read (first and last read), and the one before.
  let latest: { media: Seconds; firstWall: number; lastWall: number } | null = null;
  let previous: { media: Seconds; lastWall: number } | null = null;

  function noteObservedReading(time: Seconds): void {
    const wall = performance.now();
    if (latest?.media === time) latest.lastWall = wall;
    else {
      previous = latest && { media: latest.media, lastWall: latest.lastWall };
      latest = { media: time, firstWall: wall, lastWall: wall };
    }
  }

  // Chromium's currentTime follows the audio clock, which can stand still for several
  // milliseconds and then jump (at 2×, hundreds of times a minute, by up to ~25 ms of media).
  // A timer aimed from such a stale reading fires late. So the timer is aimed from the furthest
  // position a fresh reading vouches for: the last reading that kept pace, carried forward by the
  // wall time since at the playback rate. Marking still waits for currentTime itself (never
  // early); only the aim uses this.
  let anchor: { media: Seconds; wall: number; rate: number } | null = null;
  /** How long a stall may last before the media is taken to have really slowed (buffering). */
  const ANCHOR_LIFETIME_MS = 250;

  function carriedAnchor(wall: number, rate: number): Seconds | null {
    if (!anchor || anchor.rate !== rate || wall - anchor.wall > ANCHOR_LIFETIME_MS) return null;
    return anchor.media + ((wall - anchor.wall) / 1000) * rate;
  }

  function noteReading(time: Seconds): void {
    if (!isRunning()) {
      anchor = null;
      return;
    }
    const wall = performance.now();
    const rate = media.playbackRate;
    const carried = carriedAnchor(wall, rate);
    // Kept pace (within a millisecond), or the anchor is gone or implausible: a new anchor.
    if (carried === null || time >= carried - 0.001 * rate || time < carried - 0.1 * rate) {
      anchor = { media: time, wall, rate };
    }
  }

  /** Where the media is, for aiming: its currentTime, or later if that reading is stale. */
  function aimingPosition(): Seconds {
    const time = now();
    const carried = carriedAnchor(performance.now(), media.playbackRate);
    return carried === null ? time : Math.max(time, carried);
  }

  function isRunning(): boolean {
    return !media.paused && !media.ended && !media.seeking && media.readyState >= 3;
  }

  /** Re-read currentTime and tell followers whose answer changed. */
  function update(): void {
    if (disposed) return;
    const started = observe ? performance.now() : 0;
    const time = now();
    let changed = false;
    for (const follower of followers) changed = follower.update(time) || changed;
    if (observe && changed) {
      const reading: ClockReading = {
        media: time,
        wall: latest?.firstWall ?? started,
        previousMedia: previous?.media ?? null,
        previousWall: previous?.lastWall ?? null,
      };
      queueMicrotask(() => observe(performance.now() - started, reading));
    }
  }

  function nextBoundary(): Seconds {
    let next = Infinity;
    for (const follower of followers) next = Math.min(next, follower.current.nextBoundary);
    return next;
  }

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    spinning = false;
  }

  /** Aim the timer at the next boundary, in wall-clock time at the current playback rate. */
  function arm(): void {
    clearTimer();
    if (disposed || !isRunning()) return;
    const boundary = nextBoundary();
    if (!Number.isFinite(boundary)) return;
    const rate = media.playbackRate > 0 ? media.playbackRate : 1;
    const waitMs = ((boundary - aimingPosition()) / rate) * 1000;
    if (waitMs <= SPIN_THRESHOLD_MS) spinUntil(boundary);
    // Aim a little early: timers fire late by a millisecond or two, and the spin does the rest.
    else timer = setTimeout(() => onTimer(boundary), waitMs - SPIN_THRESHOLD_MS / 2);
  }

  function onTimer(boundary: Seconds): void {
    timer = undefined;
    if (now() >= boundary) {
      update();
      arm();
    } else {
      // Not there yet (timers round, media clocks drift): wait out the rest, never early.
      arm();
    }
  }

  /**
   * The last few milliseconds: nested timers are clamped to 4 ms, and between tasks the browser
   * runs others (a rendering frame, a garbage collection, video.js) that can take the few
   * milliseconds in which the boundary passes. So the poll runs in bursts of microtasks: within
   * one task, Blink keeps `currentTime` for the rest of the task but reads it afresh after each
   * microtask checkpoint (checked in Chromium: a loop of microtasks sees a new value every few
   * microseconds, a plain loop the same one). A burst holds the thread at most BURST_MS; between
   * bursts one task is let through (see pollPoster).
   */
  function spinUntil(boundary: Seconds): void {
    spinning = true;
    const spin = ++spins;
    const started = performance.now();
    let burstEnd = 0;
    const poll = (): void => {
      // A newer spin (or none) has taken over: this chain ends.
      if (!spinning || spin !== spins || disposed) return;
      if (!isRunning()) {
        spinning = false;
        return;
      }
      if (now() >= boundary) {
        spinning = false;
        update();
        arm();
        return;
      }
      const wall = performance.now();
      if (wall - started > MAX_SPIN_MS) {
        // The media is slower than it looked (a long stall): wait by timer, not by polling.
        spinning = false;
        timer = setTimeout(() => onTimer(boundary), SPIN_THRESHOLD_MS);
      } else if (wall < burstEnd) queueMicrotask(poll);
      else if (postPoll) postPoll(burst);
      else {
        spinning = false;
        timer = setTimeout(() => onTimer(boundary), 0);
      }
    };
    const burst = (): void => {
      burstEnd = performance.now() + BURST_MS;
      poll();
    };
    // Not in the caller's stack: arm() runs inside updates and React commits.
    queueMicrotask(burst);
  }

  /** The per-frame net: runs while playing and visible. */
  function startFrames(): void {
    if (disposed || frameHandle !== undefined || !isRunning()) return;
    const video = media as HTMLVideoElement;
    if (typeof video.requestVideoFrameCallback === 'function') {
      frameKind = 'video';
      frameHandle = video.requestVideoFrameCallback(onFrame);
    } else if (typeof requestAnimationFrame === 'function') {
      frameKind = 'animation';
      frameHandle = requestAnimationFrame(onFrame);
    }
  }

  function stopFrames(): void {
    if (frameHandle === undefined) return;
    if (frameKind === 'video') (media as HTMLVideoElement).cancelVideoFrameCallback(frameHandle);
    else cancelAnimationFrame(frameHandle);
    frameHandle = undefined;
  }

  function onFrame(): void {
    frameHandle = undefined;
    const before = nextBoundary();
    update();
    // Something moved the answer without an event we listen to: aim again.
    if (nextBoundary() !== before) arm();
    startFrames();
  }

  /** Every event that moves, stops, starts or re-times the media re-reads it and re-aims. */
  function onMediaEvent(): void {
    update();
    arm();
    if (isRunning()) startFrames();
    else stopFrames();
  }

  const EVENTS = [
    'play',
    'playing',
    'pause',
    'seeking',
    'seeked',
    'ratechange',
    'waiting',
    'stalled',
    'canplay',
    'timeupdate',
    'loadedmetadata',
    'durationchange',
    'emptied',
    'ended',
  ] as const;
  for (const type of EVENTS) media.addEventListener(type, onMediaEvent);
  const onVisibility = (): void => onMediaEvent();
  if (typeof document !== 'undefined') document.addEventListener('visibilitychange', onVisibility);

  function createFollower(index: TimeIndex): FollowerState {
    const listeners = new Set<() => void>();
    const itemListeners = new Map<number, Set<() => void>>();
    let subscriptions = 0;

    function join(): () => void {
      subscriptions++;
      if (subscriptions === 1) {
        state.update(now());
        followers.add(state);
        arm();
        startFrames();
      }
      return () => {
        subscriptions--;
        if (subscriptions === 0) followers.delete(state);
      };
    }

    const state: FollowerState = {
      current: index.size > 0 ? index.lookup(now()) : EMPTY,
      update(time) {
        const next = index.lookup(time);
        const previous = state.current;
        if (
          next.index === previous.index &&
          next.recentIndex === previous.recentIndex &&
          next.nextBoundary === previous.nextBoundary
        ) {
          return false;
        }
        state.current = next;
        if (next.index === previous.index && next.recentIndex === previous.recentIndex)
          return false;
        if (next.index !== previous.index) {
          itemListeners.get(previous.index)?.forEach((listener) => listener());
          itemListeners.get(next.index)?.forEach((listener) => listener());
        }
        listeners.forEach((listener) => listener());
        return true;
      },
      follower: {
        get() {
          // Not on the clock yet: answer from the media directly (same object while unchanged).
          if (subscriptions === 0 && !disposed) state.update(now());
          return state.current;
        },
        subscribe(listener) {
          listeners.add(listener);
          const leave = join();
          return () => {
            listeners.delete(listener);
            leave();
          };
        },
        subscribeToItem(item, listener) {
          let set = itemListeners.get(item);
          if (!set) itemListeners.set(item, (set = new Set()));
          set.add(listener);
          const leave = join();
          return () => {
            set.delete(listener);
            if (set.size === 0) itemListeners.delete(item);
            leave();
          };
        },
        dispose() {
          followers.delete(state);
          listeners.clear();
          itemListeners.clear();
        },
      },
    };
    return state;
  }

  return {
    media,
    follow: (index) => createFollower(index).follower,
    refresh: onMediaEvent,
    dispose() {
      disposed = true;
      clearTimer();
      stopFrames();
      for (const type of EVENTS) media.removeEventListener(type, onMediaEvent);
      if (typeof document !== 'undefined') {
        document.removeEventListener('visibilitychange', onVisibility);
      }
      if (spinChannel) {
        spinChannel.port1.onmessage = null;
        spinChannel.port1.close();
      }
      followers.clear();
    },
  };
}

interface FollowerState {
  current: TimeLookup;
  /** Re-answer for `time`; true when listeners were told of a change. */
  update(time: Seconds): boolean;
  readonly follower: ClockFollower;
}
