/**
 * Live checks for one file of the workspace: the rules of `npm run check`, per row, re-run only on
 * the rows an edit touched (core/translation-checks.ts). They run on a deferred copy of the file,
 * so typing never waits for them.
 */
import { useDeferredValue, useMemo } from 'react';
import type { SpeakerRef } from '../../core/cue-model.ts';
import { profileFor } from '../../core/reading-profile.ts';
import { createRowChecker, findingsByCue, type RowChecks } from '../../core/translation-checks.ts';
import type { CueDocument } from '../../core/translation-edit.ts';
import type { WorkspaceFile } from './use-workspace-files.ts';
import type { FileKind } from './workspace-session.ts';

export interface LiveCheckOptions {
  readonly kind: FileKind;
  /** The file as loaded (its name names findings; its parse findings stay on unedited rows). */
  readonly loaded: WorkspaceFile | null;
  /** The source-language file, when this is a translation. */
  readonly source: WorkspaceFile | null;
  readonly lang: string;
  readonly frameRate: number | undefined;
  readonly speakers: readonly SpeakerRef[];
}

export function useLiveChecks(
  document: CueDocument | null,
  options: LiveCheckOptions,
): RowChecks | null {
  const { kind, loaded, source, lang, frameRate, speakers } = options;
  const checker = useMemo(
    () =>
      createRowChecker({
        file: loaded?.name ?? '',
        kind,
        profile: profileFor(lang, { frameRate }),
        source: source ? { file: source.name, document: source.parsed.document } : undefined,
        speakers,
      }),
    [loaded?.name, kind, lang, frameRate, source, speakers],
  );
  const parsed = loaded?.parsed;
  const structural = useMemo(
    () => (parsed ? findingsByCue(parsed.document, parsed.findings) : undefined),
    [parsed],
  );
  const deferred = useDeferredValue(document);
  return useMemo(
    () => (deferred ? checker.check(deferred, structural) : null),
    [checker, deferred, structural],
  );
}
