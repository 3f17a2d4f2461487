/**
 * The workspace session: edits with undo and redo that take the keyboard back to the row they
 * changed, saves that leave work typed meanwhile unsaved, files rebased on a version from disk.
 */
import { describe, expect, it } from 'vitest';
import { moveCueEdge } from '../../src/core/cue-edges.ts';
import { setCueText } from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { neighbourRow } from '../../src/features/translator/use-row-keyboard.ts';
import {
  initialSession,
  sessionReducer,
  unsavedKinds,
  type SessionState,
} from '../../src/features/translator/workspace-session.ts';

const transcript = parseVtt(
  'WEBVTT\n\nc1\n00:01.000 --> 00:02.000\n<v Joy>one\n\nc2\n00:03.000 --> 00:04.000\ntwo\n',
).document;
const chapters = parseVtt('WEBVTT\n\nq1\n00:01.000 --> 00:04.000\nQuestion\n', {
  kind: 'chapters',
}).document;
const NO_SNAP = { minGap: 0.05, speech: null, snapDistance: 0 };
const base = { name: 'transcript.ko.vtt', text: 'WEBVTT\n', etag: '"sha256-a"' };

function start(): SessionState {
  return initialSession(
    { transcript, chapters },
    { transcript: base, chapters: { ...base, name: 'chapters.ko.vtt' } },
  );
}

const type = (state: SessionState, index: number, text: string, at: number) =>
  sessionReducer(state, {
    type: 'edit',
    kind: 'transcript',
    focus: { kind: 'transcript', index },
    change: (document) => setCueText(document, index, text),
    key: `text:${index}`,
    at,
  });

describe('the workspace session', () => {
  it('undoes and redoes across rows, naming the row each step changed', () => {
    let state = type(start(), 0, 'un', 0);
    state = type(state, 1, 'deux', 5000);
    expect(unsavedKinds(state)).toEqual(['transcript']);
    state = sessionReducer(state, { type: 'undo' });
    expect(state.history.present.docs.transcript.cues[1]!.text).toBe('two');
    expect(state.focusAfterHistory).toEqual({ kind: 'transcript', index: 1 });
    state = sessionReducer(state, { type: 'undo' });
    expect(state.focusAfterHistory).toEqual({ kind: 'transcript', index: 0 });
    expect(unsavedKinds(state)).toEqual([]);
    state = sessionReducer(state, { type: 'redo' });
    expect(state.history.present.docs.transcript.cues[0]!.text).toBe('un');
    expect(state.focusAfterHistory).toEqual({ kind: 'transcript', index: 0 });
  });

  it('keeps work typed during a save unsaved', () => {
    let state = type(start(), 0, 'un', 0);
    const sent = state.history.present.docs.transcript;
    state = type(state, 1, 'deux', 5000); // typed while the save was on its way
    state = sessionReducer(state, {
      type: 'saved',
      kind: 'transcript',
      document: sent,
      base: { ...base, etag: '"sha256-b"' },
    });
    expect(state.bases.transcript.etag).toBe('"sha256-b"');
    expect(unsavedKinds(state)).toEqual(['transcript']);
    // The version saved over is old news if a reload still shows it.
    expect([...state.superseded]).toEqual(['"sha256-a"']);
  });

  it('rebases on a version from disk, adopting it as one undo step when asked', () => {
    const disk = setCueText(transcript, 1, 'from disk');
    let state = sessionReducer(start(), {
      type: 'rebase',
      kind: 'transcript',
      base: { ...base, etag: '"sha256-disk"' },
      saved: disk,
      working: disk,
      at: 0,
    });
    expect(state.history.present.docs.transcript.cues[1]!.text).toBe('from disk');
    expect(unsavedKinds(state)).toEqual([]);
    state = sessionReducer(state, { type: 'undo' });
    expect(state.history.present.docs.transcript.cues[1]!.text).toBe('two');
    expect(unsavedKinds(state)).toEqual(['transcript']);
  });

  it('folds an amendment into the present step: one undo takes the edit and it back', () => {
    let state = type(start(), 0, 'un', 0);
    const steps = state.history.past.length;
    state = sessionReducer(state, {
      type: 'amend',
      kind: 'transcript',
      // As amendments are: only for the version they were made for (c1 typed as "un").
      change: (document) =>
        document.cues[0]!.text === 'un' ? setCueText(document, 1, 'deux') : document,
    });
    expect(state.history.past.length).toBe(steps);
    expect(state.history.present.docs.transcript.cues.map((cue) => cue.text)).toEqual([
      'un',
      'deux',
    ]);
    state = sessionReducer(state, { type: 'undo' });
    expect(state.history.present.docs.transcript.cues.map((cue) => cue.text)).toEqual([
      'one',
      'two',
    ]);
  });

  /** c1's end dragged to `end` (one undo step), as the waveform's drag does. */
  const moveEnd = (state: SessionState, end: number, at: number) =>
    sessionReducer(state, {
      type: 'edit',
      kind: 'transcript',
      focus: { kind: 'transcript', index: 0 },
      change: (document) => moveCueEdge(document, 0, 'end', end, NO_SNAP),
      key: 'edge:0:end',
      at,
    });
  /**
   * c1's words timed again for its end at `end`, as use-word-retiming.ts amends them: only where
   * c1 still ends there (the text stands for the word timestamps).
   */
  const wordsTimedFor = (state: SessionState, end: number) =>
    sessionReducer(state, {
      type: 'amend',
      kind: 'transcript',
      change: (document) =>
        document.cues[0]!.endTime === end ? setCueText(document, 0, 'one, timed') : document,
    });
  const c1 = (state: SessionState) => {
    const cue = state.history.present.docs.transcript.cues[0]!;
    return [cue.endTime, cue.text];
  };

  it('keeps word times that came after another step when that step is undone', () => {
    let state = moveEnd(start(), 1.5, 0);
    state = type(state, 1, 'deux', 200); // typed while the words were being timed
    state = wordsTimedFor(state, 1.5);
    expect(c1(state)).toEqual([1.5, 'one, timed']);
    state = sessionReducer(state, { type: 'undo' });
    expect(state.history.present.docs.transcript.cues[1]!.text).toBe('two');
    expect(c1(state)).toEqual([1.5, 'one, timed']);
    // Undoing the move takes both back, and redoing brings both.
    state = sessionReducer(state, { type: 'undo' });
    expect(c1(state)).toEqual([2, 'one']);
    state = sessionReducer(state, { type: 'redo' });
    expect(c1(state)).toEqual([1.5, 'one, timed']);
  });

  it('brings word times that came after the move was undone back with the redo', () => {
    let state = moveEnd(start(), 1.5, 0);
    state = sessionReducer(state, { type: 'undo' });
    state = wordsTimedFor(state, 1.5);
    expect(c1(state)).toEqual([2, 'one']);
    state = sessionReducer(state, { type: 'redo' });
    expect(c1(state)).toEqual([1.5, 'one, timed']);
    expect(state.history.past.length).toBe(1);
  });
});

describe(neighbourRow.name, () => {
  it('walks the questions, then the transcript, and stops at either end', () => {
    const state = start();
    expect(neighbourRow(state, { kind: 'chapters', index: 0 }, 1)).toEqual({
      kind: 'transcript',
      index: 0,
    });
    expect(neighbourRow(state, { kind: 'transcript', index: 0 }, -1)).toEqual({
      kind: 'chapters',
      index: 0,
    });
    expect(neighbourRow(state, { kind: 'transcript', index: 1 }, 1)).toBeNull();
    expect(neighbourRow(state, { kind: 'chapters', index: 0 }, -1)).toBeNull();
  });
});
