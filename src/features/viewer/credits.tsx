/** Credits on every episode page: LiNK and The Red Box, and whatever episode.json adds. */
import type { Episode } from '../../core/episode-model.ts';
import { useI18n } from '../shared/i18n.tsx';

export function Credits({ episode }: { episode: Episode }) {
  const { t } = useI18n();
  return (
    <footer className="credits">
      <h2 className="section-title">{t.creditsHeading}</h2>
      <p>{t.creditsLine}</p>
      {episode.credits && episode.credits.length > 0 && (
        <dl className="credits__list">
          {episode.credits.map((credit) => (
            <div key={`${credit.role}:${credit.name}`} className="credits__item">
              <dt>{credit.role}</dt>
              <dd>
                {credit.url ? (
                  <a href={credit.url} target="_blank" rel="noopener noreferrer">
                    {credit.name}
                  </a>
                ) : (
                  credit.name
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </footer>
  );
}
