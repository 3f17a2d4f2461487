import { describe, expect, it } from 'vitest';
import type { CaptionPlan, PlannedCaption } from '../../../src/core/import/caption-cues.ts';
import { captionMismatch } from '../../../src/core/import/caption-mismatch.ts';

const caption = (turn: number, line: number): PlannedCaption => ({
  startTime: line,
  endTime: line + 0.9,
  runs: [{ turn, from: 0, to: 1 }],
  turn,
  text: 'x',
  line,
});

const plan = {
  words: [],
  speakers: ['Mina', 'Joon', 'Mina'],
  captions: [caption(0, 1), caption(0, 5), caption(1, 9), caption(1, 13), caption(2, 17)],
  unmatched: [],
  missing: [],
  matchedShare: 1,
} as CaptionPlan;

const cost = (forwardCost: number, backwardCost = 1, speechFrames = 100) => ({
  forwardCost,
  backwardCost,
  speechFrames,
});

describe('captionMismatch', () => {
  it('drops word tags for the one turn whose text is not what is spoken, weighing its captions by speech', () => {
    const verdict = captionMismatch(plan, [
      cost(0.8),
      cost(0.85),
      cost(1.02, 1, 300),
      cost(0.9, 1, 100), // alone under the limit; the turn as a whole is over it
      cost(0.82),
    ]);
    expect(verdict.fileMismatch).toBe(false);
    expect(verdict.dropWords).toEqual([false, false, true, true, false]);
    expect(verdict.turns).toEqual([
      expect.objectContaining({ speaker: 'Joon', captions: [2, 3], fromLine: 9, toLine: 13 }),
    ]);
    expect(verdict.turns[0]!.contrast).toBeCloseTo(0.99, 3);
  });

  it('drops every turn when the file as a whole does not match, and none when it matches', () => {
    const all = captionMismatch(plan, [cost(1), cost(0.99), cost(0.9), cost(1.01), cost(0.98)]);
    expect(all.fileMismatch).toBe(true);
    expect(all.dropWords).toEqual([true, true, true, true, true]);
    expect(all.turns.map((turn) => turn.turn)).toEqual([0, 1, 2]);
    const none = captionMismatch(plan, [cost(0.8), cost(0.9), cost(0.7), cost(0.85), cost(0.6)]);
    expect(none.turns).toEqual([]);
    expect(none.dropWords.every((drop) => !drop)).toBe(true);
  });

  it('leaves out captions that were not aligned (no speech frames)', () => {
    const verdict = captionMismatch(plan, [
      cost(0.8),
      cost(2, 1, 0),
      cost(0.8),
      cost(0.8),
      cost(0.8),
    ]);
    expect(verdict.dropWords).toEqual([false, false, false, false, false]);
  });
});
