/**
 * The checks of the whole workspace in one list: errors first, each entry a button that takes the
 * keyboard to its row. Long lists are cut (the rows still show every finding).
 */
import type { Finding } from '../../core/cue-model.ts';
import type { RowChecks } from '../../core/translation-checks.ts';
import { useRuleReasons, useTranslatorText } from './translator-messages.ts';
import type { FileKind, RowRef } from './workspace-session.ts';

const SHOWN_AT_MOST = 200;

interface SummaryEntry {
  readonly finding: Finding;
  /** The row it sits on (null: the file lacks the row, e.g. a missing id). */
  readonly ref: RowRef | null;
}

function entriesOf(kind: FileKind, checks: RowChecks | null): SummaryEntry[] {
  if (!checks) return [];
  const onRows = checks.byRow.flatMap((findings, index) =>
    findings.map((finding) => ({ finding, ref: { kind, index } })),
  );
  const rowless = checks.all
    .filter((finding) => finding.rule === 'missing-translation')
    .map((finding) => ({ finding, ref: null }));
  return [...rowless, ...onRows];
}

export function ChecksSummary({
  checks,
  onJump,
}: {
  checks: ReadonlyArray<readonly [FileKind, RowChecks | null]>;
  onJump: (ref: RowRef) => void;
}) {
  const t = useTranslatorText();
  const reasons = useRuleReasons();
  const entries = checks
    .flatMap(([kind, result]) => entriesOf(kind, result))
    .sort(
      (a, b) => (a.finding.severity === 'error' ? 0 : 1) - (b.finding.severity === 'error' ? 0 : 1),
    );
  const errors = entries.filter((entry) => entry.finding.severity === 'error').length;
  const warnings = entries.length - errors;
  const shown = entries.slice(0, SHOWN_AT_MOST);

  return (
    <section className="t-panel t-checks" aria-labelledby="t-checks-heading">
      <h2 id="t-checks-heading" className="t-panel__title">
        {t.checksHeading}{' '}
        <span className="t-checks__count" role="status">
          {t.checksCount(errors, warnings)}
        </span>
      </h2>
      {entries.length === 0 ? (
        <p className="t-checks__clean">{t.checksClean}</p>
      ) : (
        <ul className="t-checks__list">
          {shown.map(({ finding, ref }, i) => (
            <li key={i} className={`t-finding t-finding--${finding.severity}`}>
              {ref && finding.cueId !== undefined ? (
                <button
                  type="button"
                  className="t-checks__jump"
                  aria-label={`${t.jumpTo(finding.cueId)}: ${finding.rule}`}
                  onClick={() => onJump(ref)}
                >
                  {finding.cueId}
                </button>
              ) : (
                <span className="t-checks__jump t-checks__jump--none">{finding.cueId ?? '—'}</span>
              )}{' '}
              <span className="t-finding__badge">{finding.severity}</span>{' '}
              <span className="t-finding__rule">{finding.rule}</span>: {finding.message}{' '}
              <span className="t-finding__why">
                {t.why} {reasons[finding.rule]}
              </span>
            </li>
          ))}
          {entries.length > shown.length && <li>{t.checksMore(entries.length - shown.length)}</li>}
        </ul>
      )}
    </section>
  );
}
