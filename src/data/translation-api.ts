/**
 * The translator workspace's side of the save API (Contract 5): a probe that tells whether the
 * server can save, files loaded with their ETag, saves that come back as "saved" or "changed on
 * disk", and starting a new language. Where no save API answers (a static deployment), files are
 * read from the published episodes folder and the workspace offers downloads instead.
 */
import { queryOptions } from '@tanstack/react-query';
import type { Episode, Track } from '../core/episode-model.ts';
import { decodeEpisode } from '../core/episode-decode.ts';
import type { RealignedRow } from '../core/realign-rows.ts';
import { episodeKeys } from './episode-queries.ts';
import { appBase, episodeFileUrl } from './episode-urls.ts';
import { fetchJson, fetchText, HttpError } from './http.ts';

/** What the health probe answers (server/save-api.ts). */
const SAVE_API_SERVICE = 'red-box-save-api';

/** 'api': the dev or preview server saves files; 'static': files are only published. */
export type SaveMode = 'api' | 'static';

/** URL of an address of the save API, under Vite's base. */
export function saveApiUrl(path: string): string {
  return `${appBase()}api/${path}`;
}

function cueFileApiUrl(episodeId: string, file: string): string {
  return saveApiUrl(`episodes/${encodeURIComponent(episodeId)}/${encodeURIComponent(file)}`);
}

/** A refusal or failure of the save API, with the server's message. */
export class SaveApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SaveApiError';
  }
}

/** Whether a save API answers here. A static host answers the probe with a page or a 404. */
export async function probeSaveApi(signal?: AbortSignal): Promise<SaveMode> {
  try {
    const response = await fetch(saveApiUrl('health'), { signal, cache: 'no-store' });
    if (!response.ok || !response.headers.get('content-type')?.includes('application/json')) {
      return 'static';
    }
    const body = (await response.json()) as { service?: unknown };
    return body?.service === SAVE_API_SERVICE ? 'api' : 'static';
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    return 'static';
  }
}

export function saveModeQueryOptions() {
  return queryOptions({
    queryKey: ['translator', 'save-mode'] as const,
    queryFn: ({ signal }) => probeSaveApi(signal),
    staleTime: Infinity,
  });
}

/** A cue file as loaded: its text and, through the save API, the ETag to save against. */
export interface LoadedText {
  readonly text: string;
  /** Null where no save API answers. */
  readonly etag: string | null;
}

async function apiRequest(url: string, init: RequestInit = {}): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-store', ...init });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new SaveApiError(
      0,
      `Could not reach the server (${(error as Error).message}). Is npm start still running? Your work is kept as a draft in this browser.`,
    );
  }
  return response;
}

/** The server's message: the body, or its `message` when the refusal came as JSON (a 422). */
async function refusal(response: Response): Promise<SaveApiError> {
  let message = (await response.text().catch(() => '')).trim();
  if (response.headers.get('content-type')?.startsWith('application/json')) {
    try {
      const body = JSON.parse(message) as { message?: unknown };
      if (typeof body.message === 'string') message = body.message;
    } catch {
      // Not JSON after all: show it as it came.
    }
  }
  return new SaveApiError(
    response.status,
    message || `The server answered ${response.status} ${response.statusText}.`,
  );
}

/**
 * A cue file, its text and ETag. Its key sits under the file's key (episode-queries.ts), so a
 * change on disk reported by the dev server refetches it: the workspace compares ETags and asks
 * before it replaces anything.
 */
export function cueFileTextQueryOptions(episodeId: string, file: string, mode: SaveMode) {
  return queryOptions({
    queryKey: [...episodeKeys.file(episodeId, file), 'text', mode] as const,
    queryFn: async ({ signal }): Promise<LoadedText> => {
      if (mode === 'static') {
        return { text: await fetchText(episodeFileUrl(episodeId, file), signal), etag: null };
      }
      const response = await apiRequest(cueFileApiUrl(episodeId, file), { signal });
      if (!response.ok) throw await refusal(response);
      return { text: await response.text(), etag: response.headers.get('ETag') };
    },
  });
}

/**
 * episode.json as the workspace needs it: through the save API when there is one (so a language
 * just added shows up under `npm run preview` too, whose published copy is older).
 */
export function workspaceEpisodeQueryOptions(episodeId: string, mode: SaveMode) {
  return queryOptions({
    queryKey: [...episodeKeys.episode(episodeId), 'workspace', mode] as const,
    queryFn: async ({ signal }): Promise<Episode> => {
      if (mode === 'static') {
        return decodeEpisode(await fetchJson(episodeFileUrl(episodeId, 'episode.json'), signal));
      }
      const response = await apiRequest(cueFileApiUrl(episodeId, 'episode.json'), { signal });
      if (response.status === 404) {
        // The same error the viewer's loader gives, so pages show "not found".
        throw new HttpError(404, cueFileApiUrl(episodeId, 'episode.json'));
      }
      if (!response.ok) throw await refusal(response);
      try {
        return decodeEpisode(await response.json());
      } catch (error) {
        throw new SaveApiError(response.status, (error as Error).message);
      }
    },
  });
}

export type SaveResult =
  | { readonly kind: 'saved'; readonly etag: string }
  /** The file changed since it was loaded: its current text and ETag, nothing was written. */
  | { readonly kind: 'conflict'; readonly text: string; readonly etag: string };

/** Write a cue file if it is still the version `etag` names. Throws SaveApiError on a refusal. */
export async function saveCueFile(
  episodeId: string,
  file: string,
  text: string,
  etag: string,
): Promise<SaveResult> {
  const response = await apiRequest(cueFileApiUrl(episodeId, file), {
    method: 'PUT',
    headers: { 'Content-Type': 'text/vtt; charset=utf-8', 'If-Match': etag },
    body: text,
  });
  if (response.status === 409) {
    return {
      kind: 'conflict',
      text: await response.text(),
      etag: response.headers.get('ETag') ?? '',
    };
  }
  if (!response.ok) throw await refusal(response);
  const body = (await response.json()) as { etag?: string };
  return { kind: 'saved', etag: body.etag ?? response.headers.get('ETag') ?? '' };
}

export interface StartedTrack {
  readonly track: Track;
}

/** Start a new language from the source (POST …/tracks). Throws SaveApiError on a refusal. */
export async function startTranslationTrack(
  episodeId: string,
  lang: string,
  label: string,
): Promise<StartedTrack> {
  const response = await apiRequest(
    saveApiUrl(`episodes/${encodeURIComponent(episodeId)}/tracks`),
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ lang, label }),
    },
  );
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as StartedTrack;
}

/** A stretch to re-align: the rows' ids and plain text, inside [startTime, endTime) seconds. */
export interface RealignRequest {
  readonly startTime: number;
  readonly endTime: number;
  readonly rows: readonly { readonly id: string; readonly text: string }[];
}

/** What the re-align API answers: per row, a time per spoken word (server/realign-stretch.ts). */
export interface RealignResult {
  readonly rows: readonly RealignedRow[];
  readonly elapsedMs: number;
}

/** Re-align rows against the episode's sound. Throws SaveApiError on a refusal. */
export async function realignRows(
  episodeId: string,
  request: RealignRequest,
  signal?: AbortSignal,
): Promise<RealignResult> {
  const response = await apiRequest(cueFileApiUrl(episodeId, 'realign'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(request),
    signal,
  });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as RealignResult;
}
