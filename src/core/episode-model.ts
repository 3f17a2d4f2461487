/**
 * episode.json (Contract 1) as a type. The required fields are fixed by the contract; everything
 * else is optional, and a reader must cope with any of it being absent.
 */

/** A media source, as on a `<source>` element. `src` is relative to the episode folder or https. */
export interface MediaSource {
  readonly src: string;
  readonly type: string;
}

export interface EpisodeMedia {
  readonly sources: readonly MediaSource[];
  readonly poster?: string;
  /** Seconds. */
  readonly duration?: number;
  /** Frames per second; 25 when absent (the minimum gap between cues is 2 frames). */
  readonly frameRate?: number;
  /**
   * The precomputed waveform (peaks and speech regions, `src/core/waveform.ts`) the translator
   * workspace draws and snaps cue edges to; made by `npm run media` and `npm run import`.
   */
  readonly waveform?: string;
  /** A sentence about the media shown under the video (e.g. that it is a stand-in). */
  readonly note?: string;
}

export interface Speaker {
  readonly id: string;
  /** The only name shown anywhere; for an anonymous speaker, a pseudonym. */
  readonly name: string;
  /** Image path; never published for an anonymous speaker. */
  readonly portrait?: string;
  /** True: `name` is a pseudonym, a silhouette stands in for any portrait. */
  readonly anonymous?: boolean;
  /** `#rrggbb`, the speaker's colour in the timeline and portraits. */
  readonly color?: string;
}

export interface Track {
  /** BCP 47 tag, matched ignoring case. */
  readonly lang: string;
  readonly label: string;
  /** File name of the transcript, `transcript.<lang>.vtt`. */
  readonly transcript: string;
  /** File name of the chapters (the questions), `chapters.<lang>.vtt`. */
  readonly chapters?: string;
}

export interface Credit {
  readonly role: string;
  readonly name: string;
  readonly url?: string;
}

export interface Episode {
  /** Lowercase letters, digits and '-'; equals the folder name. */
  readonly id: string;
  readonly title: string;
  /** `YYYY-MM-DD`. */
  readonly published: string;
  /** The track whose timings are authoritative. */
  readonly sourceLanguage: string;
  readonly media: EpisodeMedia;
  readonly speakers: readonly Speaker[];
  readonly tracks: readonly Track[];
  readonly series?: string;
  readonly summary?: string;
  readonly credits?: readonly Credit[];
}

/** The default frame rate of Contract 1. */
export const DEFAULT_FRAME_RATE = 25;

/** Episode ids: lowercase letters, digits and '-'. */
export const EPISODE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Find a track by language, ignoring case (Contract 1). */
export function findTrack(episode: Pick<Episode, 'tracks'>, lang: string): Track | undefined {
  const wanted = lang.toLowerCase();
  return episode.tracks.find((track) => track.lang.toLowerCase() === wanted);
}

/** The source-language track (its timings are authoritative). */
export function sourceTrack(
  episode: Pick<Episode, 'tracks' | 'sourceLanguage'>,
): Track | undefined {
  return findTrack(episode, episode.sourceLanguage);
}

/** One row of the generated episode index (`episodes/index.json`), for the episode list. */
export interface EpisodeSummary {
  readonly id: string;
  readonly title: string;
  readonly published: string;
  readonly series?: string;
  readonly summary?: string;
  /** Seconds, when known. */
  readonly duration?: number;
  /** URL of the poster, relative to the episodes root (`<id>/media/poster.jpg`). */
  readonly poster?: string;
  readonly sourceLanguage: string;
  readonly languages: readonly { readonly lang: string; readonly label: string }[];
}
