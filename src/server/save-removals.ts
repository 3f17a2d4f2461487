/**
 * The save API's guard against work thrown away by one save: a file that had cues saved with
 * none (`WEBVTT` alone over a 94-cue transcript), and a translation saved without cues whose ids
 * the source has and the file on disk still holds. Either is refused with 422 and findings, unless
 * the request says it means it with `X-Red-Box-Allow-Removal: cues` (the workspace never sends
 * it). The source language itself may lose ids: merging rows there drops one. A text editor stays
 * free; the API is the only gate.
 */
import type { IncomingMessage } from 'node:http';
import type { Finding } from '../core/cue-model.ts';
import { checkTranslation } from '../core/cue-checks.ts';
import { parseVtt } from '../core/vtt-parse.ts';
import { ApiRefusal } from './translation-refusal.ts';

/** The request header that lets a save remove cues (value `cues`). */
export const ALLOW_REMOVAL_HEADER = 'X-Red-Box-Allow-Removal';

/** A finding of the guard: Contract 6's `missing-translation`, or a file emptied of cues. */
export type RemovalFinding =
  Finding | (Omit<Finding, 'rule'> & { readonly rule: 'all-cues-removed' });

export interface SaveToCheck {
  /** The file's name (`transcript.ko.vtt`), as findings name it. */
  readonly file: string;
  readonly kind: 'transcript' | 'chapters';
  /** The file as it is on disk. */
  readonly current: string;
  /** The text the save would write. */
  readonly next: string;
  /** The source-language file of the same kind, when the file is a translation. */
  readonly source?: { readonly file: string; readonly text: string };
}

/** True when the request says it means to remove cues (`X-Red-Box-Allow-Removal: cues`). */
export function allowsRemoval(req: IncomingMessage): boolean {
  const header = req.headers[ALLOW_REMOVAL_HEADER.toLowerCase()];
  const values = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  return values.some((value) => value.trim().toLowerCase() === 'cues');
}

/** What the save would throw away, as findings (none: the save may go ahead). */
export function findRemovals(save: SaveToCheck): RemovalFinding[] {
  const parse = (text: string, file = save.file) =>
    parseVtt(text, { file, kind: save.kind }).document;
  const before = parse(save.current);
  if (before.cues.length === 0) return [];
  const after = parse(save.next);
  if (after.cues.length === 0) {
    return [
      {
        rule: 'all-cues-removed',
        severity: 'error',
        file: save.file,
        line: 1,
        col: 1,
        message: `This would leave ${save.file} without a single cue: it has ${before.cues.length} on disk.`,
      },
    ];
  }
  if (!save.source) return [];
  const held = new Set(before.cues.map((cue) => cue.id));
  return checkTranslation(
    { file: save.source.file, document: parse(save.source.text, save.source.file) },
    { file: save.file, document: after, text: save.next },
    { kind: save.kind },
  ).filter(
    (finding) =>
      finding.rule === 'missing-translation' &&
      finding.cueId !== undefined &&
      held.has(finding.cueId),
  );
}

/** Refuse the save (422, with the findings) when it would throw work away. */
export function refuseRemovals(save: SaveToCheck): void {
  const findings = findRemovals(save);
  if (findings.length === 0) return;
  const dropped = findings.flatMap((finding) => (finding.cueId ? [finding.cueId] : []));
  const what =
    dropped.length > 0
      ? `This save would remove ${dropped.length} cue${dropped.length === 1 ? '' : 's'} the source has from ${save.file} (${dropped.slice(0, 10).join(', ')}${dropped.length > 10 ? ', …' : ''}).`
      : findings[0]!.message;
  throw new ApiRefusal(
    422,
    `${what} Nothing was written. Send the whole file; to remove cues on purpose, send the header "${ALLOW_REMOVAL_HEADER}: cues" (or edit the file in a text editor).`,
    {},
    { findings },
  );
}
