/**
 * Playing one cue: from its start to its end and stop, or round and round (loop) while the
 * translator fits the text to the speech. The end is watched every frame, since `timeupdate`
 * comes only every quarter second; pausing or seeking away hands control back.
 */
import { useEffect, useMemo, useState } from 'react';
import type { Seconds } from '../../core/cue-model.ts';
import { usePlayerRuntime, type PlayerRuntime } from '../shared/player-runtime.tsx';

export interface CueSpan {
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

export interface CuePlayer {
  /** Play the cue from its start; it stops at its end (or loops). */
  play(cue: CueSpan, options?: { loop?: boolean }): void;
  /** Play it, unless this cue is playing already, in which case pause. */
  toggle(cue: CueSpan): void;
  /** Loop the cue, or stop looping it. */
  toggleLoop(cue: CueSpan): void;
  stop(): void;
  /** The id of the cue being looped, or null. */
  readonly loopingId: string | null;
}

/** A time this far before the cue's start means the translator seeked away. */
const SEEKED_AWAY = 0.3;

/** The frame loop behind the hook: plain closures, one per player runtime. */
function createCueEngine(runtime: PlayerRuntime, onLoopChange: (id: string | null) => void) {
  let active: { cue: CueSpan; loop: boolean } | null = null;
  let frame: number | null = null;

  const stopWatching = (): void => {
    if (frame !== null) cancelAnimationFrame(frame);
    frame = null;
    active = null;
    onLoopChange(null);
  };

  const tick = (): void => {
    const media = runtime.store.getMedia();
    if (!media || !active) return;
    const { cue, loop } = active;
    const time = media.currentTime;
    if (media.paused && !media.seeking) {
      // Paused by the translator: hand control back.
      return stopWatching();
    }
    if (time >= cue.endTime) {
      if (!loop) {
        media.pause();
        return stopWatching();
      }
      runtime.seek(cue.startTime, { play: true });
    } else if (!media.seeking && time < cue.startTime - SEEKED_AWAY) {
      return stopWatching();
    }
    frame = requestAnimationFrame(tick);
  };

  const play = (cue: CueSpan, options: { loop?: boolean } = {}): void => {
    if (frame !== null) cancelAnimationFrame(frame);
    active = { cue, loop: options.loop ?? false };
    onLoopChange(active.loop ? cue.id : null);
    runtime.seek(cue.startTime, { play: true });
    frame = requestAnimationFrame(tick);
  };

  return {
    play,
    toggle(cue: CueSpan): void {
      const media = runtime.store.getMedia();
      if (active?.cue.id === cue.id && media && !media.paused) {
        media.pause();
        stopWatching();
      } else play(cue);
    },
    toggleLoop(cue: CueSpan): void {
      if (active?.loop && active.cue.id === cue.id) {
        runtime.store.pause();
        stopWatching();
      } else play(cue, { loop: true });
    },
    stop(): void {
      runtime.store.pause();
      stopWatching();
    },
    dispose(): void {
      if (frame !== null) cancelAnimationFrame(frame);
      frame = null;
      active = null;
    },
  };
}

export function useCuePlayer(): CuePlayer {
  const runtime = usePlayerRuntime();
  const [loopingId, setLoopingId] = useState<string | null>(null);
  const engine = useMemo(() => createCueEngine(runtime, setLoopingId), [runtime]);
  useEffect(() => () => engine.dispose(), [engine]);
  return {
    play: engine.play,
    toggle: engine.toggle,
    toggleLoop: engine.toggleLoop,
    stop: engine.stop,
    loopingId,
  };
}
