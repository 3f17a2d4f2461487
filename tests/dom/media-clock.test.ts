/**
 * The media clock against a simulated media element whose time runs on the wall clock: the
 * follower hears of each boundary at or after it (never early), soon after it, at any rate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { buildTimeIndex } from '../../src/core/time-index.ts';
import { createMediaClock, type MediaClock } from '../../src/player/media-clock.ts';

/** A stand-in for HTMLMediaElement: playing media whose currentTime follows performance.now(). */
class SimulatedMedia extends EventTarget {
  paused = true;
  ended = false;
  seeking = false;
  readyState = 4;
  private rate = 1;
  private anchorTime = 0;
  private anchorWall = performance.now();

  get currentTime(): number {
    return this.paused
      ? this.anchorTime
      : this.anchorTime + ((performance.now() - this.anchorWall) / 1000) * this.rate;
  }
  set currentTime(value: number) {
    this.anchorTime = value;
    this.anchorWall = performance.now();
    this.dispatchEvent(new Event('seeking'));
    this.dispatchEvent(new Event('seeked'));
  }
  get playbackRate(): number {
    return this.rate;
  }
  set playbackRate(value: number) {
    this.anchorTime = this.currentTime;
    this.anchorWall = performance.now();
    this.rate = value;
    this.dispatchEvent(new Event('ratechange'));
  }
  play(): void {
    this.anchorWall = performance.now();
    this.paused = false;
    this.dispatchEvent(new Event('play'));
    this.dispatchEvent(new Event('playing'));
  }
  pause(): void {
    this.anchorTime = this.currentTime;
    this.paused = true;
    this.dispatchEvent(new Event('pause'));
  }
}

/**
 * currentTime as Chromium gives it: read once in a task, it stays the same until the next
 * microtask checkpoint (Blink's "official playback position"), so a loop within one task sees one
 * value and only a poll that yields to microtasks or tasks sees the media move.
 */
class KeptPerTaskMedia extends SimulatedMedia {
  private kept: number | undefined;

  override get currentTime(): number {
    if (this.kept === undefined) {
      this.kept = super.currentTime;
      queueMicrotask(() => (this.kept = undefined));
    }
    return this.kept;
  }
  override set currentTime(value: number) {
    this.kept = undefined;
    super.currentTime = value;
  }
}

let clock: MediaClock | undefined;
afterEach(() => clock?.dispose());

const cues = Array.from({ length: 8 }, (_, i) => ({
  startTime: 0.1 + i * 0.12,
  endTime: 0.1 + i * 0.12 + 0.1,
}));

/**
 * Play and record (media time at the change − the boundary) for every change of cue, and the
 * longest the test's process went without running a timer (`stall`, in media seconds): a shared
 * machine can take the CPU away for half a second, and no clock can answer while it does.
 */
async function lagsAt(
  rate: number,
  media: SimulatedMedia = new SimulatedMedia(),
): Promise<{ lags: number[]; indexes: number[]; stall: number }> {
  clock = createMediaClock(media as unknown as HTMLMediaElement);
  const follower = clock.follow(buildTimeIndex(cues));
  const lags: number[] = [];
  const indexes: number[] = [];
  follower.subscribe(() => {
    const { index } = follower.get();
    const boundary =
      index >= 0 ? cues[index]!.startTime : cues[indexes[indexes.length - 1] ?? 0]!.endTime;
    lags.push(media.currentTime - boundary);
    indexes.push(index);
  });
  let stall = 0;
  let lastTick = performance.now();
  const watchdog = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, ((now - lastTick) / 1000) * rate);
    lastTick = now;
  }, 5);
  media.playbackRate = rate;
  media.play();
  await new Promise((resolve) =>
    setTimeout(resolve, ((cues[cues.length - 1]!.endTime + 0.1) / rate) * 1000),
  );
  media.pause();
  clearInterval(watchdog);
  return { lags, indexes, stall };
}

/**
 * The longest lag allowed: "at the boundary", loosely (shared machines), not "at the next event"
 * (a timeupdate comes every 250 ms); plus the longest time the process was not run at all.
 */
const lagBound = (rate: number, stall: number) => 0.06 * rate + stall;

describe(createMediaClock.name, () => {
  for (const rate of [1, 2]) {
    it(`tells of every cue start and end at ${rate}×, never early`, async () => {
      const { lags, indexes, stall } = await lagsAt(rate);
      const starts = indexes.filter((index) => index >= 0);
      // The follower tells of the cue playing now: a cue that began and ended while the process
      // was not run at all (a stall longer than the cue) cannot be told of, and no other can be
      // missed. The starts come in order, each once.
      const seeable = cues.flatMap((cue, i) => (stall < cue.endTime - cue.startTime ? [i] : []));
      expect(starts).toEqual([...new Set(starts)].sort((a, b) => a - b));
      expect(
        seeable.filter((i) => !starts.includes(i)),
        `stall ${stall} s`,
      ).toEqual([]);
      expect(Math.min(...lags)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...lags)).toBeLessThan(lagBound(rate, stall));
    });
  }

  it('sees the media move where currentTime is kept for the rest of a task, as in Chromium', async () => {
    const { lags, indexes, stall } = await lagsAt(2, new KeptPerTaskMedia());
    expect(indexes.filter((index) => index >= 0)).toEqual(cues.map((_, i) => i));
    expect(Math.min(...lags)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...lags)).toBeLessThan(lagBound(2, stall));
  });

  it('answers at once after a seek, and follows a change of rate', async () => {
    const media = new SimulatedMedia();
    clock = createMediaClock(media as unknown as HTMLMediaElement);
    const follower = clock.follow(buildTimeIndex(cues));
    const seen: number[] = [];
    follower.subscribe(() => seen.push(follower.get().index));
    media.currentTime = cues[5]!.startTime + 0.01;
    expect(follower.get().index).toBe(5);
    media.currentTime = 5;
    expect(follower.get().index).toBe(-1);
    expect(follower.get().recentIndex).toBe(cues.length - 1);
    expect(seen).toEqual([5, -1]);
  });

  it('costs nothing until a follower is subscribed, and stops with dispose', () => {
    const media = new SimulatedMedia();
    clock = createMediaClock(media as unknown as HTMLMediaElement);
    const follower = clock.follow(buildTimeIndex(cues));
    media.currentTime = cues[2]!.startTime;
    // Not subscribed: the answer is read from the media when asked.
    expect(follower.get().index).toBe(2);
    clock.dispose();
    expect(() => (media.currentTime = 0)).not.toThrow();
  });
});
