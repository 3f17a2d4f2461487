/**
 * The iframe of one player: created at once as the host element's only child, lazy, with its
 * height reserved from the embed's layout (so the partner's page does not shift when it loads),
 * then kept at the height the player reports (so it never scrolls inside).
 */
import { embedLayout, type EmbedLayoutOptions } from '../features/shared/embed-layout.ts';

export interface PlayerFrame {
  readonly iframe: HTMLIFrameElement;
  /** The player's own measure of its height: from now on it wins over the estimate. */
  setReportedHeight(height: number): void;
  setTitle(title: string): void;
  remove(): void;
}

const MAX_HEIGHT = 10_000;

export function createPlayerFrame(
  host: HTMLElement,
  src: string,
  layout: EmbedLayoutOptions,
  title: string,
): PlayerFrame {
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = title;
  iframe.setAttribute('loading', 'lazy');
  iframe.setAttribute('allow', 'autoplay; fullscreen; picture-in-picture');
  iframe.setAttribute('allowfullscreen', '');
  iframe.style.cssText = 'display:block;width:100%;border:0;margin:0;padding:0';
  host.replaceChildren(iframe);

  let reported = false;
  let width = -1;
  const reserve = (): void => {
    const now = iframe.getBoundingClientRect().width;
    if (reported || now === width) return;
    width = now;
    iframe.style.height = `${embedLayout(now, layout).height}px`;
  };
  reserve();
  // Until the player reports, a wider or narrower host re-estimates the height.
  const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(reserve) : null;
  observer?.observe(iframe);

  return {
    iframe,
    setReportedHeight(height) {
      if (!Number.isFinite(height) || height <= 0 || height > MAX_HEIGHT) return;
      reported = true;
      observer?.disconnect();
      iframe.style.height = `${Math.ceil(height)}px`;
    },
    setTitle(next) {
      iframe.title = next;
    },
    remove() {
      observer?.disconnect();
      iframe.remove();
    },
  };
}
