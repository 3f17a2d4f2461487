/**
 * Whether the viewer's announcements (who speaks, which question) are on: off unless the reader
 * turned them on in this browser. React-free, so the pre-rendered watch page's first script
 * (served-watch-start.ts) shows the same setting the app will.
 */
import { readPreference, writePreference } from '../shared/local-preference.ts';

const KEY = 'red-box:announce';

/** The reader's choice, remembered in this browser. */
export function announcementsOn(): boolean {
  return readPreference(KEY) === 'on';
}

/** Remember the reader's choice. */
export function rememberAnnouncements(on: boolean): void {
  writePreference(KEY, on ? 'on' : null);
}

/** The pre-rendered watch page's "Announce" box, set as the app will set it (served-watch-start.ts). */
export const SERVED_ANNOUNCE_ID = 'served-announce';
