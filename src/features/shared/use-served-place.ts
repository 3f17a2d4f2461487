/**
 * The app's transcript panel takes over the served one's place (served-reading-place.ts): a reader
 * who had scrolled the served transcript keeps the same line first in view, and following paused,
 * as after any scroll of theirs; a keyboard user who had focused a served line finds the focus on
 * the same line, and following paused, as when they focus one of the app's lines.
 * Taken by the first panel that opens: later the place is the reader's and follow mode's.
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { IndexStore } from './item-store.ts';
import { takeServedPlace } from './served-reading-place.ts';
import type { TranscriptRow } from './transcript-line.tsx';
import type { RowGeometry } from './transcript-rows.tsx';

export interface ServedPlaceTarget {
  readonly rows: readonly TranscriptRow[];
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly geometryRef: RefObject<RowGeometry | null>;
  readonly tabStop: IndexStore;
  readonly pauseFollowing: () => void;
  /** A virtualized panel's virtualizer has been given its scroll container. */
  readonly virtualizerAttached: boolean;
}

export function useServedPlace({
  rows,
  scrollRef,
  geometryRef,
  tabStop,
  pauseFollowing,
  virtualizerAttached,
}: ServedPlaceTarget): void {
  /** The served row the panel was placed at, to place again once virtualized (below). */
  const placed = useRef<{ index: number; offset: number } | null>(null);
  // Before the first paint of the app's panel: the served one was on screen until this commit.
  useLayoutEffect(() => {
    const { reading, focusedCueId } = takeServedPlace();
    const container = scrollRef.current;
    if (!container) return;
    const indexOf = (cueId: string) => rows.findIndex((row) => row.cue.id === cueId);
    const index = reading ? indexOf(reading.cueId) : -1;
    const box = index >= 0 ? geometryRef.current?.rowBox(index) : null;
    if (reading && box) {
      pauseFollowing();
      container.scrollTop = box.top - reading.offset;
      placed.current = { index, offset: reading.offset };
    }
    if (!focusedCueId) return;
    const focusIndex = indexOf(focusedCueId);
    const line = [...container.querySelectorAll<HTMLElement>('[data-cue-id]')].find(
      (element) => element.getAttribute('data-cue-id') === focusedCueId,
    );
    // Unless something else has the focus by now.
    const unfocused = !document.activeElement || document.activeElement === document.body;
    if (focusIndex < 0 || !line || !unfocused) return;
    pauseFollowing();
    tabStop.set(focusIndex);
    line.focus({ preventScroll: true });
    // Once, at the first commit: what comes later is the reader's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // A virtualized panel's virtualizer is given the scroll container one render later (as state)
  // and then scrolls it to the offset it knew (the top): place the reader's row again, in the
  // same commit, before anything is painted. (Its layout effects, a child's, run before these.)
  useLayoutEffect(() => {
    const row = placed.current;
    if (!row || !virtualizerAttached) return;
    placed.current = null;
    geometryRef.current?.placeRow(row.index, row.offset);
  }, [virtualizerAttached, geometryRef]);
}
