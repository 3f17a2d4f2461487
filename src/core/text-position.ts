/**
 * Offsets in a text → 1-based lines and columns, for findings. Columns count UTF-16 code units,
 * as editors do; a line ends at `\n`, `\r\n` or a lone `\r`.
 */

/** A 1-based position in a text. */
export interface TextPosition {
  readonly line: number;
  readonly col: number;
}

/** The offset at which each line of `text` starts (the first is 0). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

/** The line and column of `offset`, given the text's `lineStarts` (a binary search). */
export function positionAt(starts: readonly number[], offset: number): TextPosition {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: offset - starts[low]! + 1 };
}
