/**
 * Versions of a file that arrive from outside the workspace: a save refused because the file
 * changed on disk (409), a change the dev server reports (another tab, a text editor), a draft
 * older than the file. None replaces the translator's rows silently: an untouched file is loaded
 * when the translator says so, a file with unsaved work is merged row by row.
 */
import { useCallback, useState } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import type { CueDocument } from '../../core/translation-edit.ts';
import { parseVtt } from '../../core/vtt-parse.ts';
import type { MergeRequest } from './merge-panel.tsx';
import type { WorkspaceFile, WorkspaceFiles } from './use-workspace-files.ts';
import type { Conflict } from './use-saver.ts';
import { fileBase, workingDocument, type WorkspaceSession } from './use-workspace-session.ts';
import type { Docs, FileBase, FileKind } from './workspace-session.ts';

export interface OpenMerge {
  readonly kind: FileKind;
  readonly request: MergeRequest;
  readonly theirsBase: FileBase;
}

export interface DiskChange {
  readonly kind: FileKind;
  readonly file: WorkspaceFile;
  readonly unsaved: boolean;
}

export interface IncomingVersions {
  readonly merge: OpenMerge | null;
  readonly diskChange: DiskChange | null;
  openConflict(conflict: Conflict): void;
  /** Merge the work with the files as they are now (a restored draft older than the file). */
  /**
   * Merge the work with the files on disk of `kinds`; `working` is the work when it has just been
   * put in place (a restored draft) and the session has not caught up with it yet.
   */
  mergeWithFiles(kinds: readonly FileKind[], reason: MergeRequest['reason'], working?: Docs): void;
  loadDiskChange(): void;
  dismissDiskChange(): void;
  applyMerge(merged: CueDocument): void;
  cancelMerge(): void;
}

export function useIncomingVersions(
  files: WorkspaceFiles,
  session: WorkspaceSession,
  ownEtags: ReadonlySet<string>,
  isSource: boolean,
  speakers: readonly SpeakerRef[],
): IncomingVersions {
  const { state, dispatch, latest, docs } = session;
  const [merge, setMerge] = useState<OpenMerge | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());

  const sourceFor = useCallback(
    (kind: FileKind) => (isSource ? null : files.source[kind]),
    [files, isSource],
  );

  // A newer version on disk than the one saves are made against (not one this page wrote).
  const diskChange = ((): DiskChange | null => {
    for (const kind of ['transcript', 'chapters'] as const) {
      const file = files.target[kind];
      const base = state.bases[kind];
      const etag = file?.loaded.etag;
      if (!file || !base || !etag || etag === base.etag) continue;
      if (ownEtags.has(etag) || state.superseded.has(etag) || dismissed.has(etag)) continue;
      return { kind, file, unsaved: docs[kind] !== state.saved[kind] };
    }
    return null;
  })();

  const openMerge = useCallback(
    (
      kind: FileKind,
      theirs: CueDocument,
      theirsBase: FileBase,
      reason: MergeRequest['reason'],
      working?: Docs,
    ) => {
      const current = latest.current;
      const mine = (working ?? current.history.present.docs)[kind];
      if (!mine) return;
      setMerge({
        kind,
        theirsBase,
        request: {
          fileName: theirsBase.name,
          mine,
          theirs,
          base: reason === 'draft' ? null : current.saved[kind],
          reason,
        },
      });
    },
    [latest],
  );

  const openConflict = useCallback(
    (conflict: Conflict) => {
      const base = latest.current.bases[conflict.kind];
      if (!base) return;
      const theirs = parseVtt(conflict.text, {
        file: base.name,
        kind: conflict.kind,
        speakers,
      }).document;
      openMerge(
        conflict.kind,
        theirs,
        { name: base.name, text: conflict.text, etag: conflict.etag },
        'conflict',
      );
    },
    [latest, speakers, openMerge],
  );

  const mergeWithFiles = useCallback(
    (kinds: readonly FileKind[], reason: MergeRequest['reason'], working?: Docs) => {
      const kind = kinds[0];
      const file = kind ? files.target[kind] : null;
      if (!kind || !file) return;
      openMerge(kind, file.parsed.document, fileBase(file), reason, working);
    },
    [files, openMerge],
  );

  const loadDiskChange = useCallback(() => {
    if (!diskChange) return;
    const { kind, file, unsaved } = diskChange;
    if (unsaved) return openMerge(kind, file.parsed.document, fileBase(file), 'disk');
    dispatch({
      type: 'rebase',
      kind,
      base: fileBase(file),
      saved: file.parsed.document,
      working: workingDocument(file, sourceFor(kind)).document,
      at: Date.now(),
    });
  }, [diskChange, dispatch, openMerge, sourceFor]);

  const dismissDiskChange = useCallback(() => {
    const etag = diskChange?.file.loaded.etag;
    if (etag) setDismissed((current) => new Set(current).add(etag));
  }, [diskChange]);

  const applyMerge = useCallback(
    (merged: CueDocument) => {
      if (!merge) return;
      // Saves now replace the version merged with; the merge result is the work.
      dispatch({
        type: 'rebase',
        kind: merge.kind,
        base: merge.theirsBase,
        saved: merge.request.theirs,
        working: merged,
        at: Date.now(),
      });
      setMerge(null);
    },
    [merge, dispatch],
  );

  const cancelMerge = useCallback(() => setMerge(null), []);

  return {
    merge,
    diskChange: merge ? null : diskChange,
    openConflict,
    mergeWithFiles,
    loadDiskChange,
    dismissDiskChange,
    applyMerge,
    cancelMerge,
  };
}
