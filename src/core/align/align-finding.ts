/**
 * Findings of the aligner (Contract 7): the same shape as `npm run check`'s findings, with rules of
 * their own. Positions are 1-based lines and columns (code points) in the published transcript.
 */
import type { Severity } from '../cue-model.ts';

/** The aligner's rules. Errors mean no cue file can be made; warnings point a person at a stretch. */
export type AlignRuleId =
  // errors
  | 'align-empty-transcript'
  | 'align-no-speaker'
  | 'align-text-too-long'
  | 'align-mismatch'
  // warnings
  | 'align-bracket'
  | 'align-name-without-text'
  | 'align-unplaced'
  | 'align-low-confidence';

/** A problem the aligner found, at its position in the transcript. */
export interface AlignFinding {
  readonly rule: AlignRuleId;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly message: string;
}

/** `file:line:col  severity  rule  message`, as `npm run check` prints a finding. */
export function formatAlignFinding(finding: AlignFinding): string {
  return `${finding.file}:${finding.line}:${finding.col}  ${finding.severity}  ${finding.rule}  ${finding.message}`;
}
