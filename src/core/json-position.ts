/**
 * A small strict JSON parser that remembers where every value was written.
 *
 * `JSON.parse` says neither where a syntax error is (portably) nor where a value sits, and a
 * finding must point at the line and column of what caused it. This parser accepts exactly
 * RFC 8259 JSON (what `JSON.parse` accepts), builds the same value, and keeps a position tree
 * so a path such as `['speakers', 2, 'name']` maps back to its line and column.
 *
 * Lines and columns are 1-based; columns count UTF-16 code units, as editors do. A line ends at
 * `\n`, `\r\n` or a lone `\r`.
 */

/** A 1-based position in a text. */
export interface TextPosition {
  readonly line: number;
  readonly col: number;
}

/** One step of a path into a JSON value: an object key or an array index. */
export type JsonPathItem = string | number;

/** Where a value was written, and where its members were (objects and arrays). */
interface PositionNode {
  readonly at: TextPosition;
  /** Object members by key (the last one wins, as in `JSON.parse`). */
  readonly members?: Map<string, PositionNode>;
  /** Array items by index. */
  readonly items?: PositionNode[];
}

/** The result of parsing: the value and a locator, or the first syntax error and its position. */
export type JsonParseResult =
  | {
      readonly ok: true;
      readonly value: unknown;
      /** Where the value at `path` was written; for a missing member, its nearest parent. */
      readonly locate: (path: readonly JsonPathItem[]) => TextPosition;
    }
  | { readonly ok: false; readonly error: TextPosition & { readonly message: string } };

/** Deeper nesting than this is refused rather than risking the call stack. */
const MAX_DEPTH = 256;

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly offset: number,
  ) {}
}

/** Parse JSON text strictly, keeping positions. Never throws on bad input. */
export function parseJsonWithPositions(text: string): JsonParseResult {
  const lineStarts = computeLineStarts(text);
  const position = (offset: number): TextPosition => positionAt(lineStarts, offset);
  // A leading byte order mark is not JSON, but editors write it; skip it like a file reader would.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  try {
    const parser = new Parser(text, start, position);
    const { value, node } = parser.parseDocument();
    return { ok: true, value, locate: (path) => locateIn(node, path) };
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return { ok: false, error: { message: error.message, ...position(error.offset) } };
    }
    throw error;
  }
}

function locateIn(root: PositionNode, path: readonly JsonPathItem[]): TextPosition {
  let node = root;
  for (const step of path) {
    const next = typeof step === 'number' ? node.items?.[step] : node.members?.get(String(step));
    if (!next) break;
    node = next;
  }
  return node.at;
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) starts.push(i + 1);
    else if (code === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function positionAt(lineStarts: readonly number[], offset: number): TextPosition {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, col: offset - lineStarts[low]! + 1 };
}

const ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

class Parser {
  private index: number;

  constructor(
    private readonly text: string,
    start: number,
    private readonly position: (offset: number) => TextPosition,
  ) {
    this.index = start;
  }

  parseDocument(): { value: unknown; node: PositionNode } {
    this.skipWhitespace();
    if (this.index >= this.text.length)
      this.fail('The file is empty: it must hold one JSON object.');
    const result = this.parseValue(0);
    this.skipWhitespace();
    if (this.index < this.text.length) {
      this.fail(
        `Unexpected ${this.describeHere()} after the end of the JSON value: remove it (or add a missing "[" or "{" earlier).`,
      );
    }
    return result;
  }

  private parseValue(depth: number): { value: unknown; node: PositionNode } {
    if (depth > MAX_DEPTH) this.fail(`Nested more than ${MAX_DEPTH} levels deep.`);
    const at = this.position(this.index);
    const char = this.text[this.index];
    switch (char) {
      case '{':
        return this.parseObject(depth, at);
      case '[':
        return this.parseArray(depth, at);
      case '"':
        return { value: this.parseString(), node: { at } };
      case 't':
        return { value: this.parseLiteral('true', true), node: { at } };
      case 'f':
        return { value: this.parseLiteral('false', false), node: { at } };
      case 'n':
        return { value: this.parseLiteral('null', null), node: { at } };
      default:
        if (char === '-' || (char !== undefined && char >= '0' && char <= '9')) {
          return { value: this.parseNumber(), node: { at } };
        }
        return this.fail(
          `Expected a value (a string in double quotes, a number, true, false, null, an object or an array) but found ${this.describeHere()}.`,
        );
    }
  }

  private parseObject(depth: number, at: TextPosition): { value: unknown; node: PositionNode } {
    const value: Record<string, unknown> = {};
    const members = new Map<string, PositionNode>();
    this.index++; // {
    this.skipWhitespace();
    if (this.text[this.index] === '}') {
      this.index++;
      return { value, node: { at, members } };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] !== '"') {
        this.fail(
          this.text[this.index] === '}'
            ? 'A trailing comma before "}": remove the last ",".'
            : `Expected a property name in double quotes but found ${this.describeHere()}.`,
        );
      }
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.index] !== ':') {
        this.fail(
          `Expected ":" after the property name "${key}" but found ${this.describeHere()}.`,
        );
      }
      this.index++;
      this.skipWhitespace();
      const member = this.parseValue(depth + 1);
      // defineProperty, not assignment: a key "__proto__" must be an own property, as in JSON.parse.
      Object.defineProperty(value, key, {
        value: member.value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      members.set(key, member.node);
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === ',') {
        this.index++;
        continue;
      }
      if (next === '}') {
        this.index++;
        return { value, node: { at, members } };
      }
      this.fail(
        `Expected "," or "}" after the value of "${key}" but found ${this.describeHere()}: separate properties with commas.`,
      );
    }
  }

  private parseArray(depth: number, at: TextPosition): { value: unknown; node: PositionNode } {
    const value: unknown[] = [];
    const items: PositionNode[] = [];
    this.index++; // [
    this.skipWhitespace();
    if (this.text[this.index] === ']') {
      this.index++;
      return { value, node: { at, items } };
    }
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.index] === ']')
        this.fail('A trailing comma before "]": remove the last ",".');
      const item = this.parseValue(depth + 1);
      value.push(item.value);
      items.push(item.node);
      this.skipWhitespace();
      const next = this.text[this.index];
      if (next === ',') {
        this.index++;
        continue;
      }
      if (next === ']') {
        this.index++;
        return { value, node: { at, items } };
      }
      this.fail(
        `Expected "," or "]" after an array item but found ${this.describeHere()}: separate items with commas.`,
      );
    }
  }

  private parseString(): string {
    const open = this.index;
    this.index++; // "
    let out = '';
    let runStart = this.index;
    for (;;) {
      if (this.index >= this.text.length) {
        this.failAt('This string is never closed: add the closing double quote.', open);
      }
      const code = this.text.charCodeAt(this.index);
      if (code === 0x22) {
        out += this.text.slice(runStart, this.index);
        this.index++;
        return out;
      }
      if (code < 0x20) {
        this.fail(
          code === 10 || code === 13
            ? 'A line break inside a string: close the string on the same line, or write "\\n".'
            : 'A control character inside a string: write it as an escape such as "\\t".',
        );
      }
      if (code === 0x5c) {
        out += this.text.slice(runStart, this.index);
        const escape = this.text[this.index + 1];
        if (escape === 'u') {
          const hex = this.text.slice(this.index + 2, this.index + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.fail('An invalid "\\u" escape: write four hexadecimal digits, e.g. "\\u00e9".');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          this.index += 6;
        } else if (escape !== undefined && escape in ESCAPES) {
          out += ESCAPES[escape];
          this.index += 2;
        } else {
          this.fail(
            'An invalid escape: a backslash in a JSON string must be written "\\\\" (or start \\n, \\t, \\", \\u…).',
          );
        }
        runStart = this.index;
        continue;
      }
      this.index++;
    }
  }

  private parseNumber(): number {
    const rest = this.text.slice(this.index);
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(rest);
    if (!match) this.fail(`An invalid number: ${this.describeHere()}.`);
    const after = this.text[this.index + match[0].length];
    if (after !== undefined && /[0-9.eE+-]/.test(after)) {
      this.failAt(
        'An invalid number: JSON numbers have no leading zeros, a digit after "." and digits after "e".',
        this.index + match[0].length,
      );
    }
    this.index += match[0].length;
    return Number(match[0]);
  }

  private parseLiteral<T>(word: string, value: T): T {
    if (this.text.startsWith(word, this.index)) {
      this.index += word.length;
      return value;
    }
    return this.fail(
      `Expected a value but found ${this.describeHere()}: text must be in double quotes, and only true, false and null are written bare.`,
    );
  }

  private skipWhitespace(): void {
    while (this.index < this.text.length) {
      const code = this.text.charCodeAt(this.index);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return;
      this.index++;
    }
  }

  private describeHere(): string {
    if (this.index >= this.text.length) return 'the end of the file';
    const char = String.fromCodePoint(this.text.codePointAt(this.index)!);
    if (char === "'") return '"\'" (JSON strings use double quotes)';
    return `"${char}"`;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(message, this.index);
  }

  private failAt(message: string, offset: number): never {
    throw new JsonSyntaxError(message, offset);
  }
}
