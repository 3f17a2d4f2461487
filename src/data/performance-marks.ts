/**
 * User Timing marks for the moments `npm run bench` measures (and DevTools shows): a cue file
 * fetched and parsed, the transcript panel interactive. One mark per file load, never per cue,
 * so the performance buffer does not grow while a video plays.
 */

export const MARKS = {
  fileFetched: 'red-box:file-fetched',
  fileParsed: 'red-box:file-parsed',
  panelInteractive: 'red-box:panel-interactive',
} as const;

/** Record a mark with details (no-op where the User Timing API is missing). */
export function mark(name: string, detail?: Record<string, unknown>): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') {
    performance.mark(name, { detail });
  }
}
