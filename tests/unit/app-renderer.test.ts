/**
 * The renderer behind the pre-rendered pages (src/server/app-renderer.ts) starts a Vite server of
 * its own during every build. It must leave the project's dependency cache alone: when it
 * pre-bundled the browser's dependencies there, a dev server running beside the build (`npm
 * start` while `npm run build` runs, or two test files) found its cache replaced, and its open
 * pages failed to load their modules.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { resolveConfig } from 'vite';
import { createAppRenderer } from '../../src/server/app-renderer.ts';

const projectRoot = path.resolve(import.meta.dirname, '../..');
const cacheDir = mkdtempSync(path.join(tmpdir(), 'red-box-cache-'));

afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

it('keeps its pre-bundled dependencies apart from the dev server’s', async () => {
  const config = await resolveConfig(
    { root: projectRoot, configFile: false, cacheDir, logLevel: 'error' },
    'build',
    'production',
  );
  const renderer = await createAppRenderer(config);
  try {
    // Its own (React, for server rendering) are written in the background once it has started.
    await expect
      .poll(() => existsSync(path.join(cacheDir, 'app-renderer', 'deps', '_metadata.json')), {
        timeout: 20_000,
        interval: 100,
      })
      .toBe(true);
  } finally {
    await renderer.close();
  }
  // Where `npm start` keeps the browser's: untouched.
  expect(existsSync(path.join(cacheDir, 'deps'))).toBe(false);
});
