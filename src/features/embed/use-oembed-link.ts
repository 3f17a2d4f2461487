/**
 * oEmbed discovery on the watch page: `<link rel="alternate" type="application/json+oembed">` in
 * the head, so sites that unfurl links (CMSs, chat apps) find the embed. Pre-rendered pages carry
 * the same tag in their HTML; then it is left as it is.
 */
import { useEffect } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import { pageBaseUrl } from './page-base-url.ts';
import { oembedUrl } from './share-links.ts';

export function useOembedDiscoveryLink(episode: Episode): void {
  useEffect(() => {
    const href = oembedUrl(pageBaseUrl(), episode.id);
    const existing = Array.from(
      document.head.querySelectorAll<HTMLLinkElement>('link[type="application/json+oembed"]'),
    );
    if (existing.some((link) => link.href === href)) return;
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/json+oembed';
    link.href = href;
    link.title = episode.title;
    document.head.appendChild(link);
    return () => link.remove();
  }, [episode.id, episode.title]);
}
