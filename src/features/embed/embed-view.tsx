/**
 * The embedded player: the viewer's own video, question card, speakers and transcript, laid out
 * by the iframe's width (see embed-layout.ts), with the bridge to the host page.
 */
import { useMemo, useRef, useState, type ReactNode } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { resolveTrack, useChapters, useTranscript } from '../shared/episode-data.ts';
import { useI18n } from '../shared/i18n.tsx';
import {
  PlayerScope,
  useFollower,
  usePlayerRuntime,
  useTimeIndex,
} from '../shared/player-runtime.tsx';
import { useCaptionSources, VideoStage } from '../shared/video-stage.tsx';
import { LanguageMenu } from '../shared/language-menu.tsx';
import { QuestionCard } from '../shared/question-card.tsx';
import { SpeakersStrip } from '../shared/speakers-strip.tsx';
import { TranscriptArea } from '../shared/transcript-area.tsx';
import { deepLinkTime, useDeepLinkSeek } from '../shared/use-deep-link.ts';
import type { EmbedChannel } from './embed-channel.ts';
import { EmbedFooter } from './embed-footer.tsx';
import { useEmbedMessages } from '../shared/embed-messages.ts';
import type { EmbedParams } from '../shared/embed-params.ts';
import { useEmbedBridge } from './use-embed-bridge.ts';
import { useOverflowing } from '../shared/use-overflowing.ts';
import { useBrowserState, useHydrated } from '../shared/hydration.ts';

interface EmbedViewProps {
  readonly episode: Episode;
  readonly params: EmbedParams;
  /** The page's query, for the start time (`t`, or `cue`). */
  readonly query: URLSearchParams;
  readonly channel: EmbedChannel | null;
}

const NO_CUES: readonly ParsedCue[] = [];

export function EmbedView(props: EmbedViewProps) {
  return (
    <PlayerScope>
      <EmbedPlayer {...props} />
    </PlayerScope>
  );
}

function EmbedPlayer({ episode, params, query, channel }: EmbedViewProps) {
  const { t } = useI18n();
  // A served page is rendered in the source language, with its transcript: the query applies
  // once it is hydrated (the page's first script hides a transcript the query turns off).
  const [requestedLang, setRequestedLang] = useBrowserState<string | null>(
    () => null,
    () => params.lang,
  );
  const showTranscript = useHydrated() ? params.transcript : true;
  const { track, unknownLanguage } = resolveTrack(episode, requestedLang);
  const transcript = useTranscript(episode, track);
  const chaptersQuery = useChapters(episode, track);
  // Undefined while another language's questions load: no follower, so no event says "none".
  const loadedChapters = chaptersQuery.chapters;
  const chapters = useMemo(() => loadedChapters ?? [], [loadedChapters]);
  const chaptersSettled = loadedChapters !== undefined || chaptersQuery.isError;
  const { captions, onCaptionsWanted } = useCaptionSources(episode, [track.lang]);

  const cues = transcript.view?.cues;
  const cueFollower = useFollower(useTimeIndex(cues));
  const chapterFollower = useFollower(useTimeIndex(loadedChapters));
  const runtime = usePlayerRuntime();
  useDeepLinkSeek(runtime, query, cues);
  const startTime = useMemo(() => (cues ? deepLinkTime(query, cues) : null), [query, cues]);

  useEmbedBridge(channel, {
    episode,
    track,
    cues,
    // A language is shown once its transcript and its questions are.
    shownLang: chaptersSettled ? transcript.view?.lang : undefined,
    transcriptError: transcript.error,
    chapters,
    chaptersSettled,
    cueFollower,
    chapterFollower,
    requestLanguage: setRequestedLang,
    startTime,
  });

  const chapterLang = chaptersQuery.lang ?? track.lang;
  return (
    <>
      <div className="embed__video">
        <VideoStage
          episode={episode}
          captions={captions}
          captionLang={params.captions ? track.lang : null}
          onCaptionsWanted={onCaptionsWanted}
          chapters={chapters}
          autoplayMuted={params.autoplay}
        />
      </div>
      <div className="embed__question">
        <QuestionCard chapters={chapters} follower={chapterFollower} lang={chapterLang} />
      </div>
      <SpeakersRow>
        <SpeakersStrip episode={episode} follower={cueFollower} cues={cues ?? NO_CUES} />
      </SpeakersRow>
      {showTranscript && (
        <div className="embed__transcript">
          <TranscriptArea
            episode={episode}
            track={track}
            view={transcript.view}
            error={transcript.error}
            onRetry={() => void transcript.refetch()}
            follower={cueFollower}
            toolbar={
              <LanguageMenu
                label={t.languageMenu}
                tracks={episode.tracks}
                current={track.lang}
                onChoose={(lang) => lang && setRequestedLang(lang)}
              />
            }
          />
        </div>
      )}
      <EmbedFooter episode={episode} lang={track.lang} media={runtime.clock?.media ?? null} />
      {unknownLanguage && <LanguageNotice wanted={unknownLanguage} used={track.label} />}
    </>
  );
}

/** An unknown `lang` falls back with a visible notice (Contract 2), over the video: the layout keeps its size. */
function LanguageNotice({ wanted, used }: { wanted: string; used: string }) {
  const { t } = useI18n();
  const m = useEmbedMessages();
  const [shown, setShown] = useState(true);
  if (!shown) return null;
  return (
    <p className="notice embed__notice" role="status">
      {t.unknownLanguage(wanted, used)}{' '}
      <button type="button" className="embed__dismiss" onClick={() => setShown(false)}>
        {m.dismiss}
      </button>
    </p>
  );
}

/**
 * The speakers in one row; when they do not fit it scrolls sideways, and then it takes keyboard
 * focus so the row can be scrolled without a mouse.
 */
function SpeakersRow({ children }: { children: ReactNode }) {
  const m = useEmbedMessages();
  const ref = useRef<HTMLDivElement>(null);
  const scrolls = useOverflowing(ref);
  return (
    <div
      ref={ref}
      className="embed__speakers"
      {...(scrolls ? { tabIndex: 0, role: 'group', 'aria-label': m.speakersRow } : {})}
    >
      {children}
    </div>
  );
}
