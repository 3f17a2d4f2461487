/**
 * Servers for browser tests: the Vite dev server (live files, save API) and the preview server
 * over a production build (what partners and viewers get).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, createServer, preview, type PreviewServer, type ViteDevServer } from 'vite';

export const projectRoot = path.resolve(import.meta.dirname, '../../..');

export interface RunningServer {
  readonly url: string;
  close(): Promise<void>;
}

interface ServerOptions {
  /** Another episodes folder (RED_BOX_EPISODES_DIR for this process). */
  readonly episodesDir?: string;
  /** Vite `base` (RED_BOX_BASE), for sub-path deployments. */
  readonly base?: string;
  readonly port?: number;
}

function applyEnvironment(options: ServerOptions): void {
  if (options.episodesDir) process.env.RED_BOX_EPISODES_DIR = options.episodesDir;
  else delete process.env.RED_BOX_EPISODES_DIR;
  if (options.base) process.env.RED_BOX_BASE = options.base;
  else delete process.env.RED_BOX_BASE;
}

function urlOf(server: ViteDevServer | PreviewServer): string {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('[red-box] the server did not report a URL');
  // The origin only: tests add the base themselves, so sub-path runs say what they test.
  return new URL(url).origin;
}

/** The dev server, as `npm start` runs it. */
export async function startDevServer(
  options: ServerOptions = {},
): Promise<RunningServer & { vite: ViteDevServer }> {
  applyEnvironment(options);
  const server = await createServer({
    root: projectRoot,
    configFile: path.join(projectRoot, 'vite.config.ts'),
    logLevel: 'error',
    server: { host: '127.0.0.1', port: options.port ?? 0, strictPort: false },
  });
  await server.listen();
  return { url: urlOf(server), vite: server, close: () => server.close() };
}

/** Build the app into a fresh folder (once per test run; the global setup shares it). */
export async function buildApp(options: ServerOptions & { outDir?: string } = {}): Promise<string> {
  applyEnvironment(options);
  const outDir = options.outDir ?? mkdtempSync(path.join(tmpdir(), 'red-box-dist-'));
  // Vitest sets NODE_ENV=test, which would bundle React's development build: test what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: projectRoot,
      configFile: path.join(projectRoot, 'vite.config.ts'),
      logLevel: 'error',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return outDir;
}

/** The preview server over a build, as `npm run preview` runs it. */
export async function startPreviewServer(
  outDir: string,
  options: ServerOptions = {},
): Promise<RunningServer> {
  applyEnvironment(options);
  const server = await preview({
    root: projectRoot,
    configFile: path.join(projectRoot, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir },
    preview: { host: '127.0.0.1', port: options.port ?? 0, strictPort: false },
  });
  return {
    url: urlOf(server),
    close: () =>
      new Promise<void>((resolve) => {
        server.httpServer.close(() => resolve());
        // close() waits for every open connection to end: a browser context that stays open
        // (the file's shared one) can hold a keep-alive or streaming one, and the test hung.
        // At teardown nothing is still wanted from this server.
        if ('closeAllConnections' in server.httpServer) server.httpServer.closeAllConnections();
      }),
  };
}

/**
 * The browser-test run's preview server over the shared build (`inject('distDir')`), started once
 * by the global setup: for test files that only read the bundled episode. Closing it does nothing.
 */
export async function sharedPreviewServer(): Promise<RunningServer> {
  const { inject } = await import('vitest');
  return { url: inject('previewUrl'), close: async () => {} };
}
