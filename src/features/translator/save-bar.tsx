/**
 * Save (or, without a save API, "Download .vtt"), undo and redo, and where the work stands:
 * unsaved and kept as a draft, saved to the file, or refused (with the server's message).
 */
import { memo } from 'react';
import type { SaveMode } from '../../data/translation-api.ts';
import { CONTRACT_NAMES, useTranslatorText } from './translator-messages.ts';
import type { SaveStatus } from './use-saver.ts';

function clock(at: number): string {
  return new Date(at).toLocaleTimeString();
}

export const SaveBar = memo(function SaveBar({
  mode,
  status,
  unsaved,
  draftSavedAt,
  draftsUnavailable,
  hasChapters,
  canUndo,
  canRedo,
  onSave,
  onDownloadChapters,
  onUndo,
  onRedo,
}: {
  mode: SaveMode;
  status: SaveStatus;
  unsaved: boolean;
  draftSavedAt: number | null;
  draftsUnavailable: boolean;
  hasChapters: boolean;
  canUndo: boolean;
  canRedo: boolean;
  onSave: () => void;
  onDownloadChapters: () => void;
  onUndo: () => void;
  onRedo: () => void;
}) {
  const t = useTranslatorText();
  const state =
    status.kind === 'saving'
      ? t.saving
      : unsaved
        ? t.unsaved
        : status.kind === 'saved'
          ? t.savedAt(clock(status.at))
          : status.kind === 'nothing'
            ? t.nothingToSave
            : mode === 'api'
              ? t.allSaved
              : '';
  return (
    <div className="t-savebar">
      <div className="t-savebar__buttons">
        <button
          type="button"
          className="button t-savebar__save"
          onClick={onSave}
          disabled={status.kind === 'saving'}
        >
          {mode === 'api' ? CONTRACT_NAMES.save : CONTRACT_NAMES.download}
        </button>
        {mode === 'static' && hasChapters && (
          <button type="button" className="t-button" onClick={onDownloadChapters}>
            {t.downloadChapters}
          </button>
        )}
        <button type="button" className="t-button" onClick={onUndo} disabled={!canUndo}>
          {t.undo}
        </button>
        <button type="button" className="t-button" onClick={onRedo} disabled={!canRedo}>
          {t.redo}
        </button>
      </div>
      <p className="t-savebar__state" role="status">
        {state}
        {unsaved && draftSavedAt !== null && ` ${t.draftSavedAt(clock(draftSavedAt))}`}
      </p>
      {mode === 'static' && <p className="t-savebar__hint">{t.staticMode}</p>}
      {draftsUnavailable && (
        <p className="t-alert" role="alert">
          {t.draftsUnavailable}
        </p>
      )}
      {status.kind === 'failed' && (
        <p className="t-alert" role="alert">
          {t.saveFailed} {status.message}
        </p>
      )}
    </div>
  );
});
