/**
 * Drafts in the workspace: every change is kept in this browser within a second (debounced, and
 * at once when the page is hidden or closed), as this tab's own draft; the drafts found when the
 * page opens (this tab's before a reload, other tabs' that were closed; never the draft of a tab
 * seen open while this page is, whose work is in use) are offered back ("Restore draft" /
 * "Discard draft", a choice when there are several) with their time, how many rows differ
 * from the file and which, and nothing is typed over them until the translator decides. A draft
 * goes only after a successful save of its work, or when discarded.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import { diffRows, type RowDifference } from '../../core/translation-align.ts';
import type { CueDocument } from '../../core/translation-edit.ts';
import { parseVtt } from '../../core/vtt-parse.ts';
import { serializeVtt } from '../../core/vtt-serialize.ts';
import { currentTabId } from '../../data/browser-tab.ts';
import {
  deleteDraft,
  readDrafts,
  writeDraft,
  writeDraftNow,
  type Draft,
  type DraftFile,
} from '../../data/translation-drafts.ts';
import type { WorkspaceSession } from './use-workspace-session.ts';
import type { Docs, FileKind, SessionState } from './workspace-session.ts';
import type { OtherTabs } from './use-other-tabs.ts';

/**
 * A change is written within this long (debounced at DRAFT_DEBOUNCE_MS while typing goes on),
 * leaving room under the promised second for a busy machine.
 */
export const DRAFT_MAX_WAIT_MS = 750;
const DRAFT_DEBOUNCE_MS = 250;

/** One draft on offer. */
export interface DraftChoice {
  readonly draft: Draft;
  readonly savedAt: number;
  /** Rows (transcript and questions) that differ from the file. */
  readonly rows: number;
  /** The ids of the first rows that differ, to tell drafts apart. */
  readonly rowIds: readonly string[];
  readonly docs: Docs;
  /** The files that changed on disk since the draft began (to be merged, not overwritten). */
  readonly changedSince: readonly FileKind[];
  /** This tab wrote it (before a reload); otherwise another tab did. */
  readonly own: boolean;
}

/** The drafts on offer, newest first, and the one the translator has chosen. */
export interface DraftOffer {
  readonly choices: readonly DraftChoice[];
  readonly chosen: number;
}

/** How many differing rows a choice names. */
const NAMED_ROWS = 3;

/**
 * How long the draft check waits for the other open tabs to answer (browser-tab.ts), so that a
 * draft still in use there is not offered here, even for a moment. They answer within
 * milliseconds; one that answers later has its draft withdrawn then.
 */
const OPEN_TABS_WAIT_MS = 120;

export interface Drafts {
  /** True until the draft store has been asked (rows stay read-only meanwhile). */
  readonly checking: boolean;
  readonly offer: DraftOffer | null;
  /** Choose which of the drafts on offer the buttons apply to. */
  choose(index: number): void;
  /** When the last draft was written. */
  readonly savedAt: number | null;
  /** True when this browser cannot keep drafts. */
  readonly unavailable: boolean;
  /** Put the chosen draft's files into the workspace; returns the draft taken. */
  restore(): DraftChoice | null;
  /** Throw the chosen draft away; the others stay on offer. */
  discard(): void;
  /** Call after a save: removes the draft when nothing unsaved is left. */
  afterSave(allSaved: boolean): Promise<void>;
}

function parseDraftFile(file: DraftFile, kind: FileKind, speakers: readonly SpeakerRef[]) {
  return parseVtt(file.text, { file: file.name, kind, speakers }).document;
}

function differences(a: CueDocument | null, b: CueDocument | null): RowDifference[] {
  return a && b ? diffRows(a, b) : [];
}

/** A draft as a choice against the files as first shown; null when it changes nothing. */
function choiceOf(
  draft: Draft,
  initialDocs: Docs,
  bases: SessionState['bases'],
  speakers: readonly SpeakerRef[],
): DraftChoice | null {
  const docs: Docs = {
    transcript: parseDraftFile(draft.transcript, 'transcript', speakers),
    chapters:
      draft.chapters && initialDocs.chapters
        ? parseDraftFile(draft.chapters, 'chapters', speakers)
        : initialDocs.chapters,
  };
  const differing = [
    ...differences(docs.chapters, initialDocs.chapters),
    ...differences(docs.transcript, initialDocs.transcript),
  ];
  if (differing.length === 0) return null;
  const changedSince = (['transcript', 'chapters'] as const).filter((kind) => {
    const file = kind === 'transcript' ? draft.transcript : draft.chapters;
    const base = bases[kind];
    return file && base && file.baseEtag !== null && file.baseEtag !== base.etag;
  });
  return {
    draft,
    savedAt: draft.savedAt,
    rows: differing.length,
    rowIds: differing.slice(0, NAMED_ROWS).map((difference) => difference.id),
    docs,
    changedSince,
    own: draft.tabId === currentTabId(),
  };
}

/** The draft store's answer for one episode and language: still checking, its drafts, or none. */
export type DraftCheck =
  | { readonly status: 'checking' }
  | { readonly status: 'found'; readonly drafts: readonly Draft[] }
  | { readonly status: 'unavailable' };

const CHECKING: DraftCheck = { status: 'checking' };

/**
 * Ask the draft store once, as the workspace opens, while its files are still loading: the
 * answer usually comes before the rows are first drawn, which then need no redraw from
 * read-only to editable. Call after `useOtherTabs` (its greeting starts the wait for answers).
 */
export function useDraftCheck(episodeId: string, lang: string): DraftCheck {
  const [check, setCheck] = useState<DraftCheck>(CHECKING);
  useEffect(() => {
    let cancelled = false;
    const answered = new Promise((resolve) => setTimeout(resolve, OPEN_TABS_WAIT_MS));
    Promise.all([readDrafts(episodeId, lang), answered]).then(
      ([drafts]) => {
        if (!cancelled) setCheck({ status: 'found', drafts });
      },
      () => {
        if (!cancelled) setCheck({ status: 'unavailable' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [episodeId, lang]);
  return check;
}

export function useDrafts(
  episodeId: string,
  lang: string,
  session: WorkspaceSession,
  speakers: readonly SpeakerRef[],
  /** The other tabs that have this file open, and those seen open since this page opened. */
  otherTabs: OtherTabs,
  /** The draft store's answer (useDraftCheck). */
  check: DraftCheck,
): Drafts {
  const { docs, latest, actions, initialDocs, state } = session;
  // Every draft found, and the one chosen (by tab). What is offered leaves out the drafts of tabs
  // seen open while this page was: work in use there. Offered (when such a tab closes, or when a
  // busy tab answered after the check), a draft would make this page's rows read-only under a
  // translator's hands, and restoring it would replace the work done here since; it stays in the
  // store and is offered when the workspace next opens. Derived while rendering, from the tabs
  // as they are when React renders, so no answer can slip between the check and an effect.
  const [found, setFound] = useState<readonly DraftChoice[]>([]);
  const [chosenTab, setChosenTab] = useState<string | null>(null);
  const offer = useMemo((): DraftOffer | null => {
    const choices = found.filter((choice) => !otherTabs.seen.has(choice.draft.tabId));
    if (choices.length === 0) return null;
    const chosen = choices.findIndex((choice) => choice.draft.tabId === chosenTab);
    return { choices, chosen: Math.max(0, chosen) };
  }, [found, otherTabs.seen, chosenTab]);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [unavailable, setUnavailable] = useState(false);
  const written = useRef<{ docs: Docs | null; any: boolean }>({ docs: null, any: false });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const pendingSince = useRef<number | null>(null);

  // The drafts found, read against the files as first shown, once per workspace: while rendering,
  // so that a check answered before the rows are first drawn draws them editable at once.
  const [taken, setTaken] = useState<DraftCheck | null>(null);
  if (check.status !== 'checking' && taken === null) {
    setTaken(check);
    if (check.status === 'unavailable') setUnavailable(true);
    else {
      const asFirstShown = (draft: Draft) => choiceOf(draft, initialDocs, state.bases, speakers);
      setFound(check.drafts.flatMap((draft) => asFirstShown(draft) ?? []));
    }
  }
  const checking = taken === null;

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
      tabId: currentTabId(),
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

  const choose = useCallback(
    (index: number) => setChosenTab(offer?.choices[index]?.draft.tabId ?? null),
    [offer],
  );

  const restore = useCallback((): DraftChoice | null => {
    const choice = offer?.choices[offer.chosen];
    if (!choice) return null;
    actions.replace('transcript', () => choice.docs.transcript, 'restore-draft');
    const chapters = choice.docs.chapters;
    if (chapters) actions.replace('chapters', () => chapters, 'restore-draft');
    setFound([]);
    // The work is this tab's now: kept under its id first, then gone from the other tab's.
    const mine = currentTabId();
    if (choice.draft.tabId !== mine) {
      const adopted: Draft = { ...choice.draft, tabId: mine, savedAt: Date.now() };
      void writeDraft(adopted)
        .then(() => deleteDraft(episodeId, lang, choice.draft.tabId))
        .catch(() => setUnavailable(!writeDraftNow(adopted)));
    }
    return choice;
  }, [offer, actions, episodeId, lang]);

  const discard = useCallback(() => {
    const choice = offer?.choices[offer.chosen];
    if (!offer || !choice) return;
    setFound((all) => all.filter((other) => other !== choice));
    void deleteDraft(episodeId, lang, choice.draft.tabId).catch(() => setUnavailable(true));
  }, [offer, episodeId, lang]);

  const afterSave = useCallback(
    async (allSaved: boolean) => {
      if (!allSaved) return;
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      pendingSince.current = null;
      written.current = { docs: latest.current.history.present.docs, any: false };
      await deleteDraft(episodeId, lang, currentTabId()).catch(() => setUnavailable(true));
      setSavedAt(null);
    },
    [episodeId, lang, latest],
  );

  return { checking, offer, choose, savedAt, unavailable, restore, discard, afterSave };
}
