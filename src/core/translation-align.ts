/**
 * Aligning a translation with its source by cue id (Contract 1: the id aligns languages): a new
 * translation made from the source, a translation completed with the source's missing ids, and
 * row-by-row differences between two versions of a file (a draft and the file, the workspace and
 * a file changed on disk) with a merge that takes each row from the side chosen.
 */
import type { ParsedCue } from './vtt-parse.ts';
import {
  cueNotes,
  insertCue,
  removeCue,
  setCueNote,
  updateCueAt,
  withTypedText,
  type CueDocument,
} from './translation-edit.ts';

/** A cue of a new translation: the source cue's id, timing, settings and voice span, no text. */
export function emptyTranslationCue(source: ParsedCue): ParsedCue {
  return withTypedText(source, '');
}

/**
 * A new translation of `source`: the same ids, timings, settings and speakers, empty text, and
 * `comment` as the file's first NOTE. The source's own NOTE, STYLE and REGION blocks stay behind
 * (they describe the source).
 */
export function createTranslation(source: CueDocument, comment: string): CueDocument {
  const cues = source.cues.map(emptyTranslationCue);
  const note = comment.trim()
    ? [{ type: 'note' as const, text: `NOTE\n${comment.trim()}`, line: 3 }]
    : [];
  return {
    header: 'WEBVTT',
    blocks: [...note, ...cues.map((cue) => ({ type: 'cue' as const, cue }))],
    cues,
  };
}

export interface CompletedTranslation {
  readonly document: CueDocument;
  /** Ids of source cues the translation lacked, now present as empty cues. */
  readonly added: readonly string[];
}

/**
 * The translation with every source id it lacks added as an empty cue (source timing and voice),
 * placed before the next source cue it has, or at the end. Nothing else changes.
 */
export function completeTranslation(
  source: CueDocument,
  translation: CueDocument,
): CompletedTranslation {
  const present = new Set(translation.cues.map((cue) => cue.id));
  const missing = source.cues.filter((cue) => cue.id !== '' && !present.has(cue.id));
  if (missing.length === 0) return { document: translation, added: [] };

  let document = translation;
  const added: string[] = [];
  // Walk the source backwards so each missing cue lands before the next source cue present.
  for (let i = source.cues.length - 1; i >= 0; i--) {
    const sourceCue = source.cues[i]!;
    if (sourceCue.id === '' || present.has(sourceCue.id)) continue;
    const nextPresentId = source.cues
      .slice(i + 1)
      .find((later) => present.has(later.id) || added.includes(later.id))?.id;
    const at =
      nextPresentId === undefined
        ? document.cues.length
        : document.cues.findIndex((cue) => cue.id === nextPresentId);
    document = insertCue(document, at, emptyTranslationCue(sourceCue));
    added.unshift(sourceCue.id);
  }
  return { document, added };
}

/** What differs between two versions of one row. */
export interface RowDifference {
  readonly id: string;
  /** The row in each version (undefined: the version does not have it). */
  readonly mine?: RowVersion;
  readonly theirs?: RowVersion;
  /** Differences, for people: 'text', 'timing', 'speaker', 'note', 'presence'. */
  readonly fields: readonly RowField[];
}

export type RowField = 'text' | 'timing' | 'speaker' | 'note' | 'presence';

export interface RowVersion {
  readonly cue: ParsedCue;
  readonly note: string;
}

/** Each cue with its note, by id (the first cue of a duplicated id). */
function rowsById(document: CueDocument): Map<string, RowVersion> {
  const notes = cueNotes(document);
  const rows = new Map<string, RowVersion>();
  document.cues.forEach((cue, index) => {
    if (!rows.has(cue.id)) rows.set(cue.id, { cue, note: notes.get(index) ?? '' });
  });
  return rows;
}

const SAME_TIME = 0.0005;

function differingFields(a: RowVersion, b: RowVersion): RowField[] {
  const fields: RowField[] = [];
  if (a.cue.text !== b.cue.text) fields.push('text');
  if (
    Math.abs(a.cue.startTime - b.cue.startTime) > SAME_TIME ||
    Math.abs(a.cue.endTime - b.cue.endTime) > SAME_TIME
  ) {
    fields.push('timing');
  }
  if (a.cue.speakerId !== b.cue.speakerId || a.cue.voice !== b.cue.voice) fields.push('speaker');
  if (a.note !== b.note) fields.push('note');
  return fields;
}

/** The rows that differ between `mine` and `theirs`, by id, in `theirs`' order then `mine`'s. */
export function diffRows(mine: CueDocument, theirs: CueDocument): RowDifference[] {
  const mineRows = rowsById(mine);
  const theirRows = rowsById(theirs);
  const ids = [...new Set([...theirRows.keys(), ...mineRows.keys()])];
  const differences: RowDifference[] = [];
  for (const id of ids) {
    const a = mineRows.get(id);
    const b = theirRows.get(id);
    const fields: RowField[] = a && b ? differingFields(a, b) : ['presence'];
    if (fields.length > 0) differences.push({ id, mine: a, theirs: b, fields });
  }
  return differences;
}

/** Which version of a row to keep. */
export type RowChoice = 'mine' | 'theirs';

/**
 * The side to suggest for a difference, given the version both started from (`base`): the side
 * that changed the row, or 'mine' when both did (the translator decides).
 */
export function suggestedChoice(difference: RowDifference, base: CueDocument | null): RowChoice {
  if (!base) return 'mine';
  const baseRow = rowsById(base).get(difference.id);
  const sameAsBase = (row: RowVersion | undefined): boolean =>
    row === undefined
      ? baseRow === undefined
      : baseRow !== undefined && differingFields(row, baseRow).length === 0;
  if (sameAsBase(difference.mine)) return 'theirs';
  return 'mine';
}

/**
 * Merge two versions row by row: `theirs` (the file as it is now: its header, comments and order)
 * with each row listed in `choices` as 'mine' taken from `mine` (text, timing, speaker, note).
 * A row only `mine` has is inserted after the row before it in `mine`; a row only `theirs` has
 * is dropped when 'mine' is chosen for it.
 */
export function mergeRows(
  mine: CueDocument,
  theirs: CueDocument,
  choices: ReadonlyMap<string, RowChoice>,
): CueDocument {
  const mineRows = rowsById(mine);
  let merged = theirs;
  for (const [id, choice] of choices) {
    if (choice !== 'mine') continue;
    const index = merged.cues.findIndex((cue) => cue.id === id);
    const row = mineRows.get(id);
    if (!row) {
      if (index >= 0) merged = removeCue(merged, index);
      continue;
    }
    if (index >= 0) {
      merged = updateCueAt(merged, index, () => row.cue);
      merged = setCueNote(merged, index, row.note);
    } else {
      const mineIndex = mine.cues.findIndex((cue) => cue.id === id);
      const previousId = mine.cues[mineIndex - 1]?.id;
      const after =
        previousId === undefined ? -1 : merged.cues.findIndex((c) => c.id === previousId);
      merged = insertCue(merged, after + 1, row.cue);
      merged = setCueNote(merged, after + 1, row.note);
    }
  }
  return merged;
}
