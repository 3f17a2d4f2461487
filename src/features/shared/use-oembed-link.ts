/**
 * oEmbed discovery on the watch page: `<link rel="alternate" type="application/json+oembed">` in
 * the head, so sites that unfurl links (CMSs, chat apps) find the embed. Pre-rendered pages carry
 * the same tag in their HTML (with the public URL); then that one stands alone.
 */
import { useEffect } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import { pageBaseUrl } from './page-base-url.ts';
import { oembedUrl } from './share-links.ts';

export function useOembedDiscoveryLink(episode: Episode): void {
  useEffect(() => {
    // A pre-rendered page already names its oEmbed (with the public URL): one is enough.
    if (document.head.querySelector('link[type="application/json+oembed"]')) return;
    const link = document.createElement('link');
    link.rel = 'alternate';
    link.type = 'application/json+oembed';
    link.href = oembedUrl(pageBaseUrl(), episode.id);
    link.title = episode.title;
    document.head.appendChild(link);
    return () => link.remove();
  }, [episode.id, episode.title]);
}
