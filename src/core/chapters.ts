/**
 * Chapters (the questions pulled from the red box) from a parsed chapters file.
 */
import type { Chapter, VttDocument } from './cue-model.ts';

/**
 * One chapter per cue, in file order: its id, its half-open time range, and its question as plain
 * text on one line (a question written over several lines is joined with spaces).
 */
export function toChapters(document: Pick<VttDocument, 'cues'>): Chapter[] {
  return document.cues.map((cue) => ({
    id: cue.id,
    startTime: cue.startTime,
    endTime: cue.endTime,
    question: cue.text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .join(' '),
    line: cue.line,
  }));
}
