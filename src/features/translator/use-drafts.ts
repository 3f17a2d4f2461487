/**
 * Drafts in the workspace: every change is kept in this browser within a second (debounced, and
 * at once when the page is hidden or closed); a draft found when the page opens is offered back
 * ("Restore draft" / "Discard draft") with its time and how many rows differ from the file, and
 * nothing is typed over it until the translator decides. Drafts go only after a successful save.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import { diffRows } from '../../core/translation-align.ts';
import type { CueDocument } from '../../core/translation-edit.ts';
import { parseVtt } from '../../core/vtt-parse.ts';
import { serializeVtt } from '../../core/vtt-serialize.ts';
import {
  deleteDraft,
  readDraft,
  writeDraft,
  writeDraftNow,
  type Draft,
  type DraftFile,
} from '../../data/translation-drafts.ts';
import type { WorkspaceSession } from './use-workspace-session.ts';
import type { Docs, FileKind } from './workspace-session.ts';

/**
 * A change is written within this long (debounced at DRAFT_DEBOUNCE_MS while typing goes on),
 * leaving room under the promised second for a busy machine.
 */
export const DRAFT_MAX_WAIT_MS = 750;
const DRAFT_DEBOUNCE_MS = 250;

export interface DraftOffer {
  readonly savedAt: number;
  /** Rows (transcript and questions) that differ from the file. */
  readonly rows: number;
  readonly docs: Docs;
  /** The files that changed on disk since the draft began (to be merged, not overwritten). */
  readonly changedSince: readonly FileKind[];
}

export interface Drafts {
  /** True until the draft store has been asked (rows stay read-only meanwhile). */
  readonly checking: boolean;
  readonly offer: DraftOffer | null;
  /** When the last draft was written. */
  readonly savedAt: number | null;
  /** True when this browser cannot keep drafts. */
  readonly unavailable: boolean;
  /** Put the offered draft's files into the workspace; returns the offer taken. */
  restore(): DraftOffer | null;
  discard(): void;
  /** Call after a save: removes the draft when nothing unsaved is left. */
  afterSave(allSaved: boolean): Promise<void>;
}

function parseDraftFile(file: DraftFile, kind: FileKind, speakers: readonly SpeakerRef[]) {
  return parseVtt(file.text, { file: file.name, kind, speakers }).document;
}

function countDifferences(a: CueDocument | null, b: CueDocument | null): number {
  return a && b ? diffRows(a, b).length : 0;
}

export function useDrafts(
  episodeId: string,
  lang: string,
  session: WorkspaceSession,
  speakers: readonly SpeakerRef[],
): Drafts {
  const { docs, latest, actions, initialDocs } = session;
  const [checking, setChecking] = useState(true);
  const [offer, setOffer] = useState<DraftOffer | null>(null);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const written = useRef<{ docs: Docs | null; any: boolean }>({ docs: null, any: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSince = useRef<number | null>(null);

  // Look for a draft once, when the workspace opens.
  useEffect(() => {
    let cancelled = false;
    readDraft(episodeId, lang).then(
      (draft: Draft | null) => {
        if (cancelled) return;
        setChecking(false);
        if (!draft) return;
        const draftDocs: Docs = {
          transcript: parseDraftFile(draft.transcript, 'transcript', speakers),
          chapters:
            draft.chapters && initialDocs.chapters
              ? parseDraftFile(draft.chapters, 'chapters', speakers)
              : initialDocs.chapters,
        };
        const rows =
          countDifferences(draftDocs.transcript, initialDocs.transcript) +
          countDifferences(draftDocs.chapters, initialDocs.chapters);
        if (rows === 0) return;
        const bases = latest.current.bases;
        const changedSince = (['transcript', 'chapters'] as const).filter((kind) => {
          const file = kind === 'transcript' ? draft.transcript : draft.chapters;
          const base = bases[kind];
          return file && base && file.baseEtag !== null && file.baseEtag !== base.etag;
        });
        setOffer({ savedAt: draft.savedAt, rows, docs: draftDocs, changedSince });
      },
      () => {
        if (cancelled) return;
        setChecking(false);
        setUnavailable(true);
      },
    );
    return () => {
      cancelled = true;
    };
    // Once per workspace: the draft is read against the files as first shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** The draft of the work as it is now, or null when it was written already. */
  const takeDraft = useCallback((): Draft | null => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    pendingSince.current = null;
    const state = latest.current;
    const current = state.history.present.docs;
    if (current === written.current.docs) return null;
    const file = (kind: FileKind): DraftFile | undefined => {
      const document = current[kind];
      const base = state.bases[kind];
      if (!document || !base) return undefined;
      return { name: base.name, text: serializeVtt(document), baseEtag: base.etag };
    };
    written.current = { docs: current, any: true };
    return {
      episodeId,
      lang,
      savedAt: Date.now(),
      transcript: file('transcript')!,
      chapters: file('chapters'),
    };
  }, [episodeId, lang, latest]);

  const write = useCallback(async () => {
    const draft = takeDraft();
    if (!draft) return;
    try {
      await writeDraft(draft);
      setSavedAt(draft.savedAt);
      setUnavailable(false);
    } catch (error) {
      console.error('[red-box] the draft could not be kept:', error);
      written.current = { docs: null, any: true };
      setUnavailable(!writeDraftNow(draft));
    }
  }, [takeDraft]);

  const blocked = checking || offer !== null;

  // Every change: a draft within a second.
  useEffect(() => {
    if (blocked || docs === written.current.docs) return;
    const state = latest.current;
    const unchanged =
      docs.transcript === state.saved.transcript && docs.chapters === state.saved.chapters;
    if (unchanged && !written.current.any) return;
    const now = Date.now();
    pendingSince.current ??= now;
    const wait = Math.max(
      0,
      Math.min(DRAFT_DEBOUNCE_MS, pendingSince.current + DRAFT_MAX_WAIT_MS - now),
    );
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = setTimeout(() => void write(), wait);
  }, [docs, blocked, latest, write]);

  // Hidden or closing: write now (synchronously too: the page may be gone before IndexedDB
  // commits), and warn before closing when a change could not be kept.
  useEffect(() => {
    const flush = (): void => {
      if (pendingSince.current === null) return;
      const draft = takeDraft();
      if (!draft) return;
      writeDraftNow(draft);
      void writeDraft(draft).catch(() => {});
    };
    const onVisibility = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      const state = latest.current;
      const present = state.history.present.docs;
      const unsaved =
        present.transcript !== state.saved.transcript || present.chapters !== state.saved.chapters;
      const pending = pendingSince.current !== null;
      flush();
      // Kept now (synchronously); ask only when this browser cannot keep drafts at all.
      if (unavailable && (pending || unsaved)) event.preventDefault();
    };
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('pagehide', flush);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('pagehide', flush);
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [takeDraft, latest, unavailable]);

  const restore = useCallback((): DraftOffer | null => {
    if (!offer) return null;
    actions.replace('transcript', () => offer.docs.transcript, 'restore-draft');
    const chapters = offer.docs.chapters;
    if (chapters) actions.replace('chapters', () => chapters, 'restore-draft');
    setOffer(null);
    return offer;
  }, [offer, actions]);

  const discard = useCallback(() => {
    setOffer(null);
    void deleteDraft(episodeId, lang).catch(() => setUnavailable(true));
  }, [episodeId, lang]);

  const afterSave = useCallback(
    async (allSaved: boolean) => {
      if (!allSaved) return;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      pendingSince.current = null;
      written.current = { docs: latest.current.history.present.docs, any: false };
      await deleteDraft(episodeId, lang).catch(() => setUnavailable(true));
      setSavedAt(null);
    },
    [episodeId, lang, latest],
  );

  return { checking, offer, savedAt, unavailable, restore, discard, afterSave };
}
