/** Switch the interface between English and Korean (cue text keeps its own language). */
import { useId } from 'react';
import { useI18n, type InterfaceLanguage } from './i18n.tsx';
import { useHydrated } from './hydration.ts';

export function InterfaceLanguageMenu() {
  const { t, language, setLanguage } = useI18n();
  const id = useId();
  // A served page's menu chooses once the page is hydrated.
  const hydrated = useHydrated();
  return (
    <div className="interface-language">
      <label htmlFor={id}>{t.interfaceLanguage}</label>
      <select
        id={id}
        value={language}
        disabled={!hydrated}
        onChange={(event) => setLanguage(event.target.value as InterfaceLanguage)}
      >
        <option value="en" lang="en">
          English
        </option>
        <option value="ko" lang="ko">
          한국어
        </option>
      </select>
    </div>
  );
}
