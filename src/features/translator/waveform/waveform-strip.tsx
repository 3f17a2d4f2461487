/**
 * The timing waveform under the workspace video (Contract 5): the episode's precomputed peaks on
 * a canvas, the cues as regions in their speaker's colour, the playhead and the current row, with
 * scroll (native horizontal scrolling) and zoom from one second to the whole episode. In the
 * source language each cue's start and end are sliders ("Start of <id>", "End of <id>") that the
 * mouse drags and the arrow keys step, with the same snapping; elsewhere they are read-only.
 *
 * Our own canvas rather than peaks.js or wavesurfer.js: the data is already peaks per 10 ms, the
 * strip needs only one zoomable view, and the whole of this file is smaller than either library
 * gzipped (see README). Loaded lazily, only by the workspace.
 */
import {
  Fragment,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { edgeRange, edgeTarget, type CueEdge, type EdgeRules } from '../../../core/cue-edges.ts';
import type { Speaker } from '../../../core/episode-model.ts';
import { peaksForColumns, type Waveform } from '../../../core/waveform.ts';
import type { ParsedCue } from '../../../core/vtt-parse.ts';
import { markNextFrame, MARKS } from '../../../data/performance-marks.ts';
import { usePlayerRuntime } from '../../shared/player-runtime.tsx';
import { useTranslatorText } from '../translator-messages.ts';
import './waveform.css';

export interface WaveformStripProps {
  readonly waveform: Waveform | null;
  /** Why there is no waveform to draw (the cues and sliders still work), or null. */
  readonly waveformNote: string | null;
  /** Seconds the strip covers. */
  readonly duration: number;
  readonly cues: readonly ParsedCue[];
  readonly speakers: readonly Speaker[];
  /** Edges can be moved (the source language, unlocked). */
  readonly editable: boolean;
  /** The row being worked on (marked), or null. */
  readonly currentIndex: number | null;
  /** Gap and speech; `snapDistance` is set here from the zoom. */
  readonly rules: EdgeRules;
  readonly snapping: boolean;
  onSnappingChange(snapping: boolean): void;
  /** The snap distance that follows the zoom, in seconds. */
  onSnapDistanceChange(seconds: number): void;
  onMoveEdge(index: number, edge: CueEdge, time: number, snap: boolean): void;
  onStepEdge(index: number, edge: CueEdge, delta: number, snap: boolean): void;
  onSelectRow(index: number): void;
  /** The stretch selected for re-aligning (drawn), or null. */
  readonly region?: { readonly startTime: number; readonly endTime: number } | null;
  /** Dragging across the strip selects a stretch (the source language only). */
  onSelectRegion?(startTime: number, endTime: number): void;
}

/** A press that moves this many pixels is a drag that selects a region, not a click. */
const REGION_DRAG_PIXELS = 4;

interface RegionDrag {
  readonly pointerId: number;
  readonly startX: number;
  readonly startTime: number;
  readonly time: number;
  readonly moved: boolean;
}

/** Seconds on screen at each zoom step, from one second up (the whole episode is the last step). */
const SPANS = [1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
const DEFAULT_SPAN = 20;
/** An edge snaps within this many pixels of an onset, whatever the zoom. */
const SNAP_PIXELS = 10;
const KEY_STEP = 0.1;
const PAGE_STEP = 1;
/** Cues this far outside the view are drawn too, so a drag or Tab reaches the next one. */
const OVERSCAN = 0.5;

const formatTime = (seconds: number): string => {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds - minutes * 60;
  return `${minutes}:${rest.toFixed(3).padStart(6, '0')}`;
};

interface Drag {
  readonly index: number;
  readonly edge: CueEdge;
  readonly pointerId: number;
  /** Where the edge would land now (snapped and in range), shown until the pointer lets go. */
  readonly time: number;
  readonly snap: boolean;
  readonly rawTime: number;
  /** The edge's time less the pointer's when grabbed (a handle is several pixels wide). */
  readonly grabOffset: number;
}

export default function WaveformStrip(props: WaveformStripProps) {
  const t = useTranslatorText();
  const runtime = usePlayerRuntime();
  const { duration, cues, rules, onSnapDistanceChange } = props;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [scrollLeft, setScrollLeft] = useState(0);
  const spans = useMemo(() => [...SPANS.filter((span) => span < duration), duration], [duration]);
  const [span, setSpan] = useState(() => Math.min(DEFAULT_SPAN, duration));
  const [drag, setDrag] = useState<Drag | null>(null);
  const pxPerSecond = width > 0 ? width / span : 0;
  const snapDistance = pxPerSecond > 0 ? SNAP_PIXELS / pxPerSecond : 0;

  useEffect(() => onSnapDistanceChange(snapDistance), [snapDistance, onSnapDistanceChange]);

  useLayoutEffect(() => {
    const scroller = scrollerRef.current;
    if (!scroller) return;
    const measure = (): void => setWidth(scroller.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, []);

  // Zooming keeps the middle of the view where it was.
  const zoomTo = useCallback(
    (next: number) => {
      const scroller = scrollerRef.current;
      if (!scroller || width === 0) return setSpan(next);
      const middle = (scroller.scrollLeft + width / 2) / (width / span);
      setSpan(next);
      requestAnimationFrame(() => {
        scroller.scrollLeft = middle * (width / next) - width / 2;
      });
    },
    [span, width],
  );
  const spanIndex = spans.findIndex((candidate) => candidate >= span - 1e-9);

  // The peaks of what is on screen; the first drawing is marked for `npm run bench`.
  const drawnRef = useRef(false);
  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    const height = canvas.clientHeight;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const context = canvas.getContext('2d');
    if (!context) return;
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.clearRect(0, 0, width, height);
    if (!props.waveform) return;
    const from = scrollLeft / pxPerSecond;
    const columns = Math.max(1, Math.round(width));
    const peaks = peaksForColumns(props.waveform, from, from + width / pxPerSecond, columns);
    const middle = height / 2;
    // Speech reads better louder: peaks are drawn with a square-root scale.
    const scale = (value: number): number =>
      Math.sign(value) * Math.sqrt(Math.abs(value) / 127) * middle;
    context.fillStyle = getComputedStyle(canvas).color;
    for (let column = 0; column < columns; column++) {
      const top = middle - scale(peaks.max[column]!);
      const bottom = middle - scale(peaks.min[column]!);
      context.fillRect(column, top, 1, Math.max(1, bottom - top));
    }
    if (!drawnRef.current) {
      drawnRef.current = true;
      markNextFrame(MARKS.waveformDrawn, { columns });
    }
  }, [props.waveform, scrollLeft, pxPerSecond, width]);

  const draggingRef = useRef(false);
  useLayoutEffect(() => {
    draggingRef.current = drag !== null;
  });

  // The playhead follows the media every frame while it plays (never through React state).
  useEffect(() => {
    let frame: number | null = null;
    const place = (): void => {
      const media = runtime.store.getMedia();
      const playhead = playheadRef.current;
      const scroller = scrollerRef.current;
      if (!media || !playhead || !scroller || pxPerSecond === 0) return;
      const x = media.currentTime * pxPerSecond;
      playhead.style.transform = `translateX(${x}px)`;
      // Playing past the right edge turns the page, unless an edge is being dragged.
      if (
        !media.paused &&
        !draggingRef.current &&
        (x > scroller.scrollLeft + width || x < scroller.scrollLeft)
      ) {
        scroller.scrollLeft = x - width * 0.1;
      }
    };
    const loop = (): void => {
      place();
      frame = requestAnimationFrame(loop);
    };
    const update = (): void => {
      const playing = !runtime.store.getState().paused;
      if (playing && frame === null) loop();
      else if (!playing && frame !== null) {
        cancelAnimationFrame(frame);
        frame = null;
      }
      place();
    };
    update();
    const unsubscribe = runtime.store.subscribe(update);
    return () => {
      unsubscribe();
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [runtime, pxPerSecond, width]);

  // The current row comes into view when it changes.
  const current = props.currentIndex !== null ? cues[props.currentIndex] : undefined;
  useEffect(() => {
    const scroller = scrollerRef.current;
    if (!current || !scroller || pxPerSecond === 0) return;
    const left = current.startTime * pxPerSecond;
    const right = current.endTime * pxPerSecond;
    if (left < scroller.scrollLeft || right > scroller.scrollLeft + width) {
      scroller.scrollLeft = Math.max(0, (left + right) / 2 - width / 2);
    }
  }, [current, pxPerSecond, width]);

  const timeAt = (clientX: number): number => {
    const scroller = scrollerRef.current!;
    const box = scroller.getBoundingClientRect();
    return Math.max(
      0,
      Math.min(duration, (clientX - box.left + scroller.scrollLeft) / pxPerSecond),
    );
  };

  const liveRules = useMemo(() => ({ ...rules, snapDistance }), [rules, snapDistance]);
  const landing = (index: number, edge: CueEdge, time: number, snap: boolean): number =>
    edgeTarget(cues, index, edge, time, snap ? liveRules : { ...liveRules, snapDistance: 0 });

  const startDrag = (event: PointerEvent<HTMLElement>, index: number, edge: CueEdge): void => {
    if (!props.editable || event.button !== 0) return;
    event.preventDefault();
    event.stopPropagation();
    event.currentTarget.setPointerCapture?.(event.pointerId);
    // Focusing must not scroll the strip under the pointer.
    event.currentTarget.focus({ preventScroll: true });
    const snap = props.snapping && !event.altKey;
    const time = edge === 'start' ? cues[index]!.startTime : cues[index]!.endTime;
    // The edge keeps its distance from the pointer (a handle is several pixels wide).
    const grabOffset = time - timeAt(event.clientX);
    setDrag({ index, edge, pointerId: event.pointerId, rawTime: time, snap, time, grabOffset });
  };
  const moveDrag = (event: PointerEvent<HTMLElement>): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    const snap = props.snapping && !event.altKey;
    const rawTime = timeAt(event.clientX) + drag.grabOffset;
    setDrag({ ...drag, rawTime, snap, time: landing(drag.index, drag.edge, rawTime, snap) });
  };
  const endDrag = (event: PointerEvent<HTMLElement>): void => {
    if (!drag || event.pointerId !== drag.pointerId) return;
    setDrag(null);
    if (event.type === 'pointerup')
      props.onMoveEdge(drag.index, drag.edge, drag.rawTime, drag.snap);
  };

  const onSliderKey = (event: KeyboardEvent<HTMLElement>, index: number, edge: CueEdge): void => {
    if (!props.editable || event.ctrlKey || event.metaKey) return;
    const snap = props.snapping && !event.altKey;
    const cue = cues[index]!;
    const value = edge === 'start' ? cue.startTime : cue.endTime;
    let delta: number | null = null;
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowDown':
        delta = -KEY_STEP;
        break;
      case 'ArrowRight':
      case 'ArrowUp':
        delta = KEY_STEP;
        break;
      case 'PageDown':
        delta = -PAGE_STEP;
        break;
      case 'PageUp':
        delta = PAGE_STEP;
        break;
      case 'Home':
      case 'End': {
        event.preventDefault();
        const range = edgeRange(cues, index, edge, rules.minGap);
        props.onMoveEdge(
          index,
          edge,
          event.key === 'Home' ? range.min : Math.min(range.max, duration),
          false,
        );
        return;
      }
    }
    if (delta === null || value === undefined) return;
    event.preventDefault();
    props.onStepEdge(index, edge, delta, snap);
  };

  const [regionDrag, setRegionDrag] = useState<RegionDrag | null>(null);
  const seekFromTrack = (event: PointerEvent<HTMLDivElement>): void => {
    if (event.button !== 0 || pxPerSecond === 0) return;
    const time = timeAt(event.clientX);
    runtime.seek(time);
    if (!props.onSelectRegion) return;
    event.currentTarget.setPointerCapture?.(event.pointerId);
    setRegionDrag({
      pointerId: event.pointerId,
      startX: event.clientX,
      startTime: time,
      time,
      moved: false,
    });
  };
  const moveRegion = (event: PointerEvent<HTMLDivElement>): void => {
    if (!regionDrag || event.pointerId !== regionDrag.pointerId) return;
    const moved =
      regionDrag.moved || Math.abs(event.clientX - regionDrag.startX) >= REGION_DRAG_PIXELS;
    setRegionDrag({ ...regionDrag, moved, time: timeAt(event.clientX) });
  };
  const endRegion = (event: PointerEvent<HTMLDivElement>): void => {
    if (!regionDrag || event.pointerId !== regionDrag.pointerId) return;
    setRegionDrag(null);
    if (event.type !== 'pointerup' || !regionDrag.moved) return;
    const end = timeAt(event.clientX);
    props.onSelectRegion?.(
      Math.min(regionDrag.startTime, end),
      Math.max(regionDrag.startTime, end),
    );
  };
  const shownRegion = regionDrag?.moved
    ? {
        startTime: Math.min(regionDrag.startTime, regionDrag.time),
        endTime: Math.max(regionDrag.startTime, regionDrag.time),
      }
    : (props.region ?? null);

  const colours = useMemo(
    () => new Map(props.speakers.map((speaker) => [speaker.id, speaker.color ?? '#777777'])),
    [props.speakers],
  );
  const names = useMemo(
    () => new Map(props.speakers.map((speaker) => [speaker.id, speaker.name])),
    [props.speakers],
  );

  const viewFrom = scrollLeft / (pxPerSecond || 1) - span * OVERSCAN;
  const viewTo = (scrollLeft + width) / (pxPerSecond || 1) + span * OVERSCAN;
  const visible: number[] = [];
  if (pxPerSecond > 0) {
    cues.forEach((cue, index) => {
      if (cue.endTime >= viewFrom && cue.startTime <= viewTo) visible.push(index);
    });
  }

  const tabbableIndex =
    props.currentIndex !== null && visible.includes(props.currentIndex)
      ? props.currentIndex
      : (visible[0] ?? -1);
  const edgeHandle = (cue: ParsedCue, index: number, edge: CueEdge) => {
    const dragging = drag?.index === index && drag.edge === edge;
    const value = dragging ? drag.time : edge === 'start' ? cue.startTime : cue.endTime;
    const range = edgeRange(cues, index, edge, rules.minGap);
    const label = edge === 'start' ? t.waveformStartOf(cue.id) : t.waveformEndOf(cue.id);
    return (
      <div
        key={edge}
        role="slider"
        // One row's edges in the tab order (the current row's, else the first shown): with every
        // visible cue's two sliders in it, Tab would need dozens of presses to reach the rows.
        tabIndex={index === tabbableIndex ? 0 : -1}
        aria-label={label}
        aria-valuenow={value}
        aria-valuemin={range.min}
        aria-valuemax={Math.min(range.max, Math.max(duration, value))}
        aria-valuetext={formatTime(value)}
        aria-readonly={props.editable ? undefined : true}
        aria-orientation="horizontal"
        data-edge={edge}
        data-cue-index={index}
        className={`t-wave__edge t-wave__edge--${edge}${dragging ? ' t-wave__edge--dragging' : ''}`}
        style={{ left: value * pxPerSecond }}
        onPointerDown={(event) => startDrag(event, index, edge)}
        onPointerMove={moveDrag}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onKeyDown={(event) => onSliderKey(event, index, edge)}
      />
    );
  };

  return (
    <div className="t-wave">
      <div className="t-wave__tools">
        <button
          type="button"
          onClick={() => zoomTo(spans[Math.max(0, spanIndex - 1)]!)}
          disabled={spanIndex <= 0}
        >
          {t.waveformZoomIn}
        </button>
        <button
          type="button"
          onClick={() => zoomTo(spans[Math.min(spans.length - 1, spanIndex + 1)]!)}
          disabled={spanIndex >= spans.length - 1}
        >
          {t.waveformZoomOut}
        </button>
        <span className="t-wave__span" aria-live="polite">
          {t.waveformSpan(span)}
        </span>
        {props.editable && (
          <label className="t-wave__snap">
            <input
              type="checkbox"
              checked={props.snapping}
              onChange={(event) => props.onSnappingChange(event.target.checked)}
            />{' '}
            {t.waveformSnap}
          </label>
        )}
      </div>
      {props.waveformNote && <p className="t-wave__note">{props.waveformNote}</p>}
      <div
        ref={scrollerRef}
        className="t-wave__scroller"
        onScroll={(event) => setScrollLeft(event.currentTarget.scrollLeft)}
        onWheel={(event) => {
          if (!event.ctrlKey) return;
          event.preventDefault();
          zoomTo(
            spans[
              Math.max(0, Math.min(spans.length - 1, spanIndex + (event.deltaY > 0 ? 1 : -1)))
            ]!,
          );
        }}
      >
        <div
          className="t-wave__track"
          style={{ width: Math.max(width, duration * pxPerSecond) }}
          onPointerDown={seekFromTrack}
          onPointerMove={moveRegion}
          onPointerUp={endRegion}
          onPointerCancel={endRegion}
        >
          <canvas
            ref={canvasRef}
            className="t-wave__canvas"
            style={{ left: scrollLeft, width }}
            aria-hidden="true"
          />
          {visible.map((index) => {
            const cue = cues[index]!;
            const dragging = drag?.index === index ? drag : null;
            const start = dragging?.edge === 'start' ? dragging.time : cue.startTime;
            const end = dragging?.edge === 'end' ? dragging.time : cue.endTime;
            const speaker = cue.speakerId ?? '';
            return (
              <Fragment key={`${index}:${cue.id}`}>
                <div
                  className={`t-wave__cue${index === props.currentIndex ? ' t-wave__cue--current' : ''}`}
                  data-wave-cue={cue.id}
                  style={{
                    left: start * pxPerSecond,
                    width: Math.max(1, (end - start) * pxPerSecond),
                    ['--speaker' as string]: colours.get(speaker) ?? '#777777',
                  }}
                  onPointerDown={(event) => {
                    if (event.button === 0) props.onSelectRow(index);
                  }}
                >
                  <span className="t-wave__label" aria-hidden="true">
                    {cue.id} {names.get(speaker) ?? ''}
                  </span>
                </div>
                {edgeHandle(cue, index, 'start')}
                {edgeHandle(cue, index, 'end')}
              </Fragment>
            );
          })}
          {shownRegion && pxPerSecond > 0 && (
            <div
              className="t-wave__region"
              aria-hidden="true"
              style={{
                left: shownRegion.startTime * pxPerSecond,
                width: Math.max(1, (shownRegion.endTime - shownRegion.startTime) * pxPerSecond),
              }}
            />
          )}
          <div ref={playheadRef} className="t-wave__playhead" aria-hidden="true" />
        </div>
      </div>
    </div>
  );
}
