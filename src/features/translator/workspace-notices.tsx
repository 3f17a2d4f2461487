/**
 * What the workspace has to tell the translator above the rows: a draft on offer, a file changed
 * on disk, rows added for missing ids, the source-language lock.
 */
import { useId, useState } from 'react';
import { CONTRACT_NAMES, useTranslatorText } from './translator-messages.ts';
import type { DraftOffer } from './use-drafts.ts';

function formatTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

/** A notice's two answers: the one it suggests, and the other. */
function Choice({
  yes,
  no,
  onYes,
  onNo,
}: {
  yes: string;
  no: string;
  onYes: () => void;
  onNo: () => void;
}) {
  return (
    <div className="t-notice__actions">
      <button type="button" className="button" onClick={onYes}>
        {yes}
      </button>
      <button type="button" className="t-button" onClick={onNo}>
        {no}
      </button>
    </div>
  );
}

export function DraftOfferNotice({
  checking,
  offer,
  onRestore,
  onDiscard,
}: {
  checking: boolean;
  offer: DraftOffer | null;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslatorText();
  const headingId = useId();
  if (checking) {
    return (
      <p className="t-notice" role="status">
        {t.checkingDraft}
      </p>
    );
  }
  if (!offer) return null;
  return (
    <section className="t-notice t-notice--draft" role="region" aria-labelledby={headingId}>
      <p id={headingId} className="t-notice__text">
        <time dateTime={new Date(offer.savedAt).toISOString()}>
          {t.draftOffer(formatTime(offer.savedAt), offer.rows)}
        </time>
      </p>
      <p className="t-notice__hint">{t.draftBlocksEditing}</p>
      <Choice
        yes={CONTRACT_NAMES.restoreDraft}
        no={CONTRACT_NAMES.discardDraft}
        onYes={onRestore}
        onNo={onDiscard}
      />
    </section>
  );
}

export function DiskChangeNotice({
  fileName,
  unsaved,
  onLoad,
  onDismiss,
}: {
  fileName: string;
  unsaved: boolean;
  onLoad: () => void;
  onDismiss: () => void;
}) {
  const t = useTranslatorText();
  return (
    <div className="t-notice t-notice--disk" role="alert">
      <p className="t-notice__text">
        {unsaved ? t.changedOnDiskUnsaved(fileName) : t.changedOnDisk(fileName)}
      </p>
      <Choice yes={t.loadFromDisk} no={t.keepWorking} onYes={onLoad} onNo={onDismiss} />
    </div>
  );
}

export function SourceLock({
  unlocked,
  onUnlock,
  onLock,
}: {
  unlocked: boolean;
  onUnlock: () => void;
  onLock: () => void;
}) {
  const t = useTranslatorText();
  const [confirming, setConfirming] = useState(false);
  return (
    <div className="t-notice t-notice--source">
      {!unlocked && <p className="t-notice__text">{t.sourceLocked}</p>}
      <label className="t-lock">
        <input
          type="checkbox"
          checked={unlocked || confirming}
          onChange={(event) => {
            if (event.target.checked) setConfirming(true);
            else {
              setConfirming(false);
              onLock();
            }
          }}
        />{' '}
        {t.unlockSource}
      </label>
      {confirming && !unlocked && (
        <div className="t-lock__confirm" role="alertdialog" aria-label={t.unlockSource}>
          <p>{t.unlockConfirm}</p>
          <Choice
            yes={t.unlockYes}
            no={t.unlockNo}
            onYes={() => {
              setConfirming(false);
              onUnlock();
            }}
            onNo={() => setConfirming(false)}
          />
        </div>
      )}
    </div>
  );
}
