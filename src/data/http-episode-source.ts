/**
 * Episode files over HTTP: the browser's `EpisodeSource`, so `loadEpisode` (schema, parse, every
 * check) runs on the same model in the browser as on disk in the CLI and the build.
 */
import type { EpisodeSource } from '../core/episode-load.ts';
import { fetchText, HttpError } from './http.ts';

/** Files of the episode whose folder is served at `folderUrl` (ending in '/'). */
export function httpEpisodeSource(folderUrl: string, signal?: AbortSignal): EpisodeSource {
  const base = folderUrl.endsWith('/') ? folderUrl : folderUrl + '/';
  return {
    async readText(relativePath) {
      if (relativePath.split('/').some((part) => part === '..' || part === '')) {
        throw new Error(`refused: "${relativePath}" is outside the episode folder`);
      }
      try {
        return await fetchText(
          base + relativePath.split('/').map(encodeURIComponent).join('/'),
          signal,
        );
      } catch (error) {
        if (error instanceof HttpError && error.status === 404) return null;
        throw error;
      }
    },
  };
}
