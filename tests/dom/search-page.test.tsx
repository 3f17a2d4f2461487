/**
 * The search page's status line while the index is on its way: a reader who opens
 * `/search?q=…` must see that the index is loading, never "Nothing found" before the search
 * manifest has even said which index files there are (CI caught a browser test reading that).
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SEARCH_FORMAT_VERSION, type SearchManifest } from '../../src/core/archive-search.ts';
import { SearchPage } from '../../src/features/archive/search-page.tsx';
import { I18nProvider } from '../../src/features/shared/i18n.tsx';

afterEach(() => vi.unstubAllGlobals());

/** A fetch whose search manifest arrives only when the test says so. */
function stubManifestFetch() {
  let deliver: (manifest: SearchManifest) => void = () => {};
  const manifest = new Promise<SearchManifest>((resolve) => (deliver = resolve));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (!String(url).endsWith('search/manifest.json')) return new Response('', { status: 404 });
      return new Response(JSON.stringify(await manifest), { status: 200 });
    }),
  );
  return deliver;
}

function renderSearch(search: string) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <I18nProvider initial="en">
        <SearchPage search={search} />
      </I18nProvider>
    </QueryClientProvider>,
  );
}

describe('search page status', () => {
  it('says the index is loading, not "Nothing found", until the manifest has arrived', async () => {
    const deliver = stubManifestFetch();
    const { container } = renderSearch('?q=persimmon&lang=en');
    // The page's own status line (the loading spinner is a status too).
    const status = container.querySelector<HTMLElement>('.search-status[role="status"]')!;
    expect(status.textContent).toBe('Loading the search index…');
    // Let the fetch and React settle: still waiting, still no verdict.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(status.textContent).not.toMatch(/Nothing found/);

    // A language with no index files: now, and only now, nothing is found.
    deliver({
      version: SEARCH_FORMAT_VERSION,
      languages: [{ lang: 'en', label: 'English', episodes: 0, lines: 0, groups: [] }],
    });
    await vi.waitFor(() => expect(status.textContent).toBe('Nothing found for “persimmon”.'));
  });
});
