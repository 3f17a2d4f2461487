/**
 * Captions in the transcript's language + the published transcript → speaker-tagged cues.
 *
 * The captions say when (their timings are kept, to the millisecond); the transcript says who and
 * gives the text as published (punctuation, case, editor's insertions). The two word sequences
 * are paired (word-match.ts); every transcript word then belongs to the caption its partner is in
 * (a word the captions leave out goes with its neighbour in the same turn), so each caption gets
 * a run of transcript words. A caption whose words come from two turns is split at the change;
 * the time is divided where the aligner finds the next speaker's first word inside the caption
 * (`captionStretches` says what to align, `buildCaptionCues` takes the result), else in
 * proportion to the text.
 */
import type { Seconds } from '../cue-model.ts';
import type { ReadingProfile } from '../reading-profile.ts';
import { cueId, type AlignedCue, type AlignedCueWord } from '../align/aligned-cues.ts';
import { layLines, type TimedWord } from '../align/cue-split.ts';
import {
  transcriptWords,
  wordsOfText,
  type PublishedTranscript,
  type TranscriptWord,
} from '../align/published-transcript.ts';
import type { SpeechRegion } from '../align/speech-activity.ts';
import { pairWords, wordKey } from './word-match.ts';

/** A caption as read from an SRT or WebVTT file. */
export interface Caption {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** Plain text, markup removed, lines joined with `\n`. */
  readonly text: string;
  /** 1-based line of the caption in its file. */
  readonly line: number;
}

type Word = TranscriptWord & { readonly turn: number; readonly paragraph: number };

/** A run of one turn's words inside a caption: transcript word indices [from, to). */
export interface CaptionRun {
  readonly turn: number;
  readonly from: number;
  readonly to: number;
}

/** What one caption becomes: its runs of transcript words (one per speaker), or its own text. */
export interface PlannedCaption {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** The transcript words it holds, by turn; empty when none of its words are in the transcript. */
  readonly runs: readonly CaptionRun[];
  /** The turn it belongs to when it holds no transcript word (its text is then kept as is). */
  readonly turn: number;
  readonly text: string;
  readonly line: number;
}

/** Caption text that says nothing the transcript says (for a person to review). */
export interface UnmatchedCaptionText {
  readonly caption: number;
  readonly line: number;
  readonly text: string;
}

/** Transcript words no caption says (a run of them, where it starts in the transcript). */
export interface MissingTranscriptText {
  readonly line: number;
  readonly col: number;
  readonly text: string;
}

export interface CaptionPlan {
  /** Every transcript word, in reading order (transcriptWords). */
  readonly words: readonly Word[];
  readonly speakers: readonly string[];
  readonly captions: readonly PlannedCaption[];
  readonly unmatched: readonly UnmatchedCaptionText[];
  readonly missing: readonly MissingTranscriptText[];
  /** Share of the captions' words found in the transcript, 0–1. */
  readonly matchedShare: number;
}

const hasLetterOrDigit = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/** Pair the captions with the transcript and give every caption its runs of transcript words. */
export function planCaptionCues(
  transcript: PublishedTranscript,
  captions: readonly Caption[],
): CaptionPlan {
  const words = transcriptWords(transcript);
  const spoken = words.flatMap((word, index) => (word.spoken ? [index] : []));
  const captionWords = captions.flatMap((caption, c) =>
    wordsOfText(caption.text)
      .filter((word) => hasLetterOrDigit(word.text))
      .map((word) => ({ caption: c, text: word.text })),
  );
  const pairing = pairWords(
    spoken.map((index) => wordKey(words[index]!.text)),
    captionWords.map((word) => wordKey(word.text)),
  );

  // The caption each transcript word belongs to (-1 until known).
  const owner = new Array<number>(words.length).fill(-1);
  spoken.forEach((index, k) => {
    const partner = pairing.aToB[k]!;
    if (partner >= 0) owner[index] = captionWords[partner]!.caption;
  });
  placeInDifferingStretches(pairing.aToB, captionWords.length, (k, j) => {
    owner[spoken[k]!] = captionWords[j]!.caption;
  });
  fillOwners(words, owner);

  const captionRuns: CaptionRun[][] = captions.map(() => []);
  owner.forEach((c, index) => {
    if (c < 0) return;
    const runs = captionRuns[c]!;
    const last = runs[runs.length - 1];
    const turn = words[index]!.turn;
    if (last && last.turn === turn && last.to === index)
      runs[runs.length - 1] = { ...last, to: index + 1 };
    else runs.push({ turn, from: index, to: index + 1 });
  });

  let turnSoFar = words[0]?.turn ?? 0;
  const planned = captions.map((caption, c): PlannedCaption => {
    const runs = captionRuns[c]!;
    if (runs.length) turnSoFar = runs[runs.length - 1]!.turn;
    return {
      startTime: caption.startTime,
      endTime: caption.endTime,
      runs,
      turn: runs[0]?.turn ?? turnSoFar,
      text: caption.text,
      line: caption.line,
    };
  });

  const unmatched: UnmatchedCaptionText[] = [];
  let previousUnmatched = -2;
  captionWords.forEach((word, j) => {
    if (pairing.bToA[j]! >= 0) return;
    const last = unmatched[unmatched.length - 1];
    const adjacent = previousUnmatched === j - 1;
    previousUnmatched = j;
    if (last && adjacent && last.caption === word.caption) {
      unmatched[unmatched.length - 1] = { ...last, text: `${last.text} ${word.text}` };
    } else
      unmatched.push({
        caption: word.caption,
        line: captions[word.caption]!.line,
        text: word.text,
      });
  });

  const missing: MissingTranscriptText[] = [];
  let previousMissing = -2;
  spoken.forEach((index, k) => {
    if (pairing.aToB[k]! >= 0) return;
    const word = words[index]!;
    const last = missing[missing.length - 1];
    if (last && previousMissing === k - 1) {
      missing[missing.length - 1] = { ...last, text: `${last.text} ${word.text}` };
    } else missing.push({ line: word.line, col: word.col, text: word.text });
    previousMissing = k;
  });

  const paired = pairing.bToA.filter((partner) => partner >= 0).length;
  return {
    words,
    speakers: transcript.turns.map((turn) => turn.speaker),
    captions: planned,
    unmatched,
    missing,
    matchedShare: captionWords.length ? paired / captionWords.length : 0,
  };
}

/**
 * Where both texts say something different between two pairs ("you" against "ya"), the words of
 * the one are laid over the words of the other in proportion: `place(k, j)` puts unpaired word
 * `k` of the first at unpaired word `j` of the second. Words with nothing facing them are left.
 */
function placeInDifferingStretches(
  aToB: readonly number[],
  bLength: number,
  place: (k: number, j: number) => void,
): void {
  let previous = -1; // index in a of the last pair
  for (let k = 0; k <= aToB.length; k++) {
    if (k < aToB.length && aToB[k]! < 0) continue;
    const fromA = previous + 1;
    const fromB = previous >= 0 ? aToB[previous]! + 1 : 0;
    const toB = k < aToB.length ? aToB[k]! : bLength;
    const countA = k - fromA;
    const countB = toB - fromB;
    if (countA > 0 && countB > 0) {
      for (let x = 0; x < countA; x++) place(fromA + x, fromB + Math.floor((x * countB) / countA));
    }
    previous = k;
  }
}

/**
 * Give every word without a caption one: a spoken word the captions leave out goes with the
 * nearest placed word of its own turn (the one before it first), so a turn's first words stay
 * with the turn; an editor's insertion goes with the word before it. Owners never decrease.
 */
function fillOwners(words: readonly Word[], owner: number[]): void {
  const placed = owner.map((c) => c >= 0);
  const previousPlaced = (index: number, sameTurn: boolean): number => {
    for (let k = index - 1; k >= 0; k--) {
      if (sameTurn && words[k]!.turn !== words[index]!.turn) return -1;
      if (placed[k]) return owner[k]!;
    }
    return -1;
  };
  const nextPlaced = (index: number, sameTurn: boolean): number => {
    for (let k = index + 1; k < words.length; k++) {
      if (sameTurn && words[k]!.turn !== words[index]!.turn) return -1;
      if (placed[k]) return owner[k]!;
    }
    return -1;
  };
  words.forEach((word, index) => {
    if (placed[index]) return;
    const candidates = word.spoken
      ? [previousPlaced(index, true), nextPlaced(index, true), previousPlaced(index, false)]
      : [previousPlaced(index, false), nextPlaced(index, true)];
    owner[index] = candidates.find((c) => c >= 0) ?? nextPlaced(index, false);
  });
  // Keep the order (a caption never takes words from before the previous caption's).
  let highest = -1;
  for (let index = 0; index < owner.length; index++) {
    if (owner[index]! < highest) owner[index] = highest;
    highest = Math.max(highest, owner[index]!);
  }
}

/** A caption's spoken transcript words (what the aligner times inside its window). */
export interface CaptionStretch {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  readonly words: readonly string[];
}

/**
 * What to align: for each caption, its window and its spoken transcript words; empty for a
 * caption that needs no times (one speaker and `wordTags` off, or no transcript words).
 */
export function captionStretches(plan: CaptionPlan, wordTags: boolean): CaptionStretch[] {
  return plan.captions.map((caption) => ({
    startTime: caption.startTime,
    endTime: caption.endTime,
    words:
      wordTags || caption.runs.length > 1
        ? caption.runs.flatMap((run) =>
            plan.words
              .slice(run.from, run.to)
              .filter((word) => word.spoken)
              .map((word) => word.text),
          )
        : [],
  }));
}

/** A word's time found by the aligner. */
export interface WordTime {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
}

/** The shortest part a split caption is cut into. */
const MIN_PART: Seconds = 0.3;

/**
 * The cues: one per caption run, timed by the caption (a split caption divided at the aligner's
 * start of the next speaker's first word, `timings[c]` holding the times of `captionStretches`'
 * words; in proportion to the text where it has none). Word timestamps where `timings` give them.
 */
export function buildCaptionCues(
  plan: CaptionPlan,
  timings: readonly (readonly WordTime[])[],
  profile: ReadingProfile,
  speech: readonly SpeechRegion[] = [],
): AlignedCue[] {
  const cues: AlignedCue[] = [];
  let previousTurn = -1;
  plan.captions.forEach((caption, c) => {
    const times = timings[c] ?? [];
    if (caption.runs.length === 0) {
      cues.push(
        ownTextCue(
          caption,
          plan.speakers[caption.turn] ?? '',
          caption.turn !== previousTurn,
          cues.length,
        ),
      );
      previousTurn = caption.turn;
      return;
    }
    const bounds = partBounds(plan, caption, times, speech);
    let spokenIndex = 0;
    caption.runs.forEach((run, r) => {
      const startTime = bounds[r]!;
      // A part before another keeps the minimum gap to it (two frames), as a cue change needs.
      const endTime =
        r + 1 < caption.runs.length
          ? Math.max(startTime + (bounds[r + 1]! - startTime) / 2, bounds[r + 1]! - profile.minGap)
          : bounds[r + 1]!;
      const runWords = plan.words.slice(run.from, run.to);
      let lastTag = startTime;
      const cueWords: AlignedCueWord[] = runWords.map((word) => {
        const time = word.spoken ? times[spokenIndex++] : undefined;
        // A tag must lie strictly inside the cue and after the one before it.
        const timed = time !== undefined && time.startTime > lastTag && time.startTime < endTime;
        if (timed) lastTag = time.startTime;
        return {
          text: word.text,
          startTime: timed ? time.startTime : null,
          endTime: timed ? Math.min(time.endTime, endTime) : null,
          timed,
          glued: word.glued,
          line: word.line,
          col: word.col,
        };
      });
      const layout = layLines(asTimedWords(runWords), 0, runWords.length, profile);
      cues.push({
        id: cueId(cues.length),
        speaker: plan.speakers[run.turn] ?? '',
        firstOfTurn: run.turn !== previousTurn,
        startTime,
        endTime,
        lines: layout?.lines ?? [runWords.map((word) => word.text).join(' ')],
        secondLineFrom: layout?.secondLineFrom ?? -1,
        words: cueWords,
        cost: null,
        line: runWords[0]!.line,
        col: runWords[0]!.col,
        paragraphIndex: run.turn,
      });
      previousTurn = run.turn;
    });
  });
  return cues;
}

/** A cue keeping a caption's own text (none of it is in the transcript). */
function ownTextCue(
  caption: PlannedCaption,
  speaker: string,
  firstOfTurn: boolean,
  index: number,
): AlignedCue {
  const text = caption.text.replace(/\s*\n\s*/g, ' ').trim();
  return {
    id: cueId(index),
    speaker,
    firstOfTurn,
    startTime: caption.startTime,
    endTime: caption.endTime,
    lines: [text],
    secondLineFrom: -1,
    words: [
      {
        text,
        startTime: null,
        endTime: null,
        timed: false,
        glued: false,
        line: caption.line,
        col: 1,
      },
    ],
    cost: null,
    line: caption.line,
    col: 1,
    paragraphIndex: caption.turn,
  };
}

function asTimedWords(words: readonly Word[]): TimedWord[] {
  return words.map((word) => ({
    text: word.text,
    paragraph: word.paragraph,
    glued: word.glued,
    boundary: word.boundary,
    startTime: null,
    endTime: null,
  }));
}

/** How far from the aligner's time a speaker change is looked for at a pause in the speech. */
const PAUSE_SEARCH: Seconds = 0.6;
/** The shortest silence taken for the pause between two speakers. */
const MIN_PAUSE: Seconds = 0.15;

/**
 * Where the next speaker starts near `time`: the speech onset within PAUSE_SEARCH after the
 * longest silence (speakers take turns at pauses, and inside one window the aligner's reference
 * has no pause between them to match), or `time` itself when no onset follows a pause.
 */
export function speakerChangeNear(speech: readonly SpeechRegion[], time: Seconds): Seconds {
  let best = time;
  let longest = MIN_PAUSE;
  speech.forEach((region, k) => {
    if (Math.abs(region.startTime - time) > PAUSE_SEARCH) return;
    const silence = region.startTime - (k > 0 ? speech[k - 1]!.endTime : 0);
    if (silence >= longest) {
      longest = silence;
      best = region.startTime;
    }
  });
  return best;
}

/**
 * The edges of a caption's parts: its start, each later run's start (the aligner's time of the
 * run's first spoken word moved to the pause before it, else a share of the caption's time by the
 * length of the text before it), its end. Every part keeps at least MIN_PART (or an even share of
 * a short caption).
 */
function partBounds(
  plan: CaptionPlan,
  caption: PlannedCaption,
  times: readonly WordTime[],
  speech: readonly SpeechRegion[],
): number[] {
  const { startTime, endTime, runs } = caption;
  const bounds = [startTime];
  const length = (run: CaptionRun): number =>
    plan.words.slice(run.from, run.to).reduce((sum, word) => sum + word.text.length + 1, 0);
  const total = runs.reduce((sum, run) => sum + length(run), 0);
  const minPart = Math.min(MIN_PART, (endTime - startTime) / runs.length);
  let spokenBefore = 0;
  let lengthBefore = 0;
  runs.forEach((run, r) => {
    if (r > 0) {
      const aligned = times[spokenBefore]?.startTime;
      const proportional = startTime + ((endTime - startTime) * lengthBefore) / total;
      const wanted = aligned === undefined ? proportional : speakerChangeNear(speech, aligned);
      const lowest = bounds[bounds.length - 1]! + minPart;
      const highest = endTime - minPart * (runs.length - r);
      bounds.push(Math.min(highest, Math.max(lowest, wanted)));
    }
    spokenBefore += plan.words.slice(run.from, run.to).filter((word) => word.spoken).length;
    lengthBefore += length(run);
  });
  bounds.push(endTime);
  return bounds;
}
