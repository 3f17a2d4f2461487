/**
 * Speech and non-speech from frame energy, with hysteresis and minimum durations.
 *
 * Thresholds adapt to the recording: the noise floor is a low percentile of the frame levels and
 * the speech level a high one; a stretch enters speech above the upper threshold and leaves it
 * below the lower one. Pauses shorter than `minPause` are bridged, bursts shorter than
 * `minSpeech` dropped. Works from samples (the aligner) or from precomputed frame levels (a
 * waveform's peaks in the browser), so the same onsets serve alignment and cue-edge snapping.
 * Times are seconds; regions are half-open [startTime, endTime).
 */
import type { Seconds } from '../cue-model.ts';

export interface SpeechActivityOptions {
  /** Seconds per frame of the levels (10 ms by default). */
  readonly frameSeconds: Seconds;
  /** Shorter pauses inside speech are bridged. */
  readonly minPause: Seconds;
  /** Shorter bursts of energy are not speech. */
  readonly minSpeech: Seconds;
  /** Where between the floor (0) and the speech level (1) the upper threshold sits. */
  readonly enterAt: number;
  /** Where the lower threshold sits (below `enterAt`). */
  readonly leaveAt: number;
  /** The thresholds stay at least this many dB above the floor. */
  readonly minRiseDb: number;
}

export const DEFAULT_SPEECH_ACTIVITY: SpeechActivityOptions = {
  frameSeconds: 0.01,
  minPause: 0.12,
  minSpeech: 0.06,
  enterAt: 0.35,
  leaveAt: 0.2,
  minRiseDb: 6,
};

/** A stretch of speech, [startTime, endTime) in seconds. */
export interface SpeechRegion {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

/** Speech activity of a recording: one flag per frame and the regions they make. */
export interface SpeechActivity {
  readonly frameSeconds: Seconds;
  /** 1 where the frame is speech. */
  readonly speech: Uint8Array;
  readonly regions: readonly SpeechRegion[];
  /** The level (dB) under which a frame is never speech, and the speech level, as estimated. */
  readonly floorDb: number;
  readonly speechDb: number;
}

/** Frame levels in dB (RMS, relative to full scale) of mono samples in −1…1. */
export function frameLevels(
  samples: Float32Array,
  sampleRate: number,
  frameSeconds: Seconds = DEFAULT_SPEECH_ACTIVITY.frameSeconds,
): Float32Array {
  const hop = Math.max(1, Math.round(frameSeconds * sampleRate));
  const frames = Math.ceil(samples.length / hop);
  const levels = new Float32Array(frames);
  for (let t = 0; t < frames; t++) {
    const from = t * hop;
    const to = Math.min(samples.length, from + hop);
    let sum = 0;
    for (let n = from; n < to; n++) sum += samples[n]! * samples[n]!;
    levels[t] = 10 * Math.log10(Math.max(sum / Math.max(1, to - from), 1e-12));
  }
  return levels;
}

function percentile(sorted: Float32Array, fraction: number): number {
  if (sorted.length === 0) return -120;
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/** Speech activity from frame levels in dB (see `frameLevels`). */
export function detectSpeechFromLevels(
  levels: Float32Array,
  options: Partial<SpeechActivityOptions> = {},
): SpeechActivity {
  const settings = { ...DEFAULT_SPEECH_ACTIVITY, ...options };
  const sorted = Float32Array.from(levels).sort();
  const floorDb = percentile(sorted, 0.1);
  const speechDb = Math.max(percentile(sorted, 0.9), floorDb);
  const range = speechDb - floorDb;
  const enter = floorDb + Math.max(settings.minRiseDb, settings.enterAt * range);
  const leave = floorDb + Math.max(settings.minRiseDb * 0.6, settings.leaveAt * range);

  const speech = new Uint8Array(levels.length);
  let inSpeech = false;
  for (let t = 0; t < levels.length; t++) {
    const level = levels[t]!;
    if (!inSpeech && level >= enter) inSpeech = true;
    else if (inSpeech && level < leave) inSpeech = false;
    speech[t] = inSpeech ? 1 : 0;
  }
  // Hysteresis enters late: walk each onset back while the level stays above the lower threshold.
  for (let t = 1; t < levels.length; t++) {
    if (speech[t] === 1 && speech[t - 1] === 0) {
      for (let back = t - 1; back >= 0 && speech[back] === 0 && levels[back]! >= leave; back--) {
        speech[back] = 1;
      }
    }
  }
  fillShortRuns(speech, 0, Math.round(settings.minPause / settings.frameSeconds));
  fillShortRuns(speech, 1, Math.round(settings.minSpeech / settings.frameSeconds));
  return {
    frameSeconds: settings.frameSeconds,
    speech,
    regions: regionsOf(speech, settings.frameSeconds),
    floorDb,
    speechDb,
  };
}

/** Speech activity of mono samples in −1…1. */
export function detectSpeech(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<SpeechActivityOptions> = {},
): SpeechActivity {
  const frameSeconds = options.frameSeconds ?? DEFAULT_SPEECH_ACTIVITY.frameSeconds;
  return detectSpeechFromLevels(frameLevels(samples, sampleRate, frameSeconds), options);
}

/** Flip runs of `value` shorter than `minFrames` that have frames of the other value on both sides. */
function fillShortRuns(flags: Uint8Array, value: 0 | 1, minFrames: number): void {
  let t = 0;
  while (t < flags.length) {
    if (flags[t] !== value) {
      t++;
      continue;
    }
    const start = t;
    while (t < flags.length && flags[t] === value) t++;
    const inside = start > 0 && t < flags.length;
    // A short burst at the very edge of the file is still noise; a short pause at the edge is not.
    if (t - start < minFrames && (inside || value === 1)) flags.fill(value === 1 ? 0 : 1, start, t);
  }
}

function regionsOf(speech: Uint8Array, frameSeconds: Seconds): SpeechRegion[] {
  const regions: SpeechRegion[] = [];
  let start = -1;
  for (let t = 0; t <= speech.length; t++) {
    const on = t < speech.length && speech[t] === 1;
    if (on && start < 0) start = t;
    else if (!on && start >= 0) {
      regions.push({ startTime: start * frameSeconds, endTime: t * frameSeconds });
      start = -1;
    }
  }
  return regions;
}

/** Speech onsets (region starts), in seconds, in order. */
export function speechOnsets(activity: Pick<SpeechActivity, 'regions'>): Seconds[] {
  return activity.regions.map((region) => region.startTime);
}

/** Speech offsets (region ends), in seconds, in order. */
export function speechOffsets(activity: Pick<SpeechActivity, 'regions'>): Seconds[] {
  return activity.regions.map((region) => region.endTime);
}

/** The time in a sorted list nearest `time`, if within `maxDistance` seconds; else null. */
function nearestIn(times: readonly Seconds[], time: Seconds, maxDistance: Seconds): Seconds | null {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle]! < time) low = middle + 1;
    else high = middle;
  }
  let best: Seconds | null = null;
  for (const candidate of [times[low - 1], times[low]]) {
    if (candidate === undefined || Math.abs(candidate - time) > maxDistance) continue;
    if (best === null || Math.abs(candidate - time) < Math.abs(best - time)) best = candidate;
  }
  return best;
}

/** The speech onset nearest `time` within `maxDistance` seconds, or null (snap a cue start). */
export function nearestOnset(
  activity: Pick<SpeechActivity, 'regions'>,
  time: Seconds,
  maxDistance: Seconds,
): Seconds | null {
  return nearestIn(speechOnsets(activity), time, maxDistance);
}

/** The speech offset nearest `time` within `maxDistance` seconds, or null (snap a cue end). */
export function nearestOffset(
  activity: Pick<SpeechActivity, 'regions'>,
  time: Seconds,
  maxDistance: Seconds,
): Seconds | null {
  return nearestIn(speechOffsets(activity), time, maxDistance);
}

/** True when the frame at `time` is speech. */
export function isSpeechAt(activity: SpeechActivity, time: Seconds): boolean {
  const frame = Math.floor(time / activity.frameSeconds);
  return activity.speech[frame] === 1;
}
