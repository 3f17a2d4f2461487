/**
 * The drafts store (IndexedDB through fake-indexeddb, and the synchronous copy a closing page
 * writes to localStorage): the newest draft wins, and a delete removes both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  deleteDraft,
  listDrafts,
  readDraft,
  writeDraft,
  writeDraftNow,
  type Draft,
} from '../../src/data/translation-drafts.ts';

const draft = (text: string, savedAt: number, lang = 'ko'): Draft => ({
  episodeId: 'ep',
  lang,
  savedAt,
  transcript: { name: `transcript.${lang}.vtt`, text, baseEtag: '"sha256-a"' },
});

afterEach(async () => {
  await deleteDraft('ep', 'ko');
  await deleteDraft('ep', 'fr');
  localStorage.clear();
});

describe('drafts', () => {
  it('keeps one draft per episode and language, languages matched ignoring case', async () => {
    await writeDraft(draft('one', 1));
    await writeDraft(draft('two', 2, 'KO'));
    await writeDraft(draft('french', 3, 'fr'));
    expect((await readDraft('ep', 'ko'))?.transcript.text).toBe('two');
    expect((await listDrafts()).map((d) => d.transcript.text).sort()).toEqual(['french', 'two']);
  });

  it('takes the newer of the IndexedDB draft and the copy written as a page closed', async () => {
    await writeDraft(draft('in indexeddb', 10));
    expect(writeDraftNow(draft('at the last moment', 20))).toBe(true);
    expect((await readDraft('ep', 'ko'))?.transcript.text).toBe('at the last moment');
    // A later IndexedDB write supersedes (and removes) the last-moment copy.
    await writeDraft(draft('later in indexeddb', 30));
    expect(localStorage.length).toBe(0);
    expect((await readDraft('ep', 'ko'))?.transcript.text).toBe('later in indexeddb');
  });

  it('is gone, in both places, once deleted (after a successful save)', async () => {
    await writeDraft(draft('x', 1));
    writeDraftNow(draft('y', 2));
    await deleteDraft('ep', 'ko');
    expect(await readDraft('ep', 'ko')).toBeNull();
    expect(localStorage.length).toBe(0);
  });
});
