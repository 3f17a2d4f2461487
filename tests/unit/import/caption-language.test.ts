import { describe, expect, it } from 'vitest';
import { languageFromFileName } from '../../../src/core/import/caption-language.ts';

describe('languageFromFileName', () => {
  it('reads a known BCP 47 tag just before the extension', () => {
    expect(languageFromFileName('captions.ko.srt')).toBe('ko');
    expect(languageFromFileName('/tmp/Episode 3.pt-BR.vtt')).toBe('pt-BR');
    expect(languageFromFileName('a.b.zh-Hant.srt')).toBe('zh-Hant');
  });

  it('reads no language from a part that is not a known language', () => {
    expect(languageFromFileName('my.video.srt')).toBeNull(); // well formed, but no language
    expect(languageFromFileName('final.cut.srt')).toBeNull();
    expect(languageFromFileName('take.xx.srt')).toBeNull();
    expect(languageFromFileName('captions.en_US.srt')).toBeNull();
    expect(languageFromFileName('captions.srt')).toBeNull();
    expect(languageFromFileName('dir.ko/captions.srt')).toBeNull();
  });
});
