/** The embed's layout for the iframe's current width (it re-renders only when the layout changes). */
import { useMemo, useSyncExternalStore, type CSSProperties } from 'react';
import {
  EMBED_SIZES,
  embedLayout,
  type EmbedLayout,
  type EmbedLayoutOptions,
} from '../shared/embed-layout.ts';

function subscribeToWidth(listener: () => void): () => void {
  window.addEventListener('resize', listener);
  return () => window.removeEventListener('resize', listener);
}

/** The iframe's width in CSS pixels (the document's, so a scrollbar is not counted). */
const readWidth = (): number => document.documentElement.clientWidth;

export function useEmbedLayout({ transcript, transcriptHeight }: EmbedLayoutOptions): EmbedLayout {
  const width = useSyncExternalStore(subscribeToWidth, readWidth, () => 0);
  return useMemo(
    () => embedLayout(width, { transcript, transcriptHeight }),
    [width, transcript, transcriptHeight],
  );
}

/** The layout's sizes as CSS custom properties: the stylesheet never repeats a number. */
export function layoutStyle(layout: EmbedLayout): CSSProperties {
  return {
    '--embed-height': `${layout.height}px`,
    '--embed-question-height': `${EMBED_SIZES.questionHeight}px`,
    '--embed-speakers-height': `${EMBED_SIZES.speakersHeight}px`,
    '--embed-footer-height': `${EMBED_SIZES.footerHeight}px`,
    '--embed-side-width': `${layout.sideWidth}px`,
    '--embed-transcript-height': `${layout.transcriptHeight}px`,
  } as CSSProperties;
}
