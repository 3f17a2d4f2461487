/**
 * Helpers for the translator workspace's browser tests (which work on a copy of the bundled
 * episode, support/temp-episodes.ts): the page moves and file reads they share.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { EPISODE_ID } from './support/episode-fixture.ts';

export { EPISODE_ID };

export function readEpisodeFile(folder: string, name: string): string {
  return readFileSync(path.join(folder, name), 'utf8');
}

/** Every file under `root` with size and modification time (to prove nothing was written). */
export function snapshotFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else files.set(path.relative(root, full), `${info.size}:${info.mtimeMs}`);
    }
  };
  walk(root);
  return files;
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

/** The draft IndexedDB holds for a language, or null (read from inside the page). */
export async function storedDraft(
  page: Page,
  lang: string,
): Promise<{ savedAt: number; transcript: { text: string } } | null> {
  return page.evaluate(
    ({ key }) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('red-box-translator');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('drafts')) return resolve(null);
          const request = db.transaction('drafts').objectStore('drafts').get(key);
          request.onsuccess = () => {
            db.close();
            resolve(request.result ?? null);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    { key: `${EPISODE_ID}/${lang.toLowerCase()}` },
  );
}
