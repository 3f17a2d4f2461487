/** Links between the archive's pages: episodes, questions, search and the podcast feed. */
import { appBase } from '../../data/episode-urls.ts';
import { useI18n } from '../shared/i18n.tsx';

export type ArchivePage = 'episodes' | 'questions' | 'search';

export function ArchiveNav({ current }: { current: ArchivePage }) {
  const { t } = useI18n();
  const base = appBase();
  const links: [ArchivePage | 'feed', string, string][] = [
    ['episodes', base, t.navEpisodes],
    ['questions', `${base}questions`, t.navQuestions],
    ['search', `${base}search`, t.navSearch],
    ['feed', `${base}feed.xml`, t.navFeed],
  ];
  return (
    <nav className="archive-nav" aria-label={t.archiveNav}>
      <ul>
        {links.map(([page, href, label]) => (
          <li key={page}>
            <a href={href} aria-current={page === current ? 'page' : undefined}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
