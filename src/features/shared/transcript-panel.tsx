/**
 * The transcript panel: lines grouped into speaker turns, the current line marked (Contract 3),
 * click or Enter to seek, ↑/↓ roving focus (the panel is one Tab stop), follow mode, search, a
 * second language side by side, and "copy link to this line". Long transcripts are virtualized.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import type { Episode, Speaker } from '../../core/episode-model.ts';
import { mark, MARKS } from '../../data/performance-marks.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import type { TranscriptView } from './episode-data.ts';
import { useI18n } from './i18n.tsx';
import { createIndexStore } from './item-store.ts';
import { usePlayerRuntime } from './player-runtime.tsx';
import { TranscriptLine, type TranscriptRow } from './transcript-line.tsx';
import { AllRows, VirtualRows, VIRTUALIZE_FROM, type RowGeometry } from './transcript-rows.tsx';
import { SearchBox, useTranscriptSearch, type InitialSearch } from './transcript-search.tsx';
import { useCopyLineLink } from './use-copy-line-link.ts';
import { useFollowMode } from './use-follow-mode.ts';
import { useServedPlace } from './use-served-place.ts';
import { useHydrated } from './hydration.ts';
import { SERVED_HIGHLIGHT_WORDS_ID } from './served-reading-place.ts';
import { usePrinting } from './use-printing.ts';
import {
  useHighlightWordsSetting,
  useTranscriptWords,
  useWordHighlighter,
} from './use-word-highlight.ts';

interface TranscriptPanelProps {
  readonly episode: Episode;
  readonly transcript: TranscriptView;
  /** A second language shown beside the first, aligned by cue id. */
  readonly secondary?: TranscriptView | null;
  readonly follower: ClockFollower | null;
  /** Controls shown in the panel's header (language menus). */
  readonly toolbar?: ReactNode;
  /** Shown between the header and the lines (problems in the file). */
  readonly notice?: ReactNode;
  /** The search the panel opens with (`?q=`). */
  readonly initialSearch?: InitialSearch;
}

/** Lines nearer than this to the bottom of the panel are "about to leave view". */
const EDGE_MARGIN_PX = 48;

function useRows(
  episode: Episode,
  transcript: TranscriptView,
  secondary: TranscriptView | null | undefined,
): TranscriptRow[] {
  return useMemo(() => {
    const speakers = new Map<string, Speaker>(
      episode.speakers.map((speaker) => [speaker.id, speaker]),
    );
    const secondaryById = secondary
      ? new Map(secondary.cues.map((cue) => [cue.id, cue] as const))
      : null;
    return transcript.cues.map((cue, index) => ({
      index,
      cue,
      lang: transcript.lang,
      secondary:
        secondary && secondaryById
          ? { cue: secondaryById.get(cue.id), lang: secondary.lang }
          : null,
      speaker: cue.speakerId ? speakers.get(cue.speakerId) : undefined,
      startsTurn: transcript.turnStarts[index] ?? false,
    }));
  }, [episode.speakers, transcript, secondary]);
}

export function TranscriptPanel({
  episode,
  transcript,
  secondary,
  follower,
  toolbar,
  notice,
  initialSearch,
}: TranscriptPanelProps) {
  const { t } = useI18n();
  const runtime = usePlayerRuntime();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [tabStop] = useState(() => createIndexStore(0));
  const rows = useRows(episode, transcript, secondary);
  const printing = usePrinting();
  const hydrated = useHydrated();
  // On the server a long transcript is rendered whole (every line in the page's text, for readers
  // without JavaScript and search engines; its page is then rendered again in the browser, not
  // hydrated: see src/app/page-root.ts).
  const long = rows.length >= VIRTUALIZE_FROM;
  const servedWhole = long && typeof document === 'undefined';
  const virtualized = long && !printing && !servedWhole;
  // Only the virtualizer needs the scroll container as state. Setting it for every panel made the
  // app's first commit start a second, synchronous render of the whole panel in the same task (a
  // ref is set in the commit's layout phase): on a slow phone a long task of its own.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const attachScroll = useCallback(
    (element: HTMLDivElement | null) => {
      scrollRef.current = element;
      if (virtualized) setScrollElement(element);
    },
    [virtualized],
  );
  const geometryRef = useRef<RowGeometry>(null);

  const scrollToLine = useCallback((index: number, behavior: ScrollBehavior) => {
    geometryRef.current?.scrollToRow(index, behavior);
  }, []);

  const lineVisibility = useCallback((index: number) => {
    const container = scrollRef.current;
    const box = geometryRef.current?.rowBox(index);
    if (!container || !box) return 'below' as const;
    const top = box.top - container.scrollTop;
    const bottom = top + box.height;
    if (bottom <= 0) return 'above' as const;
    if (top >= container.clientHeight) return 'below' as const;
    if (top < 0 || bottom > container.clientHeight - EDGE_MARGIN_PX) return 'leaving' as const;
    return 'inside' as const;
  }, []);

  const visibleRange = useCallback(() => geometryRef.current?.visibleRange() ?? null, []);

  const follow = useFollowMode({
    scrollRef,
    follower,
    scrollToLine,
    lineVisibility,
    visibleRange,
    media: runtime.clock?.media ?? null,
  });

  const { pause: pauseFollowing } = follow;

  useServedPlace({
    rows,
    scrollRef,
    geometryRef,
    tabStop,
    pauseFollowing,
    virtualizerAttached: scrollElement !== null,
  });
  const showMatch = useCallback(
    (index: number) => {
      pauseFollowing();
      tabStop.set(index);
      if (lineVisibility(index) !== 'inside') scrollToLine(index, 'auto');
    },
    [pauseFollowing, tabStop, lineVisibility, scrollToLine],
  );
  const search = useTranscriptSearch(rows, showMatch, initialSearch);
  // A long transcript served whole is served as text: its page is not hydrated, and a word
  // element each would multiply its size (a 10,000-line episode has 100,000 timed words).
  const words = useLineWords(transcript, secondary, scrollRef, !servedWhole);

  // For `npm run bench` and DevTools: the first frame with this transcript's lines on screen.
  useEffect(() => {
    const frame = requestAnimationFrame(() => mark(MARKS.panelInteractive, { cues: rows.length }));
    return () => cancelAnimationFrame(frame);
  }, [rows]);

  // While the reader is elsewhere, the tab stop follows the current line, so Tab lands on it.
  useEffect(() => {
    if (!follower) return;
    return follower.subscribe(() => {
      const index = follower.get().index;
      const focusInside = scrollRef.current?.contains(document.activeElement) ?? false;
      if (index >= 0 && !focusInside) tabStop.set(index);
    });
  }, [follower, tabStop]);

  const { seek } = runtime;
  const onActivate = useCallback(
    (index: number, time?: number) => {
      const cue = rows[index]?.cue;
      if (!cue) return;
      tabStop.set(index);
      seek(time ?? cue.startTime);
    },
    [rows, seek, tabStop],
  );

  const onKeyNavigate = useCallback(
    (index: number, event: KeyboardEvent<HTMLElement>) => {
      const onLine = (event.target as HTMLElement).hasAttribute('data-cue-id');
      if (onLine && event.key === 'ArrowRight') {
        event.preventDefault();
        (event.target as HTMLElement).parentElement
          ?.querySelector<HTMLElement>('.line__copy')
          ?.focus();
        return;
      }
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + 10,
        PageUp: index - 10,
        Home: 0,
        End: rows.length - 1,
        ArrowLeft: index,
        Escape: index,
      };
      const target = moves[event.key];
      if (
        target === undefined ||
        (onLine && (event.key === 'ArrowLeft' || event.key === 'Escape'))
      ) {
        return;
      }
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, target));
      tabStop.set(next);
      geometryRef.current?.focusRow(next);
    },
    [rows.length, tabStop],
  );

  const copy = useCopyLineLink(episode.id, rows, transcript.lang);

  const renderRow = useCallback(
    (index: number) => {
      const row = rows[index]!;
      return (
        <TranscriptLine
          key={row.cue.id || `line-${index}`}
          episodeId={episode.id}
          row={row}
          follower={follower}
          tabStop={tabStop}
          activeMatch={search.activeRow}
          highlights={search.highlightsByRow.get(index)}
          isActiveMatch={search.isActiveMatch}
          onActivate={onActivate}
          wordSide={words.side}
          onWordsRendered={words.onLineRendered}
          onKeyNavigate={onKeyNavigate}
          onCopyLink={copy.copyLink}
        />
      );
    },
    [
      rows,
      episode.id,
      follower,
      tabStop,
      search.activeRow,
      search.highlightsByRow,
      search.isActiveMatch,
      onActivate,
      words.side,
      words.onLineRendered,
      onKeyNavigate,
      copy.copyLink,
    ],
  );

  const Rows = virtualized ? VirtualRows : AllRows;
  const classes = ['transcript'];
  if (secondary) classes.push('transcript--pair');
  // As served, until hydrated: lines marked by the page's early script, a long one's rows laid out
  // when near (styles.css).
  if (!hydrated) classes.push('transcript--served');
  if (!hydrated && long && !virtualized) classes.push('transcript--long');
  return (
    <section className={classes.join(' ')} aria-label="Transcript">
      <header className="transcript__header">
        <h2 className="transcript__title">{t.transcriptHeading}</h2>
        {toolbar}
        {words.available && (
          <label className="transcript__words">
            <input
              type="checkbox"
              // One per page: the served page's first script checks it as the reader chose.
              id={SERVED_HIGHLIGHT_WORDS_ID}
              disabled={!hydrated}
              checked={words.enabled}
              onChange={(event) => words.setEnabled(event.target.checked)}
            />{' '}
            {t.highlightWords}
          </label>
        )}
        <SearchBox search={search} onPlayMatch={onActivate} />
      </header>
      {notice}
      <div className="transcript__scroll" ref={attachScroll}>
        <Rows
          count={rows.length}
          scrollRef={scrollRef}
          scrollElement={scrollElement}
          geometryRef={geometryRef}
          renderRow={renderRow}
          follower={follower}
          tabStop={tabStop}
        />
      </div>
      {copy.message && (
        <p className="transcript__toast" role="status">
          {copy.message}
        </p>
      )}
      {!follow.following && (
        <button type="button" className="back-to-now" onClick={follow.resume}>
          <span aria-hidden="true">{follow.distance?.direction === 'up' ? '↑' : '↓'}</span>{' '}
          {t.backToNow}
          {follow.distance && (
            <span className="back-to-now__distance"> ({t.linesAway(follow.distance.lines)})</span>
          )}
        </button>
      )}
    </section>
  );
}

/**
 * Word by word (Contract 9): which column's timed words the lines render (the transcript's, or
 * side by side the second column's when only it has timings: the source language), and the
 * highlighter that marks them on the clock.
 */
function useLineWords(
  transcript: TranscriptView,
  secondary: TranscriptView | null | undefined,
  scrollRef: RefObject<HTMLDivElement | null>,
  wordElements: boolean,
) {
  const [chosen, setEnabled] = useHighlightWordsSetting();
  const enabled = chosen && wordElements;
  const primaryWords = useTranscriptWords(transcript.cues);
  const secondaryWords = useTranscriptWords(secondary?.cues);
  const side = !enabled ? null : primaryWords ? 0 : secondaryWords ? 1 : null;
  const wordCues = side === 1 && secondary ? secondary.cues : transcript.cues;
  const lineOf = useCallback(
    (cueIndex: number) => {
      const id = wordCues[cueIndex]?.id;
      if (id === undefined) return null;
      return scrollRef.current?.querySelector(`[data-cue-id="${CSS.escape(id)}"]`) ?? null;
    },
    [wordCues, scrollRef],
  );
  const { lineRendered } = useWordHighlighter(
    side === 0 ? primaryWords : side === 1 ? secondaryWords : null,
    lineOf,
  );
  // Rows are the transcript's cues; the second column's words are found by the row's cue id.
  const secondaryIndexById = useMemo(
    () => (side === 1 && secondary ? new Map(secondary.cues.map((cue, i) => [cue.id, i])) : null),
    [side, secondary],
  );
  const onLineRendered = useCallback(
    (rowIndex: number) => {
      if (!secondaryIndexById) return lineRendered(rowIndex);
      const index = secondaryIndexById.get(transcript.cues[rowIndex]?.id ?? '');
      if (index !== undefined) lineRendered(index);
    },
    [secondaryIndexById, lineRendered, transcript.cues],
  );
  return {
    available: primaryWords !== null || secondaryWords !== null,
    enabled,
    setEnabled,
    side,
    onLineRendered,
  } as const;
}
