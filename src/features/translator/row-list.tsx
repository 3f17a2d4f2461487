/**
 * The transcript rows in their own scroll area. Long files draw only the rows in view (and a few
 * around them); files under 300 rows draw every row, as the viewer does (Contract 3's number).
 * While the video plays, the spoken row is kept in view unless the translator is working
 * elsewhere in the list (the viewer's follow mode, reused).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { RowChecks } from '../../core/translation-checks.ts';
import { cueNotes, type CueDocument } from '../../core/translation-edit.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { usePlayback, usePlayerRuntime } from '../shared/player-runtime.tsx';
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
  const cues = document.cues;
  const notes = useRowNotes(document);
  const drawAll = cues.length < DRAW_ALL_ROWS_BELOW;
  // The virtualizer's functions change every render; nothing memoised here keeps them.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cues.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: drawAll ? cues.length : 6,
  });

  // A focus request for a row not drawn: scroll it into view (it then mounts and takes focus).
  useEffect(
    () =>
      focus.onScrollRequest((ref) => {
        if (ref.kind === kind) virtualizer.scrollToIndex(ref.index, { align: 'center' });
      }),
    [focus, kind, virtualizer],
  );

  const rowElement = useCallback(
    (index: number) =>
      scrollRef.current?.querySelector<HTMLElement>(`[data-row-index="${index}"]`) ?? null,
    [],
  );
  const scrollToLine = useCallback(
    (index: number, behavior: ScrollBehavior) =>
      virtualizer.scrollToIndex(index, { align: 'start', behavior: drawAll ? behavior : 'auto' }),
    [virtualizer, drawAll],
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
  const visibleRange = useCallback((): [number, number] | null => {
    const items = virtualizer.getVirtualItems();
    const container = scrollRef.current;
    if (!container || items.length === 0) return null;
    const top = container.scrollTop;
    const bottom = top + container.clientHeight;
    const inView = items.filter((item) => item.end > top && item.start < bottom);
    return inView.length === 0 ? null : [inView[0]!.index, inView[inView.length - 1]!.index];
  }, [virtualizer]);
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

  return (
    <div className="t-rows">
      <div className="t-rows__scroll" ref={scrollRef}>
        <div className="t-rows__canvas" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const cue = cues[item.index]!;
            return (
              <div
                key={item.key}
                className="t-rows__slot"
                data-index={item.index}
                ref={virtualizer.measureElement}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <TranslationRow
                  kind={kind}
                  index={item.index}
                  cue={cue}
                  sourceCue={sourceById.get(cue.id)}
                  note={notes.get(item.index) ?? ''}
                  findings={checks?.byRow[item.index] ?? NO_FINDINGS}
                  looping={loopingId !== null && loopingId === cue.id}
                  settings={settings}
                />
              </div>
            );
          })}
        </div>
      </div>
      {!follow.following && playing && settings.follower && (
        <button type="button" className="back-to-now t-back-to-now" onClick={follow.resume}>
          {t.backToNow}
        </button>
      )}
    </div>
  );
}

/** The questions: a few rows, all drawn. */
export function ChapterRows({
  document,
  sourceById,
  checks,
  loopingId,
  settings,
}: Omit<RowListProps, 'kind' | 'focus'>) {
  const notes = useRowNotes(document);
  return (
    <div className="t-chapters">
      {document.cues.map((cue, index) => (
        <TranslationRow
          key={index}
          kind="chapters"
          index={index}
          cue={cue}
          sourceCue={sourceById.get(cue.id)}
          note={notes.get(index) ?? ''}
          findings={checks?.byRow[index] ?? NO_FINDINGS}
          looping={loopingId !== null && loopingId === cue.id}
          settings={settings}
        />
      ))}
    </div>
  );
}
