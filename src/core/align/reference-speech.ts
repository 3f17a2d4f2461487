/**
 * The synthesized reference: what to synthesize, and where each word is in what came back.
 *
 * Each fragment (a sentence or a few, inside one paragraph) is spoken with a fixed silence between
 * words (espeak-ng's word gap, `-g`). The synthesizer's silence is digital zero, so every gap is
 * found exactly; pieces of sound between gaps are matched to the words (a synthesizer may say
 * "2019" in three pieces, or run "a" into the next word), and the gaps are then cut back to their
 * natural length, so the reference sounds like connected speech with every word's start known to
 * the sample.
 */
import { resample } from './resample.ts';

/** A spoken word as the reference needs it. */
export interface ReferenceWord {
  readonly text: string;
  readonly turn: number;
  readonly paragraph: number;
  readonly boundary: 'sentence' | 'clause' | null;
}

/** Where a fragment starts relative to the one before: what kind of pause a speaker makes there. */
export type PauseKind = 'turn' | 'paragraph' | 'sentence';

/** One call of the synthesizer. */
export interface SynthesisFragment {
  /** The text to speak. */
  readonly text: string;
  /** Indices of its words in the spoken-word list, in order. */
  readonly words: readonly number[];
  readonly turn: number;
  readonly pauseBefore: PauseKind;
}

/** Fragments end at a sentence end once they hold this many words (more calls, run in parallel). */
const FRAGMENT_WORDS = 24;

/**
 * What a synthesizer is given for a word: curly quotes and apostrophes straightened, brackets and
 * symbols it would read out loud ("left bracket") dropped.
 */
export function speakableText(word: string): string {
  return word
    .replace(/[‘’ʼ]/g, "'")
    .replace(/[“”«»„]/g, '"')
    .replace(/[[\]{}<>*_#|~^\\/]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Split the spoken words into fragments: never across paragraphs, at sentence ends when long. */
export function planSynthesis(words: readonly ReferenceWord[]): SynthesisFragment[] {
  const fragments: SynthesisFragment[] = [];
  let current: number[] = [];
  let pauseBefore: PauseKind = 'turn';
  const flush = (next: PauseKind): void => {
    if (current.length) {
      const first = words[current[0]!]!;
      fragments.push({
        text: current.map((i) => speakableText(words[i]!.text)).join(' '),
        words: current,
        turn: first.turn,
        pauseBefore,
      });
    }
    current = [];
    pauseBefore = next;
  };
  words.forEach((word, i) => {
    const previous = words[i - 1];
    if (previous && previous.turn !== word.turn) flush('turn');
    else if (previous && previous.paragraph !== word.paragraph) flush('paragraph');
    else if (previous && previous.boundary === 'sentence' && current.length >= FRAGMENT_WORDS)
      flush('sentence');
    current.push(i);
  });
  flush('turn');
  return fragments;
}

/** Samples of one synthesized word inside a reference: [start, end). */
export interface WordSpan {
  readonly start: number;
  readonly end: number;
}

export interface LocatedWords {
  /** The reference with the word gaps cut back to natural pauses. */
  readonly samples: Float32Array;
  /** Each word's span in `samples`, one per word. */
  readonly words: readonly WordSpan[];
  /** False when the pieces had to be shared out by expected length (counts differed). */
  readonly exact: boolean;
}

export interface LocateOptions {
  /** The synthesizer's sample rate. */
  readonly sampleRate: number;
  /** The rate the reference is wanted at (the aligner's); the words' spans are at this rate. */
  readonly targetRate: number;
  /** The silence inserted between words (espeak-ng `-g 20` at its default speed: 0.2 s). */
  readonly wordGap: number;
  /** Samples at or below this magnitude are silence (the synthesizer's zero, with rounding). */
  readonly silence?: number;
}

/**
 * How long a word takes to say, in arbitrary units: letters, with digits counting more (they are
 * read as number words). Only used to share out pieces when their count differs from the words'.
 */
export function expectedLength(word: string): number {
  let units = 0;
  for (const char of word) {
    if (/\p{N}/u.test(char)) units += 3.5;
    else if (/[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(char))
      units += 2.5;
    else if (/\p{L}/u.test(char)) units += 1;
  }
  return Math.max(1, units);
}

/**
 * A word whose spelling starts with a stop or affricate (p, t, k, b, d, g, hard c, q, j, ch) begins
 * with a closure: silence before the burst. The synthesizer's first sound is the burst, so such a
 * word's start is its first sound minus this (English spelling only; other scripts: 0).
 */
export const SILENT_CLOSURE = 0.055;

/** The silent closure, in seconds, before the first sound of `word` (see SILENT_CLOSURE). */
export function silentClosure(word: string): number {
  const letters = word.replace(/^[^\p{L}\p{N}]+/u, '').toLowerCase();
  if (/^(th|ph|kn|gn|ps|pn|pt|c[eiy])/.test(letters)) return 0;
  return /^[pbtdkgcqj]/.test(letters) ? SILENT_CLOSURE : 0;
}

/** Runs of sound separated by at least `minGap` samples of silence: [start, end) each. */
export function soundPieces(samples: Float32Array, minGap: number, silence: number): WordSpan[] {
  const pieces: WordSpan[] = [];
  let start = -1;
  let lastSound = -1;
  for (let n = 0; n < samples.length; n++) {
    if (Math.abs(samples[n]!) <= silence) continue;
    if (start < 0) start = n;
    else if (n - lastSound - 1 >= minGap) {
      pieces.push({ start, end: lastSound + 1 });
      start = n;
    }
    lastSound = n;
  }
  if (start >= 0) pieces.push({ start, end: lastSound + 1 });
  return pieces;
}

/**
 * Match pieces of sound to words, in order: one piece per word where the counts agree; otherwise
 * a dynamic programme over groups (several pieces for one word, or one piece shared by two or three
 * words) whose lengths best fit the words' expected lengths.
 * Returns, for each word, its span in the original samples.
 */
export function matchPiecesToWords(
  pieces: readonly WordSpan[],
  weights: readonly number[],
): { spans: WordSpan[]; exact: boolean } {
  const words = weights.length;
  if (pieces.length === words) return { spans: pieces.slice(), exact: true };
  if (pieces.length === 0) throw new RangeError('The synthesizer produced no sound');
  const totalSound = pieces.reduce((sum, piece) => sum + piece.end - piece.start, 0);
  const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
  const rate = totalSound / totalWeight;
  const MAX_PIECES = 5;
  const MAX_SHARED = 3;
  const GROUP_PENALTY = 0.4;
  // best[p][w]: cost of matching the first p pieces to the first w words.
  const best = Array.from({ length: pieces.length + 1 }, () =>
    new Float64Array(words + 1).fill(Infinity),
  );
  const move = Array.from({ length: pieces.length + 1 }, () => new Int16Array(words + 1));
  best[0]![0] = 0;
  const misfit = (soundLength: number, weight: number): number => {
    const ratio = Math.log(Math.max(1, soundLength) / (rate * weight));
    return ratio * ratio;
  };
  for (let p = 0; p <= pieces.length; p++) {
    for (let w = 0; w <= words; w++) {
      const here = best[p]![w]!;
      if (!Number.isFinite(here)) continue;
      // k pieces → one word (k ≥ 1), encoded as +k.
      let span = 0;
      for (let k = 1; k <= MAX_PIECES && p + k <= pieces.length && w < words; k++) {
        span = pieces[p + k - 1]!.end - pieces[p]!.start;
        const cost = here + misfit(span, weights[w]!) + (k - 1) * GROUP_PENALTY;
        if (cost < best[p + k]![w + 1]!) {
          best[p + k]![w + 1] = cost;
          move[p + k]![w + 1] = k;
        }
      }
      // one piece → k words (k ≥ 2), encoded as −k.
      if (p < pieces.length) {
        let weight = weights[w] ?? 0;
        for (let k = 2; k <= MAX_SHARED && w + k <= words; k++) {
          weight += weights[w + k - 1]!;
          const piece = pieces[p]!;
          const cost = here + misfit(piece.end - piece.start, weight) + (k - 1) * GROUP_PENALTY;
          if (cost < best[p + 1]![w + k]!) {
            best[p + 1]![w + k] = cost;
            move[p + 1]![w + k] = -k;
          }
        }
      }
    }
  }
  if (!Number.isFinite(best[pieces.length]![words]!)) {
    // Far more words than pieces (or the reverse): share the whole sound out by weight.
    return {
      spans: shareOut(pieces[0]!.start, pieces[pieces.length - 1]!.end, weights),
      exact: false,
    };
  }
  const spans: WordSpan[] = new Array<WordSpan>(words);
  let p = pieces.length;
  let w = words;
  while (p > 0 || w > 0) {
    const k = move[p]![w]!;
    if (k > 0) {
      spans[w - 1] = { start: pieces[p - k]!.start, end: pieces[p - 1]!.end };
      p -= k;
      w -= 1;
    } else {
      const shared = shareOut(pieces[p - 1]!.start, pieces[p - 1]!.end, weights.slice(w + k, w));
      shared.forEach((span, i) => (spans[w + k + i] = span));
      p -= 1;
      w += k;
    }
  }
  return { spans, exact: false };
}

/** Share [start, end) out among words in proportion to their weights. */
function shareOut(start: number, end: number, weights: readonly number[]): WordSpan[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const spans: WordSpan[] = [];
  let at = start;
  let accumulated = 0;
  for (const weight of weights) {
    accumulated += weight;
    const next = Math.round(start + ((end - start) * accumulated) / total);
    spans.push({ start: at, end: Math.max(at + 1, next) });
    at = next;
  }
  return spans;
}

/**
 * Find the words of a fragment synthesized with a word gap, and cut the gaps back: each gap keeps
 * what it had beyond the inserted gap (a comma's pause stays, the inserted silence goes). The
 * result is resampled to `targetRate` (after the cut: less to resample, and the silence is found
 * in the synthesizer's own exact zeros).
 */
export function locateWords(
  samples: Float32Array,
  words: readonly string[],
  options: LocateOptions,
): LocatedWords {
  const silence = options.silence ?? 2 / 32768;
  const gap = Math.round(options.wordGap * options.sampleRate);
  // A stop consonant's closure is silent too, but far shorter than the inserted gap.
  const pieces = soundPieces(samples, Math.round(gap * 0.7), silence);
  if (pieces.length === 0) {
    return {
      samples: new Float32Array(0),
      words: words.map(() => ({ start: 0, end: 0 })),
      exact: false,
    };
  }
  const scale = options.targetRate / options.sampleRate;
  const { spans, exact } = matchPiecesToWords(pieces, words.map(expectedLength));
  const out = new Float32Array(samples.length);
  const located: WordSpan[] = [];
  let length = 0;
  spans.forEach((span, i) => {
    if (i > 0) {
      const silenceBefore = span.start - spans[i - 1]!.end;
      // Spans shared out of one piece touch (silenceBefore 0): no gap was inserted there.
      const natural = silenceBefore > 0 ? Math.max(0, silenceBefore - gap) : 0;
      length += natural;
    }
    const start = Math.max(span.start, i > 0 ? spans[i - 1]!.end : span.start);
    out.set(samples.subarray(start, span.end), length);
    located.push({
      start: Math.round(length * scale),
      end: Math.round((length + span.end - start) * scale),
    });
    length += span.end - start;
  });
  return {
    samples: resample(out.subarray(0, length), options.sampleRate, options.targetRate),
    words: located,
    exact,
  };
}
