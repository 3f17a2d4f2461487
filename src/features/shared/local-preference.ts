/**
 * Small preferences remembered in this browser only (never sent anywhere). Storage can be
 * unavailable (sandboxed iframes, privacy modes): then nothing is remembered and nothing breaks.
 */

export function readPreference(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writePreference(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Not remembered; the choice still applies to this page.
  }
}
