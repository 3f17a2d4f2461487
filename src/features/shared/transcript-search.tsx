/**
 * Search in the transcript: every match highlighted, "n of m", Enter / Shift+Enter to move,
 * play from a match on choice. Moving between matches scrolls the panel and pauses following
 * (the reader is looking at a match, not at now); playing from a match resumes it.
 */
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import { findMatches, normaliseQuery, type TextMatch } from '../../core/transcript-search.ts';
import type { TextRange } from './cue-text.tsx';
import { useI18n } from './i18n.tsx';
import { createIndexStore, type IndexStore } from './item-store.ts';
import { useBrowserState, useHydrated } from './hydration.ts';
import type { RowHighlights, TranscriptRow } from './transcript-line.tsx';

export interface TranscriptSearch {
  readonly query: string;
  setQuery(query: string): void;
  readonly matches: readonly TextMatch[];
  /** Index into `matches` of the match the reader is on, or −1. */
  readonly active: number;
  move(step: 1 | -1): void;
  /** Highlights per row index (stable while the query and rows are unchanged). */
  readonly highlightsByRow: ReadonlyMap<number, RowHighlights>;
  /** The row holding the active match. */
  readonly activeRow: IndexStore;
  /** Which match in the active row is the active one. */
  isActiveMatch(side: number, range: TextRange): boolean;
}

const NO_MATCHES: readonly TextMatch[] = [];

/** A search the page opens with (`?q=` from the archive's search, `cue` its line). */
export interface InitialSearch {
  readonly query: string;
  /** The cue whose match is the active one at first (the deep link's cue), if any. */
  readonly cueId: string | null;
}

export function useTranscriptSearch(
  rows: readonly TranscriptRow[],
  onShowMatch: (rowIndex: number) => void,
  initial?: InitialSearch,
): TranscriptSearch {
  const [query, setQueryState] = useBrowserState(
    () => '',
    () => initial?.query ?? '',
  );
  const initialCue = useRef(initial?.cueId ?? null);
  const deferredQuery = useDeferredValue(query);
  const [active, setActive] = useState(-1);
  const [activeRow] = useState(() => createIndexStore(-1));
  const activeRef = useRef<TextMatch | null>(null);

  const matches = useMemo(
    () =>
      // Nothing to find until the viewer types (a long transcript's texts are not even listed).
      normaliseQuery(deferredQuery) === ''
        ? NO_MATCHES
        : findMatches(
            rows.map((row) => [row.cue.text, row.secondary?.cue?.text ?? '']),
            deferredQuery,
          ),
    [rows, deferredQuery],
  );

  const highlightsByRow = useMemo(() => {
    const byRow = new Map<number, { primary: TextRange[]; secondary: TextRange[] }>();
    for (const match of matches) {
      let entry = byRow.get(match.item);
      if (!entry) byRow.set(match.item, (entry = { primary: [], secondary: [] }));
      (match.side === 0 ? entry.primary : entry.secondary).push({
        start: match.start,
        end: match.end,
      });
    }
    return byRow as ReadonlyMap<number, RowHighlights>;
  }, [matches]);

  const select = useCallback(
    (index: number) => {
      const match = matches[index] ?? null;
      const previousRow = activeRef.current?.item ?? -1;
      activeRef.current = match;
      setActive(match ? index : -1);
      const row = match?.item ?? -1;
      if (row === previousRow) activeRow.refresh(row);
      else activeRow.set(row);
      if (match) onShowMatch(match.item);
    },
    [matches, activeRow, onShowMatch],
  );

  // Opened from the archive's search: the linked line's match is the active one. The deep link
  // already brings that line into view, so following is not paused.
  useEffect(() => {
    const cueId = initialCue.current;
    if (!cueId || matches.length === 0) return;
    initialCue.current = null;
    const index = matches.findIndex((match) => rows[match.item]?.cue.id === cueId);
    const match = matches[index];
    if (!match) return;
    activeRef.current = match;
    setActive(index);
    activeRow.set(match.item);
  }, [matches, rows, activeRow]);

  const setQuery = useCallback(
    (next: string) => {
      setQueryState(next);
      activeRef.current = null;
      setActive(-1);
      activeRow.set(-1);
    },
    [activeRow, setQueryState],
  );

  const move = useCallback(
    (step: 1 | -1) => {
      if (matches.length === 0) return;
      const from = active < 0 ? (step === 1 ? -1 : 0) : active;
      select((from + step + matches.length) % matches.length);
    },
    [active, matches.length, select],
  );

  const isActiveMatch = useCallback((side: number, range: TextRange) => {
    const match = activeRef.current;
    return Boolean(match && match.side === side && match.start === range.start);
  }, []);

  return { query, setQuery, matches, active, move, highlightsByRow, activeRow, isActiveMatch };
}

export function SearchBox({
  search,
  onPlayMatch,
}: {
  search: TranscriptSearch;
  onPlayMatch: (rowIndex: number) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const { query, matches, active } = search;
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Enter') {
      event.preventDefault();
      if (event.altKey && active >= 0) onPlayMatch(matches[active]!.item);
      else search.move(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape' && query) {
      event.preventDefault();
      search.setQuery('');
    }
  };
  const status =
    query.trim() === ''
      ? ''
      : matches.length === 0
        ? t.searchNoMatches
        : t.searchPosition(active < 0 ? 0 : active + 1, matches.length);
  // A served page's search works once the page is hydrated.
  const hydrated = useHydrated();
  return (
    <div className="search" role="search">
      <label htmlFor={id} className="visually-hidden">
        {t.searchLabel}
      </label>
      <input
        id={id}
        type="search"
        className="search__input"
        placeholder={t.searchPlaceholder}
        value={query}
        onChange={(event) => search.setQuery(event.target.value)}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
        disabled={!hydrated}
      />
      <span className="search__status" aria-live="polite" aria-atomic="true">
        {status}
      </span>
      <button
        type="button"
        className="search__button"
        onClick={() => search.move(-1)}
        disabled={!hydrated || matches.length === 0}
        aria-label={t.searchPrevious}
        title={t.searchPrevious}
      >
        <span aria-hidden="true">↑</span>
      </button>
      <button
        type="button"
        className="search__button"
        onClick={() => search.move(1)}
        disabled={!hydrated || matches.length === 0}
        aria-label={t.searchNext}
        title={t.searchNext}
      >
        <span aria-hidden="true">↓</span>
      </button>
      <button
        type="button"
        className="search__button"
        onClick={() => active >= 0 && onPlayMatch(matches[active]!.item)}
        disabled={!hydrated || active < 0}
        title={t.searchPlay}
      >
        {t.searchPlayShort}
      </button>
    </div>
  );
}
