/**
 * The app's own components, rendered on the server for the pre-rendered watch and embed pages
 * (src/app/server-render.tsx): loaded through a Vite server in middleware mode, which transforms
 * the app's modules for Node (TSX, `import.meta.env`) as the build does for the browser.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { createServer, type Plugin, type ResolvedConfig } from 'vite';
import type { ServedPageData } from '../data/served-page-data.ts';

export interface AppRenderer {
  /** The markup of the page's #root. */
  render(page: 'watch' | 'embed', data: ServedPageData): Promise<string>;
  close(): Promise<void>;
}

export async function createAppRenderer(config: ResolvedConfig): Promise<AppRenderer> {
  const server = await createServer({
    root: config.root,
    base: config.base,
    mode: config.mode,
    // Only what the app's modules need to load in Node: not the project's own plugins (episodes,
    // embed, prerender), which would serve or build pages themselves.
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    plugins: [react()],
    // It renders in Node and serves no browser: without these it would also pre-bundle the
    // browser's dependencies, a few seconds per build, into the project's dependency cache,
    // replacing a running dev server's (whose open pages then fail to load their modules).
    optimizeDeps: { noDiscovery: true, include: [] },
    cacheDir: path.join(config.cacheDir, 'app-renderer'),
    server: { middlewareMode: true, hmr: false, ws: false, watch: null },
  });
  try {
    const module = (await server.ssrLoadModule(
      '/src/app/server-render.tsx',
    )) as typeof import('../app/server-render.tsx');
    return { render: module.renderServedPage, close: () => server.close() };
  } catch (error) {
    await server.close();
    throw error;
  }
}

/** What the pre-rendering plugins (watch pages, embed pages) ask for. */
export interface AppRendererPluginApi {
  /** The build's renderer, started on first use. */
  renderer(): Promise<AppRenderer>;
}

/**
 * One renderer per build, shared by the plugins that pre-render pages and closed when the build
 * ends: each starting its own cost a Vite server and a load of the app's modules (about a second
 * of CPU) per build.
 */
export function redBoxAppRenderer(): Plugin & { api: AppRendererPluginApi } {
  let config: ResolvedConfig;
  let started: Promise<AppRenderer> | null = null;
  return {
    name: 'red-box-app-renderer',
    api: { renderer: () => (started ??= createAppRenderer(config)) },
    configResolved(resolved) {
      config = resolved;
    },
    // After every plugin's writeBundle, also when the build failed.
    async closeBundle() {
      const renderer = started;
      started = null;
      if (renderer) await (await renderer).close();
    },
  };
}
