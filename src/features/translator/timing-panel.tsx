/**
 * Timing in the workspace (Contract 5): the "Waveform" region under the video (the strip itself
 * loads lazily), tap to time, and the settings both share. Edges move only in the source
 * language once it is unlocked; a translation's workspace shows the source's cues read-only.
 */
import {
  lazy,
  Suspense,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DEFAULT_TAP_CORRECTION,
  correctedTapTime,
  type CueEdge,
  type EdgeRules,
} from '../../core/cue-edges.ts';
import { withoutTimestamps } from '../../core/align/word-timestamps.ts';
import type { Episode } from '../../core/episode-model.ts';
import { applyRealignedRows } from '../../core/realign-rows.ts';
import { plainText, type ParsedCue } from '../../core/vtt-parse.ts';
import { realignRows, type SaveMode } from '../../data/translation-api.ts';
import { waveformDuration } from '../../core/waveform.ts';
import { waveformQueryOptions } from '../../data/waveform-queries.ts';
import { usePlayerRuntime } from '../shared/player-runtime.tsx';
import type { RowFocus } from './row-focus.ts';
import type { RowSelection, StretchSelection } from './row-selection.ts';
import { CONTRACT_NAMES, useTranslatorText } from './translator-messages.ts';
import { useWordRetiming } from './use-word-retiming.ts';
import type { EdgesMovedListener, RowActions } from './use-workspace-session.ts';

const loadWaveformStrip = () => import('./waveform/waveform-strip.tsx');
const WaveformStrip = lazy(loadWaveformStrip);

/**
 * Start fetching the waveform and the strip's code while the workspace's cue files load, not
 * after (they are independent): the panel then finds both ready or on their way.
 */
export function usePrefetchTiming(episode: Episode): void {
  const queryClient = useQueryClient();
  const path = episode.media.waveform;
  useEffect(() => {
    if (!path) return;
    void queryClient.prefetchQuery(waveformQueryOptions(episode.id, path));
    void loadWaveformStrip();
  }, [queryClient, episode.id, path]);
}

/** Playback speeds offered while tapping. */
const TAP_SPEEDS = [1, 0.75, 0.5];

export interface TimingSettings {
  /** Edge rules for the session (null in a translation: plain nudges). */
  readonly current: EdgeRules | null;
}

interface TimingPanelProps {
  readonly episode: Episode;
  /** The cues the waveform shows: the file being edited, or the source's in a translation. */
  readonly cues: readonly ParsedCue[];
  readonly isSource: boolean;
  /** Edges may move now (the source, unlocked, nothing else holding the rows). */
  readonly editable: boolean;
  /** The id of the row that last had focus, or null. */
  readonly currentId: string | null;
  readonly actions: RowActions;
  readonly focus: RowFocus;
  /** Filled in here for the session to read (see `useWorkspaceSession`). */
  readonly settingsRef: { current: EdgeRules | null };
  /** The rows (or waveform region) selected for re-aligning. */
  readonly selection: RowSelection;
  /** Whether the project's server answers (re-aligning runs there). */
  readonly mode: SaveMode;
  /** Filled in here: the session tells it which rows' edges moved (their words are re-timed). */
  readonly edgesMovedRef: { current: EdgesMovedListener | null };
}

/** Room searched around the rows' own times for their speech (s), up to the neighbours' edges. */
const REALIGN_MARGIN = 1.5;

const transcriptRow = (index: number) => ({ kind: 'transcript' as const, index });

export function TimingPanel(props: TimingPanelProps) {
  const t = useTranslatorText();
  const { episode, actions, settingsRef, edgesMovedRef } = props;
  const path = episode.media.waveform;
  const currentIndex = useMemo(() => {
    const index = props.cues.findIndex((cue) => cue.id === props.currentId);
    return index < 0 ? null : index;
  }, [props.cues, props.currentId]);
  const query = useQuery({ ...waveformQueryOptions(episode.id, path ?? ''), enabled: !!path });
  const waveform = query.data ?? null;
  const [snapping, setSnapping] = useState(true);
  const [snapDistance, setSnapDistance] = useState(0.1);
  const minGap = 2 / (episode.media.frameRate ?? 25);
  const speech = waveform?.speech ?? null;
  const sessionRules: EdgeRules | null = props.isSource
    ? { minGap, speech, snapDistance: snapping ? snapDistance : 0 }
    : null;
  // The session reads the rules at each action: always the latest zoom and setting.
  useLayoutEffect(() => {
    settingsRef.current = sessionRules;
  });

  const lastCue = props.cues[props.cues.length - 1];
  const duration =
    episode.media.duration ??
    (waveform ? waveformDuration(waveform) : Math.max(10, (lastCue?.endTime ?? 0) + 5));
  const note = !path
    ? t.waveformMissing
    : query.error
      ? t.waveformFailed(query.error.message)
      : !props.isSource
        ? t.waveformReadOnly
        : !props.editable
          ? t.waveformLocked
          : null;

  const rules = sessionRules ?? { minGap, speech, snapDistance: 0 };
  const stretch = useSyncExternalStore(props.selection.subscribe, props.selection.get);
  const realign = useRealign({
    episodeId: episode.id,
    cues: props.cues,
    stretch,
    currentIndex,
    duration,
    minGap,
    replace: actions.replace,
  });
  const realignNote =
    props.mode !== 'api'
      ? t.realignNeedsServer
      : !props.isSource
        ? null
        : !props.editable
          ? t.realignLocked
          : null;
  const [regionEmpty, setRegionEmpty] = useState(false);
  const selectRegion = (startTime: number, endTime: number): void => {
    const from = props.cues.findIndex((cue) => cue.endTime > startTime);
    let to = -1;
    props.cues.forEach((cue, index) => {
      if (cue.startTime < endTime) to = index;
    });
    props.selection.selectRegion(
      { startTime, endTime },
      from >= 0 && to >= from ? { from, to } : null,
    );
    setRegionEmpty(from < 0 || to < from);
  };

  const tap = useTapToTime({
    cues: props.cues,
    editable: props.editable,
    startIndex: currentIndex ?? 0,
    speech,
    onTap: (index, time) => actions.tapStart(transcriptRow(index), time),
  });
  const retiming = useWordRetiming({
    enabled: props.mode === 'api' && props.isSource,
    paused: tap.on,
    episodeId: episode.id,
    cues: props.cues,
    amend: actions.amend,
  });
  const scheduleRetiming = retiming.schedule;
  useLayoutEffect(() => {
    edgesMovedRef.current = scheduleRetiming;
    return () => {
      edgesMovedRef.current = null;
    };
  }, [edgesMovedRef, scheduleRetiming]);

  return (
    <section className="t-timing-panel" aria-labelledby="t-timing-heading">
      <details open className="t-timing-panel__details">
        <summary id="t-timing-heading" className="t-panel__title">
          {t.waveformHeading}
        </summary>
        <div role="region" aria-label={CONTRACT_NAMES.waveform}>
          <Suspense fallback={<p className="t-wave__note">…</p>}>
            <WaveformStrip
              waveform={waveform}
              waveformNote={note}
              duration={duration}
              cues={props.cues}
              speakers={episode.speakers}
              editable={props.editable}
              currentIndex={currentIndex}
              rules={rules}
              snapping={snapping}
              onSnappingChange={setSnapping}
              onSnapDistanceChange={setSnapDistance}
              onMoveEdge={(index: number, edge: CueEdge, time: number, snap: boolean) =>
                actions.moveEdge(transcriptRow(index), edge, time, { snap })
              }
              onStepEdge={(index: number, edge: CueEdge, delta: number, snap: boolean) =>
                actions.nudge(transcriptRow(index), edge, delta, { snap })
              }
              onSelectRow={(index: number) =>
                props.focus.request({ ref: transcriptRow(index), target: 'text' })
              }
              region={stretch?.region ?? null}
              onSelectRegion={props.isSource ? selectRegion : undefined}
            />
          </Suspense>
        </div>
        {props.isSource && (
          <div className="t-timing-panel__realign" data-retiming={retiming.busy ? 'busy' : 'idle'}>
            <button
              type="button"
              disabled={
                props.mode !== 'api' ||
                !props.editable ||
                realign.running ||
                (stretch === null && currentIndex === null && props.cues.length === 0)
              }
              aria-describedby="t-realign-hint"
              onClick={realign.run}
            >
              {CONTRACT_NAMES.realign}
            </button>
            <p className="t-timing-panel__hint" id="t-realign-hint">
              {realignNote ?? t.realignHint}
            </p>
            <p className="t-timing-panel__status" role="status">
              {stretch === null
                ? regionEmpty
                  ? t.realignNothing
                  : ''
                : `${
                    stretch.region
                      ? t.realignRegion(
                          stretch.region.startTime.toFixed(1),
                          stretch.region.endTime.toFixed(1),
                        ) + ' '
                      : ''
                  }${t.realignSelection(
                    props.cues[stretch.from]?.id ?? '',
                    props.cues[stretch.to]?.id ?? '',
                    stretch.to - stretch.from + 1,
                  )}`}{' '}
              {realign.status.kind === 'running'
                ? t.realignRunning(realign.status.rows)
                : realign.status.kind === 'done'
                  ? t.realignDone(realign.status.rows, realign.status.seconds)
                  : realign.status.kind === 'failed'
                    ? t.realignFailed(realign.status.message)
                    : ''}{' '}
              {retiming.status.kind === 'done'
                ? t.wordsRetimed(retiming.status.id)
                : retiming.status.kind === 'failed'
                  ? t.wordsRetimingFailed(retiming.status.id, retiming.status.message)
                  : ''}
            </p>
          </div>
        )}
        <div className="t-timing-panel__tap">
          <button
            type="button"
            aria-pressed={tap.on}
            disabled={!props.editable && !tap.on}
            onClick={tap.toggle}
          >
            {CONTRACT_NAMES.tapToTime}
          </button>
          <label>
            {t.tapSpeed}{' '}
            <select
              value={tap.speed}
              onChange={(event) => tap.setSpeed(Number(event.target.value))}
            >
              {TAP_SPEEDS.map((speed) => (
                <option key={speed} value={speed}>
                  {speed}×
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.tapDelay}{' '}
            <input
              type="number"
              min={0}
              max={1000}
              step={10}
              value={tap.delayMs}
              onChange={(event) => tap.setDelayMs(Number(event.target.value))}
              className="t-timing-panel__delay"
            />
          </label>
          {tap.on && (
            <p className="t-timing-panel__hint" role="status">
              {tap.next !== null ? t.tapHint(props.cues[tap.next]?.id ?? '') : t.tapDone}
            </p>
          )}
        </div>
      </details>
    </section>
  );
}

interface RealignOptions {
  readonly episodeId: string;
  readonly cues: readonly ParsedCue[];
  readonly stretch: StretchSelection | null;
  readonly currentIndex: number | null;
  readonly duration: number;
  readonly minGap: number;
  readonly replace: RowActions['replace'];
}

type RealignStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly rows: string }
  | { readonly kind: 'done'; readonly rows: string; readonly seconds: string }
  | { readonly kind: 'failed'; readonly message: string };

/** The rows' plain text, as the aligner reads it (no markup, no timestamp tags). */
const alignedText = (cue: ParsedCue): string => plainText(withoutTimestamps(cue.segments));

/**
 * Re-align selected rows: the selection (or the current row) and its stretch (the waveform region,
 * else the rows' span widened up to the neighbours' edges) go to the server; its word times come
 * back into the file as one undo step (rows typed in meanwhile are left alone).
 */
function useRealign(options: RealignOptions) {
  const [status, setStatus] = useState<RealignStatus>({ kind: 'idle' });
  const latest = useRef(options);
  useLayoutEffect(() => {
    latest.current = options;
  });
  const run = async (): Promise<void> => {
    const { cues, stretch, currentIndex, duration, minGap, episodeId } = latest.current;
    const from = stretch?.from ?? currentIndex ?? 0;
    const to = stretch?.to ?? currentIndex ?? 0;
    const first = cues[from];
    const last = cues[to];
    if (!first || !last) return;
    const previous = cues[from - 1];
    const next = cues[to + 1];
    const window = stretch?.region ?? {
      startTime: Math.max(previous?.endTime ?? 0, first.startTime - REALIGN_MARGIN, 0),
      endTime: Math.min(next?.startTime ?? duration, last.endTime + REALIGN_MARGIN, duration),
    };
    const rows = cues.slice(from, to + 1).map((cue) => ({ id: cue.id, text: alignedText(cue) }));
    const label = from === to ? first.id : `${first.id}–${last.id}`;
    setStatus({ kind: 'running', rows: label });
    try {
      const result = await realignRows(episodeId, {
        startTime: Math.round(window.startTime * 1000) / 1000,
        endTime: Math.round(window.endTime * 1000) / 1000,
        rows,
      });
      const sent = new Map(rows.map((row) => [row.id, row.text]));
      latest.current.replace('transcript', (document) => {
        const unchanged = result.rows.filter((row) => {
          const cue = document.cues.find((candidate) => candidate.id === row.id);
          return cue !== undefined && alignedText(cue) === sent.get(row.id);
        });
        return applyRealignedRows(document, unchanged, minGap);
      });
      setStatus({ kind: 'done', rows: label, seconds: (result.elapsedMs / 1000).toFixed(1) });
    } catch (error) {
      setStatus({ kind: 'failed', message: (error as Error).message });
    }
  };
  return { status, running: status.kind === 'running', run: () => void run() };
}

interface TapOptions {
  readonly cues: readonly ParsedCue[];
  readonly editable: boolean;
  /** The row the first tap sets (the one that last had focus). */
  readonly startIndex: number;
  readonly speech: EdgeRules['speech'];
  onTap(index: number, time: number): void;
}

/**
 * Tap to time: while on, the video plays at the chosen speed and each ↓ anywhere in the page sets
 * the next row's start to the moment of the press, less the reaction delay (in media time: at
 * half speed a 200 ms reaction is 100 ms of media), snapped to the nearest speech onset.
 */
function useTapToTime(options: TapOptions) {
  const runtime = usePlayerRuntime();
  const [switchedOn, setOn] = useState(false);
  // Locking the source (or anything else that makes rows read-only) ends tapping.
  const on = switchedOn && options.editable;
  const [next, setNext] = useState<number | null>(null);
  const [speed, setSpeed] = useState(1);
  const [delayMs, setDelayMs] = useState(Math.round(DEFAULT_TAP_CORRECTION.delay * 1000));
  const latest = useRef({ options, next, speed, delayMs });
  useLayoutEffect(() => {
    latest.current = { options, next, speed, delayMs };
  });
  const rateBefore = useRef(1);

  useEffect(() => {
    if (!on) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.key !== 'ArrowDown' || event.altKey || event.ctrlKey || event.metaKey) return;
      if (event.isComposing) return;
      const media = runtime.store.getMedia();
      const { options: current, next: index, delayMs: delay } = latest.current;
      if (!media || index === null) return;
      event.preventDefault();
      event.stopPropagation();
      // The press happened a little before this handler ran.
      const handlerLag = Math.max(0, performance.now() - event.timeStamp) / 1000;
      const pressTime = media.currentTime - handlerLag * media.playbackRate;
      const time = correctedTapTime(
        pressTime,
        {
          delay: (delay / 1000) * media.playbackRate,
          snapDistance: DEFAULT_TAP_CORRECTION.snapDistance,
        },
        current.speech,
      );
      current.onTap(index, time);
      setNext(index + 1 < current.cues.length ? index + 1 : null);
    };
    // Capture: ↓ taps even where a text box or slider would use it.
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [on, runtime]);

  useEffect(() => {
    const media = runtime.store.getMedia();
    if (on && media) media.playbackRate = speed;
  }, [on, speed, runtime]);

  const toggle = (): void => {
    const media = runtime.store.getMedia();
    if (on) {
      setOn(false);
      setNext(null);
      if (media) {
        media.pause();
        media.playbackRate = rateBefore.current;
      }
      return;
    }
    if (!options.editable) return;
    setOn(true);
    setNext(Math.min(options.startIndex, Math.max(0, options.cues.length - 1)));
    if (media) {
      rateBefore.current = media.playbackRate;
      media.playbackRate = latest.current.speed;
      void runtime.store.play();
    }
  };

  return { on, next, speed, setSpeed, delayMs, setDelayMs, toggle };
}
