/**
 * The viewer's layout: video, question card, speakers, timeline and chapters on one side, the
 * transcript on the other (stacked on phones). Every part takes its state from the same clock.
 */
import { useMemo } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { useChapters, useTranscript } from '../shared/episode-data.ts';
import { useI18n } from '../shared/i18n.tsx';
import { InterfaceLanguageMenu } from '../shared/interface-language-menu.tsx';
import {
  PlayerRuntimeProvider,
  useFollower,
  usePlayerRuntime,
  usePlayerRuntimeValue,
  useTimeIndex,
} from '../shared/player-runtime.tsx';
import { ErrorNotice } from '../shared/status.tsx';
import { useDocumentTitle } from '../shared/use-document-title.ts';
import { useCaptionSources, VideoStage } from '../shared/video-stage.tsx';
import { Announcer } from './announcer.tsx';
import { ChaptersList } from './chapters-list.tsx';
import { Credits } from './credits.tsx';
import { LanguageMenu } from '../shared/language-menu.tsx';
import { QuestionCard } from '../shared/question-card.tsx';
import { ResumePrompt } from './resume-prompt.tsx';
import { ShareEmbedButton } from './share-dialog.tsx';
import { SpeakerTimeline } from './speaker-timeline.tsx';
import { SpeakersStrip } from '../shared/speakers-strip.tsx';
import { TranscriptArea } from '../shared/transcript-area.tsx';
import { TranscriptDownloads } from './transcript-downloads.tsx';
import { deepLinkTime, useDeepLinkSeek } from '../shared/use-deep-link.ts';
import { useRememberPosition, useResumeOffer } from './use-resume.ts';
import { useTranscriptLanguages } from './use-transcript-languages.ts';
import { useHydrated } from '../shared/hydration.ts';

const NO_CUES: readonly ParsedCue[] = [];

interface WatchViewProps {
  readonly episode: Episode;
  readonly params: URLSearchParams;
}

export function WatchView(props: WatchViewProps) {
  const runtime = usePlayerRuntimeValue();
  return (
    <PlayerRuntimeProvider value={runtime}>
      <WatchLayout {...props} />
    </PlayerRuntimeProvider>
  );
}

function WatchLayout({ episode, params }: WatchViewProps) {
  const { t } = useI18n();
  // As served until hydrated (styles.css: shown once its transcript has begun to arrive).
  const hydrated = useHydrated();
  useDocumentTitle(`${episode.title} · ${episode.series ?? 'The Red Box'} · Red Box Player`);
  const languages = useTranscriptLanguages(episode, params);
  const { track, pairTrack } = languages;
  const transcript = useTranscript(episode, track);
  const pair = useTranscript(episode, pairTrack ?? undefined);
  const chaptersQuery = useChapters(episode, track);
  const chapters = useMemo(() => chaptersQuery.chapters ?? [], [chaptersQuery.chapters]);

  const cues = transcript.view?.cues;
  const cueFollower = useFollower(useTimeIndex(cues));
  const chapterFollower = useFollower(useTimeIndex(chapters));
  // The page itself never subscribes to the clock: each part below does, so a cue change
  // re-renders the parts it changes and nothing else.

  const { captions, onCaptionsWanted } = useCaptionSources(
    episode,
    pairTrack ? [track.lang, pairTrack.lang] : [track.lang],
  );

  const runtime = usePlayerRuntime();
  useDeepLinkSeek(runtime, params, cues);
  const initialSearch = useMemo(() => {
    const query = params.get('q')?.trim();
    return query ? { query, cueId: params.get('cue') } : undefined;
  }, [params]);
  const media = runtime.clock?.media ?? null;
  useRememberPosition(media, episode.id);
  const resume = useResumeOffer(
    episode.id,
    deepLinkTime(params, undefined) !== null || params.has('cue'),
  );

  const toolbar = (
    <>
      <LanguageMenu
        label={t.languageMenu}
        tracks={episode.tracks}
        current={track.lang}
        onChoose={(lang) => lang && languages.chooseLanguage(lang)}
      />
      {episode.tracks.length > 1 && (
        <LanguageMenu
          label={t.sideBySide}
          tracks={episode.tracks.filter((candidate) => candidate.lang !== track.lang)}
          current={pairTrack?.lang ?? null}
          onChoose={languages.choosePair}
          noneLabel={t.sideBySideNone}
        />
      )}
      {transcript.data && (
        <TranscriptDownloads
          episode={episode}
          track={track}
          transcript={transcript.data}
          chapters={chapters}
        />
      )}
    </>
  );

  return (
    <div
      className={['watch', pairTrack && 'watch--pair', !hydrated && 'watch--served']
        .filter(Boolean)
        .join(' ')}
    >
      <header className="watch__header">
        <a className="watch__home" href={import.meta.env.BASE_URL}>
          {t.backToEpisodes}
        </a>
        <h1 className="watch__title">
          {episode.series && <span className="watch__series">{episode.series}: </span>}
          {episode.title}
        </h1>
        <ShareEmbedButton episode={episode} lang={track.lang} />
        <InterfaceLanguageMenu />
      </header>
      {languages.unknownLanguage && (
        <p className="notice" role="status">
          {t.unknownLanguage(languages.unknownLanguage, track.label)}
        </p>
      )}
      {resume.offer !== null && (
        <ResumePrompt
          time={resume.offer}
          onContinue={() => {
            runtime.seek(resume.offer!);
            resume.dismiss();
          }}
          onStartOver={resume.dismiss}
        />
      )}
      <main className="watch__main" id="main">
        <div className="watch__stage">
          <div className="watch__video">
            <VideoStage
              episode={episode}
              captions={captions}
              captionLang={track.lang}
              chapters={chapters}
              onCaptionsWanted={onCaptionsWanted}
            />
          </div>
          <QuestionCard
            chapters={chapters}
            follower={chapterFollower}
            lang={chaptersQuery.lang ?? track.lang}
            reserveTallest
          />
          <SpeakersStrip episode={episode} follower={cueFollower} cues={cues ?? NO_CUES} />
          <Announcer
            episode={episode}
            cues={cues ?? NO_CUES}
            cueFollower={cueFollower}
            chapters={chapters}
            chapterFollower={chapterFollower}
          />
          {cues && <SpeakerTimeline episode={episode} cues={cues} follower={cueFollower} />}
          {chaptersQuery.isError ? (
            <ErrorNotice
              title={t.chaptersLoadFailed}
              error={chaptersQuery.error}
              onRetry={() => void chaptersQuery.refetch()}
            />
          ) : (
            <ChaptersList
              chapters={chapters}
              follower={chapterFollower}
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
            secondary={pair.view ?? null}
            error={transcript.error}
            onRetry={() => void transcript.refetch()}
            follower={cueFollower}
            toolbar={toolbar}
            initialSearch={initialSearch}
          />
        </div>
      </main>
    </div>
  );
}
