/**
 * JSON with positions: where every value was written, and where a syntax error is.
 *
 * `JSON.parse` says neither where a syntax error is (portably) nor where a value sits, and a
 * finding must point at the line and column of what caused it. Microsoft's jsonc-parser (the one
 * VS Code uses), in strict mode (no comments, no trailing commas), gives the tree with offsets
 * and the errors with offsets; the value itself comes from `JSON.parse`, so it is exactly what
 * JSON means (a `"__proto__"` key is an own property, the last of two equal keys wins). What
 * follows is turning jsonc-parser's error codes into messages that say what to do.
 *
 * Positions as in text-position.ts (1-based, UTF-16 columns).
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { lineStarts, positionAt, type TextPosition } from './text-position.ts';

/** One step of a path into a JSON value: an object key or an array index. */
export type JsonPathItem = string | number;

/** The result of parsing: the value and a locator, or the first syntax error and its position. */
export type JsonParseResult =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Where the value at `path` was written; for a missing member, its nearest parent. */
      readonly locate: (path: readonly JsonPathItem[]) => TextPosition;
    }
  | { readonly ok: false; readonly error: TextPosition & { readonly message: string } };

/** Deeper nesting than this is refused: jsonc-parser recurses per level. */
const MAX_DEPTH = 256;

/** Parse JSON text strictly, keeping positions. Never throws on bad input. */
export function parseJsonWithPositions(text: string): JsonParseResult {
  const starts = lineStarts(text);
  const position = (offset: number): TextPosition => positionAt(starts, offset);
  const tooDeep = nestingPastLimit(text);
  if (tooDeep !== -1) {
    return {
      ok: false,
      error: { message: `Nested more than ${MAX_DEPTH} levels deep.`, ...position(tooDeep) },
    };
  }
  const errors: ParseError[] = [];
  // A leading byte order mark is not JSON, but editors write it: read it as a space, so offsets
  // stay those of the text.
  const withoutBom = text.charCodeAt(0) === 0xfeff ? ' ' + text.slice(1) : text;
  const root = parseTree(withoutBom, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first || !root) {
    const error = first ? describeError(text, first) : { message: EMPTY, offset: 0 };
    return { ok: false, error: { message: error.message, ...position(error.offset) } };
  }
  let value: unknown;
  try {
    value = JSON.parse(withoutBom);
  } catch (error) {
    // Only where the two disagree (jsonc-parser accepts a little more white space).
    const at = /position (\d+)/.exec(String(error))?.[1];
    return {
      ok: false,
      error: { message: `Not valid JSON: ${String(error)}`, ...position(Number(at ?? 0)) },
    };
  }
  return { ok: true, value, locate: (path) => position(locateIn(root, path).offset) };
}

/** The node at `path`, or the nearest parent that exists (the last of equal keys, as JSON.parse). */
function locateIn(root: Node, path: readonly JsonPathItem[]): Node {
  let node = root;
  for (const step of path) {
    let next: Node | undefined;
    if (typeof step === 'number') {
      if (node.type === 'array') next = node.children?.[step];
    } else if (node.type === 'object') {
      for (const property of node.children ?? []) {
        if (property.children?.[0]?.value === step) next = property.children[1];
      }
    }
    if (!next) break;
    node = next;
  }
  return node;
}

/** Offset of the first bracket nested deeper than MAX_DEPTH (strings skipped), or -1. */
function nestingPastLimit(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (char === '[' || char === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if (char === ']' || char === '}') depth--;
  }
  return -1;
}

const EMPTY = 'The file is empty: it must hold one JSON object.';

/** What to say about jsonc-parser's error, and where (the cause, not where the parser noticed). */
function describeError(text: string, error: ParseError): { message: string; offset: number } {
  const at = (offset: number, message: string): { message: string; offset: number } => ({
    offset,
    message,
  });
  const token = text.slice(error.offset, error.offset + error.length);
  const found = describeAt(text, error.offset);
  const previous = text.slice(0, error.offset).trimEnd();
  switch (printParseErrorCode(error.error)) {
    case 'ValueExpected':
      if (text.trim() === '' || text.trim() === '\uFEFF') return at(error.offset, EMPTY);
      if (previous.endsWith(',') && text[error.offset] === ']') {
        return at(error.offset, 'A trailing comma before "]": remove the last ",".');
      }
      return at(
        error.offset,
        `Expected a value (a string in double quotes, a number, true, false, null, an object or an array) but found ${found}.`,
      );
    case 'PropertyNameExpected':
      return at(
        error.offset,
        text[error.offset] === '}' && previous.endsWith(',')
          ? 'A trailing comma before "}": remove the last ",".'
          : `Expected a property name in double quotes but found ${found}.`,
      );
    case 'InvalidSymbol':
      return at(
        error.offset,
        text[error.offset] === "'"
          ? `Unexpected ${found}.`
          : `Expected a value but found ${found}: text must be in double quotes, and only true, false and null are written bare.`,
      );
    case 'ColonExpected':
      return at(error.offset, `Expected ":" after the property name but found ${found}.`);
    case 'CommaExpected':
      if (/[0-9]$/.test(previous) && /^[0-9]/.test(token)) return at(error.offset, INVALID_NUMBER);
      return at(
        error.offset,
        `Expected "," but found ${found}: separate properties and list items with commas.`,
      );
    case 'CloseBraceExpected':
      return at(
        error.offset,
        `Expected "," or "}" but found ${found}: separate properties with commas, and close the object.`,
      );
    case 'CloseBracketExpected':
      return at(
        error.offset,
        `Expected "," or "]" but found ${found}: separate items with commas, and close the list.`,
      );
    case 'EndOfFileExpected':
      return at(
        error.offset,
        `Unexpected ${found} after the end of the JSON value: remove it (or add a missing "[" or "{" earlier).`,
      );
    case 'UnexpectedEndOfString': {
      const end = error.offset + error.length;
      return /[\r\n]/.test(text[end] ?? '')
        ? at(
            end,
            'A line break inside a string: close the string on the same line, or write "\\n".',
          )
        : at(error.offset, 'This string is never closed: add the closing double quote.');
    }
    case 'InvalidCharacter':
      return at(
        error.offset + Math.max(0, firstControlCharacter(token)),
        'A control character inside a string: write it as an escape such as "\\t".',
      );
    case 'InvalidEscapeCharacter':
      return at(
        error.offset + Math.max(0, token.search(/\\[^"\\/bfnrtu]/)),
        'An invalid escape: a backslash in a JSON string must be written "\\\\" (or start \\n, \\t, \\", \\u…).',
      );
    case 'InvalidUnicode':
      return at(
        error.offset + Math.max(0, token.search(/\\u(?![0-9a-fA-F]{4})/)),
        'An invalid "\\u" escape: write four hexadecimal digits, e.g. "\\u00e9".',
      );
    case 'InvalidNumberFormat':
    case 'UnexpectedEndOfNumber':
      return at(error.offset, INVALID_NUMBER);
    case 'InvalidCommentToken':
    case 'UnexpectedEndOfComment':
      return at(error.offset, 'JSON has no comments: remove the comment.');
    default:
      return at(error.offset, `Not valid JSON at ${found}.`);
  }
}

/** Offset of the first character below U+0020 in `text`, or -1. */
function firstControlCharacter(text: string): number {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return i;
  return -1;
}

const INVALID_NUMBER =
  'An invalid number: JSON numbers have no leading zeros, a digit after "." and digits after "e".';

function describeAt(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file';
  const char = String.fromCodePoint(text.codePointAt(offset)!);
  if (char === "'") return '"\'" (JSON strings use double quotes)';
  return `"${char}"`;
}
