/** Language tags for rendering: direction and matching. */

/** Scripts written right to left, by primary language subtag. */
const RIGHT_TO_LEFT = new Set(['ar', 'he', 'fa', 'ur', 'ps', 'sd', 'yi', 'dv', 'ug', 'ckb', 'syr']);

/** 'rtl' for right-to-left languages (Contract 3: lines carry `dir`), else 'ltr'. */
export function directionOf(lang: string): 'ltr' | 'rtl' {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  if (/-(arab|hebr|thaa|syrc|nkoo|adlm|rohg)\b/i.test(lang)) return 'rtl';
  return RIGHT_TO_LEFT.has(primary) ? 'rtl' : 'ltr';
}

/** Whether two BCP 47 tags name the same language, ignoring case (Contract 1). */
export function sameLanguage(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
