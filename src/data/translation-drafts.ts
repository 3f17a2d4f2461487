/**
 * Drafts: the translator's unsaved work, kept in this browser (IndexedDB) so that a reload, a
 * crash or a closed tab loses nothing. One draft per episode and language; it is written within
 * a second of every change and removed only after the work was saved to the file.
 *
 * Plain IndexedDB: one database, one object store keyed by `<episode>/<lang>`.
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

/** The draft for an episode and language, or null. */
export async function readDraft(episodeId: string, lang: string): Promise<Draft | null> {
  const stored = await inStore<StoredDraft | undefined>('readonly', (store) =>
    store.get(draftKey(episodeId, lang)),
  );
  return stored ?? null;
}

/** Write (replace) the draft for its episode and language. */
export async function writeDraft(draft: Draft): Promise<void> {
  const stored: StoredDraft = { ...draft, key: draftKey(draft.episodeId, draft.lang) };
  await inStore('readwrite', (store) => store.put(stored));
}

/** Remove the draft for an episode and language (after a successful save). */
export async function deleteDraft(episodeId: string, lang: string): Promise<void> {
  await inStore('readwrite', (store) => store.delete(draftKey(episodeId, lang)));
}

/** Every draft in this browser (the episode list shows which languages have unsaved work). */
export async function listDrafts(): Promise<Draft[]> {
  return inStore<StoredDraft[]>('readonly', (store) => store.getAll() as IDBRequest<StoredDraft[]>);
}
