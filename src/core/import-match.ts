/**
 * Importing a translation made in another tool (Subtitle Edit, Aegisub, a colleague's WebVTT): its
 * cues are matched to the source cues, by id when the file has WebVTT ids the source knows, else
 * by time overlap, so that each source row gets the imported text that was on screen with it.
 * Nothing is applied here: the workspace shows the matches for review first.
 */
import type { Cue, Finding } from './cue-model.ts';
import { parseSrt } from './srt.ts';
import { parseVtt } from './vtt-parse.ts';

/** A subtitle cue from another tool, as far as matching needs it. */
export interface ImportedCue {
  /** The WebVTT id ("" for SRT, whose counters are no ids). */
  readonly id: string;
  readonly startTime: number;
  readonly endTime: number;
  /** Plain text, markup removed. */
  readonly text: string;
  /** 1-based line in the imported file, for people. */
  readonly line: number;
}

export interface ImportedFile {
  readonly format: 'vtt' | 'srt';
  readonly cues: readonly ImportedCue[];
  /** Problems found reading it (they do not stop the import). */
  readonly findings: readonly Pick<Finding, 'line' | 'col' | 'message' | 'severity'>[];
}

/** Read a WebVTT or SRT file (by its signature, then its name) into cues. Never throws. */
export function readSubtitleFile(text: string, fileName: string): ImportedFile {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (/^WEBVTT(?:[ \t]|$)/.test(firstLine) || /\.vtt$/i.test(fileName)) {
    const parsed = parseVtt(text, { file: fileName });
    return {
      format: 'vtt',
      cues: parsed.document.cues.map((cue) => toImported(cue, cue.id)),
      findings: parsed.findings,
    };
  }
  const parsed = parseSrt(text, { file: fileName });
  return {
    format: 'srt',
    cues: parsed.cues.map((cue) => toImported(cue, '')),
    findings: parsed.findings,
  };
}

function toImported(cue: Cue, id: string): ImportedCue {
  return {
    id,
    startTime: cue.startTime,
    endTime: cue.endTime,
    text: cue.text,
    line: cue.line,
  };
}

/** How an imported cue found its row. */
export type MatchKind = 'id' | 'time';

/** The imported text proposed for one source row. */
export interface ImportProposal {
  /** Index of the source cue (and so of the row). */
  readonly sourceIndex: number;
  readonly sourceId: string;
  /** The imported text for the row: the matched cues' texts in time order, one per line. */
  readonly text: string;
  /** The imported cues that make it up (indexes into the imported file's cues). */
  readonly importedIndexes: readonly number[];
  readonly kind: MatchKind;
  /**
   * How well the times agree, 0–1: the overlap over the union of the source cue and the imported
   * cues (1 for an id match with the same timing).
   */
  readonly overlap: number;
}

export interface ImportMatch {
  /** One proposal per source row that received text, in source order. */
  readonly proposals: readonly ImportProposal[];
  /** Imported cues that fit no source cue (no id match, no time overlap). */
  readonly unmatched: readonly number[];
}

type Timed = Pick<Cue, 'startTime' | 'endTime'>;

const overlapOf = (a: Timed, b: Timed): number =>
  Math.max(0, Math.min(a.endTime, b.endTime) - Math.max(a.startTime, b.startTime));

/**
 * Match imported cues to source cues: a WebVTT id the source has wins; otherwise the source cue
 * the imported cue overlaps longest (ties: the earlier source cue). Runs in O((n + m) log n).
 */
export function matchImportedCues(
  source: readonly Pick<Cue, 'id' | 'startTime' | 'endTime'>[],
  imported: readonly ImportedCue[],
): ImportMatch {
  const sourceIndexById = new Map<string, number>();
  source.forEach((cue, index) => {
    if (cue.id !== '' && !sourceIndexById.has(cue.id)) sourceIndexById.set(cue.id, index);
  });
  // Source cues by start time, with the longest end so far, for the overlap search.
  const order = source
    .map((cue, index) => ({ cue, index }))
    .sort((a, b) => a.cue.startTime - b.cue.startTime || a.index - b.index);
  const maxEndUpTo: number[] = [];
  order.reduce((maxEnd, { cue }, k) => (maxEndUpTo[k] = Math.max(maxEnd, cue.endTime)), -Infinity);

  const assigned = new Map<number, { indexes: number[]; kind: MatchKind }>();
  const unmatched: number[] = [];
  imported.forEach((cue, importedIndex) => {
    const byId = cue.id === '' ? undefined : sourceIndexById.get(cue.id);
    const target = byId ?? longestOverlap(order, maxEndUpTo, cue);
    if (target === undefined) {
      unmatched.push(importedIndex);
      return;
    }
    const entry = assigned.get(target) ?? { indexes: [], kind: byId === undefined ? 'time' : 'id' };
    entry.indexes.push(importedIndex);
    if (byId === undefined) entry.kind = 'time';
    assigned.set(target, entry);
  });

  const proposals = [...assigned.entries()]
    .sort(([a], [b]) => a - b)
    .map(([sourceIndex, { indexes, kind }]): ImportProposal => {
      const cues = indexes.map((i) => imported[i]!).sort((a, b) => a.startTime - b.startTime);
      const sourceCue = source[sourceIndex]!;
      const start = Math.min(sourceCue.startTime, ...cues.map((cue) => cue.startTime));
      const end = Math.max(sourceCue.endTime, ...cues.map((cue) => cue.endTime));
      const overlap = cues.reduce((sum, cue) => sum + overlapOf(sourceCue, cue), 0);
      return {
        sourceIndex,
        sourceId: sourceCue.id,
        text: cues
          .map((cue) => cue.text.trim())
          .filter(Boolean)
          .join('\n'),
        importedIndexes: indexes,
        kind,
        overlap: end > start ? Math.min(1, overlap / (end - start)) : 0,
      };
    });
  return { proposals, unmatched };
}

/** The source cue `cue` overlaps longest, or undefined when it overlaps none. */
function longestOverlap(
  order: readonly { cue: Timed; index: number }[],
  maxEndUpTo: readonly number[],
  cue: Timed,
): number | undefined {
  // Source cues starting before the imported cue ends: a prefix of `order`.
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order[mid]!.cue.startTime < cue.endTime) low = mid + 1;
    else high = mid;
  }
  let best: number | undefined;
  let bestOverlap = 0;
  // Walk back while some earlier source cue could still reach past the imported cue's start.
  for (let k = low - 1; k >= 0 && maxEndUpTo[k]! > cue.startTime; k--) {
    const candidate = order[k]!;
    const overlap = overlapOf(candidate.cue, cue);
    if (
      overlap > bestOverlap ||
      (overlap === bestOverlap && overlap > 0 && best !== undefined && candidate.index < best)
    ) {
      best = candidate.index;
      bestOverlap = overlap;
    }
  }
  return bestOverlap > 0 ? best : undefined;
}
