/**
 * The episodes Vite plugin: episodes/ is the single source of episode data.
 *
 * - dev: serves episodes/ at `<base>episodes/`, generates `index.json` on request, and tells open
 *   pages which file changed (a custom HMR event; they refetch that file, nothing reloads);
 * - build: checks every episode, fails only on errors that make one unloadable (Contract 6),
 *   copies the publishable files to `dist/episodes/` and writes the index.
 */
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig, ViteDevServer } from 'vite';
import type { Finding } from '../core/cue-model.ts';
import { EPISODE_FILE_EVENT, type EpisodeFileChange } from '../data/episode-file-event.ts';
import {
  buildEpisodeIndex,
  episodesDirectory,
  isPublishable,
  isUnloadable,
  loadableEpisodes,
  readCatalog,
  unpublishablePaths,
  type CatalogEntry,
} from './episode-catalog.ts';
import { resolveInside, sendFile } from './static-files.ts';

function formatFinding(finding: Finding): string {
  return `${finding.file}:${finding.line}:${finding.col}  ${finding.severity}  ${finding.rule}  ${finding.message}`;
}

/** Hooks other parts of the server (the save API, pre-rendering) can use. */
export interface EpisodesPluginApi {
  readonly episodesDir: () => string;
  readonly catalog: () => Promise<CatalogEntry[]>;
}

export function redBoxEpisodes(): Plugin & { api: EpisodesPluginApi } {
  let config: ResolvedConfig;
  let episodesDir = '';
  let cached: Promise<CatalogEntry[]> | null = null;

  const catalog = (): Promise<CatalogEntry[]> => (cached ??= readCatalog(episodesDir, config.root));

  function changeFor(file: string, kind: EpisodeFileChange['kind']): EpisodeFileChange | null {
    const relative = path.relative(episodesDir, file);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
    const [episodeId, ...rest] = relative.split(path.sep);
    return rest.length === 0
      ? { episodeId: null, file: episodeId ?? '', kind }
      : { episodeId: episodeId ?? null, file: rest.join('/'), kind };
  }

  function notify(server: ViteDevServer, file: string, kind: EpisodeFileChange['kind']): void {
    const change = changeFor(file, kind);
    if (!change) return;
    cached = null;
    server.ws.send({ type: 'custom', event: EPISODE_FILE_EVENT, data: change });
  }

  async function serveEpisodeFile(
    url: string,
    req: Parameters<typeof sendFile>[0],
    res: Parameters<typeof sendFile>[1],
  ): Promise<boolean> {
    const relative = url.split('?')[0]!;
    if (relative === 'index.json') {
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.end(JSON.stringify(buildEpisodeIndex(await catalog()), null, 2));
      return true;
    }
    const file = resolveInside(episodesDir, relative);
    if (!file) return false;
    const [folder, ...rest] = path.relative(episodesDir, file).split(path.sep);
    const entry = (await catalog()).find((candidate) => candidate.folder === folder);
    const hidden = entry?.loaded.episode
      ? unpublishablePaths(entry.loaded.episode)
      : new Set<string>();
    if (!isPublishable(rest.join('/'), hidden)) return false;
    return sendFile(req, res, file);
  }

  const api: EpisodesPluginApi = { episodesDir: () => episodesDir, catalog };

  return {
    name: 'red-box-episodes',
    api,
    configResolved(resolved) {
      config = resolved;
      episodesDir = episodesDirectory(resolved.root);
    },
    configureServer(server) {
      server.watcher.add(episodesDir);
      server.watcher.on('add', (file) => notify(server, file, 'add'));
      server.watcher.on('unlink', (file) => notify(server, file, 'unlink'));
      const prefix = `${config.base}episodes/`;
      server.middlewares.use((req, res, next) => {
        const url = req.url ?? '';
        if (!url.startsWith(prefix) || (req.method !== 'GET' && req.method !== 'HEAD'))
          return next();
        serveEpisodeFile(url.slice(prefix.length), req, res).then(
          (served) => {
            if (!served) {
              res.statusCode = 404;
              res.setHeader('Content-Type', 'text/plain; charset=utf-8');
              res.end(`Not found: ${url}`);
            }
          },
          (error: unknown) => next(error),
        );
      });
    },
    handleHotUpdate({ file, server }) {
      if (!changeFor(file, 'change')) return;
      notify(server, file, 'change');
      // Episode files are data, not modules: nothing to hot-replace, never a full reload.
      return [];
    },
    async buildStart() {
      if (config.command !== 'build') return;
      cached = null;
      const entries = await catalog();
      const findings = entries.flatMap((entry) => entry.loaded.findings);
      const fatal = findings.filter(isUnloadable);
      const other = findings.filter(
        (finding) => !isUnloadable(finding) && finding.severity === 'error',
      );
      if (other.length > 0) {
        this.warn(
          `episode files have ${other.length} error(s) that do not stop the build (run npm run check):\n` +
            other.slice(0, 20).map(formatFinding).join('\n'),
        );
      }
      if (fatal.length > 0) {
        this.error(
          `episodes that cannot be loaded:\n${fatal.map(formatFinding).join('\n')}\nFix these (npm run check lists every problem) and build again.`,
        );
      }
    },
    async writeBundle() {
      const entries = await catalog();
      const outDir = path.resolve(config.root, config.build.outDir, 'episodes');
      mkdirSync(outDir, { recursive: true });
      for (const { folder, episode } of loadableEpisodes(entries)) {
        const hidden = unpublishablePaths(episode);
        const source = path.join(episodesDir, folder);
        for (const relative of listFiles(source)) {
          if (!isPublishable(relative, hidden)) continue;
          const target = path.join(outDir, folder, relative);
          mkdirSync(path.dirname(target), { recursive: true });
          cpSync(path.join(source, relative), target);
        }
      }
      writeFileSync(
        path.join(outDir, 'index.json'),
        JSON.stringify(buildEpisodeIndex(entries), null, 2),
      );
    },
  };
}

/** Every file under `folder`, as paths relative to it (posix separators). */
function listFiles(folder: string, prefix = ''): string[] {
  return readdirSync(path.join(folder, prefix)).flatMap((name) => {
    const relative = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(folder, relative)).isDirectory()
      ? listFiles(folder, relative)
      : [relative];
  });
}
