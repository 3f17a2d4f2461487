/**
 * The embed's weight, computed from a production build: the JavaScript and CSS a
 * first visit to /embed/<id> loads (the page's scripts, preloads and stylesheets, and every static
 * import they make), and embed.js, each gzipped. Over budget fails.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';
import { EPISODE_ID } from './support/episode-fixture.ts';

const EMBED_FIRST_LOAD_BUDGET = 250_000;
const LOADER_BUDGET = 6_000;

/** The asset files an HTML page loads at once, following static imports between chunks. */
function firstLoadFiles(distDir: string, htmlFile: string): string[] {
  const html = readFileSync(path.join(distDir, htmlFile), 'utf8');
  const referenced = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
  ].map((match) => match[1]!);
  const files = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    if (!file.endsWith('.js')) return;
    const code = readFileSync(file, 'utf8');
    // Static imports only (`import … from "./x.js"`, `import "./x.js"`); import() is not first load.
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["'](\.\/[^"']+)["']/g)) {
      visit(path.join(path.dirname(file), match[1]!));
    }
  };
  for (const url of referenced) visit(path.join(distDir, url.replace(/^\/+/, '')));
  return [...files];
}

const gzipped = (file: string): number => gzipSync(readFileSync(file), { level: 9 }).length;

// The run's shared production build (the global setup builds it with NODE_ENV=production, as it
// ships: vitest's NODE_ENV=test would bundle React's development build, a third larger).
const distDir = inject('distDir');

describe('embed weight', () => {
  it(`loads at most ${EMBED_FIRST_LOAD_BUDGET / 1000} kB of JavaScript and CSS (gzip) on first load`, () => {
    const files = firstLoadFiles(distDir, `embed/${EPISODE_ID}.html`);
    expect(files.some((file) => file.endsWith('.js'))).toBe(true);
    expect(files.some((file) => file.endsWith('.css'))).toBe(true);
    const total = files.reduce((sum, file) => sum + gzipped(file), 0);
    console.log(
      `[red-box] embed first load: ${(total / 1000).toFixed(1)} kB gzip in ${files.length} files`,
    );
    expect(total).toBeLessThanOrEqual(EMBED_FIRST_LOAD_BUDGET);
    // Neither the schema library nor the translator's checks ride along.
    const code = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    expect(code).not.toContain('ValiError');
    expect(code).not.toContain('reading-speed');
  });

  it(`ships embed.js in at most ${LOADER_BUDGET / 1000} kB (gzip)`, () => {
    const size = gzipped(path.join(distDir, 'embed.js'));
    console.log(`[red-box] embed.js: ${(size / 1000).toFixed(2)} kB gzip`);
    expect(size).toBeLessThanOrEqual(LOADER_BUDGET);
  });
});
