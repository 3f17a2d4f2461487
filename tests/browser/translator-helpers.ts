/**
 * Helpers for the translator workspace's browser tests (which work on a copy of the bundled
 * episode, support/temp-episodes.ts): the page moves and file reads they share.
 */
import { rmSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { launchChromium } from './support/chromium.ts';
import { EPISODE_ID } from './support/episode-fixture.ts';
import { startDevServer, startPreviewServer, type RunningServer } from './support/servers.ts';
import { copyEpisodes } from './support/temp-episodes.ts';

export { editOnDisk, readEpisodeFile, snapshotFiles } from './translator-files.ts';

export { EPISODE_ID };

/** What one test file works with: a server over a copy of the episode, and Chromium. */
export interface Testbed {
  readonly server: RunningServer;
  readonly browser: BrowserContext;
  readonly files: ReturnType<typeof copyEpisodes>;
}

/**
 * Set up a test file's server (over a fresh copy of the bundled episode, after `prepare` has
 * edited it) and Chromium, with `languages` started; everything goes after the file's tests.
 *
 * `server: 'preview'` (the default) is `npm run preview` over the run's shared build: the
 * workspace reads and saves cue files through the save API, which works on the copy, and a page
 * loads in well under a second. `'dev'` is `npm start`, for what only it does: files changed on
 * disk shown at once, re-timing words on the server, the viewer reading a new language's files
 * (the build's copy of the episode is fixed). A page load there transforms the app's modules one
 * by one: several seconds on a busy machine.
 */
export function workspaceTestbed(
  options: {
    prepare?: (files: Testbed['files']) => void;
    languages?: ReadonlyArray<readonly [lang: string, label: string]>;
    server?: 'preview' | 'dev';
  } = {},
): Testbed {
  const bed = {} as { -readonly [K in keyof Testbed]: Testbed[K] };
  beforeAll(async () => {
    bed.files = copyEpisodes();
    options.prepare?.(bed.files);
    const episodesDir = bed.files.episodesDir;
    bed.server =
      options.server === 'dev'
        ? await startDevServer({ episodesDir })
        : await startPreviewServer(inject('distDir'), { episodesDir });
    bed.browser = await launchChromium();
    // Through the save API from here, as a script would (no Origin: not a foreign page's request),
    // not from a page: loading one only to send these cost a second or more (several on the dev
    // server) before the file's first test.
    for (const [lang, label] of options.languages ?? []) {
      const response = await fetch(`${bed.server.url}/api/episodes/${EPISODE_ID}/tracks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ lang, label }),
      });
      expect(response.status, await response.text()).toBe(201);
    }
  });
  afterAll(async () => {
    await bed.browser?.close();
    await bed.server?.close();
    if (bed.files) rmSync(bed.files.episodesDir, { recursive: true, force: true });
  });
  return bed;
}

export function workspaceUrl(base: string, lang: string): string {
  return `${base}/translate/${EPISODE_ID}/${lang}`;
}

/** Open the workspace and wait until its rows can be edited (no draft check pending). */
export async function openWorkspace(
  page: Page,
  base: string,
  lang: string,
  firstCueId = 'c001',
): Promise<void> {
  await page.goto(workspaceUrl(base, lang));
  await box(page, firstCueId).waitFor();
  await page.getByText('Looking for a draft…').waitFor({ state: 'detached' });
}

/** The text box of a row (Contract 5's name). */
export function box(page: Page, cueId: string) {
  return page.getByRole('textbox', { name: `Translation of ${cueId}`, exact: true });
}

/** The accessible label of the focused element (a row's box says "Translation of <cue id>"). */
export function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
}

/** The row element of a cue. */
export function row(page: Page, cueId: string, kind: 'transcript' | 'chapters' = 'transcript') {
  return page.locator(`[data-row-kind="${kind}"][data-cue-id="${cueId}"]`);
}

/** Start a new language through the save API, from the page (same origin). */
export async function startLanguage(page: Page, lang: string, label: string): Promise<number> {
  return page.evaluate(
    async ({ id, lang, label }) => {
      const response = await fetch(`/api/episodes/${id}/tracks`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ lang, label }),
      });
      return response.status;
    },
    { id: EPISODE_ID, lang, label },
  );
}

/** A draft as IndexedDB holds it (read from inside the page). */
export interface StoredDraft {
  readonly key: string;
  readonly tabId: string;
  readonly savedAt: number;
  readonly transcript: { readonly text: string };
}

/** Every draft IndexedDB holds for a language (one per tab that kept one). */
export async function storedDrafts(page: Page, lang: string): Promise<StoredDraft[]> {
  return page.evaluate(
    ({ language }) =>
      new Promise<StoredDraft[]>((resolve, reject) => {
        const open = indexedDB.open('red-box-translator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) return resolve([]);
          const request = db.transaction('drafts').objectStore('drafts').getAll();
          request.onsuccess = () => {
            db.close();
            const all = request.result as StoredDraft[];
            resolve(all.filter((d) => d.key === language || d.key.startsWith(`${language}/`)));
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { language: `${EPISODE_ID}/${lang.toLowerCase()}` },
  );
}

/** The newest draft IndexedDB holds for a language, or null. */
export async function storedDraft(page: Page, lang: string): Promise<StoredDraft | null> {
  const drafts = await storedDrafts(page, lang);
  return drafts.sort((a, b) => b.savedAt - a.savedAt)[0] ?? null;
}
