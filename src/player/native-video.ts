/**
 * The browser's own `<video>`, shown from the first paint while video.js loads (issue 19): its
 * poster and play button are there at once, a click on a transcript line can seek it, and
 * pressing play plays. The video.js adapter (video-player.ts) adopts the same element when it
 * has loaded, so nothing is loaded twice and a play already started goes on.
 *
 * A pre-rendered page carries this element in its HTML (written from `nativeVideoHtml`); the app
 * takes it over (`captureServedVideo` before React's first commit empties the page, then
 * `takeServedVideo`). This module does not import video.js.
 */
import type { VideoSource } from './video-player.ts';

export interface NativeVideoOptions {
  readonly sources: readonly VideoSource[];
  readonly poster?: string;
  /** Accessible name, until video.js names its region. */
  readonly label: string;
  /** Muted autoplay (the embed's `autoplay=1`): buffers at once. */
  readonly autoplayMuted?: boolean;
}

/** Marks a pre-rendered page's video; its value is the episode id. */
const SERVED_ATTRIBUTE = 'data-red-box-video';

/** The attributes every native video gets (the adapter keeps them). */
function baseAttributes(options: NativeVideoOptions): [string, string][] {
  return [
    ['class', 'native-video'],
    ['controls', ''],
    ['playsinline', ''],
    // Only what seeking needs until the page is idle (VideoStage then raises it to 'auto'): the
    // media does not share a slow connection with the first screen's scripts.
    ['preload', options.autoplayMuted ? 'auto' : 'metadata'],
    ...(options.autoplayMuted
      ? ([
          ['muted', ''],
          ['autoplay', ''],
        ] as [string, string][])
      : []),
    ['crossorigin', 'anonymous'],
    ['aria-label', options.label],
    ...(options.poster ? ([['poster', options.poster]] as [string, string][]) : []),
  ];
}

/** A new native video with its sources (the browser plays the first it can). */
export function createNativeVideo(options: NativeVideoOptions): HTMLVideoElement {
  const media = document.createElement('video');
  for (const [name, value] of baseAttributes(options)) media.setAttribute(name, value);
  // The muted attribute sets only the default; autoplay is allowed only when muted.
  media.muted = Boolean(options.autoplayMuted);
  for (const source of options.sources) {
    const element = document.createElement('source');
    element.src = source.src;
    element.type = source.type;
    media.appendChild(element);
  }
  return media;
}

/** The same video as HTML for a pre-rendered page; `escape` escapes attribute values. */
export function nativeVideoHtml(
  episodeId: string,
  options: NativeVideoOptions,
  escape: (text: string) => string,
): string {
  const served: [string, string] = [SERVED_ATTRIBUTE, episodeId];
  const attributes = [...baseAttributes(options), served]
    .map(([name, value]) => (value === '' ? name : `${name}="${escape(value)}"`))
    .join(' ');
  const sources = options.sources
    .map((source) => `<source src="${escape(source.src)}" type="${escape(source.type)}" />`)
    .join('');
  return `<video ${attributes}>${sources}</video>`;
}

let served: HTMLVideoElement | null = null;
/** The markup of the served video's container, as served (null: none, or taken). */
let servedMarkup: string | null = null;

/**
 * Keep a reference to the pre-rendered page's video before React's first commit removes the
 * page's markup (call before rendering).
 */
export function captureServedVideo(): void {
  if (typeof document === 'undefined') return;
  served = document.querySelector<HTMLVideoElement>(`video[${SERVED_ATTRIBUTE}]`);
  servedMarkup = served?.parentElement?.innerHTML ?? null;
}

/**
 * The served video's container's markup, for a page React hydrates: the container keeps it as
 * its `dangerouslySetInnerHTML`, so the hydration adopts the served video instead of finding an
 * element React did not render (a mismatch). Not used up by reading: a hydration that is
 * interrupted (a click while it renders) renders again, and must find it again.
 */
export function servedVideoMarkup(episodeId: string): string | null {
  return served?.getAttribute(SERVED_ATTRIBUTE) === episodeId ? servedMarkup : null;
}

/** The pre-rendered video of this episode, once (null when there is none, or it was taken). */
export function takeServedVideo(episodeId: string): HTMLVideoElement | null {
  const video = served;
  if (!video || video.getAttribute(SERVED_ATTRIBUTE) !== episodeId) return null;
  served = null;
  servedMarkup = null;
  video.removeAttribute(SERVED_ATTRIBUTE);
  return video;
}
