/**
 * The workspace's state: the files being edited (with their undo history), the files as last
 * loaded or saved (what "unsaved" compares against), and the version on disk each save must
 * match (its ETag). A pure reducer; use-workspace-session.ts wraps it for React.
 */
import type { CueDocument } from '../../core/translation-edit.ts';
import {
  createHistory,
  recordStep,
  redoStep,
  undoStep,
  type History,
} from '../../core/translation-history.ts';

export type FileKind = 'transcript' | 'chapters';

/** A row: which file, and the cue's index in it. */
export interface RowRef {
  readonly kind: FileKind;
  readonly index: number;
}

/** The working files. */
export interface Docs {
  readonly transcript: CueDocument;
  readonly chapters: CueDocument | null;
}

/** One undo step: the files after it, and the row it changed (focused on undo and redo). */
export interface Step {
  readonly docs: Docs;
  readonly focus: RowRef | null;
}

/** A file as it is on disk (as far as this page knows): the version a save must replace. */
export interface FileBase {
  readonly name: string;
  readonly text: string;
  /** Null where no save API answers. */
  readonly etag: string | null;
}

export interface SessionState {
  readonly history: History<Step>;
  /** The files as last loaded or saved: the work is unsaved while the present differs. */
  readonly saved: Docs;
  readonly bases: { readonly transcript: FileBase; readonly chapters: FileBase | null };
  /** The row the last undo or redo changed, for the page to focus. */
  readonly focusAfterHistory: RowRef | null;
  /**
   * ETags of versions this session has moved past (loaded, then saved over or merged with): a
   * reload that still shows one of them is old news, not a change on disk.
   */
  readonly superseded: ReadonlySet<string>;
}

export type SessionAction =
  | {
      readonly type: 'edit';
      readonly kind: FileKind;
      /** The row the change is about (focused again on undo); null for whole-file changes. */
      readonly focus: RowRef | null;
      readonly change: (document: CueDocument) => CueDocument;
      /** Quick edits with the same key fold into one undo step (typing in one row). */
      readonly key?: string;
      readonly at: number;
    }
  /**
   * A change folded into the present step, not a step of its own: word timestamps timed again
   * after the edge move that made them stale (undoing the move takes both back). `change` must
   * leave a version it was not made for as it is (the same object): it is also made to the steps
   * around the present that hold the version it was made for (see `amendHistory`).
   */
  | {
      readonly type: 'amend';
      readonly kind: FileKind;
      readonly change: (document: CueDocument) => CueDocument;
    }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  /**
   * A file read from disk becomes the version saves must replace (`base`) and what "unsaved"
   * compares against (`saved`); with `working`, it also becomes the work (one undo step): loading
   * a file changed on disk, or the version a merge is made against.
   */
  | {
      readonly type: 'rebase';
      readonly kind: FileKind;
      readonly base: FileBase;
      readonly saved: CueDocument;
      readonly working?: CueDocument;
      readonly at: number;
    }
  /** A save went through: `document` (the version sent) is now the file. */
  | {
      readonly type: 'saved';
      readonly kind: FileKind;
      readonly document: CueDocument;
      readonly base: FileBase;
    };

export function initialSession(
  docs: Docs,
  bases: SessionState['bases'],
  saved: Docs = docs,
): SessionState {
  return {
    history: createHistory<Step>({ docs, focus: null }),
    saved,
    bases,
    focusAfterHistory: null,
    superseded: new Set(),
  };
}

/** `superseded` with the ETag of the base `kind` had until now. */
function supersede(state: SessionState, kind: FileKind): ReadonlySet<string> {
  const etag = state.bases[kind]?.etag;
  return etag ? new Set(state.superseded).add(etag) : state.superseded;
}

function withDoc(docs: Docs, kind: FileKind, document: CueDocument): Docs {
  if (docs[kind] === document) return docs;
  return { ...docs, [kind]: document };
}

/** `step` with `change` made to its `kind` file (the same step when nothing changes). */
function amendStep(
  step: Step,
  kind: FileKind,
  change: (document: CueDocument) => CueDocument,
): Step {
  const before = step.docs[kind];
  if (!before) return step;
  const after = change(before);
  return after === before ? step : { ...step, docs: withDoc(step.docs, kind, after) };
}

/** `steps` amended from the first on, up to the first step the change leaves as it is. */
function amendRun(
  steps: readonly Step[],
  kind: FileKind,
  change: (document: CueDocument) => CueDocument,
): readonly Step[] {
  const amended = [...steps];
  for (let i = 0; i < amended.length; i++) {
    const step = amendStep(amended[i]!, kind, change);
    if (step === amended[i]) break;
    amended[i] = step;
  }
  return amended.some((step, i) => step !== steps[i]) ? amended : steps;
}

/**
 * An amendment (word times for a moved edge) made to the present step and to the steps next to
 * it that hold the same cue as the change expects (it leaves other versions as they are): the
 * earlier steps back to the move itself, and the undone steps ahead. So undoing a step taken
 * after the move, while the answer was on its way, keeps the words; undoing the move takes both
 * back; and redoing a move undone before the answer came brings the words with it.
 */
function amendHistory(
  history: History<Step>,
  kind: FileKind,
  change: (document: CueDocument) => CueDocument,
): History<Step> {
  const present = amendStep(history.present, kind, change);
  const newestFirst = [...history.past].reverse();
  const past = amendRun(newestFirst, kind, change);
  const future = amendRun(history.future, kind, change);
  if (present === history.present && past === newestFirst && future === history.future) {
    return history;
  }
  return {
    ...history,
    present,
    past: past === newestFirst ? history.past : [...past].reverse(),
    future,
  };
}

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'edit': {
      const current = state.history.present.docs;
      const before = current[action.kind];
      if (!before) return state;
      const after = action.change(before);
      if (after === before) return state;
      const history = recordStep(
        state.history,
        { docs: withDoc(current, action.kind, after), focus: action.focus },
        { key: action.key, at: action.at },
      );
      return { ...state, history, focusAfterHistory: null };
    }
    case 'amend': {
      const history = amendHistory(state.history, action.kind, action.change);
      return history === state.history ? state : { ...state, history };
    }
    case 'undo': {
      if (state.history.past.length === 0) return state;
      const undone = state.history.present.focus;
      return { ...state, history: undoStep(state.history), focusAfterHistory: undone };
    }
    case 'redo': {
      const history = redoStep(state.history);
      if (history === state.history) return state;
      return { ...state, history, focusAfterHistory: history.present.focus };
    }
    case 'rebase': {
      const bases = { ...state.bases, [action.kind]: action.base };
      const saved = withDoc(state.saved, action.kind, action.saved);
      const superseded = supersede(state, action.kind);
      if (!action.working) return { ...state, bases, saved, superseded };
      const history = recordStep(
        state.history,
        { docs: withDoc(state.history.present.docs, action.kind, action.working), focus: null },
        { at: action.at },
      );
      return { ...state, bases, saved, superseded, history, focusAfterHistory: null };
    }
    case 'saved': {
      return {
        ...state,
        bases: { ...state.bases, [action.kind]: action.base },
        saved: withDoc(state.saved, action.kind, action.document),
        superseded: supersede(state, action.kind),
      };
    }
  }
}

/** The files with unsaved work. */
export function unsavedKinds(state: SessionState): FileKind[] {
  const docs = state.history.present.docs;
  return (['transcript', 'chapters'] as const).filter(
    (kind) => docs[kind] !== null && docs[kind] !== state.saved[kind],
  );
}
