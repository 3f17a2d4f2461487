/**
 * User Timing marks for the moments `npm run bench` measures (and DevTools shows): a cue file
 * fetched and parsed, the transcript panel interactive. One mark per file load, never per cue,
 * so the performance buffer does not grow while a video plays.
 */

export const MARKS = {
  fileFetched: 'red-box:file-fetched',
  fileParsed: 'red-box:file-parsed',
  panelInteractive: 'red-box:panel-interactive',
  /** An archive list's data arrived ({ file }: index.json or questions.json). */
  listData: 'red-box:list-data',
  /** The first frame with an archive list on screen ({ page }: episodes or questions). */
  listInteractive: 'red-box:list-interactive',
  /** The first frame with the results of a search query ({ query, total }). */
  searchResults: 'red-box:search-results',
  /** The first frame with the workspace's waveform peaks drawn ({ columns }). */
  waveformDrawn: 'red-box:waveform-drawn',
} as const;

/** Mark at the next frame (when what was just rendered is on screen); returns a cancel. */
export function markNextFrame(name: string, detail?: Record<string, unknown>): () => void {
  if (typeof requestAnimationFrame !== 'function') return () => {};
  const frame = requestAnimationFrame(() => mark(name, detail));
  return () => cancelAnimationFrame(frame);
}

/** Record a mark with details (no-op where the User Timing API is missing). */
export function mark(name: string, detail?: Record<string, unknown>): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
    performance.mark(name, { detail });
  }
}
