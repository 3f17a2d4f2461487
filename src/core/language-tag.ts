/**
 * BCP 47 language tags (RFC 5646): well-formedness only, by the grammar, with no registry lookup.
 * "en", "ko", "pt-BR", "zh-Hant-TW", "es-419", "sl-rozaj-biske", "en-a-bbb-x-private" are
 * well-formed; "en_US", "english", "e" are not.
 */

const LANGTAG = new RegExp(
  '^' +
    '(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})' + // language, with up to three extlangs
    '(?:-[a-z]{4})?' + // script
    '(?:-(?:[a-z]{2}|[0-9]{3}))?' + // region
    '(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*' + // variants
    '(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*' + // extensions
    '(?:-x(?:-[a-z0-9]{1,8})+)?' + // private use
    '$',
  'i',
);

const PRIVATE_USE = /^x(?:-[a-z0-9]{1,8})+$/i;

/** The irregular grandfathered tags, which the grammar above cannot produce. */
const GRANDFATHERED = new Set([
  'en-gb-oed',
  'i-ami',
  'i-bnn',
  'i-default',
  'i-enochian',
  'i-hak',
  'i-klingon',
  'i-lux',
  'i-mingo',
  'i-navajo',
  'i-pwn',
  'i-tao',
  'i-tay',
  'i-tsu',
  'sgn-be-fr',
  'sgn-be-nl',
  'sgn-ch-de',
]);

/** True when `tag` is a well-formed BCP 47 language tag (case-insensitive, as BCP 47 is). */
export function isWellFormedLanguageTag(tag: string): boolean {
  if (LANGTAG.test(tag) || PRIVATE_USE.test(tag)) return hasNoRepeatedSingleton(tag);
  return GRANDFATHERED.has(tag.toLowerCase());
}

/** RFC 5646 2.2.6: an extension singleton appears at most once (before any private use). */
function hasNoRepeatedSingleton(tag: string): boolean {
  const seen = new Set<string>();
  for (const subtag of tag.toLowerCase().split('-').slice(1)) {
    if (subtag === 'x') return true;
    if (subtag.length !== 1) continue;
    if (seen.has(subtag)) return false;
    seen.add(subtag);
  }
  return true;
}

/** The primary language subtag, lowercased: "pt-BR" → "pt", "zh-Hant" → "zh". */
export function primaryLanguage(tag: string): string {
  return (tag.split('-')[0] ?? '').toLowerCase();
}
