/**
 * What the workspace has to tell the translator above the rows: drafts on offer, the same file
 * open in another tab, a file changed on disk, rows added for missing ids, the source-language lock.
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
  onChoose,
  onRestore,
  onDiscard,
}: {
  checking: boolean;
  offer: DraftOffer | null;
  onChoose: (index: number) => void;
  onRestore: () => void;
  onDiscard: () => void;
}) {
  const t = useTranslatorText();
  const headingId = useId();
  const name = useId();
  if (checking) {
    return (
      <p className="t-notice" role="status">
        {t.checkingDraft}
      </p>
    );
  }
  const chosen = offer?.choices[offer.chosen];
  if (!offer || !chosen) return null;
  const several = offer.choices.length > 1;
  return (
    <section className="t-notice t-notice--draft" role="region" aria-labelledby={headingId}>
      <p id={headingId} className="t-notice__text">
        {several ? (
          t.draftChoices(offer.choices.length)
        ) : (
          <time dateTime={new Date(chosen.savedAt).toISOString()}>
            {t.draftOffer(formatTime(chosen.savedAt), chosen.rows)} {t.draftRows(chosen.rowIds)}
          </time>
        )}
      </p>
      {several && (
        <fieldset className="t-draft-choices">
          <legend className="visually-hidden">{t.draftChoices(offer.choices.length)}</legend>
          {offer.choices.map((choice, index) => (
            <label key={choice.draft.tabId} className="t-draft-choice">
              <input
                type="radio"
                name={name}
                checked={index === offer.chosen}
                onChange={() => onChoose(index)}
              />{' '}
              <time dateTime={new Date(choice.savedAt).toISOString()}>
                {t.draftChoice(formatTime(choice.savedAt), choice.rows, choice.own)}
              </time>{' '}
              {t.draftRows(choice.rowIds)}
            </label>
          ))}
        </fieldset>
      )}
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

/** The file is open in another tab of this browser too (each tab keeps its own draft). */
export function OtherTabsNotice({ others }: { others: number }) {
  const t = useTranslatorText();
  if (others === 0) return null;
  return (
    <p className="t-notice t-notice--tabs" role="status">
      {t.otherTabs(others)}
    </p>
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
