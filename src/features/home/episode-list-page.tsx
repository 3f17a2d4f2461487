/**
 * `/`: every episode from the generated index, newest or oldest first, filtered by language, a
 * page of cards at a time (the pre-rendered HTML lists them all), with the archive's search box.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { EpisodeSummary } from '../../core/episode-model.ts';
import { sameLanguage } from '../../core/language.ts';
import { formatClock } from '../../core/time-format.ts';
import { episodeIndexQueryOptions } from '../../data/episode-queries.ts';
import { episodesRootUrl } from '../../data/episode-urls.ts';
import { markNextFrame, MARKS } from '../../data/performance-marks.ts';
import { useI18n } from '../shared/i18n.tsx';
import { ErrorNotice, Loading } from '../shared/status.tsx';

/** What an episode card offers translators (the app passes the translator's panel). */
type TranslateSlot = (episode: EpisodeSummary) => ReactNode;

function formatDate(iso: string, language: string): string {
  const date = new Date(iso + 'T00:00:00Z');
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(date);
}

function EpisodeCard({
  episode,
  translate,
}: {
  episode: EpisodeSummary;
  translate: TranslateSlot;
}) {
  const { t, language } = useI18n();
  const watchUrl = `${import.meta.env.BASE_URL}watch/${encodeURIComponent(episode.id)}`;
  return (
    <li className="episode-card">
      <a className="episode-card__link" href={watchUrl}>
        {episode.poster && (
          <img
            className="episode-card__poster"
            src={episodesRootUrl() + episode.poster}
            alt=""
            width={320}
            height={180}
            loading="lazy"
          />
        )}
        <span className="episode-card__series">{episode.series}</span>
        <span className="episode-card__title">{episode.title}</span>
      </a>
      <dl className="episode-card__facts">
        <div>
          <dt>{t.publishedLabel}</dt>
          <dd>
            <time dateTime={episode.published}>{formatDate(episode.published, language)}</time>
          </dd>
        </div>
        {episode.duration !== undefined && (
          <div>
            <dt>{t.durationLabel}</dt>
            <dd>{formatClock(episode.duration)}</dd>
          </div>
        )}
        <div>
          <dt>{t.languagesLabel}</dt>
          <dd>
            {episode.languages.map((language, i) => (
              <span key={language.lang} lang={language.lang}>
                {i > 0 ? ', ' : ''}
                {language.label}
              </span>
            ))}
          </dd>
        </div>
      </dl>
      {episode.summary && <p className="episode-card__summary">{episode.summary}</p>}
      {translate(episode)}
    </li>
  );
}

/** Cards shown at first and added by "show more": the list stays quick with hundreds. */
const EPISODES_PER_PAGE = 24;

type Order = 'newest' | 'oldest';

/** The index's languages, in first-seen order. */
function languagesOf(episodes: readonly EpisodeSummary[]): { lang: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const episode of episodes) {
    for (const language of episode.languages) {
      if (!seen.has(language.lang.toLowerCase()))
        seen.set(language.lang.toLowerCase(), language.label);
    }
  }
  return [...seen].map(([lang, label]) => ({ lang, label }));
}

function EpisodeListControls({
  languages,
  order,
  lang,
  onOrder,
  onLang,
}: {
  languages: readonly { lang: string; label: string }[];
  order: Order;
  lang: string;
  onOrder: (order: Order) => void;
  onLang: (lang: string) => void;
}) {
  const { t } = useI18n();
  const orderId = useId();
  const langId = useId();
  return (
    <div className="archive__controls">
      <label htmlFor={orderId}>{t.sortLabel}</label>
      <select id={orderId} value={order} onChange={(event) => onOrder(event.target.value as Order)}>
        <option value="newest">{t.sortNewest}</option>
        <option value="oldest">{t.sortOldest}</option>
      </select>
      {languages.length > 1 && (
        <>
          <label htmlFor={langId}>{t.languageFilterLabel}</label>
          <select id={langId} value={lang} onChange={(event) => onLang(event.target.value)}>
            <option value="">{t.allLanguages}</option>
            {languages.map((language) => (
              <option key={language.lang} value={language.lang} lang={language.lang}>
                {language.label}
              </option>
            ))}
          </select>
        </>
      )}
    </div>
  );
}

function EpisodeList({
  episodes,
  translate,
}: {
  episodes: readonly EpisodeSummary[];
  translate: TranslateSlot;
}) {
  const { t } = useI18n();
  const [order, setOrder] = useState<Order>('newest');
  const [lang, setLang] = useState('');
  const [pages, setPages] = useState(1);
  const languages = useMemo(() => languagesOf(episodes), [episodes]);
  const chosen = useMemo(() => {
    // The index is newest first (then by title); oldest first is its reverse.
    const filtered = lang
      ? episodes.filter((episode) => episode.languages.some((l) => sameLanguage(l.lang, lang)))
      : episodes;
    return order === 'newest' ? filtered : [...filtered].reverse();
  }, [episodes, order, lang]);
  const shown = chosen.slice(0, pages * EPISODES_PER_PAGE);
  // For `npm run bench`: the first frame with the list on screen.
  useEffect(() => markNextFrame(MARKS.listInteractive, { page: 'episodes' }), []);
  return (
    <>
      <EpisodeListControls
        languages={languages}
        order={order}
        lang={lang}
        onOrder={setOrder}
        onLang={(next) => {
          setLang(next);
          setPages(1);
        }}
      />
      <p className="archive__count" role="status">
        {t.episodesShown(shown.length, chosen.length)}
      </p>
      <ul className="episode-list">
        {shown.map((episode) => (
          <EpisodeCard key={episode.id} episode={episode} translate={translate} />
        ))}
      </ul>
      {shown.length < chosen.length && (
        <button type="button" className="button" onClick={() => setPages((n) => n + 1)}>
          {t.showMoreEpisodes(chosen.length - shown.length)}
        </button>
      )}
    </>
  );
}

/**
 * The page's parts from other features come in as props, placed by the app (features never
 * import each other): the archive's navigation and search box, and the translator's panel.
 */
export interface EpisodeListPageProps {
  readonly nav: ReactNode;
  readonly searchForm: ReactNode;
  readonly translate: TranslateSlot;
}

export function EpisodeListPage({ nav, searchForm, translate }: EpisodeListPageProps) {
  const { t } = useI18n();
  const query = useQuery(episodeIndexQueryOptions());
  return (
    <main className="page" id="main">
      <header className="home__header">
        {nav}
        <h1 className="home__title">{t.appName}</h1>
        <p className="home__tagline">{t.tagline}</p>
      </header>
      {searchForm}
      <h2>{t.episodesHeading}</h2>
      {query.isPending && <Loading label={t.loadingEpisodes} />}
      {query.isError && (
        <ErrorNotice
          title={t.episodeLoadFailed}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.data && query.data.length === 0 && <p className="notice">{t.noEpisodes}</p>}
      {query.data && query.data.length > 0 && (
        <EpisodeList episodes={query.data} translate={translate} />
      )}
    </main>
  );
}
