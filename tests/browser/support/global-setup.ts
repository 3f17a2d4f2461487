import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath } from './chromium.ts';
import { buildApp } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A production build of the app with the bundled episodes, shared by browser tests. */
    distDir: string;
  }
}

/**
 * Fail once, early and clearly, when no Chromium is installed (instead of in every test); build
 * the app once for the tests that use the preview server.
 */
export default async function setup(project: TestProject): Promise<void> {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `[red-box] No Chromium at ${path}. Install Debian's package (apt-get install chromium) or set CHROME_PATH to a Chromium/Chrome binary.`,
    );
  }
  project.provide('distDir', await buildApp());
}
