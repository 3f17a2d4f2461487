import { describe, expect, it } from 'vitest';
import { findInTexts, replaceAllIn } from '../../src/core/translation-find.ts';

describe(findInTexts.name, () => {
  const texts = ['Cat and cat', '', 'no match', '고양이 cat.'];

  it('finds every match in order, with offsets in each text', () => {
    expect(findInTexts(texts, 'cat', { matchCase: false })).toEqual([
      { index: 0, start: 0, end: 3 },
      { index: 0, start: 8, end: 11 },
      { index: 3, start: 4, end: 7 },
    ]);
    expect(findInTexts(texts, 'Cat', { matchCase: true })).toEqual([
      { index: 0, start: 0, end: 3 },
    ]);
  });

  it('takes the query literally and finds nothing for an empty one', () => {
    expect(findInTexts(['a.b (c)', 'axb'], '.', { matchCase: true })).toEqual([
      { index: 0, start: 1, end: 2 },
    ]);
    expect(findInTexts(['(c)'], '(c)', { matchCase: true })).toHaveLength(1);
    expect(findInTexts(texts, '', { matchCase: false })).toEqual([]);
  });
});

describe(replaceAllIn.name, () => {
  it('replaces every match, taking the replacement literally', () => {
    expect(replaceAllIn('Cat and cat', 'cat', 'dog', { matchCase: false })).toBe('dog and dog');
    expect(replaceAllIn('Cat and cat', 'cat', '$&$&', { matchCase: true })).toBe('Cat and $&$&');
  });
});
