/**
 * The archive Vite plugin (Contract 10): the questions data, the search index, the JSON chapters,
 * `feed.xml` and `sitemap.xml` (see archive-files.ts).
 *
 * - dev: made on request from the episodes folder, again after an episode file changes;
 * - build: written into the output folder, and `robots.txt` (from public/) gets the sitemap's
 *   absolute address.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { buildArchiveFiles, type ArchiveFiles } from './archive-files.ts';
import type { CatalogEntry } from './episode-catalog.ts';
import type { EpisodesPluginApi } from './episodes-plugin.ts';
import { publicBaseUrl } from './public-url.ts';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
};

/** Index files are named by their content: a browser may keep them for ever. */
function cacheControl(pathInApp: string): string {
  return /^archive\/search\/[^/]+\/\d+-[0-9a-f]+\.json$/.test(pathInApp)
    ? 'public, max-age=31536000, immutable'
    : 'no-cache';
}

/** robots.txt for the build: paths under the base, and the sitemap's absolute address. */
export function robotsForBuild(robots: string, base: string, sitemapUrl: string): string {
  const prefix = base.replace(/\/+$/, '');
  const lines = robots
    .replace(/\s+$/, '')
    .split('\n')
    .filter((line) => !/^sitemap:/i.test(line))
    .map((line) => line.replace(/^((?:dis)?allow:\s*)\//i, `$1${prefix}/`));
  return `${lines.join('\n')}\n\nSitemap: ${sitemapUrl}\n`;
}

export function redBoxArchive(episodes: EpisodesPluginApi): Plugin {
  let config: ResolvedConfig;
  let made: { catalog: CatalogEntry[]; files: Promise<ArchiveFiles> } | null = null;

  /** The files for the current catalog (the episodes plugin drops its catalog on changes). */
  async function archiveFiles(): Promise<ArchiveFiles> {
    const catalog = await episodes.catalog();
    if (made?.catalog !== catalog) {
      made = {
        catalog,
        files: buildArchiveFiles(catalog, episodes.episodesDir(), config.base),
      };
    }
    return made.files;
  }

  return {
    name: 'red-box-archive',
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const pathname = (req.url ?? '').split('?')[0]!;
        if (!pathname.startsWith(config.base)) return next();
        const pathInApp = pathname.slice(config.base.length);
        if (!/^(archive\/|feed\.xml$|sitemap\.xml$)/.test(pathInApp)) return next();
        archiveFiles().then(
          (files) => {
            const body = files.get(decodeURIComponent(pathInApp));
            if (body === undefined) {
              res.statusCode = 404;
              res.setHeader('Content-Type', 'text/plain; charset=utf-8');
              res.end(`Not found: ${pathname}`);
              return;
            }
            const type =
              pathInApp === 'feed.xml'
                ? 'application/rss+xml; charset=utf-8'
                : CONTENT_TYPES[path.extname(pathInApp)];
            res.setHeader('Content-Type', type ?? 'application/octet-stream');
            res.setHeader('Cache-Control', cacheControl(pathInApp));
            res.end(req.method === 'HEAD' ? undefined : body);
          },
          (error: unknown) => next(error),
        );
      });
    },
    async writeBundle() {
      if (config.command !== 'build') return;
      const outDir = path.resolve(config.root, config.build.outDir);
      made = null;
      for (const [relative, body] of await archiveFiles()) {
        const target = path.join(outDir, relative);
        mkdirSync(path.dirname(target), { recursive: true });
        writeFileSync(target, body);
      }
      const robots = path.join(outDir, 'robots.txt');
      if (existsSync(robots)) {
        const sitemapUrl = `${publicBaseUrl(config.base)}sitemap.xml`;
        writeFileSync(
          robots,
          robotsForBuild(readFileSync(robots, 'utf8'), config.base, sitemapUrl),
        );
      }
    },
  };
}
