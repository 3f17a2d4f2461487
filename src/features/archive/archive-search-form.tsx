/**
 * The archive's search box (Contract 10: on `/`, `/questions` and `/search`). A plain GET form
 * to `/search?q=&lang=`, so it works before the app's JavaScript has loaded; on the search page
 * itself the page searches as the reader types.
 */
import { useId, type ReactNode } from 'react';
import { appBase } from '../../data/episode-urls.ts';
import { useI18n } from '../shared/i18n.tsx';

export function ArchiveSearchForm({
  query,
  lang,
  onQueryChange,
  onArrowDown,
  children,
}: {
  /** The query shown (controlled when onQueryChange is given). */
  query?: string;
  /** Sent as `lang=`: the transcript language to search. */
  lang?: string;
  onQueryChange?: (query: string) => void;
  /** ArrowDown in the box (the search page moves to the first result). */
  onArrowDown?: () => void;
  /** More controls inside the form (the search page's language menu). */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <form
      className="archive-search"
      role="search"
      action={`${appBase()}search`}
      method="get"
      onSubmit={(event) => {
        // On the search page results follow the typing: nothing to send.
        if (onQueryChange) event.preventDefault();
      }}
    >
      <label htmlFor={id}>{t.archiveSearchLabel}</label>
      <input
        id={id}
        type="search"
        name="q"
        className="archive-search__input"
        placeholder={t.archiveSearchPlaceholder}
        autoComplete="off"
        spellCheck={false}
        {...(onQueryChange
          ? { value: query ?? '', onChange: (event) => onQueryChange(event.target.value) }
          : { defaultValue: query })}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && onArrowDown) {
            event.preventDefault();
            onArrowDown();
          }
        }}
      />
      {lang && !children && <input type="hidden" name="lang" value={lang} />}
      {children}
      <button type="submit" className="button">
        {t.archiveSearchButton}
      </button>
    </form>
  );
}
