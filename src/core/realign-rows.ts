/**
 * Re-aligned rows into a cue file: each row starts at its first spoken word and ends at its last
 * word's end (kept clear of its neighbours by the minimum gap and at least MIN_EDITED_DURATION
 * long), and its word timestamps are written again from the aligner's times (the cue's markup and
 * plain text are kept exactly). Rows are found by id; a row whose text has no spoken word, or
 * whose id is not in the file, is left as it is.
 *
 * Seconds, rounded to the millisecond; cues are half-open [start, end).
 */
import { spokenWordsOfCue, withWordTimestamps } from './align/word-timestamps.ts';
import type { Seconds } from './cue-model.ts';
import { editedCueText } from './cue-text-edit.ts';
import { MIN_EDITED_DURATION, updateCueAt, type CueDocument } from './translation-edit.ts';

/** What the re-align API answers for one row: a time per spoken word of its text. */
export interface RealignedRow {
  readonly id: string;
  readonly words: readonly { readonly startTime: Seconds; readonly endTime: Seconds }[];
}

const roundToMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** The rows' new edges and word timestamps, in one new document (the same one if nothing moved). */
export function applyRealignedRows(
  document: CueDocument,
  rows: readonly RealignedRow[],
  minGap: Seconds,
): CueDocument {
  let updated = document;
  const indexOf = new Map(document.cues.map((cue, index) => [cue.id, index]));
  // In file order, so each row sees its previous neighbour's new end.
  const ordered = rows
    .map((row) => ({ row, index: indexOf.get(row.id) }))
    .filter((entry): entry is { row: RealignedRow; index: number } => entry.index !== undefined)
    .sort((a, b) => a.index - b.index)
    // The aligner timed the spoken words of the text as it was sent; a row typed since is skipped.
    .filter(
      ({ row, index }) =>
        row.words.length > 0 &&
        spokenWordsOfCue(document.cues[index]!.segments).length === row.words.length,
    );
  const newStart = new Map(ordered.map(({ row, index }) => [index, row.words[0]!.startTime]));
  for (const { row, index } of ordered) {
    const words = row.words;
    const previous = updated.cues[index - 1];
    const next = updated.cues[index + 1];
    const floor = previous ? previous.endTime + minGap : 0;
    const nextStart = newStart.get(index + 1) ?? next?.startTime ?? Infinity;
    const ceiling = nextStart - minGap;
    let startTime = roundToMs(Math.max(floor, words[0]!.startTime));
    let endTime = roundToMs(Math.min(ceiling, words[words.length - 1]!.endTime));
    if (endTime - startTime < MIN_EDITED_DURATION) {
      endTime = roundToMs(Math.min(ceiling, startTime + MIN_EDITED_DURATION));
      startTime = roundToMs(Math.max(floor, Math.min(startTime, endTime - MIN_EDITED_DURATION)));
    }
    if (endTime - startTime < MIN_EDITED_DURATION - 1e-9) continue; // no room between neighbours
    const times = words.map((word) => word.startTime);
    updated = updateCueAt(updated, index, (current) => {
      const segments = withWordTimestamps(current.segments, times, { startTime, endTime });
      return {
        ...current,
        segments,
        rawText: editedCueText(segments, current.rawText),
        startTime,
        endTime,
      };
    });
  }
  return updated;
}
