/**
 * Drafts: the translator's unsaved work, kept in this browser (IndexedDB) so that a reload, a
 * crash or a closed tab loses nothing. One draft per episode and language; it is written within
 * a second of every change and removed only after the work was saved to the file.
 *
 * Plain IndexedDB: one database, one object store keyed by `<episode>/<lang>`. IndexedDB writes
 * finish after the page may be gone, so a page that is being closed also writes its draft to
 * localStorage, which is synchronous (`writeDraftNow`); reading takes the newer of the two.
 */

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
  /** When it was written (ms since the epoch). */
  readonly savedAt: number;
  readonly transcript: DraftFile;
  readonly chapters?: DraftFile;
}

interface StoredDraft extends Draft {
  readonly key: string;
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

/** The key of a draft: languages match ignoring case (Contract 1). */
export function draftKey(episodeId: string, lang: string): string {
  return `${episodeId}/${lang.toLowerCase()}`;
}

let database: Promise<IDBDatabase> | null = null;

function openDatabase(): Promise<IDBDatabase> {
  database ??= new Promise<IDBDatabase>((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new DraftStoreUnavailable(new Error('no indexedDB')));
      return;
    }
    const request = indexedDB.open(DATABASE, VERSION);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(STORE)) {
        request.result.createObjectStore(STORE, { keyPath: 'key' });
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading the database: let it, and reopen on the next use.
      db.onversionchange = () => {
        db.close();
        database = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(new DraftStoreUnavailable(request.error));
    request.onblocked = () => reject(new DraftStoreUnavailable(new Error('blocked')));
  }).catch((error: unknown) => {
    database = null;
    throw error instanceof DraftStoreUnavailable ? error : new DraftStoreUnavailable(error);
  });
  return database;
}

async function inStore<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase();
  return new Promise<T>((resolve, reject) => {
    let result: T;
    const transaction = db.transaction(STORE, mode);
    const request = work(transaction.objectStore(STORE));
    request.onsuccess = () => {
      result = request.result;
    };
    // Resolve when the transaction commits: only then is a write on disk.
    transaction.oncomplete = () => resolve(result);
    transaction.onerror = () => reject(new DraftStoreUnavailable(transaction.error));
    transaction.onabort = () => reject(new DraftStoreUnavailable(transaction.error));
  });
}

const LAST_MOMENT_PREFIX = 'red-box:draft:';

function readLastMoment(key: string): Draft | null {
  try {
    const text = localStorage.getItem(LAST_MOMENT_PREFIX + key);
    return text ? (JSON.parse(text) as Draft) : null;
  } catch {
    return null;
  }
}

function removeLastMoment(key: string, upTo = Infinity): void {
  try {
    const kept = readLastMoment(key);
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
    localStorage.setItem(
      LAST_MOMENT_PREFIX + draftKey(draft.episodeId, draft.lang),
      JSON.stringify(draft),
    );
    return true;
  } catch {
    return false;
  }
}

/** The draft for an episode and language (the newest kept), or null. */
export async function readDraft(episodeId: string, lang: string): Promise<Draft | null> {
  const key = draftKey(episodeId, lang);
  const lastMoment = readLastMoment(key);
  let stored: StoredDraft | undefined;
  try {
    stored = await inStore<StoredDraft | undefined>('readonly', (store) => store.get(key));
  } catch (error) {
    if (lastMoment) return lastMoment;
    throw error;
  }
  if (lastMoment && (!stored || lastMoment.savedAt > stored.savedAt)) return lastMoment;
  return stored ?? null;
}

/** Write (replace) the draft for its episode and language. */
export async function writeDraft(draft: Draft): Promise<void> {
  const key = draftKey(draft.episodeId, draft.lang);
  const stored: StoredDraft = { ...draft, key };
  await inStore('readwrite', (store) => store.put(stored));
  // The last-moment copy is older than what IndexedDB now holds.
  removeLastMoment(key, draft.savedAt);
}

/** Remove the draft for an episode and language (after a successful save). */
export async function deleteDraft(episodeId: string, lang: string): Promise<void> {
  const key = draftKey(episodeId, lang);
  removeLastMoment(key);
  await inStore('readwrite', (store) => store.delete(key));
}

/** Every draft in this browser (the episode list shows which languages have unsaved work). */
export async function listDrafts(): Promise<Draft[]> {
  return inStore<StoredDraft[]>('readonly', (store) => store.getAll() as IDBRequest<StoredDraft[]>);
}
