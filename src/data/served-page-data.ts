/**
 * The episode files a pre-rendered page was served with (written by src/server/served-page-data.ts):
 * the viewer's queries start from them instead of fetching episode.json and then the cue files
 * one after another. Pages without them (the dev server, the translator) fetch as before.
 *
 * The served text is the file as it was when the page was built; the preview server can save
 * files after that, so `revalidateServedFiles` asks the server again once the page is idle.
 */
import type { QueryClient } from '@tanstack/react-query';
import { whenPageIdle } from './page-idle.ts';

/** The id of the `<script type="application/json">` element holding the data. */
export const SERVED_DATA_ELEMENT_ID = 'red-box-served-data';

export interface ServedPageData {
  readonly episodeId: string;
  /** File text by path relative to the episode folder (as episode.json names it). */
  readonly files: Record<string, string>;
}

let served: ServedPageData | null | undefined;

function isServedPageData(value: unknown): value is ServedPageData {
  if (typeof value !== 'object' || value === null) return false;
  const { episodeId, files } = value as Record<string, unknown>;
  return (
    typeof episodeId === 'string' &&
    typeof files === 'object' &&
    files !== null &&
    Object.values(files).every((text) => typeof text === 'string')
  );
}

/** The page's served data, read once; null when the page has none (or it is unreadable). */
export function servedPageData(): ServedPageData | null {
  if (served !== undefined) return served;
  served = null;
  if (typeof document === 'undefined') return served;
  const text = document.getElementById(SERVED_DATA_ELEMENT_ID)?.textContent;
  if (!text) return served;
  try {
    const parsed: unknown = JSON.parse(text);
    if (isServedPageData(parsed)) served = parsed;
    else console.warn('[red-box] the page data has an unexpected shape; fetching instead');
  } catch (error) {
    console.warn('[red-box] the page data is not valid JSON; fetching instead', error);
  }
  return served;
}

/** The served text of an episode's file, or undefined when the page did not carry it. */
export function servedFileText(episodeId: string, file: string): string | undefined {
  const data = servedPageData();
  if (!data || data.episodeId !== episodeId || !Object.hasOwn(data.files, file)) return undefined;
  return data.files[file];
}

/**
 * Once the page is idle, check the served files against the server (a file saved after the
 * build): the episode's queries refetch, and a file whose text did not change keeps its data
 * (see the query functions), so nothing re-renders.
 */
export function revalidateServedFiles(queryClient: QueryClient): void {
  const data = servedPageData();
  if (!data) return;
  whenPageIdle(
    () => void queryClient.invalidateQueries({ queryKey: ['episodes', data.episodeId] }),
  );
}

/** The server's render: the data the page will be served with (undefined: read the document). */
export function setServedPageData(data: ServedPageData | undefined): void {
  served = data;
}

/** Forget the cached read (tests that change the document). */
export function resetServedPageData(): void {
  served = undefined;
}
