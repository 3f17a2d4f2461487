/**
 * The workspace session for React: the reducer of workspace-session.ts started from the loaded
 * files, and one stable set of row actions (rows never re-render because an action changed).
 */
import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import { completeTranslation } from '../../core/translation-align.ts';
import {
  mergeWithNextCue,
  nudgeCue,
  removeCue,
  setCueNote,
  setCueSpeaker,
  setCueText,
  splitCue,
  type CueDocument,
} from '../../core/translation-edit.ts';
import type { WorkspaceFile, WorkspaceFiles } from './use-workspace-files.ts';
import {
  initialSession,
  sessionReducer,
  type Docs,
  type FileBase,
  type FileKind,
  type RowRef,
  type SessionAction,
  type SessionState,
} from './workspace-session.ts';

export function fileBase(file: WorkspaceFile): FileBase {
  return { name: file.name, text: file.loaded.text, etag: file.loaded.etag };
}

/**
 * A file as the workspace edits it: a translation gets the source's missing ids as empty rows
 * (saving writes them), so every source row has a row.
 */
export function workingDocument(
  file: WorkspaceFile,
  source: WorkspaceFile | null,
): { document: CueDocument; added: readonly string[] } {
  if (!source || source === file) return { document: file.parsed.document, added: [] };
  return completeTranslation(source.parsed.document, file.parsed.document);
}

interface Start {
  readonly state: SessionState;
  /** Ids added as empty rows because the file lacked them. */
  readonly added: readonly string[];
  /** The files as first shown (drafts are compared with these). */
  readonly initialDocs: Docs;
}

function start(files: WorkspaceFiles, isSource: boolean): Start {
  const transcript = workingDocument(
    files.target.transcript,
    isSource ? null : files.source.transcript,
  );
  const chapters = files.target.chapters
    ? workingDocument(files.target.chapters, isSource ? null : files.source.chapters)
    : null;
  const docs: Docs = { transcript: transcript.document, chapters: chapters?.document ?? null };
  // "Saved" is the file as it is: rows added for missing ids count as unsaved work.
  const saved: Docs = {
    transcript: files.target.transcript.parsed.document,
    chapters: files.target.chapters?.parsed.document ?? null,
  };
  const bases = {
    transcript: fileBase(files.target.transcript),
    chapters: files.target.chapters ? fileBase(files.target.chapters) : null,
  };
  return {
    state: initialSession(docs, bases, saved),
    added: [...transcript.added, ...(chapters?.added ?? [])],
    initialDocs: docs,
  };
}

/** What rows can do. One object for the session's lifetime. */
export interface RowActions {
  setText(ref: RowRef, text: string): void;
  setNote(ref: RowRef, text: string): void;
  setSpeaker(ref: RowRef, speaker: SpeakerRef): void;
  nudge(ref: RowRef, edge: 'start' | 'end', delta: number): void;
  split(ref: RowRef, textOffset: number): void;
  mergeWithNext(ref: RowRef): void;
  remove(ref: RowRef): void;
  undo(): void;
  redo(): void;
  /** Replace a whole file in one undo step (import, replace all, draft, merge). */
  replace(kind: FileKind, change: (document: CueDocument) => CueDocument, key?: string): void;
}

export interface WorkspaceSession {
  readonly state: SessionState;
  readonly docs: Docs;
  readonly dispatch: (action: SessionAction) => void;
  readonly actions: RowActions;
  /** The latest state, for event handlers that must not wait for a render. */
  readonly latest: { readonly current: SessionState };
  readonly added: readonly string[];
  readonly initialDocs: Docs;
}

export function useWorkspaceSession(files: WorkspaceFiles, isSource: boolean): WorkspaceSession {
  const [initial] = useState(() => start(files, isSource));
  const [state, dispatch] = useReducer(sessionReducer, initial.state);
  const latest = useRef(state);
  useLayoutEffect(() => {
    latest.current = state;
  }, [state]);

  const edit = useCallback(
    (ref: RowRef, change: (document: CueDocument) => CueDocument, key?: string) =>
      dispatch({ type: 'edit', kind: ref.kind, focus: ref, change, key, at: Date.now() }),
    [],
  );

  const actions = useMemo<RowActions>(
    () => ({
      setText: (ref, text) =>
        edit(
          ref,
          (document) => setCueText(document, ref.index, text),
          `text:${ref.kind}:${ref.index}`,
        ),
      setNote: (ref, text) =>
        edit(
          ref,
          (document) => setCueNote(document, ref.index, text),
          `note:${ref.kind}:${ref.index}`,
        ),
      setSpeaker: (ref, speaker) =>
        edit(ref, (document) => setCueSpeaker(document, ref.index, speaker)),
      nudge: (ref, edge, delta) =>
        edit(
          ref,
          (document) => nudgeCue(document, ref.index, edge, delta),
          `nudge:${edge}:${ref.kind}:${ref.index}`,
        ),
      split: (ref, offset) => edit(ref, (document) => splitCue(document, ref.index, offset)),
      mergeWithNext: (ref) => edit(ref, (document) => mergeWithNextCue(document, ref.index)),
      remove: (ref) => edit(ref, (document) => removeCue(document, ref.index)),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      replace: (kind, change, key) =>
        dispatch({ type: 'edit', kind, focus: null, change, key, at: Date.now() }),
    }),
    [edit],
  );

  return {
    state,
    docs: state.history.present.docs,
    dispatch,
    actions,
    latest,
    added: initial.added,
    initialDocs: initial.initialDocs,
  };
}
