/**
 * `/search?q=<text>&lang=<tag>` (Contract 10): search across every episode's transcript in one
 * language. The index files of that language are fetched the first time someone searches (in
 * parallel; results grow as each part arrives), and searched as the reader types.
 */
import { useQueries, useQuery, type UseQueryResult } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import {
  searchArchive,
  type LoadedSearchGroup,
  type SearchResults,
} from '../../core/archive-search.ts';
import { searchGroupQueryOptions, searchManifestQueryOptions } from '../../data/search-queries.ts';
import { markNextFrame, MARKS } from '../../data/performance-marks.ts';
import { useI18n } from '../shared/i18n.tsx';
import { InterfaceLanguageMenu } from '../shared/interface-language-menu.tsx';
import { ErrorNotice, Loading } from '../shared/status.tsx';
import { useDocumentTitle } from '../shared/use-document-title.ts';
import { LanguageMenu } from '../shared/language-menu.tsx';
import { chooseArchiveLanguage } from './archive-language.ts';
import { ArchiveNav } from './archive-nav.tsx';
import { ArchiveSearchForm } from './archive-search-form.tsx';
import { focusFirstMoment, SearchResultsList } from './search-results.tsx';
import { useUrlParams } from './use-url-params.ts';

interface LoadedGroups {
  readonly groups: readonly LoadedSearchGroup[];
  readonly pending: number;
  readonly error: unknown;
}

// Module level, so TanStack Query keeps the combined value while no query changes.
function combineGroups(results: UseQueryResult<LoadedSearchGroup>[]): LoadedGroups {
  return {
    groups: results.flatMap((result) => (result.data ? [result.data] : [])),
    pending: results.filter((result) => result.isPending).length,
    error: results.find((result) => result.isError)?.error ?? null,
  };
}

/**
 * The same array while its items are the same: a keystroke re-renders the page, and the search
 * (and the results list) must not run again for the previous query.
 */
function useSameItems<T>(items: readonly T[]): readonly T[] {
  const [kept, setKept] = useState(items);
  const same = kept.length === items.length && kept.every((item, i) => item === items[i]);
  if (!same) setKept(items);
  return same ? kept : items;
}

const NO_RESULTS: SearchResults = { terms: [], episodes: [], total: 0 };

export function SearchPage({ search }: { search: string }) {
  const { t, language } = useI18n();
  useDocumentTitle(`${t.searchHeading} · Red Box Player`);
  const [params, setParams] = useUrlParams(search);
  const query = params.get('q') ?? '';
  const deferredQuery = useDeferredValue(query);
  const manifest = useQuery(searchManifestQueryOptions());
  const languages = manifest.data?.languages ?? [];
  const lang = chooseArchiveLanguage(params.get('lang'), languages, language);
  const entry = languages.find((candidate) => candidate.lang === lang);
  const searching = deferredQuery.trim() !== '';
  const queries = useMemo(
    () => (searching ? (entry?.groups ?? []) : []).map((file) => searchGroupQueryOptions(file)),
    [searching, entry],
  );
  const loaded = useQueries({ queries, combine: combineGroups });
  const groups = useSameItems(loaded.groups);
  const results = useMemo(
    () => (lang && searching ? searchArchive(groups, deferredQuery, lang) : NO_RESULTS),
    [groups, deferredQuery, lang, searching],
  );
  const total = entry?.groups.length ?? 0;
  // Not complete before the manifest says which parts there are: with none known yet, an empty
  // result would read "Nothing found" while the index is still on its way.
  const complete = entry !== undefined && loaded.pending === 0 && groups.length === total;
  const listRef = useRef<HTMLOListElement>(null);
  // For `npm run bench`: the first frame showing the results of what was typed.
  useEffect(() => {
    if (!searching || !complete || deferredQuery !== query) return;
    return markNextFrame(MARKS.searchResults, { query, total: results.total });
  }, [results, searching, complete, deferredQuery, query]);

  return (
    <main className="page archive" id="main">
      <header className="archive__header">
        <ArchiveNav current="search" />
        <InterfaceLanguageMenu />
      </header>
      <h1>{t.searchHeading}</h1>
      <ArchiveSearchForm
        query={query}
        onQueryChange={(next) => setParams({ q: next })}
        onArrowDown={() => focusFirstMoment(listRef.current)}
      >
        {languages.length > 0 && (
          <LanguageMenu
            label={t.languageMenu}
            tracks={languages}
            current={lang}
            onChoose={(next) => next && setParams({ lang: next })}
          />
        )}
        {lang && <input type="hidden" name="lang" value={lang} />}
      </ArchiveSearchForm>
      {manifest.isPending && <Loading label={t.searchLoading} />}
      {manifest.isError && (
        <ErrorNotice
          title={t.searchFailed}
          error={manifest.error}
          onRetry={() => void manifest.refetch()}
        />
      )}
      {manifest.data && !entry && <p className="notice">{t.searchNoLanguage}</p>}
      {loaded.error !== null && <ErrorNotice title={t.searchFailed} error={loaded.error} />}
      <p className="search-status" role="status" aria-live="polite">
        {!searching
          ? entry && t.searchPrompt
          : !entry
            ? manifest.isPending && t.searchLoading
            : !complete
              ? groups.length === 0
                ? t.searchLoading
                : t.searchPartial(groups.length, total)
              : results.total === 0
                ? t.searchNoResults(deferredQuery.trim())
                : t.searchSummary(results.total, results.episodes.length)}
      </p>
      {lang && results.episodes.length > 0 && (
        <SearchResultsList
          // A new query starts at the first page of results.
          key={`${lang}\u0000${deferredQuery}`}
          results={results}
          lang={lang}
          query={deferredQuery}
          listRef={listRef}
        />
      )}
    </main>
  );
}
