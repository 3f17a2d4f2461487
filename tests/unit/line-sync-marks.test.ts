/** What a sampled line-sync check accepts (tests/browser/support/line-sync.ts). */
import { describe, expect, it } from 'vitest';
import type { ParsedCue } from '../../src/core/vtt-parse.ts';
import { acceptableMarks } from '../browser/support/line-sync.ts';

/** Two lines of the bundled episode with a 67 ms gap between them, and the next. */
const cues = [
  { id: 'c010', startTime: 31.189, endTime: 35.401 },
  { id: 'c011', startTime: 35.468, endTime: 38.038 },
  { id: 'c012', startTime: 38.105, endTime: 42.461 },
] as unknown as ParsedCue[];

describe('acceptableMarks', () => {
  it('accepts no line marked just after a line begins that a short gap came before', () => {
    // Seen in CI: 1.7 ms into c011, still no line marked; the gap ended 1.7 ms before.
    expect(acceptableMarks(cues, 35.469696, 0.1)).toEqual(new Set(['c011', null, 'c010']));
  });

  it('accepts only the line at the time once the slack is past every boundary', () => {
    expect(acceptableMarks(cues, 36, 0.1)).toEqual(new Set(['c011']));
    expect(acceptableMarks(cues, 35.6, 0.1)).toEqual(new Set(['c011']));
  });

  it('accepts what the playhead held at the window’s start and end, and nothing later', () => {
    expect(acceptableMarks(cues, 38.12, 0.02)).toEqual(new Set(['c012', null]));
    expect(acceptableMarks(cues, 38.12, 0.02).has('c010')).toBe(false);
  });
});
