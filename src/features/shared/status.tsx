/** Loading, error and not-found states, worded for people, with a retry where it can help. */
import type { ReactNode } from 'react';
import { isNotFound } from '../../data/http.ts';
import { useI18n } from './i18n.tsx';

export function Loading({ label }: { label: string }) {
  return (
    <p className="status status--loading" role="status">
      <span className="spinner" aria-hidden="true" /> {label}
    </p>
  );
}

export function ErrorNotice({
  title,
  error,
  onRetry,
  children,
}: {
  title: string;
  error?: unknown;
  onRetry?: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const detail = error instanceof Error ? error.message : error ? String(error) : null;
  return (
    <div className="status status--error" role="alert">
      <p className="status__title">{title}</p>
      {detail && <p className="status__detail">{detail}</p>}
      {children}
      {onRetry && !isNotFound(error) && (
        <button type="button" className="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}

export function NotFound({ title, message }: { title: string; message: string }) {
  const { t } = useI18n();
  return (
    <main className="page page--narrow" id="main">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={import.meta.env.BASE_URL}>{t.backToEpisodes}</a>
      </p>
    </main>
  );
}
