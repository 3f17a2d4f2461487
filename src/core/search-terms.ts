/**
 * Words for the archive's search (Contract 10), the same at build time (indexing) and in the
 * browser (queries and marking matches):
 *
 * - English: Porter stems (`stemmer`, by wooorm), matched exactly, so "miss" finds "missed" and
 *   "missing" but not "mission";
 * - Korean: particles are written onto the word (북한에서 = 북한 + 에서), so a query word matches
 *   every indexed word it begins, and a query word's own trailing particle is dropped first
 *   (북한에서 searches 북한). Latin words and numbers in Korean lines take particles too
 *   (LiNK의), so this holds for every word of a Korean line;
 * - any other language: whole words, folded to lower case.
 */
import { stemmer } from 'stemmer';
import { foldForSearch } from './transcript-search.ts';

/** A word of a text: folded for matching; [start, end) are UTF-16 offsets in the original. */
export interface WordToken {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** How query terms meet indexed terms in one language. */
export interface SearchAnalyzer {
  /** The term a word of a line is indexed under. */
  indexTerm(word: string): string;
  /** The terms of a query, in order, without repeats. */
  queryTerms(query: string): string[];
  /** True: a query term matches every indexed term it begins (Korean); false: equal terms only. */
  readonly prefix: boolean;
}

// Letters, marks and digits, with inner apostrophes (don't, Korea's).
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*/gu;

/** The words of `text`, folded (lower case, ’ as '), with their offsets. */
export function wordTokens(text: string): WordToken[] {
  // NFC only when it keeps offsets (NFD Hangul would shift them); the same rule as the viewer.
  const composed = text.normalize('NFC');
  const base = composed.length === text.length ? composed : text;
  const folded = foldForSearch(base).replace(/’/g, "'");
  const tokens: WordToken[] = [];
  for (const match of folded.matchAll(WORD)) {
    tokens.push({ word: match[0], start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

function unique(terms: readonly string[]): string[] {
  return [...new Set(terms)].filter((term) => term !== '');
}

// Stemming runs for every word of every line shown and indexed: words repeat, so remember them.
const stems = new Map<string, string>();
const STEM_CACHE_SIZE = 50_000;

function englishTerm(word: string): string {
  let stem = stems.get(word);
  if (stem === undefined) {
    stem = stemmer(word.replace(/'s$/, ''));
    if (stems.size >= STEM_CACHE_SIZE) stems.clear();
    stems.set(word, stem);
  }
  return stem;
}

/** Korean particles a query word may end with, longest first (에서 is tried before 에). */
export const KOREAN_PARTICLES: readonly string[] = [
  '으로부터',
  '에게서',
  '에서는',
  '에서도',
  '이라고',
  '에서',
  '에게',
  '께서',
  '한테',
  '으로',
  '부터',
  '까지',
  '처럼',
  '보다',
  '이랑',
  '하고',
  '에는',
  '라고',
  '은',
  '는',
  '이',
  '가',
  '을',
  '를',
  '에',
  '의',
  '도',
  '와',
  '과',
  '로',
  '만',
];

const HANGUL_SYLLABLE = /[\uac00-\ud7a3]/;

/**
 * A Korean query word without its trailing particle, when at least one syllable is left (two for
 * one-syllable particles, so 아이 and 나는 stay whole).
 */
export function stripKoreanParticle(word: string): string {
  if (!HANGUL_SYLLABLE.test(word)) return word;
  for (const particle of KOREAN_PARTICLES) {
    if (!word.endsWith(particle)) continue;
    const stem = word.slice(0, -particle.length);
    const least = particle.length === 1 ? 2 : 1;
    if ([...stem].length >= least && HANGUL_SYLLABLE.test(stem.slice(-1))) return stem;
  }
  return word;
}

const ENGLISH: SearchAnalyzer = {
  indexTerm: englishTerm,
  queryTerms: (query) => unique(wordTokens(query).map((token) => englishTerm(token.word))),
  prefix: false,
};

const KOREAN: SearchAnalyzer = {
  indexTerm: (word) => word,
  queryTerms: (query) => unique(wordTokens(query).map((token) => stripKoreanParticle(token.word))),
  prefix: true,
};

const WHOLE_WORDS: SearchAnalyzer = {
  indexTerm: (word) => word,
  queryTerms: (query) => unique(wordTokens(query).map((token) => token.word)),
  prefix: false,
};

/** The analyzer for a BCP 47 language tag (by its primary subtag). */
export function analyzerFor(lang: string): SearchAnalyzer {
  const primary = lang.toLowerCase().split('-')[0];
  if (primary === 'en') return ENGLISH;
  if (primary === 'ko') return KOREAN;
  return WHOLE_WORDS;
}

/** A range of a text to mark, [start, end) in UTF-16 offsets. */
export interface MarkRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Where a line matches the query terms: the whole word for an equal term, the beginning that
 * the query names for a prefix match (북한 in 북한에서). In order, never overlapping.
 */
export function matchRanges(
  text: string,
  terms: readonly string[],
  analyzer: SearchAnalyzer,
): MarkRange[] {
  if (terms.length === 0) return [];
  const ranges: MarkRange[] = [];
  for (const token of wordTokens(text)) {
    if (analyzer.prefix) {
      let longest = 0;
      for (const term of terms) {
        if (term.length > longest && token.word.startsWith(term)) longest = term.length;
      }
      if (longest > 0) ranges.push({ start: token.start, end: token.start + longest });
    } else if (terms.includes(analyzer.indexTerm(token.word))) {
      ranges.push({ start: token.start, end: token.end });
    }
  }
  return ranges;
}
