/**
 * The transcript rows in their own scroll area. Long files draw only the rows in view (and a few
 * around them); files under 300 rows draw every row, as the viewer does (Contract 3's number).
 * While the video plays, the spoken row is kept in view unless the translator is working
 * elsewhere in the list (the viewer's follow mode, reused).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useMemo,
  useRef,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import type { RowChecks } from '../../core/translation-checks.ts';
import { cueNotes, type CueDocument } from '../../core/translation-edit.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { usePlayback, usePlayerRuntime } from '../shared/player-runtime.tsx';
import { rowsInView } from '../shared/transcript-rows.tsx';
import { useFollowMode } from '../shared/use-follow-mode.ts';
import type { RowFocus } from './row-focus.ts';
import { TranslationRow, type RowSettings } from './translation-row.tsx';
import { useTranslatorText } from './translator-messages.ts';
import type { FileKind } from './workspace-session.ts';

/** Above this many rows only the rows in view are drawn. */
export const DRAW_ALL_ROWS_BELOW = 300;
const ESTIMATED_ROW_PX = 150;
const NO_FINDINGS: readonly never[] = [];

export interface RowListProps {
  readonly kind: FileKind;
  readonly document: CueDocument;
  readonly sourceById: ReadonlyMap<string, ParsedCue>;
  readonly checks: RowChecks | null;
  readonly loopingId: string | null;
  readonly settings: RowSettings;
  readonly focus: RowFocus;
}

/** Notes by row, recomputed only when the file's blocks change. */
export function useRowNotes(document: CueDocument | null): ReadonlyMap<number, string> {
  return useMemo(() => (document ? cueNotes(document) : new Map()), [document]);
}

/** Where the drawn rows are, and how to reach one (each way of drawing them has its own). */
interface RowPlaces {
  /** Scroll so the row's top is at the list's top ('start') or the row is centred. */
  scrollTo(index: number, align: 'start' | 'center', behavior: ScrollBehavior): void;
  /** First and last row at least partly in view. */
  visibleRange(): [number, number] | null;
}

interface SlotsProps {
  readonly count: number;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  readonly placesRef: Ref<RowPlaces>;
  readonly renderRow: (index: number) => ReactNode;
}

export function RowList({
  kind,
  document,
  sourceById,
  checks,
  loopingId,
  settings,
  focus,
}: RowListProps) {
  const t = useTranslatorText();
  const scrollRef = useRef<HTMLDivElement>(null);
  const places = useRef<RowPlaces>(null);
  const cues = document.cues;
  const notes = useRowNotes(document);
  const drawAll = cues.length < DRAW_ALL_ROWS_BELOW;

  // A focus request for a row not drawn: scroll it into view (it then mounts and takes focus).
  useEffect(
    () =>
      focus.onScrollRequest((ref) => {
        if (ref.kind === kind) places.current?.scrollTo(ref.index, 'center', 'auto');
      }),
    [focus, kind],
  );

  const rowElement = useCallback(
    (index: number) =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`) ?? null,
    [],
  );
  const scrollToLine = useCallback(
    (index: number, behavior: ScrollBehavior) =>
      places.current?.scrollTo(index, 'start', drawAll ? behavior : 'auto'),
    [drawAll],
  );
  const lineVisibility = useCallback(
    (index: number) => {
      const container = scrollRef.current;
      const row = rowElement(index);
      if (!container || !row) return 'below' as const;
      const top = row.getBoundingClientRect().top - container.getBoundingClientRect().top;
      const bottom = top + row.offsetHeight;
      if (bottom <= 0) return 'above' as const;
      if (top >= container.clientHeight) return 'below' as const;
      return top < 0 || bottom > container.clientHeight
        ? ('leaving' as const)
        : ('inside' as const);
    },
    [rowElement],
  );
  const visibleRange = useCallback(() => places.current?.visibleRange() ?? null, []);
  const runtime = usePlayerRuntime();
  const follow = useFollowMode({
    scrollRef,
    follower: settings.follower,
    scrollToLine,
    lineVisibility,
    visibleRange,
    media: runtime.clock?.media ?? runtime.store.getMedia(),
  });

  const playing = usePlayback((state) => !state.paused);

  const renderRow = (index: number) =>
    translationRow({ kind, document, sourceById, checks, loopingId, settings }, notes, index);
  const Slots = drawAll ? AllSlots : VirtualSlots;

  return (
    <div className="t-rows">
      <div className="t-rows__scroll" ref={scrollRef}>
        <Slots count={cues.length} scrollRef={scrollRef} placesRef={places} renderRow={renderRow} />
      </div>
      {!follow.following && playing && settings.follower && (
        <button type="button" className="back-to-now t-back-to-now" onClick={follow.resume}>
          {t.backToNow}
        </button>
      )}
    </div>
  );
}

/**
 * Every row, in the flow of the page: laid out once by the browser, with nothing to measure (no
 * layout forced while React commits, no rows moved after it).
 */
function AllSlots({ count, scrollRef, placesRef, renderRow }: SlotsProps) {
  useImperativeHandle(placesRef, (): RowPlaces => {
    // In order; their offsets are in the scroll area's content (it is their offset parent).
    const rows = () =>
      scrollRef.current?.querySelectorAll<HTMLElement>('.t-rows__flow > [data-row-index]') ?? [];
    return {
      scrollTo(index, align, behavior) {
        const container = scrollRef.current;
        const row = rows()[index];
        if (!container || !row) return;
        const top =
          align === 'start'
            ? row.offsetTop
            : row.offsetTop - (container.clientHeight - row.offsetHeight) / 2;
        container.scrollTo({ top: Math.max(0, top), behavior });
      },
      visibleRange() {
        const container = scrollRef.current;
        if (!container) return null;
        return rowsInView(container, rows(), (row) => Number(row.dataset.rowIndex));
      },
    };
  }, [scrollRef]);
  const rows: ReactNode[] = [];
  for (let index = 0; index < count; index++) rows.push(renderRow(index));
  return <div className="t-rows__flow">{rows}</div>;
}

/** The rows in view and a few around them, placed by measuring each as it is drawn. */
function VirtualSlots({ count, scrollRef, placesRef, renderRow }: SlotsProps) {
  // The virtualizer's functions change every render; nothing memoised here keeps them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 6,
  });
  useImperativeHandle(
    placesRef,
    (): RowPlaces => ({
      scrollTo(index, align, behavior) {
        virtualizer.scrollToIndex(index, { align, behavior });
      },
      visibleRange() {
        const items = virtualizer.getVirtualItems();
        const container = scrollRef.current;
        if (!container || items.length === 0) return null;
        const top = container.scrollTop;
        const bottom = top + container.clientHeight;
        const inView = items.filter((item) => item.end > top && item.start < bottom);
        return inView.length === 0 ? null : [inView[0]!.index, inView[inView.length - 1]!.index];
      },
    }),
    [virtualizer, scrollRef],
  );
  return (
    <div className="t-rows__canvas" style={{ height: virtualizer.getTotalSize() }}>
      {virtualizer.getVirtualItems().map((item) => (
        <div
          key={item.key}
          className="t-rows__slot"
          data-index={item.index}
          ref={virtualizer.measureElement}
          style={{ transform: `translateY(${item.start}px)` }}
        >
          {renderRow(item.index)}
        </div>
      ))}
    </div>
  );
}

/** The row of the file's cue at `index`, keyed by its place. */
function translationRow(
  { kind, document, sourceById, checks, loopingId, settings }: Omit<RowListProps, 'focus'>,
  notes: ReadonlyMap<number, string>,
  index: number,
): ReactNode {
  const cue = document.cues[index]!;
  return (
    <TranslationRow
      key={index}
      kind={kind}
      index={index}
      cue={cue}
      sourceCue={sourceById.get(cue.id)}
      note={notes.get(index) ?? ''}
      findings={checks?.byRow[index] ?? NO_FINDINGS}
      looping={loopingId !== null && loopingId === cue.id}
      settings={settings}
    />
  );
}

/** The questions: a few rows, all drawn. */
export function ChapterRows(props: Omit<RowListProps, 'kind' | 'focus'>) {
  const notes = useRowNotes(props.document);
  return (
    <div className="t-chapters">
      {props.document.cues.map((_, index) =>
        translationRow({ ...props, kind: 'chapters' }, notes, index),
      )}
    </div>
  );
}
