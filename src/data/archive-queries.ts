/**
 * The archive's data for the pages (Contract 10): the questions file here; the search index in
 * search-queries.ts (a separate module, so only the search page loads the index library).
 */
import { queryOptions } from '@tanstack/react-query';
import type { QuestionsFile } from '../core/archive-model.ts';
import { appBase } from './episode-urls.ts';
import { fetchJson } from './http.ts';
import { mark, MARKS } from './performance-marks.ts';

/** URL of a file of the archive (`archive/…` under the app's base). */
export function archiveUrl(file: string): string {
  return `${appBase()}archive/${file}`;
}

export const archiveKeys = {
  questions: () => ['archive', 'questions'] as const,
  manifest: () => ['archive', 'search', 'manifest'] as const,
  group: (file: string) => ['archive', 'search', 'group', file] as const,
};

/** Every question of every episode. */
export function questionsQueryOptions() {
  return queryOptions({
    queryKey: archiveKeys.questions(),
    queryFn: async ({ signal }): Promise<QuestionsFile> => {
      const url = archiveUrl('questions.json');
      const json = (await fetchJson(url, signal)) as QuestionsFile;
      if (json?.version !== 1 || !Array.isArray(json.episodes)) {
        throw new Error(`${url} is not the archive's questions file: rebuild the site.`);
      }
      mark(MARKS.listData, { file: 'questions.json' });
      return json;
    },
  });
}
