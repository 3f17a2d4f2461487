/**
 * embed.js, the partner loader (Contract 4). It turns every `div[data-redbox-episode]` — now and
 * whenever one is added — into a player, and offers `window.RedBoxPlayer.create/get`. Loading it
 * twice is harmless: the first copy serves the page.
 */
import type { EmbedSettings } from '../features/shared/embed-params.ts';
import {
  createPlayer,
  type PlayerController,
  type PlayerHandle,
  type PlayerOptions,
} from './player-controller.ts';
import { loaderScriptUrl, playerHostOf, type PlayerHost } from './script-url.ts';

export interface RedBoxPlayerApi {
  create(target: Element | string, options: PlayerOptions): Promise<PlayerController>;
  get(element: Element | string): Promise<PlayerController>;
  readonly version: 1;
}

declare global {
  interface Window {
    RedBoxPlayer?: RedBoxPlayerApi;
  }
}

const SELECTOR = 'div[data-redbox-episode]';

/** `data-redbox-*` attributes, mirroring the query parameters. */
function settingsOf(element: HTMLElement): PlayerOptions {
  const data = element.dataset;
  const settings: Record<keyof EmbedSettings, string | undefined> = {
    lang: data.redboxLang,
    t: data.redboxT,
    transcript: data.redboxTranscript,
    transcriptHeight: data.redboxTranscriptHeight,
    captions: data.redboxCaptions,
    autoplay: data.redboxAutoplay,
  };
  return { episode: data.redboxEpisode ?? '', ...settings };
}

function install(player: PlayerHost): RedBoxPlayerApi {
  const handles = new Map<Element, PlayerHandle>();
  const forget = (handle: PlayerHandle): void => {
    if (handles.get(handle.host) === handle) handles.delete(handle.host);
  };

  function start(host: HTMLElement, options: PlayerOptions): PlayerHandle {
    const handle = createPlayer(host, options, player, forget);
    handles.set(host, handle);
    return handle;
  }

  function adopt(element: Element): PlayerHandle | null {
    if (!(element instanceof HTMLElement) || !element.matches(SELECTOR)) return null;
    const existing = handles.get(element);
    if (existing) return existing;
    try {
      return start(element, settingsOf(element));
    } catch (error) {
      console.warn((error as Error).message);
      return null;
    }
  }

  function adoptWithin(root: ParentNode): void {
    if (root instanceof Element) adopt(root);
    root.querySelectorAll(SELECTOR).forEach(adopt);
  }

  function resolveElement(target: Element | string): Element | null {
    if (typeof target !== 'string') return target instanceof Element ? target : null;
    try {
      return document.querySelector(target);
    } catch {
      return null;
    }
  }

  adoptWithin(document);
  // Players added later (single-page apps, lazy content) become players as they arrive; players
  // whose element left the page are destroyed, so nothing keeps listening for them.
  new MutationObserver((records) => {
    for (const record of records) {
      record.addedNodes.forEach((node) => {
        if (node instanceof Element) adoptWithin(node);
      });
    }
    for (const [host, handle] of handles) if (!host.isConnected) handle.controller.destroy();
  }).observe(document.documentElement, { childList: true, subtree: true });

  return {
    version: 1,
    create(target, options) {
      const host = resolveElement(target);
      if (!(host instanceof HTMLElement)) {
        return Promise.reject(new Error(`[red-box] create: no element for ${String(target)}`));
      }
      if (handles.has(host)) {
        return Promise.reject(
          new Error('[red-box] create: this element already holds a player; destroy() it first'),
        );
      }
      try {
        return start(host, { ...options, episode: options?.episode }).ready;
      } catch (error) {
        return Promise.reject(error);
      }
    },
    get(target) {
      const element = resolveElement(target);
      const handle = element ? (handles.get(element) ?? adopt(element)) : null;
      if (!handle) {
        return Promise.reject(
          new Error(`[red-box] get: ${String(target)} is not a div[data-redbox-episode] player`),
        );
      }
      return handle.ready;
    },
  };
}

if (!window.RedBoxPlayer) {
  const scriptUrl = loaderScriptUrl();
  if (scriptUrl) window.RedBoxPlayer = install(playerHostOf(scriptUrl));
  else console.warn('[red-box] embed.js could not find its own URL; load it with <script src>');
}
