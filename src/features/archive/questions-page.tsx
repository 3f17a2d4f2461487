/**
 * `/questions` (Contract 10): every question from the box, every episode, newest first, in the
 * chosen language (each episode falls back to its source language), each a link to the moment
 * it is asked (`/watch/<id>?cue=<first cue of the chapter>`); filtered as the reader types.
 */
import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useEffect, useId, useMemo } from 'react';
import { questionsIn, type QuestionsFile } from '../../core/archive-model.ts';
import { directionOf } from '../../core/language.ts';
import { foldForSearch, normaliseQuery } from '../../core/transcript-search.ts';
import { questionsQueryOptions } from '../../data/archive-queries.ts';
import { appBase } from '../../data/episode-urls.ts';
import { markNextFrame, MARKS } from '../../data/performance-marks.ts';
import { useI18n } from '../shared/i18n.tsx';
import { InterfaceLanguageMenu } from '../shared/interface-language-menu.tsx';
import { ErrorNotice, Loading } from '../shared/status.tsx';
import { useDocumentTitle } from '../shared/use-document-title.ts';
import { LanguageMenu } from '../shared/language-menu.tsx';
import { chooseArchiveLanguage } from './archive-language.ts';
import { ArchiveNav } from './archive-nav.tsx';
import { ArchiveSearchForm } from './archive-search-form.tsx';
import { useUrlParams } from './use-url-params.ts';

interface ShownEpisode {
  readonly episode: QuestionsFile['episodes'][number];
  readonly lang: string;
  readonly questions: ReturnType<typeof questionsIn>['questions'];
}

/** `/watch/<id>?cue=<cue id>`, with `lang` after it when not the episode's source language. */
function momentUrl(
  episode: QuestionsFile['episodes'][number],
  lang: string,
  cueId: string | null,
): string {
  const params = new URLSearchParams();
  if (cueId) params.set('cue', cueId);
  if (lang.toLowerCase() !== episode.sourceLanguage.toLowerCase()) params.set('lang', lang);
  const query = params.toString();
  return `${appBase()}watch/${encodeURIComponent(episode.id)}${query ? `?${query}` : ''}`;
}

function QuestionsList({ shown }: { shown: readonly ShownEpisode[] }) {
  // For `npm run bench`: the first frame with the questions on screen.
  useEffect(() => markNextFrame(MARKS.listInteractive, { page: 'questions' }), []);
  return (
    <ol className="questions">
      {shown.map(({ episode, lang, questions }) => (
        <li key={episode.id} className="questions__episode">
          <h2 className="questions__title">
            <a href={momentUrl(episode, lang, null)}>{episode.title}</a>{' '}
            <time dateTime={episode.published}>{episode.published}</time>
          </h2>
          <ul className="questions__list">
            {questions.map((question) => (
              <li key={question.id}>
                <a
                  href={momentUrl(episode, lang, question.cueId)}
                  lang={lang}
                  dir={directionOf(lang)}
                >
                  {question.text}
                </a>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export function QuestionsPage({ search }: { search: string }) {
  const { t, language } = useI18n();
  useDocumentTitle(`${t.questionsHeading} · Red Box Player`);
  const filterId = useId();
  const [params, setParams] = useUrlParams(search);
  const filter = params.get('filter') ?? '';
  const deferredFilter = useDeferredValue(filter);
  const query = useQuery(questionsQueryOptions());
  const languages = query.data?.languages ?? [];
  const lang = chooseArchiveLanguage(params.get('lang'), languages, language);

  const all = useMemo(
    () =>
      (query.data?.episodes ?? []).flatMap((episode) => {
        const found = questionsIn(episode, lang ?? episode.sourceLanguage);
        return found.questions.length > 0 ? [{ episode, ...found }] : [];
      }),
    [query.data, lang],
  );
  const shown = useMemo(() => {
    const needle = normaliseQuery(deferredFilter);
    if (!needle) return all;
    return all.flatMap((entry) => {
      const questions = entry.questions.filter((question) =>
        foldForSearch(question.text.normalize('NFC')).includes(needle),
      );
      return questions.length > 0 ? [{ ...entry, questions }] : [];
    });
  }, [all, deferredFilter]);
  const count = (list: readonly ShownEpisode[]) =>
    list.reduce((sum, entry) => sum + entry.questions.length, 0);

  return (
    <main className="page archive" id="main">
      <header className="archive__header">
        <ArchiveNav current="questions" />
        <InterfaceLanguageMenu />
      </header>
      <h1>{t.questionsHeading}</h1>
      <p>{t.questionsIntro}</p>
      <ArchiveSearchForm lang={lang ?? undefined} />
      <div className="archive__controls">
        {languages.length > 1 && (
          <LanguageMenu
            label={t.languageMenu}
            tracks={languages}
            current={lang}
            onChoose={(next) => next && setParams({ lang: next })}
          />
        )}
        <label htmlFor={filterId}>{t.questionsFilterLabel}</label>
        <input
          id={filterId}
          type="text"
          className="archive__filter"
          value={filter}
          onChange={(event) => setParams({ filter: event.target.value })}
          autoComplete="off"
        />
      </div>
      {query.isPending && <Loading label={t.loadingQuestions} />}
      {query.isError && (
        <ErrorNotice
          title={t.questionsFailed}
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      )}
      {query.data && (
        <p className="archive__count" role="status">
          {shown.length === 0 ? t.questionsNone : t.questionsShown(count(shown), count(all))}
        </p>
      )}
      {query.data && <QuestionsList shown={shown} />}
    </main>
  );
}
