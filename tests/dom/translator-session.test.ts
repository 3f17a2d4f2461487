/**
 * The workspace session: edits with undo and redo that take the keyboard back to the row they
 * changed, saves that leave work typed meanwhile unsaved, files rebased on a version from disk.
 */
import { describe, expect, it } from 'vitest';
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
      change: (document) => setCueText(document, 1, 'deux'),
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
