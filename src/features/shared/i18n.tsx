/**
 * The interface language: English or Korean, from `?ui=`, the viewer's earlier choice, or the
 * browser's language. Cue text keeps its own language; this is only the chrome around it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { english, korean, type Messages } from './messages.ts';
import { useBrowserState } from './hydration.ts';

export type InterfaceLanguage = 'en' | 'ko';

const STORAGE_KEY = 'red-box:ui-language';
const CATALOGS: Record<InterfaceLanguage, Messages> = { en: english, ko: korean };

interface I18nValue {
  readonly language: InterfaceLanguage;
  readonly t: Messages;
  setLanguage(language: InterfaceLanguage): void;
}

const I18nContext = createContext<I18nValue>({
  language: 'en',
  t: english,
  setLanguage: () => {},
});

function asInterfaceLanguage(value: string | null | undefined): InterfaceLanguage | null {
  const primary = value?.toLowerCase().split('-')[0];
  return primary === 'ko' ? 'ko' : primary === 'en' ? 'en' : null;
}

/** The language to start in: `?ui=`, then the stored choice, then the browser's languages. */
export function initialInterfaceLanguage(): InterfaceLanguage {
  if (typeof window === 'undefined') return 'en';
  const fromQuery = asInterfaceLanguage(new URLSearchParams(window.location.search).get('ui'));
  if (fromQuery) return fromQuery;
  try {
    const stored = asInterfaceLanguage(window.localStorage.getItem(STORAGE_KEY));
    if (stored) return stored;
  } catch {
    // Storage can be blocked (sandboxed iframes, privacy modes): fall through.
  }
  for (const language of navigator.languages ?? [navigator.language]) {
    const match = asInterfaceLanguage(language);
    if (match) return match;
  }
  return 'en';
}

export function I18nProvider({
  children,
  initial,
}: {
  children: ReactNode;
  initial?: InterfaceLanguage;
}) {
  // A pre-rendered page is rendered in English (or `initial`); the reader's language comes after.
  const [language, setLanguageState] = useBrowserState<InterfaceLanguage>(
    () => initial ?? 'en',
    () => initial ?? initialInterfaceLanguage(),
  );
  const setLanguage = useCallback(
    (next: InterfaceLanguage) => {
      setLanguageState(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Not remembered; the choice still applies to this page.
      }
    },
    [setLanguageState],
  );
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo(
    () => ({ language, t: CATALOGS[language], setLanguage }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The interface text and language. */
export function useI18n(): I18nValue {
  return useContext(I18nContext);
}
