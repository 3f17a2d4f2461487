/**
 * Importing a translation made in another tool: the SRT or VTT file's cues are matched to the
 * source rows (by id in WebVTT, else by time overlap) and shown row by row, the current text
 * beside the imported one. Only the rows left ticked are applied, in one undo step.
 */
import { memo, useId, useMemo, useState } from 'react';
import {
  matchImportedCues,
  readSubtitleFile,
  type ImportedFile,
  type ImportMatch,
} from '../../core/import-match.ts';
import { directionOf } from '../../core/language.ts';
import { setCueText, type CueDocument } from '../../core/translation-edit.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { useTranslatorText } from './translator-messages.ts';
import type { RowActions } from './use-workspace-session.ts';

interface PendingImport {
  readonly fileName: string;
  readonly file: ImportedFile;
  readonly match: ImportMatch;
}

export const ImportReview = memo(function ImportReview({
  source,
  document,
  lang,
  actions,
  readOnly,
}: {
  /** The source rows the import is matched to. */
  source: readonly ParsedCue[];
  /** The file being edited (its rows align with the source by id). */
  document: CueDocument;
  lang: string;
  actions: RowActions;
  readOnly: boolean;
}) {
  const t = useTranslatorText();
  const headingId = useId();
  const [pending, setPending] = useState<PendingImport | null>(null);
  const [skipped, setSkipped] = useState<ReadonlySet<number>>(new Set());
  const [message, setMessage] = useState('');
  const [inputKey, setInputKey] = useState(0);
  const rowIndexById = useMemo(
    () => new Map(document.cues.map((cue, index) => [cue.id, index] as const)),
    [document],
  );

  const choose = async (chosen: File | undefined): Promise<void> => {
    if (!chosen) return;
    const file = readSubtitleFile(await chosen.text(), chosen.name);
    setPending({ fileName: chosen.name, file, match: matchImportedCues(source, file.cues) });
    setSkipped(new Set());
    setMessage('');
  };

  const apply = (): void => {
    if (!pending) return;
    const chosen = pending.match.proposals.filter((proposal) => !skipped.has(proposal.sourceIndex));
    actions.replace('transcript', (current) =>
      chosen.reduce((edited, proposal) => {
        const index = rowIndexById.get(proposal.sourceId);
        return index === undefined ? edited : setCueText(edited, index, proposal.text);
      }, current),
    );
    setMessage(t.importApplied(chosen.length));
    setPending(null);
    setInputKey((key) => key + 1);
  };

  const toggle = (sourceIndex: number): void =>
    setSkipped((current) => {
      const next = new Set(current);
      if (next.has(sourceIndex)) next.delete(sourceIndex);
      else next.add(sourceIndex);
      return next;
    });

  const chosenCount = pending
    ? pending.match.proposals.filter((proposal) => !skipped.has(proposal.sourceIndex)).length
    : 0;

  return (
    <section className="t-panel t-import" aria-labelledby={headingId}>
      <h2 id={headingId} className="t-panel__title">
        {t.importHeading}
      </h2>
      <p className="t-panel__help">{t.importHelp}</p>
      <label className="t-import__file">
        {t.importLabel}
        <input
          key={inputKey}
          type="file"
          accept=".srt,.vtt,text/vtt,application/x-subrip"
          disabled={readOnly}
          onChange={(event) => void choose(event.target.files?.[0])}
        />
      </label>
      {message && (
        <p className="t-import__done" role="status">
          {message}
        </p>
      )}
      {pending && (
        <div className="t-import__review">
          <p role="status">
            {pending.match.proposals.length === 0
              ? t.importNothing
              : t.importReview(pending.fileName, pending.match.proposals.length)}
          </p>
          {pending.file.findings.length > 0 && (
            <details>
              <summary>{t.importFileProblems(pending.file.findings.length)}</summary>
              <ul>
                {pending.file.findings.map((finding, i) => (
                  <li key={i}>
                    {pending.fileName}:{finding.line}:{finding.col} {finding.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <ol className="t-import__rows">
            {pending.match.proposals.map((proposal) => {
              const sourceCue = source[proposal.sourceIndex]!;
              const rowIndex = rowIndexById.get(proposal.sourceId);
              const current = rowIndex === undefined ? '' : document.cues[rowIndex]!.text;
              return (
                <li
                  key={proposal.sourceIndex}
                  className="t-import__row"
                  data-import-id={proposal.sourceId}
                >
                  <label className="t-import__use">
                    <input
                      type="checkbox"
                      checked={!skipped.has(proposal.sourceIndex)}
                      onChange={() => toggle(proposal.sourceIndex)}
                      aria-label={t.importUse(proposal.sourceId)}
                    />
                    <span className="t-row__id">{proposal.sourceId}</span>{' '}
                    <span className="t-import__how">
                      {t.importMatchedBy(proposal.kind, Math.round(proposal.overlap * 100))}
                    </span>
                  </label>
                  <p className="t-import__source">{sourceCue.text}</p>
                  <p className="t-import__current" lang={lang} dir={directionOf(lang)}>
                    <span className="t-import__tag">{t.importCurrent}:</span>{' '}
                    {current || t.emptyText}
                  </p>
                  <p className="t-import__incoming" lang={lang} dir={directionOf(lang)}>
                    <span className="t-import__tag">{t.importIncoming}:</span> {proposal.text}
                  </p>
                </li>
              );
            })}
          </ol>
          {pending.match.unmatched.length > 0 && (
            <details>
              <summary>{t.importUnmatched(pending.match.unmatched.length)}</summary>
              <ul>
                {pending.match.unmatched.map((index) => {
                  const cue = pending.file.cues[index]!;
                  return (
                    <li key={index}>
                      {pending.fileName}:{cue.line} — {cue.text}
                    </li>
                  );
                })}
              </ul>
            </details>
          )}
          <div className="t-import__actions">
            <button type="button" className="button" disabled={chosenCount === 0} onClick={apply}>
              {t.importApply(chosenCount)}
            </button>
            <button
              type="button"
              className="t-button"
              onClick={() => {
                setPending(null);
                setInputKey((key) => key + 1);
              }}
            >
              {t.cancel}
            </button>
          </div>
        </div>
      )}
    </section>
  );
});
