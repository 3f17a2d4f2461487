import { describe, expect, it } from 'vitest';
import { parseJsonWithPositions } from '../../src/core/json-position.ts';

function locate(text: string, path: (string | number)[]) {
  const result = parseJsonWithPositions(text);
  if (!result.ok) throw new Error(result.error.message);
  return result.locate(path);
}

function syntaxError(text: string) {
  const result = parseJsonWithPositions(text);
  if (result.ok) throw new Error('expected a syntax error');
  return result.error;
}

describe(parseJsonWithPositions.name, () => {
  const text = [
    '{',
    '  "speakers": [',
    '    { "id": "joy", "name": "Joy" },',
    '    { "id": "dasom" },',
    '    { "id": "il", "name": 42 }',
    '  ]',
    '}',
  ].join('\n');

  it('builds the same value as JSON.parse', () => {
    const result = parseJsonWithPositions(text);
    expect(result.ok && result.value).toEqual(JSON.parse(text));
  });

  it('maps a path to the line and column of its value', () => {
    expect(locate(text, ['speakers', 2, 'name'])).toEqual({ line: 5, col: 27 });
    expect(locate(text, ['speakers', 0, 'id'])).toEqual({ line: 3, col: 13 });
    expect(locate(text, ['speakers'])).toEqual({ line: 2, col: 15 });
    expect(locate(text, [])).toEqual({ line: 1, col: 1 });
  });

  it('maps a missing key to its parent object', () => {
    expect(locate(text, ['speakers', 1, 'name'])).toEqual({ line: 4, col: 5 });
    expect(locate(text, ['title'])).toEqual({ line: 1, col: 1 });
  });

  it('counts \\r\\n and lone \\r as one line break', () => {
    expect(locate('{\r\n"a":\r 1}', ['a'])).toEqual({ line: 3, col: 2 });
  });

  it('skips a byte order mark', () => {
    expect(locate('\uFEFF{"a": 1}', ['a'])).toEqual({ line: 1, col: 8 });
  });

  it('keeps "__proto__" as an own property, as JSON.parse does', () => {
    const result = parseJsonWithPositions('{"__proto__": {"x": 1}}');
    expect(result.ok && Object.keys(result.value as object)).toEqual(['__proto__']);
    expect(result.ok && Object.getPrototypeOf(result.value)).toBe(Object.prototype);
  });

  it('reports a trailing comma at the closing brace', () => {
    expect(syntaxError('{\n  "a": 1,\n}')).toMatchObject({ line: 3, col: 1 });
  });

  it('reports a missing comma at the next property', () => {
    expect(syntaxError('{\n  "a": 1\n  "b": 2\n}')).toMatchObject({ line: 3, col: 3 });
  });

  it('reports single quotes at the quote', () => {
    const error = syntaxError("{ 'a': 1 }");
    expect(error).toMatchObject({ line: 1, col: 3 });
    expect(error.message).toContain('double quotes');
  });

  it('reports an unterminated string at its opening quote', () => {
    expect(syntaxError('{"a": "abc}')).toMatchObject({ line: 1, col: 7 });
  });

  it('reports a line break inside a string where it is', () => {
    expect(syntaxError('{"a": "ab\ncd"}')).toMatchObject({ line: 1, col: 10 });
  });

  it('reports an unexpected end of file at the end', () => {
    expect(syntaxError('{"a": [1, 2')).toMatchObject({ line: 1, col: 12 });
  });

  it('reports leading zeros and bare words', () => {
    expect(syntaxError('{"a": 012}')).toMatchObject({ line: 1, col: 8 });
    expect(syntaxError('{"a": yes}')).toMatchObject({ line: 1, col: 7 });
  });

  it('reports text after the value', () => {
    expect(syntaxError('{}\n{}')).toMatchObject({ line: 2, col: 1 });
  });

  it('rejects exactly what JSON.parse rejects on a sample of inputs', () => {
    const samples = [
      '1',
      '"\\u00e9"',
      '[1e5, -0.5, 1E-2]',
      '{"a":[{"b":null}]}',
      ' true ',
      '[1.]',
      '[.5]',
      '"\\x"',
      '[01]',
      '{"a" 1}',
      '[1,]',
      '-',
      '"\t"',
      '',
    ];
    for (const sample of samples) {
      let native = true;
      try {
        JSON.parse(sample);
      } catch {
        native = false;
      }
      expect(parseJsonWithPositions(sample).ok, sample).toBe(native);
    }
  });

  it('refuses absurd nesting without overflowing the stack', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(parseJsonWithPositions(deep).ok).toBe(false);
  });
});
