/**
 * The checks of Contract 6 per row, for the translator workspace: the same rule functions as
 * `npm run check` (checks/cue-rules.ts), applied cue by cue with the findings kept per row, and
 * re-run only where something changed.
 *
 * A row's findings depend on its cue, the cue that ends last before it (gaps and overlaps) and its
 * source cue. Edits replace only the cues they touch (translation-edit.ts), so comparing those
 * objects with the last run's tells which rows to check again: typing in one row re-checks that
 * row and the one after it, whatever the length of the file.
 */
import type { Finding } from './cue-model.ts';
import {
  checkAgainstSource,
  checkCueText,
  checkDuration,
  checkGap,
  checkOverlap,
  type CueCheckContext,
} from './checks/cue-rules.ts';
import { checkChapters, checkTranslation } from './cue-checks.ts';
import { appendAll, shorten } from './finding-bounds.ts';
import type { ReadingProfile } from './reading-profile.ts';
import type { SpeakerRef } from './cue-model.ts';
import type { CueDocument } from './translation-edit.ts';
import type { ParsedCue } from './vtt-parse.ts';

export interface RowCheckOptions {
  /** How findings name the file being edited. */
  readonly file: string;
  readonly kind: 'transcript' | 'chapters';
  readonly profile: ReadingProfile;
  /** The source-language file, when the file is a translation (absent for the source itself). */
  readonly source?: { readonly file: string; readonly document: CueDocument };
  readonly speakers?: readonly SpeakerRef[];
  /** The file's lines as loaded: findings on unedited cues then point at the timestamp itself. */
  readonly lines?: readonly string[];
}

export interface RowChecks {
  /** Findings per row, by cue index (the same array object while a row's findings are unchanged). */
  readonly byRow: readonly (readonly Finding[])[];
  /** Findings no row holds (a source id missing from the file), then every row's, in row order. */
  readonly all: readonly Finding[];
  readonly errors: number;
  readonly warnings: number;
}

export interface RowChecker {
  /**
   * Check `document`. `structural` holds the findings parsing gave each cue of the loaded file
   * (syntax, raw `&`/`<`, speakers, ids); they stay on a row until its cue is edited.
   */
  check(document: CueDocument, structural?: ReadonlyMap<ParsedCue, readonly Finding[]>): RowChecks;
}

const SAME_TIME = 0.0005;
const EPSILON = 1e-6;
const NONE: readonly Finding[] = Object.freeze([]);

/** What one step of the walk over the cues found, and what it depended on. */
interface Step {
  readonly cue: ParsedCue;
  readonly latest: ParsedCue | undefined;
  /** Findings for this row. */
  readonly own: readonly Finding[];
  /** A gap finding for the row of `latest` (the gap after it). */
  readonly forLatest: readonly Finding[];
}

/** Group parse findings by the cue they are about (by id, first cue with the id). */
export function findingsByCue(
  document: CueDocument,
  findings: readonly Finding[],
): Map<ParsedCue, Finding[]> {
  const byId = new Map<string, ParsedCue>();
  for (const cue of document.cues) if (!byId.has(cue.id)) byId.set(cue.id, cue);
  const grouped = new Map<ParsedCue, Finding[]>();
  for (const finding of findings) {
    // A cue without an id has no row to name; line numbers place it.
    const cue =
      finding.cueId !== undefined
        ? byId.get(finding.cueId)
        : document.cues.find(
            (candidate) =>
              candidate.line <= finding.line && finding.line <= candidate.timingLine + 1,
          );
    if (!cue) continue;
    const list = grouped.get(cue) ?? [];
    list.push(finding);
    grouped.set(cue, list);
  }
  return grouped;
}

/** A checker for one file; keep it for the file's lifetime so its cache works. */
export function createRowChecker(options: RowCheckOptions): RowChecker {
  const context: CueCheckContext = {
    file: options.file,
    profile: options.profile,
    lines: options.lines,
  };
  const sourceById = new Map<string, ParsedCue>();
  for (const cue of options.source?.document.cues ?? []) {
    if (cue.id !== '' && !sourceById.has(cue.id)) sourceById.set(cue.id, cue);
  }
  const sourceContext = options.source && {
    file: options.file,
    lines: options.lines,
    sourceFile: options.source.file,
    speakers: options.speakers,
    kind: options.kind,
  };
  let steps: Step[] = [];
  let previousByRow: readonly (readonly Finding[])[] = [];

  /** Whether the cue's timing is its own (differs from its source cue's): timing rules apply. */
  const ownTiming = (cue: ParsedCue): boolean => {
    if (!options.source) return true;
    const source = sourceById.get(cue.id);
    return (
      !source ||
      Math.abs(cue.startTime - source.startTime) >= SAME_TIME ||
      Math.abs(cue.endTime - source.endTime) >= SAME_TIME
    );
  };

  function againstSource(cue: ParsedCue, firstWithId: boolean): Finding[] {
    if (!options.source || !sourceContext || cue.id === '' || !firstWithId) return [];
    const source = sourceById.get(cue.id);
    if (source) return checkAgainstSource(cue, source, sourceContext);
    const what = options.kind === 'chapters' ? 'chapter' : 'cue';
    return [
      {
        rule: 'extra-translation',
        severity: 'error',
        file: options.file,
        line: cue.line,
        col: 1,
        message: `The source (${options.source.file}) has no ${what} with the id "${shorten(cue.id)}": ids align the languages, so give this ${what} the id of the source ${what} it translates, or remove it.`,
        cueId: cue.id,
      },
    ];
  }

  function runStep(cue: ParsedCue, latest: ParsedCue | undefined, firstWithId: boolean): Step {
    const own: Finding[] = [];
    const forLatest: Finding[] = [];
    if (options.kind === 'transcript') {
      appendAll(own, checkCueText(cue, context));
      if (ownTiming(cue)) appendAll(own, checkDuration(cue, context));
      if (latest && (ownTiming(cue) || ownTiming(latest))) {
        if (cue.startTime < latest.endTime - EPSILON)
          appendAll(own, checkOverlap(latest, cue, context));
        else appendAll(forLatest, checkGap(latest, cue, context));
      }
    }
    appendAll(own, againstSource(cue, firstWithId));
    return { cue, latest, own, forLatest };
  }

  return {
    check(document, structural) {
      const cues = document.cues;
      const next: Step[] = new Array(cues.length);
      const rowFindings: Finding[][] = cues.map(() => []);
      const seenIds = new Set<string>();
      let latest: ParsedCue | undefined;
      let latestIndex = -1;
      for (let i = 0; i < cues.length; i++) {
        const cue = cues[i]!;
        const firstWithId = !seenIds.has(cue.id);
        seenIds.add(cue.id);
        const previous = steps[i];
        const step =
          previous && previous.cue === cue && previous.latest === latest && firstWithId
            ? previous
            : runStep(cue, latest, firstWithId);
        next[i] = step;
        appendAll(rowFindings[i]!, structural?.get(cue) ?? NONE);
        appendAll(rowFindings[i]!, step.own);
        if (latestIndex >= 0) appendAll(rowFindings[latestIndex]!, step.forLatest);
        if (!latest || cue.endTime > latest.endTime) {
          latest = cue;
          latestIndex = i;
        }
      }
      steps = next;

      if (options.kind === 'chapters') {
        for (const finding of checkChapters({ file: options.file, document })) {
          const index = cues.findIndex((cue) => cue.id === finding.cueId);
          if (index >= 0) rowFindings[index]!.push(finding);
        }
      }

      const documentFindings =
        options.source && [...sourceById.keys()].some((id) => !seenIds.has(id))
          ? checkTranslation(
              { file: options.source.file, document: options.source.document },
              { file: options.file, document },
              { kind: options.kind, speakers: options.speakers },
            ).filter((finding) => finding.rule === 'missing-translation')
          : [];

      // Keep a row's array when its findings are the same objects, so its view need not redraw.
      const byRow = rowFindings.map((findings, i) => {
        if (findings.length === 0) return NONE;
        const before = previousByRow[i];
        return before && sameItems(before, findings) ? before : findings;
      });
      previousByRow = byRow;
      const all = [...documentFindings, ...byRow.flat()];
      const errors = all.filter((finding) => finding.severity === 'error').length;
      return { byRow, all, errors, warnings: all.length - errors };
    },
  };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
