/**
 * Whether a finding's position exists in its file: a line the file has (a final line break opens
 * one more, empty line, as editors show it) and a column at most one past that line's end. A
 * leading byte order mark is no column.
 */
export function isInsideFile(text: string, line: number, col: number): boolean {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!Number.isInteger(line) || !Number.isInteger(col) || line < 1 || col < 1) return false;
  const written = lines[line - 1];
  return written !== undefined && col <= written.length + 1;
}

/** The findings whose position is not in the file, as `line:col rule` for a readable failure. */
export function positionsOutside(
  text: string,
  findings: ReadonlyArray<{ line: number; col: number; rule: string }>,
): string[] {
  return findings
    .filter((finding) => !isInsideFile(text, finding.line, finding.col))
    .map((finding) => `${finding.line}:${finding.col} ${finding.rule}`);
}
