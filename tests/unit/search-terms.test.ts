import { describe, expect, it } from 'vitest';
import {
  analyzerFor,
  matchRanges,
  stripKoreanParticle,
  wordTokens,
} from '../../src/core/search-terms.ts';

describe(wordTokens.name, () => {
  it('finds words with their offsets, folded, keeping inner apostrophes', () => {
    expect(wordTokens('“Don’t” miss LiNK의 2024!')).toEqual([
      { word: "don't", start: 1, end: 6 },
      { word: 'miss', start: 8, end: 12 },
      { word: 'link의', start: 13, end: 18 },
      { word: '2024', start: 19, end: 23 },
    ]);
  });
});

describe('English', () => {
  const english = analyzerFor('en-GB');
  it('matches word forms by their stem, and not words that only begin alike', () => {
    const terms = english.queryTerms('miss');
    const text = 'I missed home, missing it; the mission was a miss.';
    expect(matchRanges(text, terms, english).map((r) => text.slice(r.start, r.end))).toEqual([
      'missed',
      'missing',
      'miss',
    ]);
  });

  it("drops a possessive 's and repeats", () => {
    expect(english.queryTerms("Korea's korea KOREA")).toEqual(['korea']);
  });
});

describe('Korean', () => {
  const korean = analyzerFor('ko');
  it('matches words with particles attached, marking the part the query names', () => {
    const text = '북한에서 왔어요. 북한은 추워요. 남북한';
    const marks = matchRanges(text, korean.queryTerms('북한'), korean);
    expect(marks.map((r) => text.slice(r.start, r.end))).toEqual(['북한', '북한']);
    expect(marks[0]).toEqual({ start: 0, end: 2 });
  });

  it("drops the query's own particle, but keeps short words whole", () => {
    expect(korean.queryTerms('북한에서 자유를')).toEqual(['북한', '자유']);
    expect(stripKoreanParticle('나는')).toBe('나는');
    expect(stripKoreanParticle('아이')).toBe('아이');
    expect(stripKoreanParticle('집에서')).toBe('집');
    expect(stripKoreanParticle('link')).toBe('link');
  });
});

describe('other languages', () => {
  it('match whole words only', () => {
    const french = analyzerFor('fr');
    expect(french.prefix).toBe(false);
    const text = 'la liberté, libertés';
    expect(
      matchRanges(text, french.queryTerms('Liberté'), french).map((r) =>
        text.slice(r.start, r.end),
      ),
    ).toEqual(['liberté']);
  });
});
