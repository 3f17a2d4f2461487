/**
 * Finding `&` and `<` that a translator typed as plain text into a cue file.
 *
 * This only locates characters for findings (the library reports these cases as "Incorrect
 * escape." / "Incorrect start tag." at a position after the fact); it builds no model.
 */
import { shorten } from './finding-bounds.ts';
import { isKnownEntity } from './vtt-library.ts';

export interface RawMarkupCharacter {
  readonly character: '&' | '<';
  /** 0-based line within the cue text. */
  readonly line: number;
  /** 1-based column within that line. */
  readonly col: number;
  readonly detail?: string;
}

/**
 * Tags WebVTT cue text knows; anything else after `<` is text that should have been `&lt;`.
 * A digit starts a timestamp tag only when a whole timestamp follows (`<00:01.500>`): "I <3 you"
 * is text, and the library would swallow the rest of the cue as a broken timestamp.
 * Sticky patterns, matched where the scan stands: no copy of the rest of the line per character.
 */
const TAG_START = /<(\/|\d[\d:.]*>|(c|i|b|u|v|ruby|rt|lang)(?=[\s.>]|$))/y;
/** What follows a raw `<`, for the message: up to a space, `>` or the next `<`, and not far. */
const RAW_NAME = /<([^\s<>]{0,41})/y;
const CHARACTER_REFERENCE = /&(#\d+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/y;

/** Every `&` not starting a known character reference and every `<` not starting a known tag. */
export function findRawMarkupCharacters(rawText: string): RawMarkupCharacter[] {
  const found: RawMarkupCharacter[] = [];
  if (!rawText.includes('&') && !rawText.includes('<')) return found;
  const lines = rawText.split('\n');
  lines.forEach((line, lineIndex) => {
    let i = 0;
    while (i < line.length) {
      const char = line[i];
      if (char === '<') {
        TAG_START.lastIndex = i;
        if (TAG_START.test(line)) {
          const close = line.indexOf('>', i);
          // An unclosed tag runs to the end of the line (the library ends it there too).
          i = close === -1 ? line.length : close + 1;
          continue;
        }
        RAW_NAME.lastIndex = i;
        const name = RAW_NAME.exec(line)?.[1] ?? '';
        found.push({
          character: '<',
          line: lineIndex,
          col: i + 1,
          detail: name ? `"<${shorten(name)}" is not a WebVTT tag` : undefined,
        });
      } else if (char === '&') {
        CHARACTER_REFERENCE.lastIndex = i;
        const reference = CHARACTER_REFERENCE.exec(line);
        const known =
          reference && (reference[1]!.startsWith('#') || isKnownEntity('&' + reference[1]!));
        if (known) {
          i += reference[0].length;
          continue;
        }
        found.push({ character: '&', line: lineIndex, col: i + 1 });
      }
      i++;
    }
  });
  return found;
}
