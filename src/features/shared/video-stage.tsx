/**
 * The video: mounts the video.js adapter once per episode, hands its media element to the
 * runtime, and keeps captions and chapter markers in step with the data. A failed video shows a
 * message and a retry; the rest of the page keeps working.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Chapter } from '../../core/cue-model.ts';
import type { Episode } from '../../core/episode-model.ts';
import { segmentsToCueText } from '../../core/vtt-serialize.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { episodeFileUrl } from '../../data/episode-urls.ts';
import { whenPageIdle } from '../../data/page-idle.ts';
import { useTranscriptsOf } from './episode-data.ts';
import {
  createNativeVideo,
  nativeVideoHtml,
  takeServedVideo,
  servedVideoMarkup,
} from '../../player/native-video.ts';
import { isHydrating } from './hydration.ts';
import { escapeHtml } from './share-links.ts';
import type { CaptionCue, CaptionTrack, VideoPlayer } from '../../player/video-player.ts';
import { useI18n } from './i18n.tsx';
import { usePlayback, usePlayerRuntime } from './player-runtime.tsx';

export interface CaptionSource {
  readonly lang: string;
  readonly label: string;
  /** Null while not loaded: the track is listed in the captions menu and loaded when picked. */
  readonly cues: readonly ParsedCue[] | null;
}

/**
 * Caption sources for every track: all languages are listed in the captions menu, but only the
 * `shown` ones (the transcript's, the side-by-side one) and those the viewer picks are fetched and
 * parsed. Pass `onCaptionsWanted` to VideoStage.
 */
export function useCaptionSources(
  episode: Episode,
  shown: readonly string[],
): { captions: CaptionSource[]; onCaptionsWanted: (lang: string) => void } {
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set());
  const shownKey = shown.map((lang) => lang.toLowerCase()).join('|');
  const wanted = useMemo(
    () => new Set([...(shownKey ? shownKey.split('|') : []), ...picked]),
    [shownKey, picked],
  );
  const transcripts = useTranscriptsOf(episode, wanted);
  const captions = useMemo(
    () =>
      episode.tracks.map((track, i) => ({
        lang: track.lang,
        label: track.label,
        cues: transcripts[i]?.document.cues ?? null,
      })),
    [episode.tracks, transcripts],
  );
  const onCaptionsWanted = useCallback(
    (lang: string) =>
      setPicked((current) =>
        current.has(lang.toLowerCase()) ? current : new Set([...current, lang.toLowerCase()]),
      ),
    [],
  );
  return { captions, onCaptionsWanted };
}

interface VideoStageProps {
  readonly episode: Episode;
  readonly captions: readonly CaptionSource[];
  /** The caption language shown, or null for none. */
  readonly captionLang: string | null;
  readonly chapters: readonly Chapter[];
  readonly autoplayMuted?: boolean;
  /** The viewer picked a caption language whose cues are not loaded yet. */
  readonly onCaptionsWanted?: (lang: string) => void;
}

/** Caption cues per cue list, so a re-render converts nothing that did not change. */
const captionCueCache = new WeakMap<readonly ParsedCue[], CaptionTrack['cues']>();

/**
 * A transcript cue as the player's captions want it. The caption text (the cue's own markup,
 * escaped: voice spans and italics render as the file intends) is written only when the player
 * asks for it: the player fills long tracks a slice at a time, and a three-hour transcript's
 * 10,000 texts need not be built while the page first renders.
 */
class TranscriptCaptionCue implements CaptionCue {
  #text: string | undefined;
  constructor(private readonly cue: ParsedCue) {}
  get id(): string {
    return this.cue.id;
  }
  get startTime(): number {
    return this.cue.startTime;
  }
  get endTime(): number {
    return this.cue.endTime;
  }
  get text(): string {
    return (this.#text ??= segmentsToCueText(this.cue.segments));
  }
  get align(): CaptionCue['align'] {
    return this.cue.layout.align;
  }
  get line(): CaptionCue['line'] {
    return this.cue.layout.line;
  }
  get position(): CaptionCue['position'] {
    return this.cue.layout.position;
  }
  get size(): CaptionCue['size'] {
    return this.cue.layout.size;
  }
}

function toCaptionTrack(source: CaptionSource): CaptionTrack {
  const cues = source.cues;
  let converted = cues ? captionCueCache.get(cues) : null;
  if (cues && !converted) {
    converted = cues.map((cue) => new TranscriptCaptionCue(cue));
    captionCueCache.set(cues, converted);
  }
  return { lang: source.lang, label: source.label, cues: converted ?? null };
}

export function VideoStage({
  episode,
  captions,
  captionLang,
  chapters,
  autoplayMuted,
  onCaptionsWanted,
}: VideoStageProps) {
  const { t, language } = useI18n();
  const { attachMedia } = usePlayerRuntime();
  const containerRef = useRef<HTMLDivElement>(null);
  const [player, setPlayer] = useState<VideoPlayer | null>(null);
  const error = usePlayback((state) => state.error);
  // A pre-rendered page holds the browser's own video in this container: rendered on the server,
  // adopted as it is by the hydration (the layout effect below then takes the element over).
  const [servedMarkup] = useState(() =>
    !isHydrating()
      ? null
      : typeof document === 'undefined'
        ? nativeVideoHtml(
            episode.id,
            {
              sources: episode.media.sources.map((source) => ({
                src: episodeFileUrl(episode.id, source.src),
                type: source.type,
              })),
              poster: episode.media.poster
                ? episodeFileUrl(episode.id, episode.media.poster)
                : undefined,
              label: t.videoLabel(episode.title),
              autoplayMuted,
            },
            escapeHtml,
          )
        : servedVideoMarkup(episode.id),
  );

  // One player per episode; options that change later go through the adapter's setters. The
  // browser's own video comes first (the pre-rendered page's, else a new one): its poster and
  // play button show at once, and seeking and playing work before video.js has loaded, which
  // then adopts the same element. A layout effect, so it is in the first frame React paints.
  const sourcesKey = JSON.stringify(episode.media.sources);
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const options = {
      // Absolute, as the element's currentSrc is: video.js keeps a source that already loads.
      sources: episode.media.sources.map((source) => ({
        src: new URL(episodeFileUrl(episode.id, source.src), document.baseURI).href,
        type: source.type,
      })),
      poster: episode.media.poster ? episodeFileUrl(episode.id, episode.media.poster) : undefined,
      label: t.videoLabel(episode.title),
      autoplayMuted,
    };
    const media = takeServedVideo(episode.id) ?? createNativeVideo(options);
    container.appendChild(media);
    const detach = attachMedia(media);
    // The media buffers, and video.js (a large script, and a long task to start on a slow phone)
    // loads, once the first screen is done: until then the browser's own player seeks and plays.
    let mounted: VideoPlayer | null = null;
    let disposed = false;
    let cancelIdleWork = whenPageIdle(() => {
      media.preload = 'auto';
      import('../../player/video-player.ts').then(
        ({ mountVideoPlayer }) => {
          if (disposed) return;
          // Evaluating video.js and starting a player are each a long task on a slow phone: the
          // player starts in a task of its own, at the next idle moment, not in the one that
          // evaluated the module.
          cancelIdleWork = whenPageIdle(() => {
            mounted = mountVideoPlayer(container, { ...options, language });
            setPlayer(mounted);
          });
        },
        (error: unknown) =>
          console.warn("[red-box] video.js did not load; the browser's own player stays", error),
      );
    });
    return () => {
      disposed = true;
      cancelIdleWork();
      detach();
      setPlayer(null);
      if (mounted) mounted.dispose();
      else media.remove();
    };
    // The player is rebuilt only for another episode or other media, never for UI changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [episode.id, sourcesKey]);

  useEffect(() => {
    player?.setCaptions(captions.map(toCaptionTrack), captionLang);
  }, [player, captions, captionLang]);

  useEffect(() => {
    if (!player || !onCaptionsWanted) return;
    return player.onCaptionsWanted(onCaptionsWanted);
  }, [player, onCaptionsWanted]);

  useEffect(() => {
    player?.setChapterMarkers(
      chapters.map((chapter) => ({ time: chapter.startTime, label: chapter.question })),
    );
  }, [player, chapters]);

  return (
    <div className="video-stage">
      <div
        ref={containerRef}
        className="video-stage__player"
        // The served video's markup, never changed after: React leaves the element to the player.
        // No cue text, and no text unescaped: on the server nativeVideoHtml escapes every value;
        // in the browser it is the served element's own markup, as the browser serializes it.
        // eslint-disable-next-line no-restricted-syntax
        dangerouslySetInnerHTML={servedMarkup === null ? undefined : { __html: servedMarkup }}
      />
      {error && (
        <div className="video-stage__error" role="alert">
          <p>{t.videoFailed}</p>
          <p className="video-stage__error-detail">{error}</p>
          <button
            type="button"
            onClick={() =>
              player ? player.reload() : containerRef.current?.querySelector('video')?.load()
            }
          >
            {t.retry}
          </button>
        </div>
      )}
      {episode.media.note && <p className="video-stage__note">{episode.media.note}</p>}
    </div>
  );
}
