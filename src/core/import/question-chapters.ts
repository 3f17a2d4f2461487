/**
 * The questions pulled from the box (`--question`, as read out) → chapters: each starts at the cue
 * where its words are spoken, found by a fuzzy word match (case, punctuation and small wording
 * differences tolerated), and lasts until the next question or the end of the episode.
 */
import type { Seconds } from '../cue-model.ts';
import { formatTimestamp, escapeCueText } from '../vtt-serialize.ts';
import { wordsOfText } from '../align/published-transcript.ts';
import { pairWords, wordKey } from './word-match.ts';

/** A cue as far as finding a question needs it. */
export interface QuestionCue {
  readonly id: string;
  readonly startTime: Seconds;
  /** Plain text. */
  readonly text: string;
}

/** Where a question is read out. */
export interface FoundQuestion {
  readonly question: string;
  /** Index of the cue holding its first matched word, or -1 when it was not found. */
  readonly cueIndex: number;
  /** Share of the question's words found in order, 0–1. */
  readonly score: number;
}

/** At least this share of a question's words must be found, in order, close together. */
export const QUESTION_MIN_SCORE = 0.6;

const keysOf = (text: string): string[] =>
  wordsOfText(text)
    .map((word) => wordKey(word.text))
    .filter(Boolean);

/** Find each question in the cues (the earliest best match). */
export function findQuestions(
  questions: readonly string[],
  cues: readonly QuestionCue[],
): FoundQuestion[] {
  const words = cues.flatMap((cue, index) => keysOf(cue.text).map((key) => ({ key, index })));
  const keys = words.map((word) => word.key);
  return questions.map((question) => {
    const wanted = keysOf(question);
    if (wanted.length === 0) return { question, cueIndex: -1, score: 0 };
    // A window a little longer than the question, so a few extra words spoken inside it fit.
    const span = wanted.length + Math.max(2, Math.ceil(wanted.length / 4));
    let best = { cueIndex: -1, score: 0 };
    for (let start = 0; start < keys.length; start++) {
      const window = keys.slice(start, start + span);
      const { aToB } = pairWords(wanted, window);
      const found = aToB.filter((partner) => partner >= 0);
      const score = found.length / wanted.length;
      if (score > best.score && found[0] !== undefined) {
        best = { cueIndex: words[start + found[0]]!.index, score };
        if (score === 1) break;
      }
    }
    return best.score >= QUESTION_MIN_SCORE
      ? { question, ...best }
      : { question, cueIndex: -1, score: best.score };
  });
}

/** A chapter to write. */
export interface PlannedChapter {
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  readonly question: string;
}

/**
 * Chapters of the found questions in time order (ids q1, q2 …), each ending where the next starts
 * and the last at `end`. Two questions found at the same cue: the later one in the list is
 * dropped (returned in `clashes`).
 */
export function chaptersOf(
  found: readonly FoundQuestion[],
  cues: readonly QuestionCue[],
  end: Seconds,
): { chapters: PlannedChapter[]; clashes: FoundQuestion[] } {
  const placed = found
    .filter((question) => question.cueIndex >= 0)
    .sort((a, b) => a.cueIndex - b.cueIndex);
  const kept: FoundQuestion[] = [];
  const clashes: FoundQuestion[] = [];
  for (const question of placed) {
    if (kept[kept.length - 1]?.cueIndex === question.cueIndex) clashes.push(question);
    else kept.push(question);
  }
  const chapters = kept.map((question, k) => ({
    id: `q${k + 1}`,
    startTime: cues[question.cueIndex]!.startTime,
    endTime: kept[k + 1] ? cues[kept[k + 1]!.cueIndex]!.startTime : end,
    question: question.question.replace(/\s+/g, ' ').trim(),
  }));
  return { chapters, clashes };
}

/** A chapters file (Contract 1): one cue per chapter, its text the question. */
export function chaptersToVtt(chapters: readonly PlannedChapter[]): string {
  const blocks = chapters.map(
    (chapter) =>
      `${chapter.id}\n${formatTimestamp(chapter.startTime)} --> ${formatTimestamp(chapter.endTime)}\n${escapeCueText(chapter.question)}`,
  );
  return ['WEBVTT', ...blocks].join('\n\n') + '\n';
}
