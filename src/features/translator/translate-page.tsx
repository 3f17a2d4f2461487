/**
 * /translate/<episode-id>/<lang>: finds out whether this server can save (the save API answers,
 * or it is a static copy), loads the episode, and opens the workspace for the language — or, for
 * a language the episode does not have yet, offers to start it.
 */
import { useQuery } from '@tanstack/react-query';
import { findTrack, sourceTrack, type Episode } from '../../core/episode-model.ts';
import { isWellFormedLanguageTag } from '../../core/language-tag.ts';
import {
  saveModeQueryOptions,
  workspaceEpisodeQueryOptions,
  type SaveMode,
} from '../../data/translation-api.ts';
import { useI18n } from '../shared/i18n.tsx';
import { EpisodeQueryState } from '../shared/episode-query-state.tsx';
import { StartTranslationForm } from './start-translation-form.tsx';
import { TranslationWorkspace } from './translation-workspace.tsx';
import { useTranslatorText } from './translator-messages.ts';
import './translator.css';

export function TranslatePage({ episodeId, lang }: { episodeId: string; lang: string }) {
  const modeQuery = useQuery(saveModeQueryOptions());
  const mode = modeQuery.data;
  const episodeQuery = useQuery({
    ...workspaceEpisodeQueryOptions(episodeId, mode ?? 'static'),
    enabled: mode !== undefined,
  });
  if (!mode || !episodeQuery.data) {
    return <EpisodeQueryState episodeId={episodeId} query={episodeQuery} />;
  }
  return <ChooseWorkspace episode={episodeQuery.data} lang={lang} mode={mode} />;
}

function ChooseWorkspace({
  episode,
  lang,
  mode,
}: {
  episode: Episode;
  lang: string;
  mode: SaveMode;
}) {
  const track = findTrack(episode, lang);
  const source = sourceTrack(episode);
  if (track && source) {
    return (
      <TranslationWorkspace
        key={`${episode.id}/${track.lang}`}
        episode={episode}
        track={track}
        source={source}
        mode={mode}
      />
    );
  }
  return <StartPage episode={episode} lang={lang} mode={mode} />;
}

function StartPage({ episode, lang, mode }: { episode: Episode; lang: string; mode: SaveMode }) {
  const { t } = useI18n();
  const text = useTranslatorText();
  return (
    <main className="page page--narrow t-start-page" id="main">
      <p>
        <a href={import.meta.env.BASE_URL}>{t.backToEpisodes}</a>
      </p>
      <h1>{episode.title}</h1>
      <p className="notice" role="status">
        {text.noTrackYet(lang)}
      </p>
      <StartTranslationForm
        episode={episode}
        mode={mode}
        initialLang={isWellFormedLanguageTag(lang) ? lang : ''}
      />
    </main>
  );
}
