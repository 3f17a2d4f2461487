import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  createHistory,
  recordStep,
  redoStep,
  undoStep,
} from '../../src/core/translation-history.ts';

describe(recordStep.name, () => {
  it('folds quick edits of the same row into one step, and starts a new one after a pause or elsewhere', () => {
    let history = createHistory('');
    history = recordStep(history, 'H', { key: 'row-1', at: 0 });
    history = recordStep(history, 'He', { key: 'row-1', at: 300 });
    history = recordStep(history, 'Hey', { key: 'row-1', at: 600 });
    expect(history.past).toEqual(['']);
    history = recordStep(history, 'Hey!', { key: 'row-1', at: 2000 });
    history = recordStep(history, 'Hey! x', { key: 'row-2', at: 2100 });
    expect(history.past).toEqual(['', 'Hey', 'Hey!']);
  });

  it('records nothing for the same object, and keeps at most `limit` steps', () => {
    const history = createHistory('a');
    expect(recordStep(history, 'a', { at: 0 })).toBe(history);
    let long = history;
    for (let i = 0; i < 10; i++) long = recordStep(long, `v${i}`, { at: i * 5000, limit: 3 });
    expect(long.past).toEqual(['v6', 'v7', 'v8']);
  });
});

describe('undo and redo', () => {
  it('step back and forth, and a new step drops what could be redone', () => {
    let history = createHistory(0);
    history = recordStep(history, 1, { at: 0 });
    history = recordStep(history, 2, { at: 5000 });
    history = undoStep(history);
    expect(history.present).toBe(1);
    expect(canRedo(history)).toBe(true);
    history = redoStep(history);
    expect(history.present).toBe(2);
    history = undoStep(undoStep(history));
    expect(history.present).toBe(0);
    expect(canUndo(history)).toBe(false);
    expect(undoStep(history)).toBe(history);
    history = recordStep(history, 9, { at: 9000 });
    expect(canRedo(history)).toBe(false);
    expect(redoStep(history)).toBe(history);
  });

  it('never folds a step into one that was undone', () => {
    let history = createHistory('');
    history = recordStep(history, 'a', { key: 'r', at: 0 });
    history = undoStep(history);
    history = recordStep(history, 'b', { key: 'r', at: 10 });
    expect(history.past).toEqual(['']);
    expect(undoStep(history).present).toBe('');
  });
});
