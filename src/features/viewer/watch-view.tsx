/**
 * The viewer's layout: video, question card, speakers, chapters and timeline on one side, the
 * transcript on the other (stacked on phones). Each part takes its state from the same clock.
 */
import { useMemo } from 'react';
import type { Episode, Track } from '../../core/episode-model.ts';
import { useAllTranscripts, useChapters, useTranscript } from '../shared/episode-data.ts';
import { useI18n } from '../shared/i18n.tsx';
import {
  PlayerRuntimeProvider,
  useCurrentIndex,
  useFollower,
  usePlayerRuntime,
  usePlayerRuntimeValue,
  useTimeIndex,
} from '../shared/player-runtime.tsx';
import { ErrorNotice } from '../shared/status.tsx';
import { VideoStage, type CaptionSource } from '../shared/video-stage.tsx';
import { ChaptersList } from './chapters-list.tsx';
import { Credits } from './credits.tsx';
import { LanguageMenu } from './language-menu.tsx';
import { QuestionCard } from './question-card.tsx';
import { SpeakerTimeline } from './speaker-timeline.tsx';
import { SpeakersStrip, useCurrentSpeakerId } from './speakers-strip.tsx';
import { TranscriptArea } from './transcript-area.tsx';
import { useDeepLinkSeek } from './use-deep-link.ts';
import { useDocumentTitle } from '../shared/use-document-title.ts';

interface WatchViewProps {
  readonly episode: Episode;
  readonly track: Track;
  readonly unknownLanguage: string | null;
  readonly params: URLSearchParams;
  readonly onChooseLanguage: (lang: string) => void;
}

export function WatchView(props: WatchViewProps) {
  const runtime = usePlayerRuntimeValue();
  return (
    <PlayerRuntimeProvider value={runtime}>
      <WatchLayout {...props} />
    </PlayerRuntimeProvider>
  );
}

function WatchLayout({
  episode,
  track,
  unknownLanguage,
  params,
  onChooseLanguage,
}: WatchViewProps) {
  const { t } = useI18n();
  useDocumentTitle(`${episode.title} · ${episode.series ?? 'The Red Box'} · Red Box Player`);
  const transcript = useTranscript(episode, track);
  const chaptersQuery = useChapters(episode, track);
  const allTranscripts = useAllTranscripts(episode);
  const chapters = useMemo(() => chaptersQuery.chapters ?? [], [chaptersQuery.chapters]);

  const cues = transcript.view?.cues;
  const cueFollower = useFollower(useTimeIndex(cues));
  const chapterFollower = useFollower(useTimeIndex(chapters));
  const chapterIndex = useCurrentIndex(chapterFollower);
  const speakingId = useCurrentSpeakerId(cueFollower, cues ?? []);

  const captions = useMemo<CaptionSource[]>(
    () =>
      episode.tracks.flatMap((candidate, i) => {
        const data = allTranscripts[i];
        return data
          ? [{ lang: candidate.lang, label: candidate.label, cues: data.document.cues }]
          : [];
      }),
    [episode.tracks, allTranscripts],
  );

  const runtime = usePlayerRuntime();
  useDeepLinkSeek(runtime, params, cues);

  return (
    <div className="watch">
      <header className="watch__header">
        <a className="watch__home" href={import.meta.env.BASE_URL}>
          {t.backToEpisodes}
        </a>
        <h1 className="watch__title">
          {episode.series && <span className="watch__series">{episode.series}: </span>}
          {episode.title}
        </h1>
      </header>
      {unknownLanguage && (
        <p className="notice" role="status">
          {t.unknownLanguage(unknownLanguage, track.label)}
        </p>
      )}
      <main className="watch__main" id="main">
        <div className="watch__stage">
          <div className="watch__video">
            <VideoStage
              episode={episode}
              captions={captions}
              captionLang={track.lang}
              chapters={chapters}
            />
          </div>
          <QuestionCard
            chapter={chapterIndex >= 0 ? (chapters[chapterIndex] ?? null) : null}
            lang={chaptersQuery.lang ?? track.lang}
          />
          <SpeakersStrip episode={episode} speakingId={speakingId} />
          {cues && <SpeakerTimeline episode={episode} cues={cues} speakingId={speakingId} />}
          {chaptersQuery.isError ? (
            <ErrorNotice
              title={t.chaptersLoadFailed}
              error={chaptersQuery.error}
              onRetry={() => void chaptersQuery.refetch()}
            />
          ) : (
            <ChaptersList
              chapters={chapters}
              currentIndex={chapterIndex}
              lang={chaptersQuery.lang ?? track.lang}
              onSeek={(time) => runtime.seek(time)}
            />
          )}
          <Credits episode={episode} />
        </div>
        <div className="watch__transcript">
          <TranscriptArea
            episode={episode}
            track={track}
            view={transcript.view}
            error={transcript.error}
            onRetry={() => void transcript.refetch()}
            follower={cueFollower}
            toolbar={
              <LanguageMenu
                tracks={episode.tracks}
                current={track.lang}
                onChoose={onChooseLanguage}
              />
            }
          />
        </div>
      </main>
    </div>
  );
}
