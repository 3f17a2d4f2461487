/**
 * The `t` of a link (Contract 2) in every form it takes, and the choice between `t` and `cue`.
 * The viewer's browser test opens the page with two of these forms (the page reads `t` and seeks);
 * the grammar itself is checked here, where a form costs microseconds rather than a page load.
 */
import { describe, expect, it } from 'vitest';
import type { ParsedCue } from '../../src/core/vtt-parse.ts';
import { formatClock, parseTimeParam } from '../../src/core/time-format.ts';
import { deepLinkTime } from '../../src/features/shared/use-deep-link.ts';

describe(parseTimeParam.name, () => {
  it.each([
    ['90', 90],
    ['90.5', 90.5],
    ['0', 0],
    ['1:30', 90],
    ['01:30', 90],
    ['0:02:03', 123],
    ['1:02:03.5', 3723.5],
    ['1m30s', 90],
    ['2m', 120],
    ['45s', 45],
    ['1h2m3s', 3723],
    ['1h', 3600],
    ['1M30S', 90],
    [' 90 ', 90],
  ])('reads %j as %d s', (value, seconds) => {
    expect(parseTimeParam(value)).toBe(seconds);
  });

  it.each([
    null,
    undefined,
    '',
    ' ',
    '-5',
    'abc',
    '1:60',
    '1:60:00',
    '90x',
    'm',
    '1.5m',
    '::',
    '1:2:3:4',
  ])('ignores %j (null: the page starts where it would without it)', (value) => {
    expect(parseTimeParam(value)).toBeNull();
  });

  it('reads back what a copied link writes (m:ss and h:mm:ss)', () => {
    for (const seconds of [0, 59, 60, 90, 599, 3599, 3600, 3723, 36_000])
      expect(parseTimeParam(formatClock(seconds))).toBe(seconds);
  });
});

describe(deepLinkTime.name, () => {
  const cues = [
    { id: 'c001', startTime: 1.25 },
    { id: 'c002', startTime: 42.5 },
  ] as unknown as ParsedCue[];
  const time = (query: string) => deepLinkTime(new URLSearchParams(query), cues);

  it('starts at the cue named by cue=, which wins over t', () => {
    expect(time('t=10&cue=c002')).toBe(42.5);
    expect(time('cue=c001')).toBe(1.25);
  });

  it('falls back to t when the cue is unknown or the cues are not loaded', () => {
    expect(time('t=10&cue=nope')).toBe(10);
    expect(deepLinkTime(new URLSearchParams('t=1m30s&cue=c002'), undefined)).toBe(90);
  });

  it('asks for nothing without either', () => {
    expect(time('')).toBeNull();
    expect(time('cue=nope')).toBeNull();
  });
});
