/**
 * "Copy link to this line": a /watch URL with `cue=` (Contract 2) on the clipboard, and a short
 * confirmation. Where the clipboard is refused (permissions, insecure origins) the link is shown
 * so it can be copied by hand.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { appBase } from '../../data/episode-urls.ts';
import { useI18n } from './i18n.tsx';
import type { TranscriptRow } from './transcript-line.tsx';

const MESSAGE_MS = 4000;

/** The shareable URL of a line: the watch page at that cue, in that language. */
export function lineUrl(episodeId: string, cueId: string, lang: string): string {
  const url = new URL(`${appBase()}watch/${encodeURIComponent(episodeId)}`, window.location.origin);
  url.searchParams.set('cue', cueId);
  url.searchParams.set('lang', lang);
  return url.toString();
}

export function useCopyLineLink(episodeId: string, rows: readonly TranscriptRow[], lang: string) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const show = useCallback((text: string) => {
    setMessage(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setMessage(null), MESSAGE_MS);
  }, []);

  const copyLink = useCallback(
    (index: number) => {
      const cue = rows[index]?.cue;
      if (!cue) return;
      const url = lineUrl(episodeId, cue.id, lang);
      const clipboard = navigator.clipboard;
      if (!clipboard) {
        show(t.linkCopyFailed(url));
        return;
      }
      clipboard.writeText(url).then(
        () => show(t.linkCopied),
        () => show(t.linkCopyFailed(url)),
      );
    },
    [episodeId, rows, lang, show, t],
  );

  return { copyLink, message };
}
