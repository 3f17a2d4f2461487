/** Hold some of a page's requests back, to see the page before (or without) them. */
import type { Page, Route } from 'playwright-core';

/** Hold the requests matching `pattern` until `release()` is called. */
export async function holdBack(page: Page, pattern: RegExp): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(pattern, async (route: Route) => {
    await held;
    await route.continue();
  });
  return release;
}
