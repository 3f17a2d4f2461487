/**
 * The embed's footer: the credits (LiNK and The Red Box, always visible) and a way out to the
 * full viewer at the same moment. Links leave the partner's page in a new tab.
 */
import type { MouseEvent } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import { useEmbedMessages } from '../shared/embed-messages.ts';
import { watchUrl } from '../shared/share-links.ts';
import { pageBaseUrl } from '../shared/page-base-url.ts';
import { appBase } from '../../data/episode-urls.ts';
import { useHydrated } from '../shared/hydration.ts';

export function EmbedFooter({
  episode,
  lang,
  media,
}: {
  episode: Episode;
  lang: string;
  media: HTMLMediaElement | null;
}) {
  const m = useEmbedMessages();
  // The server knows the app's path, not the page's origin: the link is relative to the frame's
  // page (where it resolves the same) until the page is hydrated.
  const hydrated = useHydrated();
  const href = hydrated
    ? watchUrl(pageBaseUrl(), episode.id, { lang })
    : `${appBase()}watch/${encodeURIComponent(episode.id)}?lang=${encodeURIComponent(lang)}`;
  // The link opens the viewer where the embed is now: its href is set as it is followed.
  const followAtNow = (event: MouseEvent<HTMLAnchorElement>): void => {
    event.currentTarget.href = watchUrl(pageBaseUrl(), episode.id, { t: media?.currentTime, lang });
    media?.pause();
  };
  return (
    <footer className="embed__footer">
      <span className="embed__credits">{m.embedCredits}</span>
      {episode.media.note && (
        <details className="embed__about">
          <summary>
            <span aria-hidden="true">ⓘ</span>
            <span className="visually-hidden">{m.aboutMedia}</span>
          </summary>
          <p>{episode.media.note}</p>
        </details>
      )}
      <a className="embed__watch" href={href} target="_blank" rel="noopener" onClick={followAtNow}>
        {m.watchOnRedBox}
      </a>
    </footer>
  );
}
