/**
 * Everything the host page hears from and asks of this player, wired to the player's parts:
 * events from the media and the clock's followers, `ready` once the player can answer, commands.
 */
import { useCallback, useMemo } from 'react';
import type { Chapter } from '../../core/cue-model.ts';
import type { Episode, Track } from '../../core/episode-model.ts';
import type { TimeLookup } from '../../core/time-index.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { usePlayback, usePlayerRuntime } from '../shared/player-runtime.tsx';
import type { EmbedChannel } from './embed-channel.ts';
import type { PlayerEvents } from './embed-protocol.ts';
import { useEmbedCommands, useLanguageSwitch } from './use-embed-commands.ts';
import {
  useChangeEvent,
  useFollowerEvent,
  useMediaEvents,
  useOnceEvent,
  useWordEvents,
} from './use-embed-events.ts';
import { useTranscriptWords } from '../shared/use-word-highlight.ts';

export interface EmbedBridgeInput {
  readonly episode: Episode;
  readonly track: Track;
  /** The transcript on screen (undefined while it loads or when it failed). */
  readonly cues: readonly ParsedCue[] | undefined;
  readonly shownLang: string | undefined;
  readonly transcriptError: unknown;
  readonly chapters: readonly Chapter[];
  readonly chaptersSettled: boolean;
  readonly cueFollower: ClockFollower | null;
  readonly chapterFollower: ClockFollower | null;
  readonly requestLanguage: (lang: string) => void;
  /** Where the page asked to start (`t` or `cue`), or null: ready waits until the media is there. */
  readonly startTime: number | null;
}

/** How near the requested start the media must be for `ready` (it lands on the exact time). */
const START_TOLERANCE_S = 0.25;

const errorText = (error: unknown): string | null =>
  error ? (error instanceof Error ? error.message : String(error)) : null;

export function useEmbedBridge(channel: EmbedChannel | null, input: EmbedBridgeInput): void {
  const { episode, track, cues, chapters, cueFollower, chapterFollower } = input;
  const runtime = usePlayerRuntime();
  const media = runtime.clock?.media ?? null;

  const describeCue = useCallback(
    ({ index }: TimeLookup): PlayerEvents['cuechange'] => {
      const cue = cues?.[index];
      return { cueId: cue?.id || null, speakerId: cue?.speakerId ?? null, text: cue?.text ?? null };
    },
    [cues],
  );
  const describeSpeaker = useCallback(
    ({ recentIndex }: TimeLookup): PlayerEvents['speakerchange'] => {
      const speakerId = cues?.[recentIndex]?.speakerId ?? null;
      const speaker = episode.speakers.find((candidate) => candidate.id === speakerId);
      return { speakerId, name: speaker?.name ?? null };
    },
    [cues, episode.speakers],
  );
  const describeChapter = useCallback(
    ({ index }: TimeLookup): PlayerEvents['chapterchange'] => {
      const chapter = chapters[index];
      return { chapterId: chapter?.id || null, question: chapter?.question ?? null };
    },
    [chapters],
  );
  useFollowerEvent(channel, cueFollower, 'cuechange', describeCue);
  useFollowerEvent(channel, cueFollower, 'speakerchange', describeSpeaker);
  useFollowerEvent(channel, chapterFollower, 'chapterchange', describeChapter);
  useMediaEvents(channel, media);
  useWordEvents(channel, useTranscriptWords(cues), cues);

  const shownLang = input.shownLang;
  useChangeEvent(channel, 'languagechange', shownLang ? { lang: shownLang } : null);
  const mediaError = usePlayback((state) => state.error);
  const problem = mediaError ?? errorText(input.transcriptError);
  useChangeEvent(channel, 'error', problem ? { message: problem } : null);

  // Ready: the media knows its duration (or has failed) and the transcript has settled.
  const duration = usePlayback((state) => state.duration);
  const atStart = usePlayback(
    (state) =>
      input.startTime === null ||
      (!state.seeking &&
        Math.abs(state.currentTime - Math.min(input.startTime, state.duration)) <
          START_TOLERANCE_S),
  );
  const mediaSettled = (Number.isFinite(duration) && atStart) || mediaError !== null;
  const transcriptSettled = cues !== undefined || Boolean(input.transcriptError);
  const readyPayload = useMemo(
    () =>
      media && mediaSettled && transcriptSettled && input.chaptersSettled
        ? {
            currentTime: media.currentTime,
            duration: Number.isFinite(duration) ? duration : null,
            lang: track.lang,
            title: episode.title,
          }
        : null,
    [
      media,
      mediaSettled,
      transcriptSettled,
      input.chaptersSettled,
      duration,
      track.lang,
      episode.title,
    ],
  );
  useOnceEvent(channel, 'ready', readyPayload);

  const chooseLanguage = useLanguageSwitch(input.requestLanguage, shownLang, input.transcriptError);
  useEmbedCommands(channel, () => {
    const cueLookup = cueFollower?.get();
    const chapterIndex = chapterFollower?.get().index ?? -1;
    return {
      media,
      episode,
      lang: track.lang,
      cues: cues ?? [],
      cueIndex: cueLookup?.index ?? -1,
      recentCueIndex: cueLookup?.recentIndex ?? -1,
      chapterId: chapters[chapterIndex]?.id || null,
      seek: runtime.seek,
      chooseLanguage,
    };
  });
}
