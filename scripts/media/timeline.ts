/**
 * Where every clip goes on the media timeline, and what the cue timings become.
 *
 * Pure: takes measured speech lengths, returns integer milliseconds. All intervals are half-open
 * [start, end). Times are whole milliseconds so the VTT timestamps (ms precision) say exactly where
 * the synthesized words start: the audio is assembled at 48 kHz, i.e. 48 samples per ms.
 */

/** One transcript cue, as far as timing needs it. */
export interface TimelineCue {
  readonly id: string;
  readonly speakerId: string;
  /** Characters a reader reads: spaces and punctuation included, line breaks not counted. */
  readonly readingLength: number;
  /** How long the synthesized words last, first sound to last sound, in ms. */
  readonly speechMs: number;
  /** True when a chapter (a question from the box) starts with this cue. */
  readonly startsChapter: boolean;
}

export interface TimelineOptions {
  readonly frameRate: number;
  /** The title card, before anyone speaks. */
  readonly titleMs: number;
  /** Pause between two cues of one speaker's turn. */
  readonly pauseInTurnMs: number;
  /** Pause when the speaker changes. */
  readonly pauseBetweenTurnsMs: number;
  /** How long the red question card is on screen before the question is read. */
  readonly questionLeadMs: number;
  /** The end card, after the last cue. */
  readonly tailMs: number;
  /** The total is rounded up to a multiple of this (see DEFAULT_TIMELINE.durationQuantumMs). */
  readonly durationQuantumMs: number;
  readonly minCueMs: number;
  readonly maxCueMs: number;
  /** Reading speed of the source language, characters per second. */
  readonly maxCps: number;
  /** Gaps this short or shorter are closed to the minimum gap ("chaining"). */
  readonly chainBelowMs: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = {
  frameRate: 30,
  titleMs: 2500,
  pauseInTurnMs: 300,
  pauseBetweenTurnsMs: 800,
  questionLeadMs: 2000,
  tailMs: 3000,
  // 1.6 s is 48 video frames at 30 fps, 75 AAC frames and 80 Opus frames at 48 kHz: a total that
  // is a multiple of it lets the audio and video streams of both files end on the same sample.
  durationQuantumMs: 1600,
  // 5/6 s (20 frames at 24 fps), rounded up to the millisecond.
  minCueMs: 834,
  maxCueMs: 7000,
  maxCps: 20,
  // 12 frames at 24 fps.
  chainBelowMs: 500,
};

export interface TimedCue {
  readonly id: string;
  readonly speakerId: string;
  /** The moment the words start. */
  readonly startMs: number;
  /** The moment the words end. */
  readonly speechEndMs: number;
  /** When the cue leaves the screen (≥ speechEndMs). */
  readonly endMs: number;
}

/** What a card shows. */
export type Card =
  | { readonly kind: 'title' }
  | { readonly kind: 'question'; readonly chapterIndex: number }
  | { readonly kind: 'speaker'; readonly speakerId: string }
  | { readonly kind: 'end' };

/** A stretch of video showing one card, frames [startFrame, endFrame) at the timeline's rate. */
export type Slide = Card & { readonly startFrame: number; readonly endFrame: number };

export interface Timeline {
  readonly cues: readonly TimedCue[];
  readonly slides: readonly Slide[];
  readonly durationMs: number;
  readonly totalFrames: number;
  /** Start of each chapter, in order (the start of the cue that reads the question). */
  readonly chapterStartsMs: readonly number[];
  /** Cues that cannot meet the rules whatever the pauses (their words alone last too long). */
  readonly problems: readonly string[];
}

/** The smallest gap between cues: 2 frames, rounded up to the millisecond. */
export function minGapMs(frameRate: number): number {
  return Math.ceil(2000 / frameRate);
}

/** The shortest time a cue must stay on screen: minimum duration and reading speed. */
export function minimumShowMs(
  cue: Pick<TimelineCue, 'readingLength'>,
  options: TimelineOptions,
): number {
  return Math.max(options.minCueMs, Math.ceil((cue.readingLength * 1000) / options.maxCps));
}

/** Lay the cues out one after another with natural pauses, then decide each cue's end. */
export function planTimeline(
  cues: readonly TimelineCue[],
  options: TimelineOptions = DEFAULT_TIMELINE,
): Timeline {
  const gap = minGapMs(options.frameRate);
  const problems: string[] = [];

  // Pass 1: starts. A pause is stretched only when the previous cue needs longer on screen than
  // its words last (a short line read fast), so every cue can meet the rules.
  const starts: number[] = [];
  const needEnds: number[] = [];
  cues.forEach((cue, i) => {
    let start = options.titleMs;
    if (i > 0) {
      const previous = cues[i - 1]!;
      const previousSpeechEnd = starts[i - 1]! + previous.speechMs;
      const pause = cue.startsChapter
        ? options.pauseBetweenTurnsMs + options.questionLeadMs
        : previous.speakerId === cue.speakerId
          ? options.pauseInTurnMs
          : options.pauseBetweenTurnsMs;
      start = Math.max(previousSpeechEnd + pause, needEnds[i - 1]! + gap);
    }
    starts.push(start);
    needEnds.push(start + Math.max(cue.speechMs, minimumShowMs(cue, options)));
    if (cue.speechMs > options.maxCueMs) {
      problems.push(
        `${cue.id}: its words last ${(cue.speechMs / 1000).toFixed(3)} s, over ${options.maxCueMs / 1000} s: split it in the VTT text`,
      );
    }
  });

  // Pass 2: ends. Close short gaps to exactly the minimum gap (chaining), never past 7 s.
  const timed: TimedCue[] = cues.map((cue, i) => {
    const start = starts[i]!;
    let end = needEnds[i]!;
    const nextStart = starts[i + 1];
    if (nextStart !== undefined && nextStart - end <= options.chainBelowMs) end = nextStart - gap;
    end = Math.max(needEnds[i]!, Math.min(end, start + options.maxCueMs));
    return {
      id: cue.id,
      speakerId: cue.speakerId,
      startMs: start,
      speechEndMs: start + cue.speechMs,
      endMs: end,
    };
  });

  const lastEnd = timed.length ? timed[timed.length - 1]!.endMs : options.titleMs;
  const durationMs =
    Math.ceil((lastEnd + options.tailMs) / options.durationQuantumMs) * options.durationQuantumMs;
  const chapterStartsMs = timed.filter((_, i) => cues[i]!.startsChapter).map((cue) => cue.startMs);
  const slides = planSlides(cues, timed, durationMs, options);
  const totalFrames = msToFrame(durationMs, options.frameRate);
  return { cues: timed, slides, durationMs, totalFrames, chapterStartsMs, problems };
}

/** The frame on screen at `ms`, rounded to the nearest frame boundary. */
export function msToFrame(ms: number, frameRate: number): number {
  return Math.round((ms * frameRate) / 1000);
}

/** How long before a turn's first word its speaker card comes up (at most half the pause). */
const SPEAKER_CARD_LEAD_MS = 400;

/**
 * Cards: the title, then one speaker card per turn, switching a little before its first word
 * (within the pause, so it never cuts the previous speaker off); a question card for `questionLeadMs` before each
 * question is read, replaced by the reader's card on the first word; an end card after the last cue.
 */
function planSlides(
  cues: readonly TimelineCue[],
  timed: readonly TimedCue[],
  durationMs: number,
  options: TimelineOptions,
): Slide[] {
  const fps = options.frameRate;
  const switches: { atMs: number; slide: Card }[] = [{ atMs: 0, slide: { kind: 'title' } }];
  let chapterIndex = 0;
  cues.forEach((cue, i) => {
    const previous = timed[i - 1];
    const start = timed[i]!.startMs;
    if (cue.startsChapter) {
      switches.push({
        atMs: start - options.questionLeadMs,
        slide: { kind: 'question', chapterIndex },
      });
      chapterIndex += 1;
      switches.push({ atMs: start, slide: { kind: 'speaker', speakerId: cue.speakerId } });
    } else if (!previous || previous.speakerId !== cue.speakerId) {
      // Not before the previous cue has left the screen: its speaker stays up while it is read.
      const from = previous ? previous.endMs : 0;
      const lead = Math.min(SPEAKER_CARD_LEAD_MS, (start - from) / 2);
      switches.push({ atMs: start - lead, slide: { kind: 'speaker', speakerId: cue.speakerId } });
    }
  });
  const last = timed[timed.length - 1];
  if (last)
    switches.push({ atMs: last.endMs + (durationMs - last.endMs) / 4, slide: { kind: 'end' } });

  const totalFrames = msToFrame(durationMs, fps);
  const slides: Slide[] = [];
  switches.forEach((entry, i) => {
    const startFrame = msToFrame(entry.atMs, fps);
    const next = switches[i + 1];
    const endFrame = next ? msToFrame(next.atMs, fps) : totalFrames;
    if (endFrame > startFrame) slides.push({ ...entry.slide, startFrame, endFrame });
  });
  return slides;
}
