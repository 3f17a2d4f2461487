/** The dev server's message to open pages when a file in episodes/ changes (shared by both). */

/** The custom HMR event the episodes plugin sends. */
export const EPISODE_FILE_EVENT = 'red-box:episode-file';

export interface EpisodeFileChange {
  /** The episode folder, or null for a change at the episodes root. */
  readonly episodeId: string | null;
  /** The file's path inside the episode folder (e.g. `transcript.ko.vtt`). */
  readonly file: string;
  readonly kind: 'change' | 'add' | 'unlink';
}
