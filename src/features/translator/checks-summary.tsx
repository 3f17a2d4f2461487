/**
 * The checks of the whole workspace in one panel, grouped by rule (errors first), each rule with
 * why it matters and its findings as buttons that take the keyboard to their row. Long groups are
 * cut (the rows still show every finding).
 */
import { memo } from 'react';
import type { Finding, RuleId } from '../../core/cue-model.ts';
import type { RowChecks } from '../../core/translation-checks.ts';
import { useRuleReasons, useTranslatorText } from './translator-messages.ts';
import type { FileKind, RowRef } from './workspace-session.ts';

/** Entries shown per rule; the rest are counted. */
const SHOWN_PER_RULE = 200;
/** Groups with this many findings or fewer start open. */
const OPEN_UP_TO = 12;

interface SummaryEntry {
  readonly finding: Finding;
  /** The row it sits on (null: the file lacks the row, e.g. a missing id). */
  readonly ref: RowRef | null;
}

interface RuleGroup {
  readonly rule: RuleId;
  readonly severity: Finding['severity'];
  readonly entries: readonly SummaryEntry[];
}

function entriesOf(kind: FileKind, checks: RowChecks | null): SummaryEntry[] {
  if (!checks) return [];
  const rowless = checks.all
    .filter((finding) => finding.rule === 'missing-translation')
    .map((finding) => ({ finding, ref: null }));
  const onRows = checks.byRow.flatMap((findings, index) =>
    findings.map((finding) => ({ finding, ref: { kind, index } })),
  );
  return [...rowless, ...onRows];
}

function groupByRule(entries: readonly SummaryEntry[]): RuleGroup[] {
  const groups = new Map<RuleId, SummaryEntry[]>();
  for (const entry of entries) {
    const list = groups.get(entry.finding.rule) ?? [];
    list.push(entry);
    groups.set(entry.finding.rule, list);
  }
  return [...groups.entries()]
    .map(([rule, list]) => ({ rule, severity: list[0]!.finding.severity, entries: list }))
    .sort(
      (a, b) =>
        (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) ||
        a.rule.localeCompare(b.rule),
    );
}

export const ChecksSummary = memo(function ChecksSummary({
  checks,
  onJump,
}: {
  checks: ReadonlyArray<readonly [FileKind, RowChecks | null]>;
  onJump: (ref: RowRef) => void;
}) {
  const t = useTranslatorText();
  const reasons = useRuleReasons();
  const entries = checks.flatMap(([kind, result]) => entriesOf(kind, result));
  const groups = groupByRule(entries);
  const errors = entries.filter((entry) => entry.finding.severity === 'error').length;

  return (
    <section className="t-panel t-checks" aria-labelledby="t-checks-heading">
      <h2 id="t-checks-heading" className="t-panel__title">
        {t.checksHeading}{' '}
        <span className="t-checks__count" role="status">
          {t.checksCount(errors, entries.length - errors)}
        </span>
      </h2>
      {groups.length === 0 && <p className="t-checks__clean">{t.checksClean}</p>}
      {groups.map((group) => (
        <details
          key={group.rule}
          className={`t-checks__group t-finding--${group.severity}`}
          open={group.entries.length <= OPEN_UP_TO}
        >
          <summary>
            <span className="t-finding__badge">{group.severity}</span>{' '}
            <span className="t-finding__rule">{group.rule}</span> ({group.entries.length})
          </summary>
          <p className="t-finding__why">
            {t.why} {reasons[group.rule]}
          </p>
          <ul className="t-checks__list">
            {group.entries.slice(0, SHOWN_PER_RULE).map(({ finding, ref }, i) => (
              <li key={i}>
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
                  <span className="t-checks__jump t-checks__jump--none">
                    {finding.cueId ?? '—'}
                  </span>
                )}{' '}
                {finding.message}
              </li>
            ))}
            {group.entries.length > SHOWN_PER_RULE && (
              <li>{t.checksMore(group.entries.length - SHOWN_PER_RULE)}</li>
            )}
          </ul>
        </details>
      ))}
    </section>
  );
});
