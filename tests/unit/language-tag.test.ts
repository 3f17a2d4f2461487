import { describe, expect, it } from 'vitest';
import { isWellFormedLanguageTag, primaryLanguage } from '../../src/core/language-tag.ts';

describe(isWellFormedLanguageTag.name, () => {
  it.each([
    'en',
    'ko',
    'pt-BR',
    'EN-us',
    'zh-Hant-TW',
    'es-419',
    'sl-rozaj-biske',
    'de-CH-1901',
    'zh-yue-HK',
    'en-a-bbb-x-private',
    'x-whatever',
    'i-klingon',
    'tlh',
  ])('accepts "%s"', (tag) => {
    expect(isWellFormedLanguageTag(tag)).toBe(true);
  });

  it.each([
    '',
    'e',
    'en_US',
    'en-US-toolongvariant',
    'en-',
    '-en',
    'en--US',
    'en-US-x',
    'ko-KR-a',
    'en-a-bbb-a-ccc',
    'abcdefghi',
    '12',
    'en US',
  ])('rejects "%s"', (tag) => {
    expect(isWellFormedLanguageTag(tag)).toBe(false);
  });
});

describe(primaryLanguage.name, () => {
  it('lowercases the first subtag', () => {
    expect(primaryLanguage('PT-br')).toBe('pt');
  });
});
