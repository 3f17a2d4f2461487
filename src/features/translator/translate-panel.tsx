/**
 * "Translate" on an episode card: a disclosure for translators. Its contents (progress per
 * language, the start form) are a separate chunk, loaded and fetched only when it is opened, so
 * viewers never download them.
 */
import { lazy, Suspense, useState } from 'react';
import type { EpisodeSummary } from '../../core/episode-model.ts';
import { useI18n } from '../shared/i18n.tsx';

const TranslationLanguages = lazy(() =>
  import('./translation-progress-list.tsx').then((module) => ({
    default: module.TranslationLanguages,
  })),
);

export function TranslatePanel({ summary }: { summary: EpisodeSummary }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <details
      className="translate-panel"
      onToggle={(event) => setOpen((event.currentTarget as HTMLDetailsElement).open)}
    >
      <summary>{t.translate}</summary>
      {open && (
        <Suspense fallback={null}>
          <TranslationLanguages episodeId={summary.id} />
        </Suspense>
      )}
    </details>
  );
}
