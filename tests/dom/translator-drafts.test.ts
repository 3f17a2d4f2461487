/**
 * The drafts store (IndexedDB through idb and fake-indexeddb, and the synchronous copy a closing
 * page writes to localStorage): one draft per episode, language and tab, the newest copy of each
 * wins, and a delete removes both copies of one tab's draft only. The tab identity and the
 * "open in another tab" channel are tested here too.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentTabId, watchOtherTabs } from '../../src/data/browser-tab.ts';
import {
  deleteDraft,
  listDrafts,
  readDrafts,
  writeDraft,
  writeDraftNow,
  type Draft,
} from '../../src/data/translation-drafts.ts';

const draft = (text: string, savedAt: number, tabId = 'tab-a', lang = 'ko'): Draft => ({
  episodeId: 'ep',
  lang,
  tabId,
  savedAt,
  transcript: { name: `transcript.${lang}.vtt`, text, baseEtag: '"sha256-a"' },
});

const texts = (drafts: readonly Draft[]) => drafts.map((d) => d.transcript.text);

afterEach(async () => {
  for (const stored of await listDrafts()) {
    await deleteDraft(stored.episodeId, stored.lang, stored.tabId ?? '');
  }
  localStorage.clear();
});

describe('drafts', () => {
  it('keeps one draft per tab, episode and language, languages matched ignoring case', async () => {
    await writeDraft(draft('one', 1));
    await writeDraft(draft('two', 2, 'tab-a', 'KO'));
    await writeDraft(draft('other tab', 3, 'tab-b'));
    await writeDraft(draft('french', 4, 'tab-a', 'fr'));
    // A language whose tag starts like this one's is another language.
    await writeDraft(draft('korean in korea', 5, 'tab-a', 'ko-KR'));
    expect(texts(await readDrafts('ep', 'ko'))).toEqual(['other tab', 'two']);
    expect(texts(await readDrafts('ep', 'KO-kr'))).toEqual(['korean in korea']);
    expect(texts(await listDrafts()).sort()).toEqual([
      'french',
      'korean in korea',
      'other tab',
      'two',
    ]);
  });

  it('never lets one tab’s draft replace another’s (issue 18: newest no longer wins)', async () => {
    await writeDraft(draft('first tab', 10, 'tab-a'));
    await writeDraft(draft('second tab', 20, 'tab-b'));
    expect(texts(await readDrafts('ep', 'ko'))).toEqual(['second tab', 'first tab']);
  });

  it('takes the newer of the IndexedDB draft and the copy written as a page closed, per tab', async () => {
    await writeDraft(draft('in indexeddb', 10));
    await writeDraft(draft('tab b in indexeddb', 12, 'tab-b'));
    expect(writeDraftNow(draft('at the last moment', 20))).toBe(true);
    expect(texts(await readDrafts('ep', 'ko'))).toEqual([
      'at the last moment',
      'tab b in indexeddb',
    ]);
    // A later IndexedDB write supersedes (and removes) the last-moment copy.
    await writeDraft(draft('later in indexeddb', 30));
    expect(localStorage.length).toBe(0);
    expect(texts(await readDrafts('ep', 'ko'))).toEqual([
      'later in indexeddb',
      'tab b in indexeddb',
    ]);
  });

  it('finds a closed tab’s last-moment copy even when IndexedDB never got it', async () => {
    writeDraftNow(draft('only here', 5, 'tab-c'));
    expect((await readDrafts('ep', 'ko')).map((d) => [d.tabId, d.transcript.text])).toEqual([
      ['tab-c', 'only here'],
    ]);
  });

  it('is gone, in both places, once deleted, and only for that tab', async () => {
    await writeDraft(draft('x', 1));
    writeDraftNow(draft('y', 2));
    await writeDraft(draft('kept', 3, 'tab-b'));
    await deleteDraft('ep', 'ko', 'tab-a');
    expect(texts(await readDrafts('ep', 'ko'))).toEqual(['kept']);
    expect(localStorage.length).toBe(0);
  });

  it('still reads a draft of an earlier release, kept without a tab id', async () => {
    const request = indexedDB.open('red-box-translator');
    await new Promise((resolve, reject) => {
      request.onsuccess = resolve;
      request.onerror = reject;
    });
    const db = request.result;
    const { tabId: _tabId, ...fields } = draft('from before', 7);
    const legacy = { ...fields, key: 'ep/ko' };
    await new Promise((resolve, reject) => {
      const put = db.transaction('drafts', 'readwrite').objectStore('drafts').put(legacy);
      put.onsuccess = resolve;
      put.onerror = reject;
    });
    db.close();
    const [found] = await readDrafts('ep', 'ko');
    expect(found).toMatchObject({ tabId: '', transcript: { text: 'from before' } });
    await deleteDraft('ep', 'ko', '');
    expect(await readDrafts('ep', 'ko')).toEqual([]);
  });
});

describe('tabs', () => {
  it('keeps this tab’s id across a reload (sessionStorage)', () => {
    const id = currentTabId();
    expect(id).toMatch(/\S{8,}/);
    expect(sessionStorage.getItem('red-box:tab-id')).toBe(id);
    expect(currentTabId()).toBe(id);
  });

  it('tells each tab how many others have the same file open, and when they leave', async () => {
    // Another tab, as the channel sees it: its own BroadcastChannel on the same name.
    const other = new BroadcastChannel('red-box:open:ep/ko');
    const heard: unknown[] = [];
    other.onmessage = (event) => heard.push(event.data);
    const counts: number[] = [];
    const stop = watchOtherTabs('ep', 'KO', (others) => counts.push(others.size));
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'hello', tab: currentTabId() }));
    other.postMessage({ kind: 'hello', tab: 'tab-z' });
    await vi.waitFor(() => expect(counts).toEqual([1]));
    // It answered the newcomer.
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'here', tab: currentTabId() }));
    other.postMessage({ kind: 'bye', tab: 'tab-z' });
    await vi.waitFor(() => expect(counts).toEqual([1, 0]));
    stop();
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'bye', tab: currentTabId() }));
    other.close();
  });

  it('gives a duplicated tab (same id) a fresh one', async () => {
    const mine = currentTabId();
    const other = new BroadcastChannel('red-box:open:ep/de');
    const heard: Array<{ kind: string; tab: string }> = [];
    other.onmessage = (event) => heard.push(event.data);
    const stop = watchOtherTabs('ep', 'de', () => {});
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'hello', tab: mine }));
    // The original tab says the id is taken: this one is the duplicate.
    other.postMessage({ kind: 'taken', tab: mine });
    await vi.waitFor(() => expect(currentTabId()).not.toBe(mine));
    await vi.waitFor(() => expect(heard).toContainEqual({ kind: 'hello', tab: currentTabId() }));
    expect(sessionStorage.getItem('red-box:tab-id')).toBe(currentTabId());
    stop();
    other.close();
  });
});
