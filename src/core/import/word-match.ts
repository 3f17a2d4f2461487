/**
 * Matching two texts that say the same thing word by word: the published transcript and caption
 * files exported from a subtitle editor or YouTube Studio, which may lack punctuation and case and
 * differ in small wording ("gonna" for "going to", "10" for "ten").
 *
 * Words are compared by a key (letters and digits only, lower case). Runs of equal keys come from
 * jsdiff's `diffArrays` (Myers' O(ND) diff, so long texts with few differences are fast); inside
 * each stretch where the two differ, a small Needleman–Wunsch alignment pairs words that are
 * merely similar (edit distance at most a third of the longer word).
 */
import { diffArrays } from 'diff';
import { editDistance } from '../speaker-match.ts';

/** The comparison key of a word: letters and digits only, lower case, compatibility-normalised. */
export function wordKey(word: string): string {
  return word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether two keys are close enough to be the same word written differently. */
export function similarKeys(a: string, b: string): boolean {
  if (a === b) return true;
  const longer = Math.max(a.length, b.length);
  if (longer < 3) return false;
  const allowed = Math.floor(longer / 3);
  return editDistance(a, b, allowed) <= allowed;
}

/** A pairing of the two word lists: `pairs[i]` is the index in `b` matched with `a[i]`, or -1. */
export interface WordPairing {
  /** For each word of `a`, its partner in `b` or -1. Partners increase with `i`. */
  readonly aToB: readonly number[];
  /** For each word of `b`, its partner in `a` or -1. */
  readonly bToA: readonly number[];
  /** Pairs whose keys are equal (the rest are similar). */
  readonly exact: number;
}

/** Scores of the alignment inside a differing stretch. */
const SIMILAR_SCORE = 1;
const GAP_SCORE = 0;

/** Pair the words of `a` with the words of `b` (both as keys), in order. */
export function pairWords(a: readonly string[], b: readonly string[]): WordPairing {
  const aToB = new Array<number>(a.length).fill(-1);
  const bToA = new Array<number>(b.length).fill(-1);
  let exact = 0;
  let i = 0;
  let j = 0;
  let pendingA: number[] = [];
  let pendingB: number[] = [];
  const settle = (): void => {
    for (const [x, y] of pairSimilar(
      pendingA.map((k) => a[k]!),
      pendingB.map((k) => b[k]!),
    )) {
      aToB[pendingA[x]!] = pendingB[y]!;
      bToA[pendingB[y]!] = pendingA[x]!;
    }
    pendingA = [];
    pendingB = [];
  };
  for (const change of diffArrays([...a], [...b])) {
    const count = change.count ?? change.value.length;
    if (change.removed) for (let k = 0; k < count; k++) pendingA.push(i++);
    else if (change.added) for (let k = 0; k < count; k++) pendingB.push(j++);
    else {
      settle();
      for (let k = 0; k < count; k++) {
        aToB[i] = j;
        bToA[j] = i;
        exact++;
        i++;
        j++;
      }
    }
  }
  settle();
  return { aToB, bToA, exact };
}

/**
 * The most similar pairs, in order, between two short word lists that diff found different
 * (a global alignment: similar pairs score 1, anything else 0). Indices into the two lists.
 */
function pairSimilar(a: readonly string[], b: readonly string[]): Array<[number, number]> {
  if (a.length === 0 || b.length === 0) return [];
  const columns = b.length + 1;
  const score = new Float64Array((a.length + 1) * columns);
  for (let x = 1; x <= a.length; x++) {
    for (let y = 1; y <= b.length; y++) {
      const diagonal = similarKeys(a[x - 1]!, b[y - 1]!)
        ? score[(x - 1) * columns + y - 1]! + SIMILAR_SCORE
        : -Infinity;
      score[x * columns + y] = Math.max(
        diagonal,
        score[(x - 1) * columns + y]! + GAP_SCORE,
        score[x * columns + y - 1]! + GAP_SCORE,
      );
    }
  }
  const pairs: Array<[number, number]> = [];
  let x = a.length;
  let y = b.length;
  while (x > 0 && y > 0) {
    const here = score[x * columns + y]!;
    if (
      similarKeys(a[x - 1]!, b[y - 1]!) &&
      here === score[(x - 1) * columns + y - 1]! + SIMILAR_SCORE
    ) {
      pairs.push([x - 1, y - 1]);
      x--;
      y--;
    } else if (here === score[(x - 1) * columns + y]! + GAP_SCORE) x--;
    else y--;
  }
  return pairs.reverse();
}
