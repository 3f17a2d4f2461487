/** One QueryClient for the app: no retries for what retrying cannot fix (404, bad data). */
import { QueryClient } from '@tanstack/react-query';
import { HttpError } from '../data/http.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Episode files change only when someone edits them; the dev server pushes those changes.
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => {
          if (error instanceof HttpError && error.status < 500) return false;
          if (error instanceof Error && /not valid JSON|episode\.json:/.test(error.message))
            return false;
          return failureCount < 2;
        },
      },
    },
  });
}
