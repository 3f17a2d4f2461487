/**
 * One transcript row: the turn header when a speaker's turn starts, the line (a button that
 * seeks), and its "copy link" action. The line subscribes to its own "am I current", "am I the
 * tab stop" and "do I hold the active search match", so a change re-renders the rows involved,
 * not the list.
 */
import {
  memo,
  useCallback,
  useLayoutEffect,
  useMemo,
  useRef,
  useSyncExternalStore,
  type KeyboardEvent,
} from 'react';
import { cueWords } from '../../core/cue-words.ts';
import type { Speaker } from '../../core/episode-model.ts';
import { directionOf } from '../../core/language.ts';
import { formatClock } from '../../core/time-format.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { CueText, type TextRange } from './cue-text.tsx';
import { useI18n } from './i18n.tsx';
import type { IndexStore } from './item-store.ts';
import { useIsCurrentItem } from './player-runtime.tsx';
import { SpeakerPortrait } from './speaker-portrait.tsx';
import { wordStartAt } from './word-highlighter.ts';

/** One row of the transcript: a cue, and in side-by-side mode the same cue in a second language. */
export interface TranscriptRow {
  readonly index: number;
  readonly cue: ParsedCue;
  readonly lang: string;
  readonly secondary: { readonly cue: ParsedCue | undefined; readonly lang: string } | null;
  readonly speaker: Speaker | undefined;
  readonly startsTurn: boolean;
}

/** Search matches in a row, as ranges of each language's plain text. */
export interface RowHighlights {
  readonly primary: readonly TextRange[];
  readonly secondary: readonly TextRange[];
}

export interface TranscriptLineProps {
  readonly episodeId: string;
  readonly row: TranscriptRow;
  readonly follower: ClockFollower | null;
  readonly tabStop: IndexStore;
  readonly activeMatch: IndexStore;
  readonly highlights: RowHighlights | undefined;
  /** Whether a highlighted range in this row is the match the reader is on. */
  readonly isActiveMatch: (side: number, range: TextRange) => boolean;
  /** Seek to the line (or to `time`, a word of it that was clicked). */
  readonly onActivate: (index: number, time?: number) => void;
  /** Which side's timed words are rendered as elements: 0, 1 (side by side) or null for none. */
  readonly wordSide: 0 | 1 | null;
  /** Called after every render of a line whose words are shown (the highlighter re-marks it). */
  readonly onWordsRendered: (index: number) => void;
  readonly onKeyNavigate: (index: number, event: KeyboardEvent<HTMLElement>) => void;
  readonly onCopyLink: (index: number) => void;
}

function useIsSelected(store: IndexStore, index: number): boolean {
  const subscribe = useCallback(
    (listener: () => void) => store.subscribeToItem(index, listener),
    [store, index],
  );
  const selected = () => store.get() === index;
  // The stores start at the same index on the server and in the browser (the tab stop at the
  // first line, no search match): the server renders what the hydrating render sees.
  return useSyncExternalStore(subscribe, selected, selected);
}

function LineText({
  cue,
  lang,
  highlights,
  withWords,
}: {
  cue: ParsedCue | undefined;
  lang: string;
  highlights: readonly TextRange[] | undefined;
  withWords: boolean;
}) {
  const words = useMemo(() => (cue && withWords ? cueWords(cue) : undefined), [cue, withWords]);
  return (
    <span className="line__text" lang={lang} dir={directionOf(lang)}>
      {cue ? <CueText segments={cue.segments} highlights={highlights} words={words} /> : null}
    </span>
  );
}

/**
 * What a line shows. Memoized apart from the line itself: when the line becomes current only
 * its attributes change, and React leaves this subtree alone.
 */
const LineBody = memo(function LineBody({
  row,
  speakerName,
  primary,
  secondary,
  wordSide,
}: {
  row: TranscriptRow;
  speakerName: string;
  primary: readonly TextRange[] | undefined;
  secondary: readonly TextRange[] | undefined;
  wordSide: 0 | 1 | null;
}) {
  return (
    <>
      <span className="line__time" dir="ltr">
        {formatClock(row.cue.startTime)}
      </span>{' '}
      {row.startsTurn && speakerName && <span className="visually-hidden">{speakerName}: </span>}
      <LineText cue={row.cue} lang={row.lang} highlights={primary} withWords={wordSide === 0} />
      {row.secondary && (
        <LineText
          cue={row.secondary.cue}
          lang={row.secondary.lang}
          highlights={secondary}
          withWords={wordSide === 1}
        />
      )}
    </>
  );
});

const TurnHead = memo(function TurnHead({
  episodeId,
  speaker,
}: {
  episodeId: string;
  speaker: Speaker | undefined;
}) {
  return (
    <div className="turn-head" aria-hidden="true">
      <SpeakerPortrait episodeId={episodeId} speaker={speaker} size={32} />
      <span className="turn-head__name">{speaker?.name ?? ''}</span>
    </div>
  );
});

const CopyLinkButton = memo(function CopyLinkButton({
  index,
  startTime,
  onCopyLink,
  onKeyNavigate,
}: {
  index: number;
  startTime: number;
  onCopyLink: (index: number) => void;
  onKeyNavigate: (index: number, event: KeyboardEvent<HTMLElement>) => void;
}) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      tabIndex={-1}
      className="line__copy"
      onClick={() => onCopyLink(index)}
      onKeyDown={(event) => {
        if (event.key === 'ArrowLeft' || event.key === 'Escape') {
          event.preventDefault();
          onKeyNavigate(index, event);
        }
      }}
      title={t.copyLinkToLine}
      aria-label={t.copyLinkToLineAt(formatClock(startTime))}
    />
  );
});

export const TranscriptLine = memo(function TranscriptLine({
  episodeId,
  row,
  follower,
  tabStop,
  activeMatch,
  highlights,
  isActiveMatch,
  onActivate,
  wordSide,
  onWordsRendered,
  onKeyNavigate,
  onCopyLink,
}: TranscriptLineProps) {
  const { index, cue, speaker, startsTurn, secondary } = row;
  const current = useIsCurrentItem(follower, index);
  const lineRef = useRef<HTMLDivElement>(null);
  // Mark the line the moment the clock says so, in the same task, before React's render that
  // follows (which writes the same values): the highlight must not wait for a render.
  useLayoutEffect(() => {
    if (!follower) return;
    return follower.subscribeToItem(index, () => {
      const element = lineRef.current;
      if (!element) return;
      const isCurrent = follower.get().index === index;
      if (isCurrent) element.setAttribute('aria-current', 'true');
      else element.removeAttribute('aria-current');
      element.classList.toggle('line--current', isCurrent);
    });
  }, [follower, index]);
  // After every render (no dependency list): a render may have replaced the word elements.
  useLayoutEffect(() => {
    if (wordSide !== null) onWordsRendered(index);
  });
  const isTabStop = useIsSelected(tabStop, index);
  const holdsActiveMatch = useIsSelected(activeMatch, index);
  const marked = (side: number, ranges: readonly TextRange[] | undefined) =>
    holdsActiveMatch && ranges
      ? ranges.map((range) => (isActiveMatch(side, range) ? { ...range, active: true } : range))
      : ranges;
  const classes = ['line'];
  if (current) classes.push('line--current');
  if (secondary) classes.push('line--pair');
  if (highlights) classes.push('line--match');
  if (holdsActiveMatch) classes.push('line--active-match');

  return (
    <div
      className={startsTurn ? 'transcript-row transcript-row--turn' : 'transcript-row'}
      data-index={index}
    >
      {startsTurn && <TurnHead episodeId={episodeId} speaker={speaker} />}
      <div className="line-wrap">
        <div
          ref={lineRef}
          role="button"
          tabIndex={isTabStop ? 0 : -1}
          className={classes.join(' ')}
          data-cue-id={cue.id}
          // For the served page's early script (served-transcript-script.ts): a click seeks the
          // served video before the page is hydrated.
          data-start={cue.startTime}
          aria-current={current ? 'true' : undefined}
          lang={row.lang}
          dir={directionOf(row.lang)}
          // A click on a word plays from that word; Enter plays the line.
          onClick={(event) => onActivate(index, wordStartAt(event.target))}
          onKeyDown={(event) => {
            if (event.key === 'Enter' || event.key === ' ') {
              event.preventDefault();
              onActivate(index);
            } else onKeyNavigate(index, event);
          }}
        >
          <LineBody
            row={row}
            speakerName={speaker?.name ?? ''}
            primary={marked(0, highlights?.primary)}
            secondary={marked(1, highlights?.secondary)}
            wordSide={wordSide}
          />
        </div>
        <CopyLinkButton
          index={index}
          startTime={cue.startTime}
          onCopyLink={onCopyLink}
          onKeyNavigate={onKeyNavigate}
        />
      </div>
    </div>
  );
});
