/**
 * The transcript panel: lines grouped into speaker turns, the current line marked (Contract 3),
 * click or Enter to seek, ↑/↓ roving focus (the panel is one Tab stop), and follow mode.
 */
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import type { Episode, Speaker } from '../../core/episode-model.ts';
import type { TranscriptView } from '../shared/episode-data.ts';
import { useI18n } from '../shared/i18n.tsx';
import { createIndexStore } from '../shared/item-store.ts';
import { usePlayerRuntime, type PlayerRuntime } from '../shared/player-runtime.tsx';
import type { ClockFollower } from '../../player/media-clock.ts';
import { TranscriptLine } from './transcript-line.tsx';
import { useFollowMode } from './use-follow-mode.ts';

interface TranscriptPanelProps {
  readonly episode: Episode;
  readonly transcript: TranscriptView;
  readonly follower: ClockFollower | null;
  /** Controls shown in the panel's header (language menu, search). */
  readonly toolbar?: ReactNode;
  /** Shown between the header and the lines (problems in the file). */
  readonly notice?: ReactNode;
}

/** Lines nearer than this to an edge of the panel are "about to leave view". */
const EDGE_MARGIN_PX = 48;

function lineElement(container: HTMLElement | null, index: number): HTMLElement | null {
  return container?.querySelector<HTMLElement>(`.transcript-row[data-index="${index}"]`) ?? null;
}

export function TranscriptPanel({
  episode,
  transcript,
  follower,
  toolbar,
  notice,
}: TranscriptPanelProps) {
  const { t } = useI18n();
  const runtime: PlayerRuntime = usePlayerRuntime();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [tabStop] = useState(() => createIndexStore(0));
  const speakersById = useMemo(
    () => new Map<string, Speaker>(episode.speakers.map((speaker) => [speaker.id, speaker])),
    [episode.speakers],
  );
  const cues = transcript.cues;

  const scrollToLine = useCallback((index: number, behavior: ScrollBehavior) => {
    const container = scrollRef.current;
    const row = lineElement(container, index);
    if (!container || !row) return;
    // Put the line a quarter of the way down, so what comes next is in view.
    const top = row.offsetTop - container.clientHeight / 4;
    container.scrollTo({ top: Math.max(0, top), behavior });
  }, []);

  const lineVisibility = useCallback((index: number) => {
    const container = scrollRef.current;
    const row = lineElement(container, index);
    if (!container || !row) return 'below' as const;
    const top = row.offsetTop - container.scrollTop;
    const bottom = top + row.offsetHeight;
    if (bottom <= 0) return 'above' as const;
    if (top >= container.clientHeight) return 'below' as const;
    if (top < 0 || bottom > container.clientHeight - EDGE_MARGIN_PX) return 'leaving' as const;
    return 'inside' as const;
  }, []);

  const visibleRange = useCallback((): [number, number] | null => {
    const container = scrollRef.current;
    if (!container) return null;
    const rows = container.querySelectorAll<HTMLElement>('.transcript-row');
    let first = -1;
    let last = -1;
    const viewTop = container.scrollTop;
    const viewBottom = viewTop + container.clientHeight;
    for (const row of rows) {
      const top = row.offsetTop;
      const bottom = top + row.offsetHeight;
      if (bottom > viewTop && top < viewBottom) {
        const index = Number(row.dataset.index);
        if (first < 0) first = index;
        last = index;
      }
    }
    return first < 0 ? null : [first, last];
  }, []);

  const media = runtime.store.getMedia();
  const follow = useFollowMode({
    scrollRef,
    follower,
    scrollToLine,
    lineVisibility,
    visibleRange,
    media: runtime.clock?.media ?? media,
  });

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
    (index: number) => {
      const cue = cues[index];
      if (!cue) return;
      tabStop.set(index);
      seek(cue.startTime);
    },
    [cues, seek, tabStop],
  );

  const onKeyNavigate = useCallback(
    (index: number, event: KeyboardEvent<HTMLElement>) => {
      const moves: Record<string, number> = {
        ArrowDown: index + 1,
        ArrowUp: index - 1,
        PageDown: index + 10,
        PageUp: index - 10,
        Home: 0,
        End: cues.length - 1,
      };
      const target = moves[event.key];
      if (target === undefined) return;
      event.preventDefault();
      const next = Math.max(0, Math.min(cues.length - 1, target));
      tabStop.set(next);
      const row = lineElement(scrollRef.current, next);
      row?.querySelector<HTMLElement>('[data-cue-id]')?.focus({ preventScroll: false });
    },
    [cues.length, tabStop],
  );

  return (
    <section className="transcript" aria-label="Transcript">
      <header className="transcript__header">
        <h2 className="transcript__title">{t.transcriptHeading}</h2>
        {toolbar}
      </header>
      {notice}
      <div className="transcript__scroll" ref={scrollRef}>
        {cues.map((cue, index) => (
          <TranscriptLine
            key={cue.id || `line-${index}`}
            episodeId={episode.id}
            cue={cue}
            index={index}
            lang={transcript.lang}
            speaker={cue.speakerId ? speakersById.get(cue.speakerId) : undefined}
            startsTurn={transcript.turnStarts[index] ?? false}
            follower={follower}
            tabStop={tabStop}
            onActivate={onActivate}
            onKeyNavigate={onKeyNavigate}
          />
        ))}
      </div>
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
