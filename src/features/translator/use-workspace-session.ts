/**
 * The workspace session for React: the reducer of workspace-session.ts started from the loaded
 * files, and one stable set of row actions (rows never re-render because an action changed).
 */
import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import {
  moveCueEdge,
  stepCueEdge,
  tapCueStart,
  type CueEdge,
  type EdgeRules,
} from '../../core/cue-edges.ts';
import { completeTranslation } from '../../core/translation-align.ts';
import {
  mergeWithNextCue,
  nudgeCue,
  removeCue,
  setCueNote,
  setCueSpeaker,
  setCueMarkup,
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

const NO_EDGE_RULES = { current: null };
const NO_LISTENER = { current: null };

/** Told which transcript rows' edges a drag, nudge or tap just moved (their words are stale). */
export type EdgesMovedListener = (indices: readonly number[]) => void;
/** Two frames at Contract 1's default 25 fps, no snapping. */
const FALLBACK_EDGE_RULES: EdgeRules = { minGap: 2 / 25, speech: null, snapDistance: 0 };

/** What rows can do. One object for the session's lifetime. */
export interface RowActions {
  setText(ref: RowRef, text: string): void;
  setNote(ref: RowRef, text: string): void;
  /** Set a row's markup (cue text inside its speaker's voice span), as typed. */
  setMarkup(ref: RowRef, markup: string): void;
  setSpeaker(ref: RowRef, speaker: SpeakerRef): void;
  /** Move an edge by `delta` s: snapped and kept clear of neighbours where edge rules apply. */
  nudge(ref: RowRef, edge: CueEdge, delta: number, options?: { snap?: boolean }): void;
  /** Move an edge to `time` (a drag), snapped unless `snap` is false, kept clear of neighbours. */
  moveEdge(ref: RowRef, edge: CueEdge, time: number, options: { snap: boolean }): void;
  /** Tap to time: the row starts at `time` (corrected already) and the row before ends there. */
  tapStart(ref: RowRef, time: number): void;
  split(ref: RowRef, textOffset: number): void;
  mergeWithNext(ref: RowRef): void;
  remove(ref: RowRef): void;
  undo(): void;
  redo(): void;
  /** Replace a whole file in one undo step (import, replace all, draft, merge). */
  replace(kind: FileKind, change: (document: CueDocument) => CueDocument, key?: string): void;
  /** Fold a change into the present undo step (word times re-derived after an edge move). */
  amend(kind: FileKind, change: (document: CueDocument) => CueDocument): void;
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

/**
 * `edgeRules` (read at each action) makes nudges snap and stay clear of neighbours, and gives
 * drags and taps their gap and speech; null keeps the plain ±100 ms nudge (translations).
 */
export function useWorkspaceSession(
  files: WorkspaceFiles,
  isSource: boolean,
  edgeRules: { readonly current: EdgeRules | null } = NO_EDGE_RULES,
  edgesMoved: { readonly current: EdgesMovedListener | null } = NO_LISTENER,
): WorkspaceSession {
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
      setMarkup: (ref, markup) =>
        edit(
          ref,
          (document) => setCueMarkup(document, ref.index, markup),
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
      nudge: (ref, edge, delta, options) => {
        const rules = edgeRules.current;
        edit(
          ref,
          (document) =>
            rules && ref.kind === 'transcript'
              ? stepCueEdge(
                  document,
                  ref.index,
                  edge,
                  delta,
                  options?.snap === false ? { ...rules, snapDistance: 0 } : rules,
                )
              : nudgeCue(document, ref.index, edge, delta),
          `nudge:${edge}:${ref.kind}:${ref.index}`,
        );
        if (rules && ref.kind === 'transcript') edgesMoved.current?.([ref.index]);
      },
      moveEdge: (ref, edge, time, { snap }) => {
        const rules = edgeRules.current ?? FALLBACK_EDGE_RULES;
        edit(
          ref,
          (document) =>
            moveCueEdge(
              document,
              ref.index,
              edge,
              time,
              snap ? rules : { ...rules, snapDistance: 0 },
            ),
          `edge:${edge}:${ref.kind}:${ref.index}`,
        );
        if (ref.kind === 'transcript') edgesMoved.current?.([ref.index]);
      },
      tapStart: (ref, time) => {
        edit(ref, (document) =>
          tapCueStart(document, ref.index, time, (edgeRules.current ?? FALLBACK_EDGE_RULES).minGap),
        );
        if (ref.kind === 'transcript') edgesMoved.current?.([ref.index - 1, ref.index]);
      },
      split: (ref, offset) => edit(ref, (document) => splitCue(document, ref.index, offset)),
      mergeWithNext: (ref) => edit(ref, (document) => mergeWithNextCue(document, ref.index)),
      remove: (ref) => edit(ref, (document) => removeCue(document, ref.index)),
      undo: () => dispatch({ type: 'undo' }),
      redo: () => dispatch({ type: 'redo' }),
      replace: (kind, change, key) =>
        dispatch({ type: 'edit', kind, focus: null, change, key, at: Date.now() }),
      amend: (kind, change) => dispatch({ type: 'amend', kind, change }),
    }),
    [edit, edgeRules, edgesMoved],
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
