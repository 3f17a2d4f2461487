/**
 * "Share / Embed": a link to the current moment and the partner snippet, each with a copy button,
 * in an accessible modal dialog (labelled, focus moves in and back, Escape closes). The button
 * also puts the oEmbed discovery link in the page's head.
 */
import { useId, useRef, useState } from 'react';
import type { Episode } from '../../core/episode-model.ts';
import { formatClock } from '../../core/time-format.ts';
import { useEmbedMessages } from '../shared/embed-messages.ts';
import { pageBaseUrl } from '../shared/page-base-url.ts';
import { embedSnippet, watchUrl } from '../shared/share-links.ts';
import { useOembedDiscoveryLink } from '../shared/use-oembed-link.ts';
import { usePlayerRuntime } from '../shared/player-runtime.tsx';
import './share-dialog.css';
import { useHydrated } from '../shared/hydration.ts';

interface ShareContent {
  readonly link: string;
  readonly time: number;
  readonly snippet: string;
}

export function ShareEmbedButton({ episode, lang }: { episode: Episode; lang: string }) {
  const m = useEmbedMessages();
  const { clock } = usePlayerRuntime();
  useOembedDiscoveryLink(episode);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [content, setContent] = useState<ShareContent | null>(null);
  // A served page's button does nothing until the page is hydrated: it says so.
  const hydrated = useHydrated();

  const open = (): void => {
    const time = clock?.media.currentTime ?? 0;
    const base = pageBaseUrl();
    setContent({
      link: watchUrl(base, episode.id, { t: time, lang }),
      time,
      snippet: embedSnippet(base, episode.id, lang),
    });
    dialogRef.current?.showModal();
  };
  const close = (): void => {
    setContent(null);
    buttonRef.current?.focus();
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="button share-button"
        aria-haspopup="dialog"
        onClick={open}
        disabled={!hydrated}
      >
        {m.shareButton}
      </button>
      <ShareDialog dialogRef={dialogRef} content={content} onClose={close} />
    </>
  );
}

function ShareDialog({
  dialogRef,
  content,
  onClose,
}: {
  dialogRef: React.RefObject<HTMLDialogElement | null>;
  content: ShareContent | null;
  onClose: () => void;
}) {
  const m = useEmbedMessages();
  const titleId = useId();
  return (
    // A native modal dialog: the browser traps focus and closes it on Escape ('close' event).
    <dialog ref={dialogRef} className="share-dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId} className="share-dialog__title">
        {m.shareTitle}
      </h2>
      {content && (
        <>
          <CopyField
            label={m.shareLinkLabel}
            copyLabel={m.copyLink}
            hint={content.time > 0 ? m.shareLinkHint(formatClock(content.time)) : undefined}
            value={content.link}
            autoFocus
          />
          <CopyField
            label={m.embedCodeLabel}
            copyLabel={m.copyCode}
            hint={m.embedCodeHint}
            value={content.snippet}
            multiline
          />
          <p>
            <a href={`${pageBaseUrl()}embedding.html`} target="_blank" rel="noopener">
              {m.embedDocs}
            </a>
          </p>
        </>
      )}
      <form method="dialog" className="share-dialog__actions">
        <button type="submit" className="button">
          {m.close}
        </button>
      </form>
    </dialog>
  );
}

/** A read-only field with its label and a copy button that says whether copying worked. */
function CopyField({
  label,
  copyLabel,
  hint,
  value,
  multiline = false,
  autoFocus = false,
}: {
  label: string;
  copyLabel: string;
  hint?: string;
  value: string;
  multiline?: boolean;
  autoFocus?: boolean;
}) {
  const m = useEmbedMessages();
  const id = useId();
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');
  const fieldRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const copy = (): void => {
    navigator.clipboard.writeText(value).then(
      () => setStatus('copied'),
      () => {
        setStatus('failed');
        fieldRef.current?.select();
      },
    );
  };
  const fieldProps = {
    id,
    ref: fieldRef,
    value,
    readOnly: true,
    autoFocus,
    className: 'share-dialog__field',
    'aria-describedby': hint ? `${id}-hint` : undefined,
    onFocus: (event: React.FocusEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      event.currentTarget.select(),
  };
  return (
    <div className="share-dialog__group">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="share-dialog__hint">
          {hint}
        </p>
      )}
      <div className="share-dialog__row">
        {multiline ? <textarea rows={4} {...fieldProps} /> : <input type="text" {...fieldProps} />}
        <button type="button" className="button" onClick={copy}>
          {copyLabel}
        </button>
      </div>
      <p className="share-dialog__status" role="status">
        {status === 'copied' ? m.copied : status === 'failed' ? m.copyFailed : ''}
      </p>
    </div>
  );
}
