import { describe, expect, it } from 'vitest';
import { displayLength, profileFor, readingSpeed } from '../../src/core/reading-profile.ts';

describe(profileFor.name, () => {
  it('gives English 42 characters per line and 20 characters per second', () => {
    expect(profileFor('en')).toMatchObject({
      name: 'en',
      maxLineLength: 42,
      maxCharsPerSecond: 20,
      maxLines: 2,
      maxDuration: 7,
      chainingThreshold: 0.5,
      halfWidthCountsHalf: false,
    });
    expect(profileFor('en').minDuration).toBeCloseTo(5 / 6, 10);
  });

  it('offers the English Template at 17 characters per second', () => {
    expect(profileFor('en-GB', { englishTemplate: true })).toMatchObject({
      name: 'en-template',
      maxCharsPerSecond: 17,
    });
  });

  it('gives Korean 16 characters per line and 12 per second, half-width counting 0.5', () => {
    expect(profileFor('ko')).toMatchObject({
      name: 'ko',
      maxLineLength: 16,
      maxCharsPerSecond: 12,
      halfWidthCountsHalf: true,
    });
  });

  it('has the table values for Japanese, Chinese and Arabic', () => {
    expect(profileFor('ja')).toMatchObject({ maxLineLength: 23, maxCharsPerSecond: 4 });
    expect(profileFor('zh-Hant-TW')).toMatchObject({ maxLineLength: 16, maxCharsPerSecond: 9 });
    expect(profileFor('ar')).toMatchObject({ maxLineLength: 42, maxCharsPerSecond: 20 });
  });

  it('falls back to 42 characters and 17 per second for any other language', () => {
    expect(profileFor('pt-BR')).toMatchObject({
      name: 'default',
      maxLineLength: 42,
      maxCharsPerSecond: 17,
    });
    expect(profileFor('')).toMatchObject({ name: 'default' });
    // The English Template option means nothing outside English.
    expect(profileFor('fr', { englishTemplate: true }).maxCharsPerSecond).toBe(17);
    expect(profileFor('fr', { children: true }).maxCharsPerSecond).toBe(13);
  });

  it('chooses the profile by the primary subtag, ignoring case', () => {
    expect(profileFor('KO-kr').name).toBe('ko');
    expect(profileFor('en-US').name).toBe('en');
  });

  it('sets the minimum gap to 2 frames at the frame rate, 25 fps when unknown', () => {
    expect(profileFor('en').minGap).toBeCloseTo(0.08, 10);
    expect(profileFor('en', { frameRate: 30 }).minGap).toBeCloseTo(2 / 30, 10);
    expect(profileFor('en', { frameRate: 0 }).frameRate).toBe(25);
  });
});

describe(displayLength.name, () => {
  it('counts every character in English, spaces and punctuation included', () => {
    expect(displayLength('Hi, you!', 'en')).toBe(8);
  });

  it('counts Korean "안녕 abc" as 2 + 0.5 * 4 = 4', () => {
    expect(displayLength('안녕 abc', 'ko')).toBe(4);
  });

  it('counts half-width characters 0.5 in Japanese and Chinese too, full-width ones 1', () => {
    expect(displayLength('日本 OK', 'ja')).toBe(3.5);
    expect(displayLength('中文ＡＢ', 'zh')).toBe(4);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(displayLength('😀!', 'en')).toBe(2);
  });

  it('does not count line breaks', () => {
    expect(displayLength('ab\ncd', 'en')).toBe(4);
  });
});

describe(readingSpeed.name, () => {
  it('divides the display length without line breaks by the duration', () => {
    expect(readingSpeed({ text: 'abcd\nefgh', startTime: 1, endTime: 3 }, 'en')).toBe(4);
    expect(readingSpeed({ text: '안녕 abc', startTime: 0, endTime: 2 }, 'ko')).toBe(2);
  });

  it('is 0 for an empty cue and Infinity for text with no time', () => {
    expect(readingSpeed({ text: '', startTime: 0, endTime: 2 }, 'en')).toBe(0);
    expect(readingSpeed({ text: 'a', startTime: 2, endTime: 2 }, 'en')).toBe(Infinity);
  });
});
