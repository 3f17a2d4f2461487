/**
 * Two versions of a file, row by row: the translator's and the one on disk (changed by another
 * tab, another person or a text editor). Each differing row keeps one side; the side that changed
 * a row is suggested. Nothing is written until the merge is applied and saved.
 */
import { useId, useMemo, useState } from 'react';
import {
  diffRows,
  mergeRows,
  suggestedChoice,
  type RowChoice,
  type RowVersion,
} from '../../core/translation-align.ts';
import type { CueDocument } from '../../core/translation-edit.ts';
import { directionOf } from '../../core/language.ts';
import { formatCueTime } from './row-parts.tsx';
import { useTranslatorText } from './translator-messages.ts';

export interface MergeRequest {
  readonly fileName: string;
  readonly mine: CueDocument;
  readonly theirs: CueDocument;
  /** The version both started from, when known (for the suggestions). */
  readonly base: CueDocument | null;
  /** Why: a refused save, a change seen on disk, or a draft older than the file. */
  readonly reason: 'conflict' | 'disk' | 'draft';
}

function VersionText({ version, lang }: { version: RowVersion | undefined; lang: string }) {
  const t = useTranslatorText();
  if (!version) return <p className="t-merge__text t-merge__text--none">{t.missingRow}</p>;
  return (
    <div className="t-merge__text">
      <p lang={lang} dir={directionOf(lang)}>
        {version.cue.text || t.emptyText}
      </p>
      <p className="t-merge__meta" dir="ltr">
        {formatCueTime(version.cue.startTime)} → {formatCueTime(version.cue.endTime)}
        {version.cue.voice ? ` · ${version.cue.voice}` : ''}
        {version.note ? ` · ${version.note}` : ''}
      </p>
    </div>
  );
}

export function MergePanel({
  request,
  lang,
  onApply,
  onCancel,
}: {
  request: MergeRequest;
  lang: string;
  onApply: (merged: CueDocument) => void;
  onCancel: () => void;
}) {
  const t = useTranslatorText();
  const headingId = useId();
  const differences = useMemo(() => diffRows(request.mine, request.theirs), [request]);
  const [choices, setChoices] = useState(
    () =>
      new Map<string, RowChoice>(
        differences.map((difference) => [difference.id, suggestedChoice(difference, request.base)]),
      ),
  );
  const choose = (id: string, choice: RowChoice): void =>
    setChoices((current) => new Map(current).set(id, choice));
  const chooseAll = (choice: RowChoice): void =>
    setChoices(new Map(differences.map((difference) => [difference.id, choice])));

  return (
    <section className="t-panel t-merge" aria-labelledby={headingId}>
      <h2 id={headingId} className="t-panel__title">
        {t.mergeHeading(request.fileName)}
      </h2>
      <p className="t-alert" role="alert">
        {request.reason === 'draft'
          ? t.draftOlderFile
          : request.reason === 'conflict'
            ? t.conflict(request.fileName)
            : t.changedOnDiskUnsaved(request.fileName)}
      </p>
      <p>{differences.length === 0 ? t.mergeNothing : t.mergeRows(differences.length)}</p>
      {differences.length > 0 && (
        <div className="t-merge__all">
          <button type="button" className="t-button" onClick={() => chooseAll('mine')}>
            {t.allMine}
          </button>
          <button type="button" className="t-button" onClick={() => chooseAll('theirs')}>
            {t.allTheirs}
          </button>
        </div>
      )}
      <ol className="t-merge__rows">
        {differences.map((difference) => {
          const name = `merge-${headingId}-${difference.id}`;
          const choice = choices.get(difference.id) ?? 'mine';
          return (
            <li key={difference.id} className="t-merge__row" data-merge-id={difference.id}>
              <fieldset>
                <legend>
                  <span className="t-row__id">{difference.id}</span>{' '}
                  <span className="t-merge__fields">
                    {t.differs(
                      difference.fields.map((field) => t.fieldNames[field] ?? field).join(', '),
                    )}
                  </span>
                </legend>
                <div className="t-merge__sides">
                  {(['mine', 'theirs'] as const).map((side) => (
                    <label
                      key={side}
                      className={
                        choice === side ? 't-merge__side t-merge__side--chosen' : 't-merge__side'
                      }
                    >
                      <span className="t-merge__choice">
                        <input
                          type="radio"
                          name={name}
                          checked={choice === side}
                          onChange={() => choose(difference.id, side)}
                        />{' '}
                        {side === 'mine' ? t.keepMine : t.takeTheirs}
                      </span>
                      <VersionText version={difference[side]} lang={lang} />
                    </label>
                  ))}
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="t-merge__actions">
        <button
          type="button"
          className="button"
          onClick={() => onApply(mergeRows(request.mine, request.theirs, choices))}
        >
          {t.applyMerge}
        </button>
        <button type="button" className="t-button" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    </section>
  );
}
