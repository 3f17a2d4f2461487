/** The embed's layout for the iframe's current width (it re-renders only when the layout changes). */
import { useMemo, useSyncExternalStore, type CSSProperties } from 'react';
import {
  embedLayout,
  layoutProperties,
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

/** The layout's sizes as the root's style (see layoutProperties). */
export function layoutStyle(layout: EmbedLayout): CSSProperties {
  return layoutProperties(layout) as CSSProperties;
}
