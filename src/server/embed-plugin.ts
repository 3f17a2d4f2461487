/**
 * The embed Vite plugin (issue 8): the second HTML entry (embed.html) and everything partners
 * fetch from the player's host.
 *
 * - dev and preview: `/embed/<id>` is the embed page, sent with `Content-Security-Policy:
 *   frame-ancestors …` (RED_BOX_FRAME_ANCESTORS, default any origin);
 * - dev: `/embed.js` (built on request from src/embed-loader), `/oembed/<id>.json` and
 *   `/embedding.html` (the partner guide, from docs/embedding.md), made on request;
 * - build: `embed/<id>.html` and `embed/<id>/index.html` for every episode (plain static hosts;
 *   the player pre-rendered, src/server/embed-page.ts),
 *   `oembed/<id>.json` with absolute URLs from RED_BOX_PUBLIC_URL, `embed.js`, `embedding.html`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Connect, Plugin, ResolvedConfig } from 'vite';
import type { Episode } from '../core/episode-model.ts';
import { embeddingGuideHtml } from './embed-docs.ts';
import { frameAncestorsPolicy } from './embed-frame-ancestors.ts';
import { buildEmbedLoader, buildServedEmbedStart } from './embed-loader-build.ts';
import { episodeEmbedHtml } from './embed-page.ts';
import type { AppRendererPluginApi } from './app-renderer.ts';
import { episodePageInput } from './episode-page-input.ts';
import { loadableEpisodes, type CatalogEntry } from './episode-catalog.ts';
import type { EpisodesPluginApi } from './episodes-plugin.ts';
import { oembedResponse } from './oembed-response.ts';
import { fsEpisodeSource } from './episode-files.ts';
import { publicBaseUrl } from './public-url.ts';
import { resolveInside } from './static-files.ts';

const EMBED_HTML = 'embed.html';

/** `/embed/<id>`, `/embed/<id>/`, `/embed/<id>.html`, `/embed/<id>/index.html` → the id. */
function embedPageId(pathInApp: string): string | null {
  const match = /^embed\/([^/?#]+?)(?:\.html|\/index\.html|\/)?$/.exec(pathInApp);
  return match ? match[1]! : null;
}

/** `/oembed/<id>.json` → the id. */
function oembedId(pathInApp: string): string | null {
  return /^oembed\/([^/?#]+)\.json$/.exec(pathInApp)?.[1] ?? null;
}

/** The request's path inside the app (without base and query), or null when outside the base. */
function pathInApp(req: IncomingMessage, base: string): { path: string; search: string } | null {
  const url = req.url ?? '';
  if (!url.startsWith(base)) return null;
  const [pathname = '', search = ''] = url.slice(base.length).split(/\?(.*)/s, 2);
  return { path: pathname, search: search ? `?${search}` : '' };
}

/** A request for a file under episodes/ that the build does not have. */
function isMissingEpisodeFile(outDir: string, pathInApp: string): boolean {
  if (!pathInApp.startsWith('episodes/')) return false;
  const file = resolveInside(outDir, pathInApp);
  return file !== null && !existsSync(file);
}

function sendText(res: ServerResponse, type: string, body: string): void {
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-cache');
  res.end(body);
}

function episodesApi(config: ResolvedConfig): EpisodesPluginApi {
  const plugin = config.plugins.find((candidate) => candidate.name === 'red-box-episodes') as
    (Plugin & { api?: EpisodesPluginApi }) | undefined;
  if (!plugin?.api) throw new Error('[red-box] the embed plugin needs the episodes plugin');
  return plugin.api;
}

async function findEpisode(
  api: EpisodesPluginApi,
  id: string,
): Promise<{ episode: Episode; folder: string } | null> {
  const entries: CatalogEntry[] = await api.catalog();
  const found = loadableEpisodes(entries).find((entry) => entry.episode.id === id);
  return found
    ? { episode: found.episode, folder: path.join(api.episodesDir(), found.folder) }
    : null;
}

export function redBoxEmbed(appRenderer: AppRendererPluginApi): Plugin {
  let config: ResolvedConfig;
  // Read once: a malformed allow-list stops the server or build with a clear message.
  const policy = frameAncestorsPolicy(process.env.RED_BOX_FRAME_ANCESTORS);

  /** Dev: absolute URLs from RED_BOX_PUBLIC_URL when set, else from the address asked for. */
  function devBaseUrl(req: IncomingMessage): string {
    if (process.env.RED_BOX_PUBLIC_URL) return publicBaseUrl(config.base);
    return `http://${req.headers.host ?? '127.0.0.1'}${config.base}`;
  }

  const devMiddleware: Connect.NextHandleFunction = (req, res, next) => {
    const request = pathInApp(req, config.base);
    if (!request || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    if (embedPageId(request.path)) {
      res.setHeader('Content-Security-Policy', policy);
      // Vite serves and transforms embed.html; the page reads its id from the address bar.
      req.url = `${config.base}${EMBED_HTML}${request.search}`;
      return next();
    }
    const api = episodesApi(config);
    const respond = async (): Promise<boolean> => {
      if (request.path === 'embed.js') {
        sendText(res, 'text/javascript; charset=utf-8', await buildEmbedLoader(config.root));
        return true;
      }
      if (request.path === 'embedding.html') {
        sendText(res, 'text/html; charset=utf-8', embeddingGuideHtml(config.root, devBaseUrl(req)));
        return true;
      }
      const id = oembedId(request.path);
      const found = id ? await findEpisode(api, id) : null;
      if (!found) return false;
      const body = oembedResponse(found.episode, found.folder, devBaseUrl(req));
      sendText(res, 'application/json; charset=utf-8', JSON.stringify(body, null, 2));
      return true;
    };
    respond().then(
      (answered) => {
        if (!answered) next();
      },
      (error: unknown) => next(error),
    );
  };

  return {
    name: 'red-box-embed',
    config(userConfig) {
      // embed.html is the second page of the build, beside whatever inputs are already named.
      const root = path.resolve(userConfig.root ?? process.cwd());
      const given = userConfig.build?.rolldownOptions?.input;
      const inputs =
        typeof given === 'string'
          ? { index: given }
          : Array.isArray(given)
            ? Object.fromEntries(given.map((file, i) => [`input${i}`, file]))
            : (given ?? { index: path.join(root, 'index.html') });
      return {
        build: { rolldownOptions: { input: { ...inputs, embed: path.join(root, EMBED_HTML) } } },
      };
    },
    configResolved(resolved) {
      config = resolved;
    },
    configureServer(server) {
      server.middlewares.use(devMiddleware);
    },
    configurePreviewServer(server) {
      const outDir = path.resolve(config.root, config.build.outDir);
      server.middlewares.use((req, res, next) => {
        const request = pathInApp(req, config.base);
        if (request && isMissingEpisodeFile(outDir, request.path)) {
          // Not the app's HTML (Vite's fallback): the embed must see "not found" for an unknown id.
          res.statusCode = 404;
          return sendText(res, 'text/plain; charset=utf-8', `Not found: ${req.url}`);
        }
        const id = request && embedPageId(request.path);
        if (!request || !id) return next();
        res.setHeader('Content-Security-Policy', policy);
        // The page of a known episode, else the generic page (it shows "not found").
        const page = existsSync(path.join(outDir, 'embed', `${id}.html`))
          ? `embed/${id}.html`
          : EMBED_HTML;
        req.url = `${config.base}${page}${request.search}`;
        next();
      });
    },
    async writeBundle() {
      const outDir = path.resolve(config.root, config.build.outDir);
      const api = episodesApi(config);
      const baseUrl = publicBaseUrl(config.base);
      const template = readFileSync(path.join(outDir, EMBED_HTML), 'utf8');
      const startScript = await buildServedEmbedStart(config.root);
      const renderer = await appRenderer.renderer();
      for (const { episode, folder, loaded } of loadableEpisodes(await api.catalog())) {
        const folderPath = path.join(api.episodesDir(), folder);
        const html = await episodeEmbedHtml({
          template,
          input: episodePageInput(episode, loaded, config.base),
          source: fsEpisodeSource(folderPath),
          base: config.base,
          startScript,
          renderer,
        });
        mkdirSync(path.join(outDir, 'embed', episode.id), { recursive: true });
        writeFileSync(path.join(outDir, 'embed', `${episode.id}.html`), html);
        writeFileSync(path.join(outDir, 'embed', episode.id, 'index.html'), html);
        const oembed = oembedResponse(episode, folderPath, baseUrl);
        mkdirSync(path.join(outDir, 'oembed'), { recursive: true });
        writeFileSync(
          path.join(outDir, 'oembed', `${episode.id}.json`),
          JSON.stringify(oembed, null, 2),
        );
      }
      writeFileSync(path.join(outDir, 'embed.js'), await buildEmbedLoader(config.root));
      writeFileSync(path.join(outDir, 'embedding.html'), embeddingGuideHtml(config.root, baseUrl));
    },
  };
}
