/**
 * Saving: each file with unsaved work is sent with the ETag it was loaded with; a file changed on
 * disk since comes back as a conflict (nothing was written) for the translator to merge. Where no
 * save API answers, saving is downloading.
 */
import { useCallback, useRef, useState } from 'react';
import type { CueDocument } from '../../core/translation-edit.ts';
import { serializeVtt } from '../../core/vtt-serialize.ts';
import { saveCueFile, SaveApiError, type SaveMode } from '../../data/translation-api.ts';
import type { Drafts } from './use-drafts.ts';
import type { WorkspaceSession } from './use-workspace-session.ts';
import { unsavedKinds, type FileKind } from './workspace-session.ts';

export type SaveStatus =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: number }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'conflict'; readonly file: FileKind }
  | { readonly kind: 'failed'; readonly message: string };

export interface Conflict {
  readonly kind: FileKind;
  readonly text: string;
  readonly etag: string;
}

export interface Saver {
  readonly status: SaveStatus;
  save(): Promise<void>;
  download(kind: FileKind): void;
}

/** Offer `text` as a file download. */
export function downloadText(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/vtt;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser time to start the download before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useSaver(
  episodeId: string,
  mode: SaveMode,
  session: WorkspaceSession,
  drafts: Drafts,
  onConflict: (conflict: Conflict) => void,
  /** Filled with the ETag of every version this page writes (that change on disk is ours). */
  ownEtags: Set<string>,
): Saver {
  const { latest, dispatch } = session;
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle' });
  const busy = useRef(false);

  const download = useCallback(
    (kind: FileKind) => {
      const state = latest.current;
      const document = state.history.present.docs[kind];
      const base = state.bases[kind];
      if (document && base) downloadText(base.name, serializeVtt(document));
    },
    [latest],
  );

  const save = useCallback(async () => {
    if (mode === 'static') return download('transcript');
    if (busy.current) return;
    const kinds = unsavedKinds(latest.current);
    if (kinds.length === 0) return setStatus({ kind: 'nothing' });
    busy.current = true;
    setStatus({ kind: 'saving' });
    const sent = new Map<FileKind, CueDocument>();
    try {
      for (const kind of kinds) {
        const state = latest.current;
        const document = state.history.present.docs[kind]!;
        const base = state.bases[kind]!;
        const text = serializeVtt(document);
        const result = await saveCueFile(episodeId, base.name, text, base.etag ?? '');
        if (result.kind === 'conflict') {
          setStatus({ kind: 'conflict', file: kind });
          onConflict({ kind, text: result.text, etag: result.etag });
          return;
        }
        ownEtags.add(result.etag);
        sent.set(kind, document);
        dispatch({
          type: 'saved',
          kind,
          document,
          base: { name: base.name, text, etag: result.etag },
        });
      }
      // Typing during the save leaves work unsaved: the draft stays for it.
      const state = latest.current;
      const allSaved = (['transcript', 'chapters'] as const).every((kind) => {
        const present = state.history.present.docs[kind];
        return present === null || present === (sent.get(kind) ?? state.saved[kind]);
      });
      await drafts.afterSave(allSaved);
      setStatus({ kind: 'saved', at: Date.now() });
    } catch (error) {
      setStatus({
        kind: 'failed',
        message:
          error instanceof SaveApiError || error instanceof Error ? error.message : String(error),
      });
    } finally {
      busy.current = false;
    }
  }, [mode, download, latest, episodeId, dispatch, drafts, onConflict, ownEtags]);

  return { status, save, download };
}
