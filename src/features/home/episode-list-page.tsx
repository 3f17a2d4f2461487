/** `/`: every episode from the generated index, with loading and error states. */
import { useQuery } from '@tanstack/react-query';
import type { EpisodeSummary } from '../../core/episode-model.ts';
import { formatClock } from '../../core/time-format.ts';
import { episodeIndexQueryOptions } from '../../data/episode-queries.ts';
import { episodesRootUrl } from '../../data/episode-urls.ts';
import { useI18n } from '../shared/i18n.tsx';
import { TranslatePanel } from '../translator/translate-panel.tsx';
import { ErrorNotice, Loading } from '../shared/status.tsx';

function formatDate(iso: string, language: string): string {
  const date = new Date(iso + 'T00:00:00Z');
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language === 'ko' ? 'ko-KR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(date);
}

function EpisodeCard({ episode }: { episode: EpisodeSummary }) {
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
      <TranslatePanel summary={episode} />
    </li>
  );
}

export function EpisodeListPage() {
  const { t } = useI18n();
  const query = useQuery(episodeIndexQueryOptions());
  return (
    <main className="page" id="main">
      <header className="home__header">
        <h1 className="home__title">{t.appName}</h1>
        <p className="home__tagline">{t.tagline}</p>
      </header>
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
        <ul className="episode-list">
          {query.data.map((episode) => (
            <EpisodeCard key={episode.id} episode={episode} />
          ))}
        </ul>
      )}
    </main>
  );
}
