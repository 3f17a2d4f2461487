/**
 * Deep links (Contract 2): `t` in any of its forms, or `cue` (which wins over `t`), seek once the
 * media can seek. Applied once per page load, and not to a video already placed or playing.
 */
import { useEffect, useRef } from 'react';
import type { Seconds } from '../../core/cue-model.ts';
import { parseTimeParam } from '../../core/time-format.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { PlayerRuntime } from './player-runtime.tsx';

/** The start time a URL asks for: the cue's start when `cue` names a cue, else `t`, else null. */
export function deepLinkTime(
  params: URLSearchParams,
  cues: readonly ParsedCue[] | undefined,
): Seconds | null {
  const cueId = params.get('cue');
  if (cueId && cues) {
    const cue = cues.find((candidate) => candidate.id === cueId);
    if (cue) return cue.startTime;
  }
  return parseTimeParam(params.get('t'));
}

export function useDeepLinkSeek(
  runtime: PlayerRuntime,
  params: URLSearchParams,
  cues: readonly ParsedCue[] | undefined,
): void {
  const applied = useRef(false);
  const media = runtime.clock?.media ?? null;
  const { seek } = runtime;
  useEffect(() => {
    if (applied.current || !media || !cues) return;
    const time = deepLinkTime(params, cues);
    if (time === null) {
      applied.current = true;
      return;
    }
    const apply = (): void => {
      if (applied.current) return;
      applied.current = true;
      // The page's video was placed or started before the app loaded (a pre-rendered embed page
      // seeks it to the link's time itself, served-embed-start.ts; or the viewer clicked a served
      // line, or pressed play): seeking now would take it back.
      if (media.currentTime > 0 || !media.paused) return;
      seek(time);
    };
    if (media.readyState >= 1) apply();
    else {
      media.addEventListener('loadedmetadata', apply, { once: true });
      return () => media.removeEventListener('loadedmetadata', apply);
    }
  }, [media, cues, params, seek]);
}
