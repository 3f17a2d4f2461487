import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type BrowserServer,
} from 'playwright-core';

/** Debian's Chromium: the browser viewers run. */
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
/**
 * Debian's headless shell of the same Chromium (package chromium-headless-shell): the same Blink,
 * V8 and media stack without the desktop browser's window and compositor layers, and what
 * playwright itself runs headless tests in. A browser test costs about 40% less CPU in it
 * (four files, alternated with Debian's chromium on one machine: 52 → 28–34 s of CPU).
 */
const DEBIAN_HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The Chromium binary: CHROME_PATH; else, in the tests, the headless shell when it is installed;
 * else Debian's chromium. The bench (outside vitest) measures what viewers get, the full browser.
 */
export function chromiumPath(): string {
  if (process.env.CHROME_PATH) return process.env.CHROME_PATH;
  if (process.env.VITEST && existsSync(DEBIAN_HEADLESS_SHELL)) return DEBIAN_HEADLESS_SHELL;
  return DEBIAN_CHROMIUM;
}

/** Flags that keep Chromium quiet and deterministic on a closed network (ENVIRONMENT.md). */
const QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

export interface LaunchOptions {
  readonly viewport?: { width: number; height: number };
  readonly locale?: string;
  readonly reducedMotion?: 'reduce' | 'no-preference';
  readonly javaScriptEnabled?: boolean;
  /** Command-line flags: these need a Chromium of their own (they cannot apply to one context). */
  readonly extraArgs?: readonly string[];
}

function contextOptions(options: LaunchOptions): BrowserContextOptions {
  return {
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    acceptDownloads: true,
  };
}

/**
 * Start the one Chromium that a whole browser-test run shares (the global setup does this).
 * Test files reach it through `launchChromium`, each in contexts of its own.
 */
export async function launchSharedChromium(): Promise<BrowserServer> {
  return chromium.launchServer({
    executablePath: chromiumPath(),
    headless: true,
    args: QUIET_FLAGS,
  });
}

/**
 * The shared Chromium's address when this runs inside a vitest worker of the browser project
 * (provided by its global setup), else undefined (e.g. `npm run bench`, which runs without vitest).
 */
async function sharedChromiumEndpoint(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('chromiumEndpoint');
}

// One connection per worker to the shared Chromium, opened on first use and closed after the last
// context this worker opened in it (so no socket outlives a test file).
let connection: Promise<Browser> | undefined;
let openContexts = 0;

async function sharedContext(endpoint: string, options: LaunchOptions): Promise<BrowserContext> {
  connection ??= chromium.connect(endpoint, { timeout: 60_000 });
  const current = connection;
  const browser = await current;
  browser.on('disconnected', () => {
    if (connection === current) connection = undefined;
  });
  const context = await browser.newContext(contextOptions(options));
  openContexts += 1;
  // Disconnect only once the context's close has completed: its 'close' event comes before the
  // reply to close(), and disconnecting then would fail that close.
  const closeContext = context.close.bind(context);
  let released = false;
  context.close = async (closeOptions) => {
    await closeContext(closeOptions);
    if (released) return;
    released = true;
    openContexts -= 1;
    if (openContexts === 0 && connection === current) {
      connection = undefined;
      await browser.close();
    }
  };
  return context;
}

/**
 * A fresh, isolated browser context (its own storage, cookies and cache) for one test file or
 * test. Close it in afterAll. In the browser tests it is a new context in the run's shared
 * Chromium (starting a browser per file cost seconds each); outside vitest, or with `extraArgs`,
 * it is a Chromium launched for it alone, which closing the context ends.
 */
export async function launchChromium(options: LaunchOptions = {}): Promise<BrowserContext> {
  const endpoint = options.extraArgs?.length ? undefined : await sharedChromiumEndpoint();
  if (endpoint) return sharedContext(endpoint, options);
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'red-box-chromium-')), {
    executablePath: chromiumPath(),
    headless: true,
    args: [...QUIET_FLAGS, ...(options.extraArgs ?? [])],
    ...contextOptions(options),
  });
}
