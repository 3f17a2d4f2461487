/**
 * Query parameters that the page keeps in its address as the reader changes them (replaceState:
 * the address can be shared or bookmarked, and the back button is not filled with keystrokes).
 */
import { useCallback, useState } from 'react';

export function useUrlParams(
  search: string,
): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const [params, setParams] = useState(() => new URLSearchParams(search));
  const update = useCallback((changes: Record<string, string | null>) => {
    // The address bar is the source of truth; React state follows it.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    const query = next.toString();
    window.history.replaceState(
      window.history.state,
      '',
      `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`,
    );
    setParams(next);
  }, []);
  return [params, update];
}
