/**
 * The transcript's rows, laid out two ways behind one geometry interface:
 * - every row in the DOM (short transcripts, and printing), as Contract 3 asks under 300 cues;
 * - virtualized (@tanstack/react-virtual) for long ones: the rows in view plus the current line,
 *   the keyboard tab stop and any row asked for, so those are always in the DOM.
 * Follow mode, search and keyboard navigation only talk to the geometry.
 */
import { useVirtualizer, defaultRangeExtractor, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useImperativeHandle,
  useRef,
  useMemo,
  useState,
  useSyncExternalStore,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import type { ClockFollower } from '../../player/media-clock.ts';
import type { IndexStore } from './item-store.ts';

/** Where rows are, in the scroll container's content coordinates, and how to reach them. */
export interface RowGeometry {
  rowBox(index: number): { top: number; height: number } | null;
  /** Scroll so the row sits a quarter of the way down the panel. */
  scrollToRow(index: number, behavior: ScrollBehavior): void;
  /** Scroll at once so the row's top is `offset` pixels below the panel's top. */
  placeRow(index: number, offset: number): void;
  /** First and last row at least partly in view. */
  visibleRange(): [number, number] | null;
  /** Focus the row's line, rendering it first if needed. */
  focusRow(index: number): void;
}

/** Transcripts from this many cues on are virtualized (long-transcript.ts). */
export { VIRTUALIZE_FROM } from './long-transcript.ts';

interface RowsProps {
  readonly count: number;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  /**
   * The scroll container as state: a child's layout effects run before its parent's ref is set,
   * so the virtualizer must be told again once the element exists.
   */
  readonly scrollElement: HTMLDivElement | null;
  readonly geometryRef: Ref<RowGeometry>;
  readonly renderRow: (index: number) => ReactNode;
  readonly follower: ClockFollower | null;
  readonly tabStop: IndexStore;
}

function lineOf(row: Element | null | undefined): HTMLElement | null {
  return row?.querySelector<HTMLElement>('[data-cue-id]') ?? null;
}

function rowElement(container: HTMLElement | null, index: number): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`.transcript-row[data-index="${index}"]`) ?? null;
}

function scrollTopFor(container: HTMLElement, top: number): number {
  return Math.max(0, top - container.clientHeight / 4);
}

/** Long jumps are made at once: a smooth scroll across hundreds of lines helps nobody. */
function behaviorFor(container: HTMLElement, top: number, wanted: ScrollBehavior): ScrollBehavior {
  return Math.abs(container.scrollTop - top) > container.clientHeight * 2 ? 'auto' : wanted;
}

/**
 * The first and last of `rows` (their offsets in `container`'s scrolled content) at least partly
 * in view, by `indexOf`; null when none is.
 */
export function rowsInView(
  container: HTMLElement,
  rows: Iterable<HTMLElement>,
  indexOf: (row: HTMLElement) => number,
): [number, number] | null {
  const top = container.scrollTop;
  const bottom = top + container.clientHeight;
  let first = -1;
  let last = -1;
  for (const row of rows) {
    if (row.offsetTop + row.offsetHeight > top && row.offsetTop < bottom) {
      const index = indexOf(row);
      if (first < 0) first = index;
      last = index;
    }
  }
  return first < 0 ? null : [first, last];
}

/** Every row in the DOM. */
export function AllRows({ count, scrollRef, geometryRef, renderRow }: RowsProps) {
  useImperativeHandle(
    geometryRef,
    (): RowGeometry => ({
      rowBox(index) {
        const row = rowElement(scrollRef.current, index);
        return row ? { top: row.offsetTop, height: row.offsetHeight } : null;
      },
      placeRow(index, offset) {
        const container = scrollRef.current;
        const row = rowElement(container, index);
        if (container && row) container.scrollTop = row.offsetTop - offset;
      },
      scrollToRow(index, behavior) {
        const container = scrollRef.current;
        const row = rowElement(container, index);
        if (container && row) {
          const top = scrollTopFor(container, row.offsetTop);
          container.scrollTo({ top, behavior: behaviorFor(container, top, behavior) });
        }
      },
      visibleRange() {
        const container = scrollRef.current;
        if (!container) return null;
        const rows = container.querySelectorAll<HTMLElement>('.transcript-row');
        return rowsInView(container, rows, (row) => Number(row.dataset.index));
      },
      focusRow(index) {
        lineOf(rowElement(scrollRef.current, index))?.focus();
      },
    }),
    [scrollRef],
  );
  const rows: ReactNode[] = [];
  for (let index = 0; index < count; index++) rows.push(renderRow(index));
  return <>{rows}</>;
}

const noSubscription = () => () => {};

/** Only the rows in view, plus the current line and the tab stop. */
export function VirtualRows({
  count,
  scrollRef,
  scrollElement,
  geometryRef,
  renderRow,
  follower,
  tabStop,
}: RowsProps) {
  // Re-render when the current line or the tab stop moves to a row that is not rendered, so they
  // are always in the DOM; a move between rendered rows costs the list nothing.
  const rendered = useRef<ReadonlySet<number>>(new Set());
  const outsideRendered = (index: number): number => (rendered.current.has(index) ? -2 : index);
  const currentSnapshot = () => outsideRendered(follower?.get().index ?? -1);
  const currentIndex = useSyncExternalStore(
    follower?.subscribe ?? noSubscription,
    currentSnapshot,
    currentSnapshot,
  );
  const tabStopSnapshot = () => outsideRendered(tabStop.get());
  const tabStopIndex = useSyncExternalStore(tabStop.subscribe, tabStopSnapshot, tabStopSnapshot);
  const [requested, setRequested] = useState(-1);

  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = new Set(defaultRangeExtractor(range));
      // Read live: the snapshots above only say *when* to look again.
      const live = [follower?.get().index ?? -1, tabStop.get(), requested];
      for (const extra of live) {
        if (extra >= 0 && extra < count) indexes.add(extra);
      }
      return [...indexes].sort((a, b) => a - b);
    },
    // currentIndex and tabStopIndex change exactly when the live values must be read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [follower, tabStop, requested, count, currentIndex, tabStopIndex],
  );

  // The React Compiler cannot memoize around useVirtualizer; this project does not use it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollElement,
    estimateSize: () => 44,
    overscan: 8,
    rangeExtractor,
  });

  useImperativeHandle(
    geometryRef,
    (): RowGeometry => ({
      rowBox(index) {
        const item = virtualizer.measurementsCache[index];
        return item ? { top: item.start, height: item.size } : null;
      },
      placeRow(index, offset) {
        // Sizes out of view are estimates: the virtualizer lands on the row as it measures.
        // (The offset within a row's height is left: it would be wrong by the estimates' error.)
        if (offset >= 0) virtualizer.scrollToIndex(index, { align: 'start' });
      },
      scrollToRow(index, behavior) {
        const container = scrollRef.current;
        const item = virtualizer.measurementsCache[index];
        if (!container || !item) return;
        const top = scrollTopFor(container, item.start);
        if (behaviorFor(container, top, behavior) === 'auto') {
          // Far away, sizes are estimates: let the virtualizer land on the row as it measures.
          virtualizer.scrollToIndex(index, { align: 'center' });
        } else container.scrollTo({ top, behavior });
      },
      visibleRange() {
        const container = scrollRef.current;
        if (!container) return null;
        const top = container.scrollTop;
        const bottom = top + container.clientHeight;
        const visible = virtualizer
          .getVirtualItems()
          .filter((item) => item.end > top && item.start < bottom);
        return visible.length ? [visible[0]!.index, visible[visible.length - 1]!.index] : null;
      },
      focusRow(index) {
        setRequested(index);
        const focusWhenRendered = (attempt: number): void => {
          const line = lineOf(rowElement(scrollRef.current, index));
          if (line) line.focus({ preventScroll: true });
          else if (attempt < 10) requestAnimationFrame(() => focusWhenRendered(attempt + 1));
        };
        const item = virtualizer.measurementsCache[index];
        const container = scrollRef.current;
        if (item && container) {
          const visible =
            item.start >= container.scrollTop &&
            item.end <= container.scrollTop + container.clientHeight;
          if (!visible) container.scrollTo({ top: scrollTopFor(container, item.start) });
        }
        focusWhenRendered(0);
      },
    }),
    [virtualizer, scrollRef],
  );

  const items = virtualizer.getVirtualItems();
  rendered.current = new Set(items.map((item) => item.index));
  const totalSize = virtualizer.getTotalSize();
  const style = useMemo(() => ({ height: totalSize, position: 'relative' as const }), [totalSize]);
  return (
    <div className="transcript-virtual" style={style}>
      {items.map((item) => (
        <div
          key={item.key}
          ref={virtualizer.measureElement}
          data-index={item.index}
          className="transcript-virtual__item"
          style={{
            position: 'absolute',
            top: 0,
            left: 0,
            right: 0,
            transform: `translateY(${item.start}px)`,
          }}
        >
          {renderRow(item.index)}
        </div>
      ))}
    </div>
  );
}
