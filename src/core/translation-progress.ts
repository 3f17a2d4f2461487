/**
 * How far a translation has come: rows translated out of the source's rows, and the share of the
 * spoken running time (the time some source cue is on screen) those rows cover.
 */
import type { Cue, Seconds } from './cue-model.ts';

export interface TranslationProgress {
  /** Source rows whose translation has text. */
  readonly translatedRows: number;
  /** Rows of the source (cues with an id, each id once). */
  readonly totalRows: number;
  /** Seconds of source cue time covered by translated rows (overlaps counted once). */
  readonly coveredSeconds: Seconds;
  /** Seconds in which some source cue is on screen. */
  readonly totalSeconds: Seconds;
  /** coveredSeconds / totalSeconds, 0–1 (0 for an empty source). */
  readonly timeShare: number;
  /** translatedRows / totalRows, 0–1. */
  readonly rowShare: number;
}

type Timed = Pick<Cue, 'startTime' | 'endTime'>;

/** Seconds covered by the union of half-open intervals. */
export function coveredTime(intervals: readonly Timed[]): Seconds {
  const sorted = intervals
    .filter((interval) => interval.endTime > interval.startTime)
    .sort((a, b) => a.startTime - b.startTime);
  let total = 0;
  let start = -Infinity;
  let end = -Infinity;
  for (const interval of sorted) {
    if (interval.startTime > end) {
      if (end > start) total += end - start;
      start = interval.startTime;
      end = interval.endTime;
    } else end = Math.max(end, interval.endTime);
  }
  if (end > start) total += end - start;
  return total;
}

/**
 * Progress of `translation` against `source`, aligned by id. A row counts as translated when the
 * translation has a cue with its id and non-blank text; time is measured on the source's timings.
 */
export function translationProgress(
  source: readonly Pick<Cue, 'id' | 'startTime' | 'endTime'>[],
  translation: readonly Pick<Cue, 'id' | 'text'>[],
): TranslationProgress {
  const translatedIds = new Set(
    translation.filter((cue) => cue.text.trim() !== '').map((cue) => cue.id),
  );
  const seen = new Set<string>();
  const rows = source.filter((cue) => {
    if (cue.id === '' || seen.has(cue.id)) return false;
    seen.add(cue.id);
    return true;
  });
  const translated = rows.filter((cue) => translatedIds.has(cue.id));
  const totalSeconds = coveredTime(rows);
  const coveredSeconds = coveredTime(translated);
  return {
    translatedRows: translated.length,
    totalRows: rows.length,
    coveredSeconds,
    totalSeconds,
    timeShare: totalSeconds > 0 ? coveredSeconds / totalSeconds : 0,
    rowShare: rows.length > 0 ? translated.length / rows.length : 0,
  };
}
