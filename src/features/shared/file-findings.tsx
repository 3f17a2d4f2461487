/**
 * Problems found in a cue file, shown where the file is used: a short notice with the details
 * (file:line:col and what to do) one click away. Warnings are for `npm run check`, not viewers.
 */
import type { Finding } from '../../core/cue-model.ts';
import { useI18n } from './i18n.tsx';

/** Only errors reach the viewer, and only a few are listed. */
const SHOWN = 8;

export function FileFindings({
  findings,
  open = false,
}: {
  findings: readonly Finding[];
  open?: boolean;
}) {
  const { t } = useI18n();
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length === 0) return null;
  return (
    <details className="file-findings" open={open}>
      <summary>{t.fileProblems(errors.length)}</summary>
      <ul>
        {errors.slice(0, SHOWN).map((finding, i) => (
          <li key={i}>
            <code>
              {finding.file}:{finding.line}:{finding.col}
            </code>{' '}
            {finding.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
