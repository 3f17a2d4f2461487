/**
 * Reading profiles: the subtitle numbers of ../shared/TRANSLATION-RULES.md, per language.
 *
 * Durations and gaps are in seconds. Only the minimum gap is defined in frames (2 frames at the
 * episode's frame rate); the "12 frames" rules mean half a second, so they are 0.5 s here.
 */
import type { Cue, Seconds } from './cue-model.ts';
import { DEFAULT_FRAME_RATE } from './episode-model.ts';
import { primaryLanguage } from './language-tag.ts';

/** The limits the cue checks apply to one language. */
export interface ReadingProfile {
  /** 'en', 'en-template', 'ko', 'ja', 'zh', 'ar' or 'default' (any other language). */
  readonly name: string;
  /** The language tag the profile was asked for ("" when unknown). */
  readonly lang: string;
  /** Display characters per line (see `displayLength`). */
  readonly maxLineLength: number;
  /** Display characters per second. */
  readonly maxCharsPerSecond: number;
  readonly maxLines: number;
  readonly minDuration: Seconds;
  readonly maxDuration: Seconds;
  /** Frames per second of the media. */
  readonly frameRate: number;
  /** The minimum gap between cues: 2 frames at `frameRate`. */
  readonly minGap: Seconds;
  /** Gaps above `minGap` up to this should be closed to `minGap` (chaining). */
  readonly chainingThreshold: Seconds;
  /** True for Korean, Japanese and Chinese: half-width characters count 0.5. */
  readonly halfWidthCountsHalf: boolean;
}

export interface ProfileOptions {
  /** `media.frameRate`; 25 when absent. */
  readonly frameRate?: number;
  /** English only: the stricter 17 CPS of Netflix's English Template (for masters to translate). */
  readonly englishTemplate?: boolean;
  /** The children's reading speeds of the table instead of the adults'. */
  readonly children?: boolean;
}

interface LanguageLimits {
  readonly maxLineLength: number;
  readonly adultCps: number;
  readonly childrenCps: number;
}

/** Per primary language subtag: chars per line, CPS for adults and for children. */
const LIMITS: Record<string, LanguageLimits> = {
  en: { maxLineLength: 42, adultCps: 20, childrenCps: 17 },
  ko: { maxLineLength: 16, adultCps: 12, childrenCps: 9 },
  ja: { maxLineLength: 23, adultCps: 4, childrenCps: 4 },
  zh: { maxLineLength: 16, adultCps: 9, childrenCps: 7 },
  ar: { maxLineLength: 42, adultCps: 20, childrenCps: 17 },
  default: { maxLineLength: 42, adultCps: 17, childrenCps: 13 },
};

/** English Template reading speed (Netflix), offered as an option for English. */
const ENGLISH_TEMPLATE_CPS = 17;

/** Languages in which half-width Latin letters, digits, spaces and punctuation count 0.5. */
const HALF_WIDTH_LANGUAGES = new Set(['ko', 'ja', 'zh']);

/** The minimum gap, in frames. */
const MIN_GAP_FRAMES = 2;

/** The reading profile for a language tag, chosen by its primary subtag ("pt-BR" → default). */
export function profileFor(lang: string, options: ProfileOptions = {}): ReadingProfile {
  const primary = primaryLanguage(lang);
  const key = Object.prototype.hasOwnProperty.call(LIMITS, primary) ? primary : 'default';
  const limits = LIMITS[key]!;
  const template = key === 'en' && options.englishTemplate === true && !options.children;
  const frameRate =
    options.frameRate !== undefined && Number.isFinite(options.frameRate) && options.frameRate > 0
      ? options.frameRate
      : DEFAULT_FRAME_RATE;
  return {
    name: template ? 'en-template' : key,
    lang,
    maxLineLength: limits.maxLineLength,
    maxCharsPerSecond: template
      ? ENGLISH_TEMPLATE_CPS
      : options.children
        ? limits.childrenCps
        : limits.adultCps,
    maxLines: 2,
    minDuration: 5 / 6,
    maxDuration: 7,
    frameRate,
    minGap: MIN_GAP_FRAMES / frameRate,
    chainingThreshold: 0.5,
    halfWidthCountsHalf: HALF_WIDTH_LANGUAGES.has(key),
  };
}

/** True for half-width Latin letters, digits, the space and ASCII punctuation (U+0020–U+007E). */
function isHalfWidth(codePoint: number): boolean {
  return codePoint >= 0x20 && codePoint <= 0x7e;
}

const halfWidthByLang = new Map<string, boolean>();

/** True when half-width characters count 0.5 in `lang` (remembered: asked once per character). */
export function countsHalfWidth(lang: string): boolean {
  let half = halfWidthByLang.get(lang);
  if (half === undefined) {
    half = HALF_WIDTH_LANGUAGES.has(primaryLanguage(lang));
    if (halfWidthByLang.size < 100) halfWidthByLang.set(lang, half);
  }
  return half;
}

/**
 * The weight of one character in `displayLength`: 1, or 0.5 for a half-width character in
 * Korean, Japanese and Chinese.
 */
export function characterWeight(char: string, lang: string): number {
  return codePointWeight(char.codePointAt(0) ?? 0, countsHalfWidth(lang));
}

/** The weight of one code point: 0.5 when `halfWidthCountsHalf` and it is half-width, else 1. */
export function codePointWeight(codePoint: number, halfWidthCountsHalf: boolean): number {
  return halfWidthCountsHalf && isHalfWidth(codePoint) ? 0.5 : 1;
}

/**
 * How long a text reads, in display characters: every code point counts 1 (spaces and punctuation
 * included; pass text with tags removed), except that in ko/ja/zh half-width Latin letters,
 * digits, spaces and ASCII punctuation count 0.5. Line breaks count nothing. Used for line length
 * and reading speed alike.
 */
export function displayLength(text: string, lang: string): number {
  const half = countsHalfWidth(lang);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a || code === 0x0d) continue;
    // A surrogate pair is one code point: count it at its high half, skip the low one.
    if (code >= 0xdc00 && code <= 0xdfff && i > 0) {
      const before = text.charCodeAt(i - 1);
      if (before >= 0xd800 && before <= 0xdbff) continue;
    }
    length += half && isHalfWidth(code) ? 0.5 : 1;
  }
  return length;
}

/**
 * Reading speed in display characters per second: the cue's text without its line breaks over
 * its duration. Infinity when a cue with text has no duration; 0 for an empty cue.
 */
export function readingSpeed(
  cue: Pick<Cue, 'text' | 'startTime' | 'endTime'>,
  lang: string,
): number {
  const length = displayLength(cue.text, lang);
  if (length === 0) return 0;
  const duration = cue.endTime - cue.startTime;
  return duration > 0 ? length / duration : Infinity;
}
