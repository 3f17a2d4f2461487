/**
 * Search results (Contract 10): moments grouped by episode with counts, each a link to
 * `/watch/<id>?cue=<cue id>` that opens the viewer at that cue with the term marked. ↑/↓ move
 * between moments (and from the search box into the list); Tab works as everywhere.
 */
import { memo, useMemo, useState, type KeyboardEvent, type RefObject } from 'react';
import {
  momentAt,
  type SearchEpisodeResult,
  type SearchMoment,
  type SearchResults,
} from '../../core/archive-search.ts';
import { directionOf } from '../../core/language.ts';
import { analyzerFor, matchRanges, type MarkRange } from '../../core/search-terms.ts';
import { formatClock } from '../../core/time-format.ts';
import { normaliseQuery } from '../../core/transcript-search.ts';
import { appBase } from '../../data/episode-urls.ts';
import { useI18n } from '../shared/i18n.tsx';
import { MarkedText } from './marked-text.tsx';

/** Episodes shown at first (and added by "show more"); moments shown per episode at first. */
const EPISODES_PER_PAGE = 8;
const MOMENTS_PER_EPISODE = 3;

/**
 * The `q` the viewer's transcript search opens with: the query as typed when the line holds it
 * (the viewer finds text as written), else the first marked word (a stem match: run → runs).
 */
export function viewerQuery(text: string, marks: readonly MarkRange[], query: string): string {
  const typed = normaliseQuery(query);
  if (typed && normaliseQuery(text).includes(typed)) return query.trim();
  const first = marks[0];
  return first ? text.slice(first.start, first.end) : query.trim();
}

function momentUrl(episodeId: string, moment: SearchMoment, lang: string, q: string): string {
  // Contract 10: `/watch/<id>?cue=<cue id>`; then the language searched and the words to mark.
  const params = new URLSearchParams({ cue: moment.cueId, lang, q });
  return `${appBase()}watch/${encodeURIComponent(episodeId)}?${params}`;
}

function Moment({
  episodeId,
  moment,
  lang,
  query,
  terms,
}: {
  episodeId: string;
  moment: SearchMoment;
  lang: string;
  query: string;
  terms: readonly string[];
}) {
  const { t } = useI18n();
  const marks = useMemo(
    () => matchRanges(moment.text, terms, analyzerFor(lang)),
    [moment.text, terms, lang],
  );
  return (
    <li className="search-moment">
      <a
        className="search-moment__link"
        href={momentUrl(episodeId, moment, lang, viewerQuery(moment.text, marks, query))}
        data-search-moment={`${episodeId}#${moment.cueId}`}
      >
        <span className="search-moment__time">{formatClock(moment.startTime)}</span>{' '}
        {moment.speaker && (
          <span className="search-moment__speaker">
            {moment.speaker}
            {moment.speakerAnonymous && ` (${t.pseudonym})`}:{' '}
          </span>
        )}
        <span className="search-moment__text" lang={lang} dir={directionOf(lang)}>
          <MarkedText text={moment.text} marks={marks} />
        </span>
      </a>
    </li>
  );
}

function EpisodeResult({
  result,
  lang,
  query,
  terms,
}: {
  result: SearchEpisodeResult;
  lang: string;
  query: string;
  terms: readonly string[];
}) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const { episode, lines } = result;
  const shown = useMemo(
    () =>
      Array.from(
        { length: all ? lines.length : Math.min(lines.length, MOMENTS_PER_EPISODE) },
        (_, i) => momentAt(result, i),
      ),
    [result, lines.length, all],
  );
  return (
    <li className="search-episode">
      <h2 className="search-episode__title">
        <a
          href={`${appBase()}watch/${encodeURIComponent(episode.id)}?lang=${encodeURIComponent(lang)}`}
        >
          {episode.title}
        </a>{' '}
        <span className="search-episode__count">{t.searchMomentCount(lines.length)}</span>
      </h2>
      <ol className="search-episode__moments">
        {shown.map((moment) => (
          <Moment
            key={moment.cueId}
            episodeId={episode.id}
            moment={moment}
            lang={lang}
            query={query}
            terms={terms}
          />
        ))}
      </ol>
      {shown.length < lines.length && (
        <button type="button" className="button search-episode__more" onClick={() => setAll(true)}>
          {t.searchShowAllMoments(lines.length)}
        </button>
      )}
    </li>
  );
}

/** Move focus among the moments' links with ↑/↓ (Home/End for the first and last). */
function moveFocus(list: HTMLElement, event: KeyboardEvent<HTMLElement>): void {
  const links = [...list.querySelectorAll<HTMLAnchorElement>('a.search-moment__link')];
  const at = links.indexOf(document.activeElement as HTMLAnchorElement);
  const target = {
    ArrowDown: at + 1,
    ArrowUp: at - 1,
    Home: 0,
    End: links.length - 1,
  }[event.key];
  if (target === undefined || at < 0) return;
  event.preventDefault();
  links[Math.max(0, Math.min(links.length - 1, target))]?.focus();
}

/** Focus the first moment of the list (from the search box). */
export function focusFirstMoment(list: HTMLElement | null): void {
  list?.querySelector<HTMLAnchorElement>('a.search-moment__link')?.focus();
}

/** Memoised: typing re-renders the page, and the list only changes with new results. */
export const SearchResultsList = memo(function SearchResultsList({
  results,
  lang,
  query,
  listRef,
}: {
  results: SearchResults;
  lang: string;
  query: string;
  listRef: RefObject<HTMLOListElement | null>;
}) {
  const { t } = useI18n();
  const [pages, setPages] = useState(1);
  const shown = results.episodes.slice(0, pages * EPISODES_PER_PAGE);
  const left = results.episodes.length - shown.length;
  return (
    <>
      <ol
        className="search-results"
        ref={listRef}
        aria-label={t.searchResultsLabel}
        onKeyDown={(event) => moveFocus(event.currentTarget, event)}
      >
        {shown.map((result) => (
          <EpisodeResult
            key={result.episode.id}
            result={result}
            lang={lang}
            query={query}
            terms={results.terms}
          />
        ))}
      </ol>
      {left > 0 && (
        <button type="button" className="button" onClick={() => setPages((n) => n + 1)}>
          {t.searchShowMoreEpisodes(left)}
        </button>
      )}
    </>
  );
});
