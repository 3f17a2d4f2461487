import { describe, expect, it } from 'vitest';
import { coveredTime, translationProgress } from '../../src/core/translation-progress.ts';

const cue = (id: string, startTime: number, endTime: number, text = '') => ({
  id,
  startTime,
  endTime,
  text,
});

describe(coveredTime.name, () => {
  it('counts overlapping time once and ignores empty ranges', () => {
    expect(coveredTime([cue('a', 0, 2), cue('b', 1, 3), cue('c', 5, 6), cue('d', 7, 7)])).toBe(4);
    expect(coveredTime([])).toBe(0);
  });
});

describe(translationProgress.name, () => {
  const source = [cue('c1', 0, 2), cue('c2', 2, 3), cue('c3', 10, 17), cue('', 20, 21)];

  it('counts rows with text, aligned by id, and the share of spoken time they cover', () => {
    const progress = translationProgress(source, [
      cue('c1', 0, 2, 'Bonjour'),
      cue('c2', 2, 3, '   '),
      cue('c3', 10, 17, 'Oui'),
    ]);
    expect(progress).toMatchObject({
      translatedRows: 2,
      totalRows: 3,
      coveredSeconds: 9,
      totalSeconds: 10,
    });
    expect(progress.timeShare).toBeCloseTo(0.9);
    expect(progress.rowShare).toBeCloseTo(2 / 3);
  });

  it('is zero for an empty translation and for an empty source', () => {
    expect(translationProgress(source, [])).toMatchObject({ translatedRows: 0, timeShare: 0 });
    expect(translationProgress([], [])).toMatchObject({ totalRows: 0, rowShare: 0, timeShare: 0 });
  });
});
