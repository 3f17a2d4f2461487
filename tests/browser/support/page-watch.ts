/** Helpers for pages under test: collect what would be an uncaught error in the console. */
import type { Page } from 'playwright-core';

export interface PageProblems {
  readonly errors: string[];
}

/**
 * Record page errors and console errors. `allow` lists console messages that are expected in a
 * test (a deliberate 404 logs "Failed to load resource").
 */
export function watchPageProblems(page: Page, allow: RegExp[] = []): PageProblems {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (allow.some((pattern) => pattern.test(text))) return;
    errors.push(`console.error: ${text}`);
  });
  return { errors };
}
