/** Which of the archive's languages a page shows: `?lang=`, else the interface's, else the first. */
import { sameLanguage } from '../../core/language.ts';

export function chooseArchiveLanguage(
  wanted: string | null,
  available: readonly { readonly lang: string }[],
  interfaceLanguage: string,
): string | null {
  for (const candidate of [wanted, interfaceLanguage, 'en']) {
    const found = candidate && available.find((entry) => sameLanguage(entry.lang, candidate));
    if (found) return found.lang;
  }
  return available[0]?.lang ?? null;
}
