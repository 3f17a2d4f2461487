/**
 * The subtitle rules of ../shared/TRANSLATION-RULES.md, as far as the media script reports them
 * after retiming. (`npm run check` is the project's full checker; this is a summary for the
 * person running `npm run media`, so they see at once whether new timings broke a rule.)
 */

export interface ReadingProfile {
  readonly maxLines: number;
  readonly maxLineLength: number;
  readonly maxCps: number;
  /** Korean, Japanese, Chinese: half-width characters count 0.5, for line length and CPS alike. */
  readonly halfWidthCountsHalf: boolean;
}

const CJK_LANGS = new Set(['ko', 'ja', 'zh']);

/** The adult profile for a BCP 47 tag (the primary subtag decides). */
export function profileFor(lang: string): ReadingProfile {
  const primary = lang.toLowerCase().split('-')[0] ?? '';
  const table: Record<string, [number, number]> = {
    en: [42, 20],
    ko: [16, 12],
    ja: [23, 4],
    zh: [16, 9],
    ar: [42, 20],
  };
  const [maxLineLength, maxCps] = table[primary] ?? [42, 17];
  return { maxLines: 2, maxLineLength, maxCps, halfWidthCountsHalf: CJK_LANGS.has(primary) };
}

/** Printable ASCII (Latin letters, digits, space, punctuation) and the half-width forms block. */
function isHalfWidth(char: string): boolean {
  const code = char.codePointAt(0)!;
  return (
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xff61 && code <= 0xffdc) ||
    (code >= 0xffe8 && code <= 0xffee)
  );
}

/** Length as a reader experiences it: code points, half-width ones counting 0.5 in CJK profiles. */
export function displayLength(text: string, profile: ReadingProfile): number {
  let length = 0;
  for (const char of text) {
    if (char === '\n') continue; // line breaks are not counted
    length += profile.halfWidthCountsHalf && isHalfWidth(char) ? 0.5 : 1;
  }
  return length;
}

export interface RuleBreak {
  readonly rule: 'line-count' | 'line-length' | 'reading-speed' | 'duration';
  readonly value: number;
  readonly limit: string;
}

/** Every rule a cue breaks: lines, line length, reading speed, minimum and maximum duration. */
export function ruleBreaks(
  cue: { readonly text: string; readonly startTime: number; readonly endTime: number },
  profile: ReadingProfile,
): RuleBreak[] {
  const breaks: RuleBreak[] = [];
  const lines = cue.text.split('\n');
  if (lines.length > profile.maxLines)
    breaks.push({ rule: 'line-count', value: lines.length, limit: `≤ ${profile.maxLines}` });
  const longest = Math.max(...lines.map((line) => displayLength(line, profile)));
  if (longest > profile.maxLineLength)
    breaks.push({ rule: 'line-length', value: longest, limit: `≤ ${profile.maxLineLength}` });
  const duration = cue.endTime - cue.startTime;
  const cps = duration > 0 ? displayLength(cue.text, profile) / duration : Infinity;
  if (cps > profile.maxCps + 1e-9)
    breaks.push({ rule: 'reading-speed', value: round2(cps), limit: `≤ ${profile.maxCps} cps` });
  // 5/6 s and 7 s, with a millisecond of slack for timestamps rounded to the ms.
  if (duration < 5 / 6 - 0.001 || duration > 7 + 1e-9)
    breaks.push({ rule: 'duration', value: round2(duration), limit: '5/6–7 s' });
  return breaks;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
