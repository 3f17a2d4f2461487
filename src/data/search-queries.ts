/**
 * The search index for the search page: the manifest, and the index groups of a language,
 * fetched only when someone searches, kept by TanStack Query for the page's life and by the
 * browser's HTTP cache (their names carry their content's hash, so the cache need not ask).
 */
import { queryOptions } from '@tanstack/react-query';
import {
  loadSearchGroup,
  SEARCH_FORMAT_VERSION,
  type LoadedSearchGroup,
  type SearchGroupFile,
  type SearchManifest,
} from '../core/archive-search.ts';
import { archiveKeys, archiveUrl } from './archive-queries.ts';
import { fetchJson } from './http.ts';

/** Which index files each language has. */
export function searchManifestQueryOptions() {
  return queryOptions({
    queryKey: archiveKeys.manifest(),
    queryFn: async ({ signal }): Promise<SearchManifest> => {
      const url = archiveUrl('search/manifest.json');
      const json = (await fetchJson(url, signal)) as SearchManifest;
      if (json?.version !== SEARCH_FORMAT_VERSION || !Array.isArray(json.languages)) {
        throw new Error(`${url} is not a search manifest this page can read: rebuild the site.`);
      }
      return json;
    },
  });
}

/** One index group, loaded and ready to search. `file` is relative to archive/search/. */
export function searchGroupQueryOptions(file: string) {
  return queryOptions({
    queryKey: archiveKeys.group(file),
    queryFn: async ({ signal }): Promise<LoadedSearchGroup> => {
      const url = archiveUrl(`search/${file}`);
      // Content-hashed: the HTTP cache may answer without asking the server.
      const json = (await fetchJson(url, signal, 'default')) as SearchGroupFile;
      return loadSearchGroup(json, url);
    },
  });
}
