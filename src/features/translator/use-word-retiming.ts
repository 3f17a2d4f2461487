/**
 * Word timestamps re-derived when a cue's edges move (a drag, a nudge, a tap): a moment after the
 * last move of a row, its words are timed again inside its new edges by the re-align API, and
 * the times are folded into the undo step of the move (undoing the move takes both back). The
 * edges themselves never change here. Until the answer comes (and without a server), the words
 * that fell outside the cue have already been dropped by the move (cue-edges.ts), so the file is
 * valid at every moment.
 *
 * One request at a time (the server re-aligns one stretch at a time); rows that moved again, or
 * were typed in, before the answer came are left to their next request.
 */
import { useEffect, useLayoutEffect, useState } from 'react';
import {
  spokenWordsOfCue,
  withoutTimestamps,
  withWordTimestamps,
} from '../../core/align/word-timestamps.ts';
import { editedCueText } from '../../core/cue-text-edit.ts';
import { updateCueAt } from '../../core/translation-edit.ts';
import { plainText, type ParsedCue } from '../../core/vtt-parse.ts';
import { realignRows, SaveApiError } from '../../data/translation-api.ts';
import type { RowActions } from './use-workspace-session.ts';

/** How long after a row's last move its words are timed again (ms): a drag of steps is one. */
const SETTLE_MS = 600;
/** Rows shorter than this have too little sound to time words in (the API wants 0.2 s). */
const SHORTEST_SECONDS = 0.3;

interface RetimingOptions {
  readonly enabled: boolean;
  /** Hold the requests (tap to time is on: the server's work would slow the playing video). */
  readonly paused: boolean;
  readonly episodeId: string;
  /** The source transcript's cues as last rendered. */
  readonly cues: readonly ParsedCue[];
  readonly amend: RowActions['amend'];
}

export type RetimingStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'done'; readonly id: string }
  | { readonly kind: 'failed'; readonly id: string; readonly message: string };

const alignedText = (cue: ParsedCue): string => plainText(withoutTimestamps(cue.segments));

export function useWordRetiming(options: RetimingOptions) {
  const [status, setStatus] = useState<RetimingStatus>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const [retimer] = useState(() => createRetimer(options, setStatus, setBusy));
  useLayoutEffect(() => retimer.update(options));
  // Mounted again (React's strict mode does this once in development): work goes on.
  useEffect(() => {
    retimer.resume();
    return retimer.dispose;
  }, [retimer]);
  return { status, busy, schedule: retimer.schedule };
}

/** The queue behind `useWordRetiming`: timers per row, one request at a time. */
function createRetimer(
  first: RetimingOptions,
  setStatus: (status: RetimingStatus) => void,
  /** Whether rows wait for their words to be timed (tests and the page can tell when it is over). */
  setBusy: (busy: boolean) => void,
) {
  const latest = { current: first };
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const queue: string[] = [];
  let running = false;
  let disposed = false;

  async function pump(): Promise<void> {
    if (running || disposed || latest.current.paused) return;
    const id = queue.shift();
    if (id === undefined) return setBusy(timers.size > 0);
    const { cues, episodeId } = latest.current;
    const cue = cues.find((candidate) => candidate.id === id);
    if (
      !cue ||
      spokenWordsOfCue(cue.segments).length < 2 ||
      cue.endTime - cue.startTime < SHORTEST_SECONDS
    ) {
      return pump();
    }
    running = true;
    const sent = { startTime: cue.startTime, endTime: cue.endTime, text: alignedText(cue) };
    try {
      const result = await realignRows(episodeId, {
        startTime: sent.startTime,
        endTime: sent.endTime,
        rows: [{ id, text: sent.text }],
      });
      if (disposed) return;
      const times = result.rows[0]?.words.map((word) => word.startTime) ?? [];
      latest.current.amend('transcript', (document) => {
        const index = document.cues.findIndex((candidate) => candidate.id === id);
        const now = document.cues[index];
        // Moved again or typed in since: its own request will follow.
        if (
          !now ||
          now.startTime !== sent.startTime ||
          now.endTime !== sent.endTime ||
          alignedText(now) !== sent.text
        ) {
          return document;
        }
        return updateCueAt(document, index, (current) => {
          const segments = withWordTimestamps(current.segments, times, current);
          return { ...current, segments, rawText: editedCueText(segments, current.rawText) };
        });
      });
      setStatus({ kind: 'done', id });
    } catch (error) {
      if (error instanceof SaveApiError && error.status === 429) {
        // The server is busy with another stretch: try again in a moment.
        queue.unshift(id);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      } else setStatus({ kind: 'failed', id, message: (error as Error).message });
    } finally {
      running = false;
    }
    return pump();
  }

  return {
    /** Rows (transcript indices) whose edges just moved. */
    schedule(indices: readonly number[]): void {
      if (!latest.current.enabled) return;
      setBusy(true);
      for (const index of indices) {
        const id = latest.current.cues[index]?.id;
        if (id === undefined) continue;
        clearTimeout(timers.get(id));
        timers.set(
          id,
          setTimeout(() => {
            timers.delete(id);
            if (!queue.includes(id)) queue.push(id);
            void pump();
          }, SETTLE_MS),
        );
      }
    },
    /** The latest render's cues and settings. */
    update(options: RetimingOptions): void {
      const resumed = latest.current.paused && !options.paused;
      latest.current = options;
      if (resumed) void pump();
    },
    resume(): void {
      disposed = false;
    },
    dispose(): void {
      disposed = true;
      timers.forEach((timer) => clearTimeout(timer));
    },
  };
}
