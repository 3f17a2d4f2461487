/**
 * A caption file's language from its name (`captions.ko.srt`, `episode-3.pt-BR.vtt`): the part
 * before the extension, only when it is a well-formed BCP 47 tag whose language is a known one
 * (the runtime's language names, with no fallback), so `my.video.srt` is never read as the
 * language "video".
 */
import { isWellFormedLanguageTag, primaryLanguage } from '../language-tag.ts';

const names = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Whether `tag` is well formed and its primary language has a name. */
export function isKnownLanguageTag(tag: string): boolean {
  if (!isWellFormedLanguageTag(tag)) return false;
  try {
    return names.of(primaryLanguage(tag)) !== undefined && names.of(tag) !== undefined;
  } catch {
    return false;
  }
}

/** The language the file's name gives (the part before its extension), or null. */
export function languageFromFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const parts = base.split('.');
  const tag = parts.length >= 3 ? parts[parts.length - 2]! : '';
  return tag && isKnownLanguageTag(tag) ? tag : null;
}
