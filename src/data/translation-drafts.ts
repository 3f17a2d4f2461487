/**
 * Drafts: the translator's unsaved work, kept in this browser (IndexedDB) so that a reload, a
 * crash or a closed tab loses nothing. One draft per episode, language and browser tab (two tabs
 * on one language keep one each, neither overwriting the other); it is written within a second of
 * every change and removed only after the work was saved to the file.
 *
 * IndexedDB through `idb` (promises over its requests): one database, one object store keyed by
 * `<episode>/<lang>/<tab id>` (drafts of earlier releases have no tab id and are still read).
 * IndexedDB writes finish after the page may be gone, so a page that is being closed also writes
 * its draft to localStorage, which is synchronous (`writeDraftNow`); reading takes the newer.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** One file of a draft: the whole text as the workspace would save it. */
export interface DraftFile {
  /** The file's name (`transcript.ko.vtt`). */
  readonly name: string;
  readonly text: string;
  /** The ETag of the file the work started from (null without a save API). */
  readonly baseEtag: string | null;
}

export interface Draft {
  readonly episodeId: string;
  readonly lang: string;
  /** The browser tab that wrote it (browser-tab.ts); "" for a draft of an earlier release. */
  readonly tabId: string;
  /** When it was written (ms since the epoch). */
  readonly savedAt: number;
  readonly transcript: DraftFile;
  readonly chapters?: DraftFile;
}

interface StoredDraft extends Draft {
  readonly key: string;
}

interface DraftDatabase extends DBSchema {
  drafts: { key: string; value: StoredDraft };
}

const DATABASE = 'red-box-translator';
const STORE = 'drafts';
const VERSION = 1;

/** Drafts cannot be kept in this browser (IndexedDB missing or blocked). */
export class DraftStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super(
      'This browser cannot keep drafts (storage is blocked or full): save or download your work often.',
      { cause },
    );
    this.name = 'DraftStoreUnavailable';
  }
}

/** The key of a language's drafts: languages match ignoring case (Contract 1). */
function languageKey(episodeId: string, lang: string): string {
  return `${episodeId}/${lang.toLowerCase()}`;
}

/** The key of one tab's draft (a draft of an earlier release, without a tab, has none). */
export function draftKey(episodeId: string, lang: string, tabId: string): string {
  const language = languageKey(episodeId, lang);
  return tabId === '' ? language : `${language}/${tabId}`;
}

const keyOf = (draft: Draft): string => draftKey(draft.episodeId, draft.lang, draft.tabId ?? '');

let database: Promise<IDBPDatabase<DraftDatabase>> | null = null;

function openDatabase(): Promise<IDBPDatabase<DraftDatabase>> {
  database ??= (async () => {
    if (typeof indexedDB === 'undefined') throw new Error('no indexedDB');
    const db = await openDB<DraftDatabase>(DATABASE, VERSION, {
      upgrade(upgrading) {
        if (!upgrading.objectStoreNames.contains(STORE)) {
          upgrading.createObjectStore(STORE, { keyPath: 'key' });
        }
      },
      // Another tab wants to upgrade the database (a newer release): let it, reopen next time.
      blocking() {
        void db.close();
        database = null;
      },
    });
    return db;
  })().catch((error: unknown) => {
    database = null;
    throw new DraftStoreUnavailable(error);
  });
  return database;
}

/** Run `work` against the store; a failure of IndexedDB becomes DraftStoreUnavailable. */
async function inStore<T>(work: (db: IDBPDatabase<DraftDatabase>) => Promise<T>): Promise<T> {
  const db = await openDatabase();
  try {
    return await work(db);
  } catch (error) {
    throw error instanceof DraftStoreUnavailable ? error : new DraftStoreUnavailable(error);
  }
}

const LAST_MOMENT_PREFIX = 'red-box:draft:';

/** The drafts closing pages wrote to localStorage whose draft key `belongs`. */
function readLastMoment(belongs: (key: string) => boolean): Draft[] {
  const found: Draft[] = [];
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const name = localStorage.key(i);
      if (!name?.startsWith(LAST_MOMENT_PREFIX) || !belongs(name.slice(LAST_MOMENT_PREFIX.length)))
        continue;
      const draft = JSON.parse(localStorage.getItem(name) ?? 'null') as Draft | null;
      if (draft) found.push(draft);
    }
  } catch {
    // Storage blocked, or a copy that is not JSON: nothing to read there.
  }
  return found;
}

/** Remove the last-moment copy of `key`, when it is no newer than `upTo`. */
function removeLastMoment(key: string, upTo = Infinity): void {
  try {
    const text = localStorage.getItem(LAST_MOMENT_PREFIX + key);
    const kept = text ? (JSON.parse(text) as Draft) : null;
    if (kept && kept.savedAt <= upTo) localStorage.removeItem(LAST_MOMENT_PREFIX + key);
  } catch {
    // Storage blocked: there is nothing to remove.
  }
}

/**
 * Write the draft synchronously (localStorage), for a page that is closing: an IndexedDB write
 * started now might not finish. Returns false when the browser refuses (storage full or blocked).
 */
export function writeDraftNow(draft: Draft): boolean {
  try {
    localStorage.setItem(LAST_MOMENT_PREFIX + keyOf(draft), JSON.stringify(draft));
    return true;
  } catch {
    return false;
  }
}

/** Every draft for an episode and language (one per tab that kept one), newest first. */
export async function readDrafts(episodeId: string, lang: string): Promise<Draft[]> {
  const language = languageKey(episodeId, lang);
  const ofLanguage = (key: string) => key === language || key.startsWith(`${language}/`);
  const newest = new Map<string, Draft>();
  const keep = (found: Draft) => {
    const draft = { ...found, tabId: found.tabId ?? '' };
    const key = keyOf(draft);
    const known = newest.get(key);
    if (!known || draft.savedAt > known.savedAt) newest.set(key, draft);
  };
  readLastMoment(ofLanguage).forEach(keep);
  try {
    // `<language>/` then any tab id: the keys of this language and no other (`pt` vs `pt-br`).
    const range = IDBKeyRange.bound(language, `${language}/\uffff`);
    const stored = await inStore((db) => db.getAll(STORE, range));
    stored.filter((draft) => ofLanguage(draft.key)).forEach(keep);
  } catch (error) {
    if (newest.size === 0) throw error;
  }
  return [...newest.values()].sort((a, b) => b.savedAt - a.savedAt);
}

/** Write (replace) the draft of its episode, language and tab. */
export async function writeDraft(draft: Draft): Promise<void> {
  const key = keyOf(draft);
  await inStore((db) => db.put(STORE, { ...draft, key }));
  // The last-moment copy is older than what IndexedDB now holds.
  removeLastMoment(key, draft.savedAt);
}

/** Remove one tab's draft for an episode and language (after a save, or when discarded). */
export async function deleteDraft(episodeId: string, lang: string, tabId: string): Promise<void> {
  const key = draftKey(episodeId, lang, tabId);
  removeLastMoment(key);
  await inStore((db) => db.delete(STORE, key));
}

/** Every draft in this browser (which languages have unsaved work). */
export async function listDrafts(): Promise<Draft[]> {
  return inStore((db) => db.getAll(STORE));
}
