/**
 * The episode files a pre-rendered watch or embed page carries for its first screen (issue 19):
 * episode.json and the source language's transcript and chapters, as the exact text of the
 * published files, in a `<script type="application/json">` element. The viewer seeds its queries
 * from it (src/data/served-page-data.ts), so the transcript is interactive without waiting for a
 * script to start a fetch of episode.json, then of the cue files, one after another.
 *
 * Files too big to be worth inlining (a three-hour transcript) get a preload hint instead, so
 * their download starts with the document's.
 *
 * The data goes at the end of the body, not in the head: the app reads it only once the document
 * is parsed (its module scripts run then), and in the head its tens of kB would stand between the
 * browser and the app's scripts and stylesheets, found later by as long as they take to arrive
 * (about 150 ms for 30 kB at 1.6 Mbps).
 */
import { sourceTrack, type Episode } from '../core/episode-model.ts';
import type { EpisodeSource } from '../core/episode-load.ts';
import { SERVED_DATA_ELEMENT_ID, type ServedPageData } from '../data/served-page-data.ts';
import { escapeHtml, jsonForScript } from './static-page.ts';

/**
 * Text files up to this many characters are inlined (the bundled 94-cue transcript is about
 * 30,000); bigger ones are preloaded. Inlined text is parsed on the main thread, and the viewer
 * parses files from this size on in a worker (src/data/parse-off-thread.ts).
 */
export const INLINE_UP_TO_CHARS = 100_000;

/** The files of an episode that its first screen needs, relative to its folder. */
function firstScreenFiles(episode: Episode): string[] {
  const track = sourceTrack(episode) ?? episode.tracks[0];
  const files = [track?.transcript, track?.chapters].filter((file): file is string =>
    Boolean(file && !/^https:\/\//i.test(file)),
  );
  return files;
}

/** An episode page's served data: preload hints for its head, the data for the body's end. */
export interface ServedDataTags {
  /** Every file the page's first screen shows, as the app reads it (for the server's render). */
  readonly shown: ServedPageData;
  /** Whether the page carries all of them (none too big to inline): the browser's first render then has them all. */
  readonly complete: boolean;
  readonly head: string;
  readonly bodyEnd: string;
}

/**
 * The tags for an episode's page: the inlined data, and preload hints for what is too big to
 * inline. `base` is the app's base path (Vite `base`), so the hints name the URLs the viewer
 * requests (src/data/episode-urls.ts).
 */
export async function servedDataTags(
  episode: Episode,
  source: EpisodeSource,
  base: string,
): Promise<ServedDataTags> {
  const fileUrl = (file: string) =>
    `${base}episodes/${[episode.id, ...file.split('/')].map(encodeURIComponent).join('/')}`;
  const data: ServedPageData = { episodeId: episode.id, files: {} };
  const shown: ServedPageData = { episodeId: episode.id, files: {} };
  const preloads: string[] = [];
  for (const file of ['episode.json', ...firstScreenFiles(episode)]) {
    const text = await source.readText(file);
    if (text === null) continue;
    shown.files[file] = text;
    if (text.length <= INLINE_UP_TO_CHARS) data.files[file] = text;
    else {
      preloads.push(
        `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeHtml(fileUrl(file))}" />`,
      );
    }
  }
  // The poster is the first screen's largest image: fetched with the document, not after the
  // scripts have mounted the player.
  const poster = episode.media.poster;
  if (poster) {
    const href = /^https:\/\//i.test(poster) ? poster : fileUrl(poster);
    preloads.push(
      // crossorigin as the video has it (its poster is fetched in CORS mode), or it fetches twice.
      `<link rel="preload" as="image" fetchpriority="high" crossorigin="anonymous" href="${escapeHtml(href)}" />`,
    );
  }
  return {
    shown,
    complete: Object.keys(shown.files).length === Object.keys(data.files).length,
    head: preloads.join('\n    '),
    bodyEnd: `<script type="application/json" id="${SERVED_DATA_ELEMENT_ID}">${jsonForScript(data)}</script>`,
  };
}
