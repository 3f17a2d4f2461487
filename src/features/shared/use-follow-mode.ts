/**
 * Follow mode: the transcript panel (never the page) scrolls to keep the current line in view,
 * and only when the line is about to leave view, so reading is not disturbed by constant motion.
 *
 * A reader who scrolls (wheel, touch, keys, scrollbar), focuses something in the panel, or
 * selects text is doing something: following pauses. "Back to now", a seek, or a line click
 * resumes it.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import type { ClockFollower } from '../../player/media-clock.ts';

export interface FollowDistance {
  readonly direction: 'up' | 'down';
  /** How many lines the current line is away from the visible ones. */
  readonly lines: number;
}

export interface FollowMode {
  readonly following: boolean;
  /** Where the current line is while following is paused and it is out of view, else null. */
  readonly distance: FollowDistance | null;
  pause(): void;
  resume(): void;
}

interface FollowModeOptions {
  readonly scrollRef: RefObject<HTMLElement | null>;
  readonly follower: ClockFollower | null;
  /** Scroll the line with this index into the panel (the panel knows virtualization). */
  readonly scrollToLine: (index: number, behavior: ScrollBehavior) => void;
  /** Whether the line is comfortably in view (not about to leave it). */
  readonly lineVisibility: (index: number) => 'inside' | 'leaving' | 'above' | 'below';
  /** The indexes of the first and last visible line. */
  readonly visibleRange: () => [number, number] | null;
  /** Seeks requested anywhere (the media's `seeking` events). */
  readonly media: HTMLMediaElement | null;
}

const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End', 'ArrowUp', 'ArrowDown', ' ']);

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches
  );
}

export function useFollowMode({
  scrollRef,
  follower,
  scrollToLine,
  lineVisibility,
  visibleRange,
  media,
}: FollowModeOptions): FollowMode {
  const [following, setFollowing] = useState(true);
  const [distance, setDistance] = useState<FollowDistance | null>(null);
  // The same flag for event handlers, which must not wait for a render to see it.
  const followingRef = useRef(true);

  const behavior = (): ScrollBehavior => (prefersReducedMotion() ? 'auto' : 'smooth');

  const measureDistance = useCallback(() => {
    const index = follower?.get().recentIndex ?? -1;
    const range = visibleRange();
    if (index < 0 || !range) return setDistance(null);
    const [first, last] = range;
    if (index < first) setDistance({ direction: 'up', lines: first - index });
    else if (index > last) setDistance({ direction: 'down', lines: index - last });
    else setDistance(null);
  }, [follower, visibleRange]);

  const pause = useCallback(() => {
    if (!followingRef.current) return;
    followingRef.current = false;
    setFollowing(false);
    measureDistance();
  }, [measureDistance]);

  const resume = useCallback(() => {
    followingRef.current = true;
    setFollowing(true);
    setDistance(null);
    const index = follower?.get().recentIndex ?? -1;
    if (index >= 0 && lineVisibility(index) !== 'inside') scrollToLine(index, behavior());
  }, [follower, lineVisibility, scrollToLine]);

  // Follow the clock: scroll only when the new line is about to leave view. Measured in the next
  // frame, not in the clock's task: reading positions forces a layout, which would delay the
  // highlight itself by milliseconds.
  useEffect(() => {
    if (!follower) return;
    let frame = 0;
    const check = (): void => {
      frame = 0;
      const index = follower.get().index;
      if (index < 0) return;
      if (followingRef.current) {
        if (lineVisibility(index) !== 'inside') scrollToLine(index, behavior());
      } else measureDistance();
    };
    const onChange = (): void => {
      if (!frame) frame = requestAnimationFrame(check);
    };
    check();
    const unsubscribe = follower.subscribe(onChange);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [follower, lineVisibility, scrollToLine, measureDistance]);

  // The reader takes over: pause on their scrolling, focus and selection.
  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const onKey = (event: KeyboardEvent): void => {
      if (SCROLL_KEYS.has(event.key)) pause();
    };
    // A press on a line focuses it before its click seeks (which brings following back). Pausing
    // on that focus would show "Back to now" for the length of the press, over the lines near
    // the panel's foot: the release then lands on the button and the browser sends the click to
    // their common ancestor, so the line never seeks. Focus during a press does not pause.
    let pressing = false;
    const onPointerDown = (event: PointerEvent): void => {
      // A press on the scroll container itself (not a line) is a press on its scrollbar.
      if (event.target === element) pause();
      else pressing = true;
    };
    const onPressEnd = (): void => {
      pressing = false;
    };
    const onFocusIn = (): void => {
      if (!pressing) pause();
    };
    const onSelection = (): void => {
      const selection = document.getSelection();
      if (selection && !selection.isCollapsed && element.contains(selection.anchorNode)) pause();
    };
    const onScroll = (): void => {
      if (!followingRef.current) measureDistance();
    };
    element.addEventListener('wheel', pause, { passive: true });
    element.addEventListener('touchmove', pause, { passive: true });
    element.addEventListener('keydown', onKey);
    element.addEventListener('focusin', onFocusIn);
    element.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('pointerup', onPressEnd);
    document.addEventListener('pointercancel', onPressEnd);
    element.addEventListener('scroll', onScroll, { passive: true });
    document.addEventListener('selectionchange', onSelection);
    return () => {
      element.removeEventListener('wheel', pause);
      element.removeEventListener('touchmove', pause);
      element.removeEventListener('keydown', onKey);
      element.removeEventListener('focusin', onFocusIn);
      element.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('pointerup', onPressEnd);
      document.removeEventListener('pointercancel', onPressEnd);
      element.removeEventListener('scroll', onScroll);
      document.removeEventListener('selectionchange', onSelection);
    };
  }, [scrollRef, pause, measureDistance]);

  // Any seek (progress bar, keyboard, chapters, a line) brings the reader back to now.
  useEffect(() => {
    if (!media) return;
    const onSeeking = (): void => {
      if (!followingRef.current) resume();
    };
    media.addEventListener('seeking', onSeeking);
    return () => media.removeEventListener('seeking', onSeeking);
  }, [media, resume]);

  return { following, distance: following ? null : distance, pause, resume };
}
