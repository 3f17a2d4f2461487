/**
 * Sync benchmark: how late does the transcript mark a cue, in media time, at 1× and 2×?
 *
 * In one page and one run: our transcript (the `aria-current` line, watched by a
 * MutationObserver, which runs in the same task as the change) and a plain `timeupdate`
 * highlighter as the baseline (what Able Player and videojs-transcript do). At every cue start,
 * lag = the video's currentTime when the mark moved − the cue's startTime.
 */
import type { Page } from 'playwright-core';
import { median, percentile, max } from './stats.ts';

export interface CueTiming {
  readonly id: string;
  readonly startTime: number;
  readonly endTime: number;
}

export interface LagReport {
  readonly rate: number;
  readonly cues: number;
  readonly ours: LagStats;
  readonly baseline: LagStats;
}

export interface LagStats {
  /** Absolute lag per highlighted cue, milliseconds. */
  readonly lagsMs: number[];
  readonly median: number;
  readonly p95: number;
  readonly max: number;
  /** Cues marked before their start time (must be 0). */
  readonly early: number;
  /** Cues never marked (must be 0). */
  readonly missed: string[];
  /** The latest cues, for looking into outliers: `id +lag ms`. */
  readonly worst: string[];
  /** Cues marked more than 5 ms late (the p95 bar allows one in twenty). */
  readonly late: string[];
}

function stats(lags: { id: string; lag: number }[], early: number, missed: string[]): LagStats {
  const lagsMs = lags.map((entry) => entry.lag);
  const absolute = lagsMs.map(Math.abs);
  return {
    lagsMs,
    median: median(absolute),
    p95: percentile(absolute, 95),
    max: max(absolute),
    early,
    missed,
    worst: [...lags]
      .sort((a, b) => Math.abs(b.lag) - Math.abs(a.lag))
      .slice(0, 5)
      .map((entry) => `${entry.id} ${entry.lag >= 0 ? '+' : ''}${entry.lag.toFixed(1)} ms`),
    late: lags.filter((entry) => Math.abs(entry.lag) > 5).map((entry) => entry.id),
  };
}

interface Mark {
  readonly id: string;
  readonly time: number;
}

/**
 * Play the page's video from `from` to `until` (media seconds) at `rate`, recording when each
 * cue became marked by ours and by the baseline.
 */
export async function measureSync(
  page: Page,
  cues: readonly CueTiming[],
  rate: number,
  range: { from: number; until: number },
): Promise<LagReport> {
  const { ours, baseline } = await page.evaluate(
    async ({ cues, rate, from, until }) => {
      const video = document.querySelector('video')!;
      const ours: { id: string; time: number }[] = [];
      const baseline: { id: string; time: number }[] = [];

      const observer = new MutationObserver((records) => {
        for (const record of records) {
          const element = record.target as HTMLElement;
          if (element.getAttribute('aria-current') === 'true' && element.dataset.cueId) {
            ours.push({ id: element.dataset.cueId, time: video.currentTime });
          }
        }
      });
      observer.observe(document.querySelector('[aria-label="Transcript"]')!, {
        subtree: true,
        attributes: true,
        attributeFilter: ['aria-current'],
      });

      // The baseline: a timeupdate highlighter with the same cues and overlap rule.
      let baselineCurrent: string | null = null;
      const onTimeUpdate = (): void => {
        const t = video.currentTime;
        let current: string | null = null;
        let latestStart = -Infinity;
        for (const cue of cues) {
          if (cue.startTime <= t && t < cue.endTime && cue.startTime >= latestStart) {
            latestStart = cue.startTime;
            current = cue.id;
          }
        }
        if (current !== baselineCurrent) {
          baselineCurrent = current;
          if (current) baseline.push({ id: current, time: t });
        }
      };

      video.muted = true;
      video.pause();
      video.currentTime = from;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      ours.length = 0;
      baseline.length = 0;
      video.addEventListener('timeupdate', onTimeUpdate);
      video.playbackRate = rate;
      await video.play();
      await new Promise<void>((resolve) => {
        const check = (): void => {
          if (video.currentTime >= until || video.ended) resolve();
          else setTimeout(check, 100);
        };
        check();
      });
      video.pause();
      video.removeEventListener('timeupdate', onTimeUpdate);
      observer.disconnect();
      return { ours, baseline };
    },
    { cues: cues.map((cue) => ({ ...cue })), rate, from: range.from, until: range.until },
  );

  const inRange = cues.filter(
    (cue) => cue.startTime > range.from && cue.startTime < range.until - 0.05,
  );
  return {
    rate,
    cues: inRange.length,
    ours: lagsOf(inRange, ours),
    baseline: lagsOf(inRange, baseline),
  };
}

function lagsOf(cues: readonly CueTiming[], marks: readonly Mark[]): LagStats {
  const firstMark = new Map<string, number>();
  for (const mark of marks) if (!firstMark.has(mark.id)) firstMark.set(mark.id, mark.time);
  const lags: { id: string; lag: number }[] = [];
  const missed: string[] = [];
  let early = 0;
  for (const cue of cues) {
    const time = firstMark.get(cue.id);
    if (time === undefined) {
      missed.push(cue.id);
      continue;
    }
    const lag = (time - cue.startTime) * 1000;
    if (lag < 0) early++;
    lags.push({ id: cue.id, lag });
  }
  return stats(lags, early, missed);
}

/** What the video's clock allows: see measureClockFloor. */
export interface ClockFloor {
  readonly rate: number;
  /** Lag of the busy loop at every point, media ms: as early as polling on this page can mark. */
  readonly busyLoop: { readonly median: number; readonly p95: number; readonly max: number };
  /** Points whose neighbouring readings were taken less than 1 ms of wall time apart. */
  readonly points: number;
  /** Lag at those points, media ms: what the clock alone allows. */
  readonly lag: { readonly median: number; readonly p95: number; readonly max: number };
  /** Times currentTime stood still and then jumped by more than 2 ms of media, per minute. */
  readonly jumpsPerMinute: number;
  readonly largestJump: number;
  /** Where those jumps started, media seconds. */
  readonly jumpsAt: number[];
}

/**
 * How many of `first`'s jumps a second play of the same stretch had at the same media position
 * (within 5 ms). With speech in the audio track most recur: the jumps come from the media, so the
 * same cue starts are hit on every play.
 */
export function recurringJumps(first: ClockFloor, second: ClockFloor): number {
  return first.jumpsAt.filter((at) => second.jumpsAt.some((other) => Math.abs(other - at) < 0.005))
    .length;
}

/**
 * The floor for any highlighter that is never early. The video's currentTime does not always
 * move smoothly: with an audio track, Chromium follows the audio clock, which can stand still and
 * then jump. A busy loop reads currentTime task after task for `seconds` of wall time, with the
 * wall time of each reading. At points every 37 ms of media, where the readings just before and
 * after were under 1 ms of wall time apart (the reader was not held up by other work), the first
 * reading at or past the point is as early as anyone could mark it: its lag is the clock's own.
 * At every point, the busy loop's lag is as early as polling on this page (with its rendering,
 * video.js and garbage collection) can mark.
 */
export async function measureClockFloor(
  page: Page,
  rate: number,
  range: { from: number; seconds: number },
): Promise<ClockFloor> {
  const readings = await page.evaluate(
    async ({ rate, from, seconds }) => {
      const video = document.querySelector('video')!;
      video.muted = true;
      video.pause();
      video.currentTime = from;
      await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
      video.playbackRate = rate;
      await video.play();
      const seen: [wall: number, media: number][] = [];
      const until = performance.now() + seconds * 1000;
      await new Promise<void>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const wall = performance.now();
          seen.push([wall, video.currentTime]);
          if (wall < until && !video.ended) channel.port2.postMessage(null);
          else resolve();
        };
        channel.port2.postMessage(null);
      });
      video.pause();
      return seen;
    },
    { rate, from: range.from, seconds: range.seconds },
  );
  const TIGHT_MS = 1;
  let largestJump = 0;
  const jumpsAt: number[] = [];
  for (let i = 1; i < readings.length; i++) {
    const wallMs = readings[i]![0] - readings[i - 1]![0];
    const excess = (readings[i]![1] - readings[i - 1]![1]) * 1000 - wallMs * rate;
    if (wallMs < TIGHT_MS && excess > 2) {
      jumpsAt.push(readings[i - 1]![1]);
      largestJump = Math.max(largestJump, excess);
    }
  }
  const lags: number[] = [];
  const busyLags: number[] = [];
  let next = 1;
  const first = readings[1]![1];
  const last = readings[readings.length - 1]![1];
  for (let point = first + 0.001; point < last; point += 0.037) {
    while (readings[next]![1] < point) next++;
    const tight =
      readings[next]![0] - readings[next - 1]![0] < TIGHT_MS &&
      (readings[next + 1] ? readings[next + 1]![0] - readings[next]![0] < TIGHT_MS : true);
    busyLags.push((readings[next]![1] - point) * 1000);
    if (tight) lags.push((readings[next]![1] - point) * 1000);
  }
  const minutes = (readings[readings.length - 1]![0] - readings[0]![0]) / 60_000;
  return {
    rate,
    busyLoop: { median: median(busyLags), p95: percentile(busyLags, 95), max: max(busyLags) },
    points: lags.length,
    lag: { median: median(lags), p95: percentile(lags, 95), max: max(lags) },
    jumpsPerMinute: jumpsAt.length / minutes,
    largestJump,
    jumpsAt,
  };
}
