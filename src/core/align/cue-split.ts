/**
 * Turns → cues by the reading limits of the language (../shared/TRANSLATION-RULES.md through
 * reading-profile.ts): at most two lines of `maxLineLength`, at most 7 s, at least 5/6 s where the
 * speech allows, reading speed under `maxCharsPerSecond`. Never across speakers or paragraphs;
 * breaks preferred at sentence ends, then clause ends, then before a conjunction or preposition.
 * Line breaks follow the same preferences and balance the two lines.
 *
 * Timing: a cue starts when its first spoken word starts and ends a short tail after its last
 * spoken word, longer when the reading speed needs it (up to 0.5 s past the speech), never
 * overlapping the next cue and keeping the minimum gap; a gap up to 0.5 s is closed to the
 * minimum gap (chaining). Times in seconds; words outside speech (editor's insertions) have none.
 */
import type { Seconds } from '../cue-model.ts';
import { displayLength, type ReadingProfile } from '../reading-profile.ts';

/** A word to place in a cue: its text, where it sits, and its time when spoken. */
export interface TimedWord {
  readonly text: string;
  readonly paragraph: number;
  readonly glued: boolean;
  readonly boundary: 'sentence' | 'clause' | null;
  /** Null for an editor's insertion (never spoken, never timed). */
  readonly startTime: Seconds | null;
  readonly endTime: Seconds | null;
}

/** A cue: a run of one turn's words, its lines, and its timing. */
export interface SplitCue {
  /** Index of the first word in the turn's words, and one past the last. */
  readonly from: number;
  readonly to: number;
  /** The words' text as lines (one or two), without markup. */
  readonly lines: readonly string[];
  /** Index (in the turn's words) of the first word of the second line, or -1 for one line. */
  readonly secondLineFrom: number;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

/** Tail after the last word when nothing else asks for more. */
const TAIL: Seconds = 0.25;
/** The longest a cue may stay after its speech, for reading speed (12 frames at 24 fps). */
const MAX_OUT_TIME: Seconds = 0.5;
/** Cues this long or longer are never split further just to be short. */
const COMFORTABLE: Seconds = 1.5;
/** Words in a cue at most (keeps the search small; 2 × 42 characters hold fewer). */
const MAX_CUE_WORDS = 40;

const CONJUNCTIONS_AND_PREPOSITIONS = new Set(
  (
    'and but or nor so yet for because although though while when whenever where whereas if unless ' +
    'until after before since than that which who whom whose as of to in on at by with from into ' +
    'onto about over under between through during without within against among like'
  ).split(' '),
);

/** How good a place it is to break after word `i` (lower is better). */
function breakPenalty(words: readonly TimedWord[], i: number): number {
  const word = words[i]!;
  const next = words[i + 1];
  if (!next) return 0;
  if (next.glued) return 50; // never split a token written without a space
  if (word.boundary === 'sentence') return 0;
  if (word.boundary === 'clause') return 1;
  const nextBare = next.text.toLowerCase().replace(/[^\p{L}'’]/gu, '');
  if (CONJUNCTIONS_AND_PREPOSITIONS.has(nextBare)) return 4;
  return 8;
}

/** The text of words [from, to), with their spacing. */
function joinWords(words: readonly TimedWord[], from: number, to: number): string {
  let text = '';
  for (let i = from; i < to; i++)
    text += (i > from && !words[i]!.glued ? ' ' : '') + words[i]!.text;
  return text;
}

/**
 * The best way to lay words [from, to) on at most two lines: one line when it fits; otherwise the
 * break with the best place and the most even lines. Null when no break makes both lines fit.
 */
export function layLines(
  words: readonly TimedWord[],
  from: number,
  to: number,
  profile: ReadingProfile,
): { lines: string[]; secondLineFrom: number; badness: number } | null {
  const whole = joinWords(words, from, to);
  const length = (text: string): number => displayLength(text, profile.lang);
  if (length(whole) <= profile.maxLineLength)
    return { lines: [whole], secondLineFrom: -1, badness: 0 };
  if (profile.maxLines < 2) return null;
  let best: { lines: string[]; secondLineFrom: number; badness: number } | null = null;
  for (let split = from + 1; split < to; split++) {
    const first = joinWords(words, from, split);
    const second = joinWords(words, split, to);
    const a = length(first);
    const b = length(second);
    if (a > profile.maxLineLength || b > profile.maxLineLength) continue;
    // Evenness counts, a bottom-heavy pyramid a little less than a top-heavy one.
    const badness =
      breakPenalty(words, split - 1) +
      (Math.abs(a - b) / profile.maxLineLength) * 4 +
      (a > b ? 0.5 : 0);
    if (!best || badness < best.badness)
      best = { lines: [first, second], secondLineFrom: split, badness };
  }
  return best;
}

/** First and last spoken moments of words [from, to), or null when none is spoken. */
function speechSpan(
  words: readonly TimedWord[],
  from: number,
  to: number,
): { start: Seconds; end: Seconds } | null {
  let start: Seconds | null = null;
  let end: Seconds | null = null;
  for (let i = from; i < to; i++) {
    const word = words[i]!;
    if (word.startTime === null) continue;
    start ??= word.startTime;
    end = word.endTime ?? word.startTime;
  }
  return start === null || end === null ? null : { start, end };
}

/**
 * Split one turn's words into cues. `nextStart` is when the next turn's first cue starts (null for
 * the last turn): no cue ends later than it minus the minimum gap.
 */
export function splitTurn(
  words: readonly TimedWord[],
  profile: ReadingProfile,
  nextStart: Seconds | null,
): SplitCue[] {
  const n = words.length;
  if (n === 0) return [];
  // best[k]: the cheapest split of words [0, k); from[k]: where its last cue starts.
  const best = new Float64Array(n + 1).fill(Infinity);
  const start = new Int32Array(n + 1).fill(-1);
  best[0] = 0;
  for (let to = 1; to <= n; to++) {
    // Never across paragraphs: a cue ending at `to` starts after the last paragraph change.
    let paragraphStart = to - 1;
    while (paragraphStart > 0 && words[paragraphStart - 1]!.paragraph === words[to - 1]!.paragraph)
      paragraphStart--;
    const mustEndHere = to === n || words[to]!.paragraph !== words[to - 1]!.paragraph;
    for (let from = Math.max(paragraphStart, to - MAX_CUE_WORDS); from < to; from++) {
      if (!Number.isFinite(best[from]!)) continue;
      if (
        from > 0 &&
        words[from]!.paragraph === words[from - 1]!.paragraph &&
        !atBreakable(words, from)
      )
        continue;
      const cost = cueCost(words, from, to, profile, mustEndHere);
      if (best[from]! + cost < best[to]!) {
        best[to] = best[from]! + cost;
        start[to] = from;
      }
    }
  }
  const ranges: Array<[number, number]> = [];
  for (let to = n; to > 0; to = start[to]!) {
    if (start[to]! < 0) break;
    ranges.unshift([start[to]!, to]);
  }
  return timeCues(words, ranges, profile, nextStart);
}

function atBreakable(words: readonly TimedWord[], from: number): boolean {
  return !words[from]!.glued;
}

/** How bad words [from, to) are as one cue (Infinity: not allowed). */
function cueCost(
  words: readonly TimedWord[],
  from: number,
  to: number,
  profile: ReadingProfile,
  endsParagraph: boolean,
): number {
  const layout = layLines(words, from, to, profile);
  const single = to - from === 1;
  if (!layout && !single) return Infinity;
  let cost = 1 + (layout?.badness ?? 20) * 0.3;
  cost += endsParagraph ? 0 : breakPenalty(words, to - 1);
  const span = speechSpan(words, from, to);
  // A cue with nothing spoken in it has no time of its own: only allowed as a whole paragraph.
  if (!span)
    return endsParagraph && (from === 0 || words[from - 1]!.paragraph !== words[from]!.paragraph)
      ? cost
      : Infinity;
  const speech = span.end - span.start;
  if (speech > profile.maxDuration && !single) return Infinity;
  const shown = Math.min(profile.maxDuration, speech + MAX_OUT_TIME);
  const length = displayLength(joinWords(words, from, to), profile.lang);
  const speed = length / Math.max(shown, 0.001);
  if (speed > profile.maxCharsPerSecond) cost += 4 * (speed / profile.maxCharsPerSecond - 1) + 2;
  if (speech + MAX_OUT_TIME < profile.minDuration) cost += 3;
  else if (speech < COMFORTABLE) cost += 1;
  return cost;
}

/** Give each range its start and end (see the module comment). */
function timeCues(
  words: readonly TimedWord[],
  ranges: ReadonlyArray<readonly [number, number]>,
  profile: ReadingProfile,
  nextStart: Seconds | null,
): SplitCue[] {
  const spans = ranges.map(([from, to]) => speechSpan(words, from, to));
  // A cue with no spoken word sits right after the previous cue's speech (or before the next).
  const known = spans.map((span, k) => {
    if (span) return span;
    const before = spans
      .slice(0, k)
      .reverse()
      .find((candidate) => candidate);
    const after = spans.slice(k + 1).find((candidate) => candidate);
    const at = before ? before.end + profile.minGap : after ? Math.max(0, after.start - 1) : 0;
    return { start: at, end: at + profile.minDuration };
  });
  return ranges.map(([from, to], k) => {
    const span = known[k]!;
    const limit =
      (k + 1 < known.length ? known[k + 1]!.start : (nextStart ?? Infinity)) - profile.minGap;
    const length = displayLength(joinWords(words, from, to), profile.lang);
    const forReading = span.start + length / profile.maxCharsPerSecond;
    let end = Math.max(
      span.end + TAIL,
      Math.min(forReading, span.end + MAX_OUT_TIME),
      span.start + profile.minDuration,
    );
    end = Math.min(end, span.start + profile.maxDuration);
    if (limit - end <= profile.chainingThreshold) end = limit;
    end = Math.max(
      Math.min(end, limit),
      span.end > span.start ? Math.min(span.end, limit) : span.start + 0.001,
    );
    const layout = layLines(words, from, to, profile) ?? {
      lines: [joinWords(words, from, to)],
      secondLineFrom: -1,
    };
    return {
      from,
      to,
      lines: layout.lines,
      secondLineFrom: layout.secondLineFrom,
      startTime: span.start,
      endTime: Math.max(end, span.start + 0.001),
    };
  });
}
