/**
 * For translators on the episode list (inside translate-panel.tsx): each language's progress
 * (rows translated, share of the spoken time), a link to its workspace, and the form to start a
 * new language.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { sameLanguage } from '../../core/language.ts';
import type { Episode } from '../../core/episode-model.ts';
import { translationProgress } from '../../core/translation-progress.ts';
import { cueFileQueryOptions, episodeQueryOptions } from '../../data/episode-queries.ts';
import { saveModeQueryOptions } from '../../data/translation-api.ts';
import { ProgressMeter } from './progress-meter.tsx';
import { StartTranslationForm, translateUrl } from './start-translation-form.tsx';
import { useTranslatorText } from './translator-messages.ts';
import './translator.css';

/** The languages of an episode with their progress, and the start form (loaded when opened). */
export function TranslationLanguages({ episodeId }: { episodeId: string }) {
  const episode = useQuery(episodeQueryOptions(episodeId)).data;
  const mode = useQuery(saveModeQueryOptions()).data ?? 'static';
  if (!episode) return null;
  return (
    <>
      <LanguageProgress episode={episode} />
      <StartTranslationForm episode={episode} mode={mode} />
    </>
  );
}

function LanguageProgress({ episode }: { episode: Episode }) {
  const text = useTranslatorText();
  const cast = episode.speakers.map(({ id, name }) => ({ id, name }));
  const parsed = useQueries({
    queries: episode.tracks.map((track) =>
      cueFileQueryOptions(episode.id, track.transcript, 'transcript', cast),
    ),
  });
  const sourceIndex = episode.tracks.findIndex((track) =>
    sameLanguage(track.lang, episode.sourceLanguage),
  );
  const sourceCues = parsed[sourceIndex]?.data?.document.cues;
  return (
    <ul className="translate-panel__languages">
      {episode.tracks.map((track, i) => {
        const cues = parsed[i]?.data?.document.cues;
        const isSource = i === sourceIndex;
        return (
          <li key={track.lang} className="translate-panel__language">
            <a href={translateUrl(episode.id, track.lang)} lang={track.lang}>
              {track.label}
            </a>
            {isSource
              ? ` (${text.sourceLanguage})`
              : sourceCues &&
                cues && (
                  <ProgressMeter
                    progress={translationProgress(sourceCues, cues)}
                    label={`${text.progressLabel}: ${track.label}`}
                  />
                )}
          </li>
        );
      })}
    </ul>
  );
}
