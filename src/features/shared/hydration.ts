/**
 * Adopting a pre-rendered page (issue 19): the server renders the app's own components, and the
 * browser hydrates that markup instead of replacing it. The hydrating render must produce exactly
 * the server's markup, so what only the browser knows (the reader's stored choices, the address's
 * query, the window's size) is read only after it: during it, and on the server, these hooks give
 * the server's value, and the render after gives the browser's. A page rendered in the browser
 * alone (no pre-rendered markup) gets the browser's values at once.
 */
import { useCallback, useLayoutEffect, useMemo, useState, useSyncExternalStore } from 'react';

/** The attribute the server sets on a page's #root when the browser is to hydrate it. */
export const HYDRATE_ATTRIBUTE = 'data-hydrate';

let hydrating = false;

/** Whether the render now under way must match the server's (on the server, or hydrating). */
export function isHydrating(): boolean {
  return hydrating || typeof document === 'undefined';
}

/** Call before `hydrateRoot`; the root's `HydrationEnd` ends it when the hydration commits. */
export function startHydration(): void {
  hydrating = true;
}

/** The last child of a hydrated root: its layout effect runs once the whole tree has committed. */
export function HydrationEnd() {
  useLayoutEffect(() => {
    hydrating = false;
  }, []);
  return null;
}

const noSubscription = () => () => {};

/** False on the server and while hydrating; true from the render after (and in browser-only pages). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/**
 * State that starts from what only the browser knows (`inBrowser`), except while the server's
 * markup is rendered or hydrated: then it is `onServer`, and the browser's value from the render
 * just after the hydration (the one `useHydrated` makes). Once set, the state is the set value.
 */
export function useBrowserState<T>(onServer: () => T, inBrowser: () => T): [T, (value: T) => void] {
  const hydrated = useHydrated();
  // Read once on each side of the hydration: the readers are the callers' fixed functions.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const initial = useMemo(() => (hydrated ? inBrowser() : onServer()), [hydrated]);
  const [chosen, setChosen] = useState<{ readonly value: T } | null>(null);
  const set = useCallback((value: T) => setChosen({ value }), []);
  return [chosen ? chosen.value : initial, set];
}
