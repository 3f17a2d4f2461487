/**
 * What the player does for each command from the host page. Every command settles when the media
 * element says it happened (a seek on its `seeked` event), never optimistically, or fails with a
 * reason a partner can show: unknown cue, unknown language, playback refused.
 */
import type { Seconds } from '../../core/cue-model.ts';
import type { Episode } from '../../core/episode-model.ts';
import { findTrack } from '../../core/episode-model.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { Command, PlayerState } from './embed-protocol.ts';

/** What the commands need from the player, read when a command arrives. */
export interface CommandContext {
  readonly media: HTMLMediaElement | null;
  readonly episode: Episode;
  readonly lang: string;
  readonly cues: readonly ParsedCue[];
  /** Index of the current cue (−1 in a gap), and of the cue last current (−1 before any). */
  readonly cueIndex: number;
  readonly recentCueIndex: number;
  readonly chapterId: string | null;
  /** Ask for a seek (the runtime's seek, so follow mode and the rest hear of it). */
  seek(time: Seconds): void;
  /** Show another language; settles once its transcript is shown. */
  chooseLanguage(lang: string): Promise<void>;
}

/** How long a seek may take before the command gives up with a reason. */
const SEEK_TIMEOUT_MS = 15_000;

function requireMedia(context: CommandContext): HTMLMediaElement {
  if (!context.media) throw new Error('the video is not loaded');
  return context.media;
}

/** Seek and settle on the media's own `seeked` event. */
function seekAndWait(context: CommandContext, time: Seconds): Promise<{ currentTime: number }> {
  const media = requireMedia(context);
  const duration = media.duration;
  const target = Number.isFinite(duration) ? Math.min(time, duration) : time;
  return new Promise((resolve, reject) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve({ currentTime: media.currentTime });
    };
    const timer = setTimeout(() => {
      media.removeEventListener('seeked', done);
      reject(new Error(`the seek to ${target} s did not finish`));
    }, SEEK_TIMEOUT_MS);
    media.addEventListener('seeked', done, { once: true });
    context.seek(target);
  });
}

async function play(context: CommandContext): Promise<void> {
  const media = requireMedia(context);
  try {
    await media.play();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new Error(`playback refused (${reason})`);
  }
}

/** The player's state now (Contract 4's getState). */
export function playerState(context: CommandContext): PlayerState {
  const media = context.media;
  const cue = context.cues[context.cueIndex];
  const recent = context.cues[context.recentCueIndex];
  const duration = media?.duration;
  return {
    currentTime: media?.currentTime ?? 0,
    duration: duration !== undefined && Number.isFinite(duration) ? duration : null,
    paused: media?.paused ?? true,
    playbackRate: media?.playbackRate ?? 1,
    lang: context.lang,
    cueId: cue?.id || null,
    speakerId: recent?.speakerId ?? null,
    chapterId: context.chapterId,
  };
}

/** Carry out one command. */
export async function runCommand(context: CommandContext, command: Command): Promise<unknown> {
  switch (command.name) {
    case 'play':
      return play(context);
    case 'pause':
      // `paused` is true as soon as pause() returns: the media has done it.
      requireMedia(context).pause();
      return undefined;
    case 'seek':
      return seekAndWait(context, command.seconds);
    case 'seekToCue': {
      const cue = context.cues.find((candidate) => candidate.id === command.cueId);
      if (!cue) throw new Error(`unknown cue "${command.cueId}" in the ${context.lang} transcript`);
      return seekAndWait(context, cue.startTime);
    }
    case 'setLanguage': {
      const track = findTrack(context.episode, command.lang);
      if (!track) {
        const known = context.episode.tracks.map((candidate) => candidate.lang).join(', ');
        throw new Error(`unknown language "${command.lang}" (this episode has ${known})`);
      }
      await context.chooseLanguage(track.lang);
      return { lang: track.lang };
    }
    case 'getState':
      return playerState(context);
    case 'listen':
      // Answered by the channel itself (embed-channel.ts); nothing for the player to do.
      return undefined;
  }
}
