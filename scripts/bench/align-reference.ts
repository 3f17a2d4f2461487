/**
 * Scoring an alignment against a cue file with known timings (the bundled episode, whose media
 * was synthesized cue by cue, so each cue starts where its first word starts). The aligner's cues
 * are split differently, so cues are matched by text: the words of both, in order, are lined up
 * (longest common subsequence of normalised words) and each known cue's first word is looked up
 * in the alignment. Where the cue file carries word timestamps, the words are scored too.
 */
import type { CueSegment } from '../../src/core/cue-model.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import type { AlignReport, ReportCue } from './align-score.ts';

/** A word as compared: lowercase letters and digits only ("Don't," → "dont"). */
export function normaliseWord(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{N}]/gu) ?? []
  ).join('');
}

/**
 * Pairs (i, j) of a longest common subsequence of `a` and `b`, as a map from i to j: the lining up
 * of two word lists that differ by a few insertions and deletions.
 */
export function lcsPairs(a: readonly string[], b: readonly string[]): Map<number, number> {
  const width = b.length + 1;
  // lengths[i * width + j]: the LCS length of a[i..] and b[j..].
  const lengths = new Int32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
    }
  }
  const pairs = new Map<number, number>();
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) pairs.set(i++, j++);
    else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) i++;
    else j++;
  }
  return pairs;
}

/** A word of a known cue file: its cue, and its start when the file says (cue start or a tag). */
interface KnownWord {
  readonly word: string;
  readonly cue: number;
  readonly startTime: number | null;
  /** The cue's first spoken word: its start is the cue's. */
  readonly opensCue: boolean;
}

/**
 * The words of a cue file in order. A cue's first word outside [brackets] starts at the cue's
 * start; a word right after a timestamp tag starts at the tag's time; other words, and words of
 * an editor's insertion, have no known start.
 */
export function knownWords(vttText: string): { words: KnownWord[]; cueStarts: number[] } {
  const cues = parseVtt(vttText).document.cues;
  const words: KnownWord[] = [];
  cues.forEach((cue, cueIndex) => {
    let pending: number | null = cue.startTime;
    let opensCue = true;
    let bracketDepth = 0;
    const visit = (segments: readonly CueSegment[]) => {
      for (const segment of segments) {
        if (segment.type === 'timestamp') pending = segment.time;
        else if (segment.type === 'text') {
          for (const token of segment.text.split(/\s+/)) {
            const inside = bracketDepth > 0 || token.includes('[');
            bracketDepth = Math.max(
              0,
              bracketDepth + (token.match(/\[/g)?.length ?? 0) - (token.match(/]/g)?.length ?? 0),
            );
            const word = normaliseWord(token);
            if (!word) continue;
            // An editor's insertion is never timed: the cue's start is its first spoken word's.
            words.push({
              word,
              cue: cueIndex,
              startTime: inside ? null : pending,
              opensCue: opensCue && !inside,
            });
            if (!inside) pending = null;
            if (!inside) opensCue = false;
          }
        } else visit(segment.children);
      }
    };
    visit(cue.segments);
  });
  return { words, cueStarts: cues.map((cue) => cue.startTime) };
}

/** Start errors (aligned − known, seconds) of the known cues and of the known words. */
export interface ReferenceErrors {
  readonly cueErrors: number[];
  /** Known cues whose first word the alignment does not have (text differs, or not timed). */
  readonly cuesUnmatched: number;
  readonly cueCount: number;
  /** Words after the first of a cue that carry a timestamp tag in the known file. */
  readonly wordErrors: number[];
}

/** Compare the aligner's report with a cue file whose timings are known. */
export function compareWithKnownCues(vttText: string, cues: readonly ReportCue[]): ReferenceErrors {
  const known = knownWords(vttText);
  const aligned = cues.flatMap((cue) =>
    cue.words
      .filter((word) => word.timed && word.startTime !== null)
      .map((word) => ({ word: normaliseWord(word.text), startTime: word.startTime! }))
      .filter((word) => word.word),
  );
  const pairs = lcsPairs(
    known.words.map((word) => word.word),
    aligned.map((word) => word.word),
  );
  const cueErrors: number[] = [];
  const wordErrors: number[] = [];
  known.words.forEach((word, index) => {
    const match = pairs.get(index);
    if (match === undefined || word.startTime === null) return;
    const error = aligned[match]!.startTime - word.startTime;
    if (word.opensCue) cueErrors.push(error);
    else wordErrors.push(error);
  });
  return {
    cueErrors,
    cuesUnmatched: known.cueStarts.length - cueErrors.length,
    cueCount: known.cueStarts.length,
    wordErrors,
  };
}

/**
 * Where the cue file disagrees with the `--json` report it came with (cue count, starts to the
 * millisecond, speakers, word timestamp tags): the bench scores the report, so it must describe
 * the file a publisher gets. Empty when they agree.
 */
export function vttDisagreements(vttText: string, report: AlignReport): string[] {
  const cues = parseVtt(vttText).document.cues;
  const problems: string[] = [];
  if (cues.length !== report.cues.length)
    problems.push(`${cues.length} cues in the file, ${report.cues.length} in the report`);
  let speaker: string | null = null;
  cues.forEach((cue, index) => {
    speaker = cue.voice ?? speaker;
    const reported = report.cues[index];
    if (!reported) return;
    if (Math.abs(cue.startTime - reported.startTime) > 0.0005)
      problems.push(
        `${cue.id} starts at ${cue.startTime} in the file, ${reported.startTime} in the report`,
      );
    if (speaker?.toLowerCase() !== reported.speaker.toLowerCase())
      problems.push(
        `${cue.id} is ${speaker ?? 'nobody'}'s in the file, ${reported.speaker}'s in the report`,
      );
  });
  const tags = compareWithKnownCues(vttText, report.cues);
  const timed = report.cues.reduce(
    (sum, cue) => sum + cue.words.filter((word) => word.timed && normaliseWord(word.text)).length,
    0,
  );
  const tagged = tags.wordErrors.length + tags.cueErrors.length;
  if (tagged !== timed) problems.push(`${tagged} timed words in the file, ${timed} in the report`);
  const off = tags.wordErrors.filter((error) => Math.abs(error) > 0.0005).length;
  if (off) problems.push(`${off} timestamp tags differ from the report's word starts`);
  return problems;
}
