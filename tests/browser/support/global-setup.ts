import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromiumPath, launchSharedChromium } from './chromium.ts';
import { buildApp, startPreviewServer } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A production build of the app with the bundled episodes, shared by browser tests. */
    distDir: string;
    /** The preview server over `distDir` (as `npm run preview` serves it), for tests that only read. */
    previewUrl: string;
    /** The run's one Chromium (playwright's browser server); `launchChromium` opens contexts in it. */
    chromiumEndpoint: string;
  }
}

interface Shared {
  readonly ready: Promise<{ chromiumEndpoint: string; distDir: string; previewUrl: string }>;
  readonly close: () => Promise<void>;
  users: number;
}

// Both browser projects (`browser`, run a few files at once, and `browser-solo`, one file at a
// time) use this setup; vitest runs each project's global setup in its own module instance of the
// same process, so what they share is kept on globalThis: one Chromium, one build, one server.
const holder = globalThis as { redBoxBrowserSetup?: Shared };

function startShared(): Shared {
  let teardown: () => Promise<void> = async () => {};
  const ready = (async () => {
    // The browser starts while the app builds: the two overlap.
    const [chromium, distDir] = await Promise.all([launchSharedChromium(), buildApp()]);
    const preview = await startPreviewServer(distDir);
    teardown = async () => {
      await preview.close();
      await chromium.close();
    };
    return { chromiumEndpoint: chromium.wsEndpoint(), distDir, previewUrl: preview.url };
  })();
  return { ready, users: 0, close: () => teardown() };
}

/**
 * Fail once, early and clearly, when no Chromium is installed (instead of in every test); start
 * the one Chromium the run shares; build the app once and serve it once for the tests that only
 * read it. Returns the teardown (the last project to finish closes what they share).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new Error(
      `[red-box] No Chromium at ${path}. Install Debian's packages (apt-get install chromium chromium-headless-shell) or set CHROME_PATH to a Chromium/Chrome binary.`,
    );
  }
  const shared = (holder.redBoxBrowserSetup ??= startShared());
  shared.users += 1;
  const { chromiumEndpoint, distDir, previewUrl } = await shared.ready;
  project.provide('chromiumEndpoint', chromiumEndpoint);
  project.provide('distDir', distDir);
  project.provide('previewUrl', previewUrl);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    if (holder.redBoxBrowserSetup === shared) delete holder.redBoxBrowserSetup;
    await shared.close();
  };
}
