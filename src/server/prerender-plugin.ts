/**
 * Pre-rendering at build time: a page per episode (`watch/<id>.html` and `watch/<id>/index.html`,
 * as static hosts and `vite preview` resolve them) laid out as the app's watch page with the
 * transcript in the HTML (served-watch-page.ts), the start page with the episode list,
 * `/questions` with every question and `/search` with its form. The app replaces this markup when
 * JavaScript runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { buildEpisodeIndex, loadableEpisodes } from './episode-catalog.ts';
import type { EpisodesPluginApi } from './episodes-plugin.ts';
import { buildQuestionsFile } from '../core/archive-model.ts';
import { catalogEpisodes } from './archive-files.ts';
import {
  archiveHead,
  episodeListStructuredData,
  questionsBody,
  questionsStructuredData,
  searchBody,
  type ArchiveLinks,
} from './archive-pages.ts';
import { fsEpisodeSource } from './episode-files.ts';
import { publicUrl } from './public-url.ts';
import { encodePath, episodePageInput } from './episode-page-input.ts';
import { servedDataTags } from './served-page-data.ts';
import { buildServedWatchStart } from './embed-loader-build.ts';
import { servedNoscriptHtml } from './served-watch-page.ts';
import type { AppRendererPluginApi } from './app-renderer.ts';
import { servedRoot } from './served-root.ts';
import { episodeHead, episodeListBody, fillTemplate } from './static-page.ts';

/** A page as static hosts and `vite preview` resolve it: `<path>.html` and `<path>/index.html`. */
function writePage(outDir: string, pagePath: string, html: string): void {
  mkdirSync(path.join(outDir, pagePath), { recursive: true });
  writeFileSync(path.join(outDir, `${pagePath}.html`), html);
  writeFileSync(path.join(outDir, pagePath, 'index.html'), html);
}

export function redBoxPrerender(
  episodes: EpisodesPluginApi,
  appRenderer: AppRendererPluginApi,
): Plugin {
  let config: ResolvedConfig;
  return {
    name: 'red-box-prerender',
    enforce: 'post',
    configResolved(resolved) {
      config = resolved;
    },
    configurePreviewServer(server) {
      // `vite preview` serves dist/watch/<id>/index.html only at /watch/<id>/; serve the
      // pre-rendered watch/<id>.html at /watch/<id> too, as most static hosts do.
      const outDir = path.resolve(config.root, config.build.outDir);
      server.middlewares.use((req, res, next) => {
        if (req.method !== 'GET' && req.method !== 'HEAD') return next();
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (!url.pathname.startsWith(config.base) || path.extname(url.pathname)) return next();
        let relative: string;
        try {
          relative = decodeURIComponent(url.pathname.slice(config.base.length)).replace(/\/+$/, '');
        } catch {
          return next();
        }
        if (
          !relative ||
          relative.split('/').some((part) => part === '..' || part.startsWith('.'))
        ) {
          return next();
        }
        const file = path.join(outDir, `${relative}.html`);
        if (!file.startsWith(outDir + path.sep) || !existsSync(file)) return next();
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(readFileSync(file));
      });
    },
    async writeBundle() {
      if (config.command !== 'build') return;
      const outDir = path.resolve(config.root, config.build.outDir);
      const templateFile = path.join(outDir, 'index.html');
      const template = readFileSync(templateFile, 'utf8');
      const base = config.base;
      const catalog = await episodes.catalog();
      const startScript = await buildServedWatchStart(config.root);
      const renderer = await appRenderer.renderer();
      for (const { episode, loaded, folder } of loadableEpisodes(catalog)) {
        const input = episodePageInput(episode, loaded, base);
        const served = await servedDataTags(
          episode,
          fsEpisodeSource(path.join(episodes.episodesDir(), folder)),
          base,
        );
        // Before anything is laid out: the served boxes as this browser remembers them (constant
        // code: nothing of the episode is written into it).
        const head = [episodeHead(input), `<script>${startScript}</script>`, served.head].join(
          '\n    ',
        );
        const root = await servedRoot(renderer, 'watch', input, served);
        const html = root
          .mark(fillTemplate(template, head, root.body, input.lang, served.bodyEnd))
          // What readers without JavaScript get besides the app's page, outside what React owns.
          .replace('<div id="root"', () => `${servedNoscriptHtml(input)}<div id="root"`);
        writePage(outDir, `watch/${episode.id}`, html);
      }

      const links: ArchiveLinks = { base, baseUrl: publicUrl('', base) };
      const index = buildEpisodeIndex(catalog);
      const list = episodeListBody(index, (id) => `${base}watch/${encodePath(id)}`, links);
      const homeHead = archiveHead(
        'Red Box Player',
        'Red Box Player: interactive transcripts for The Red Box, by LiNK (Liberty in North Korea).',
        links.baseUrl,
        episodeListStructuredData(index, links),
      );
      const questions = buildQuestionsFile(catalogEpisodes(catalog));
      writePage(
        outDir,
        'questions',
        fillTemplate(
          template,
          archiveHead(
            'Every question · The Red Box · Red Box Player',
            'Every question pulled from the red box, in every episode of The Red Box by LiNK, each linked to the moment it is asked.',
            `${links.baseUrl}questions`,
            questionsStructuredData(questions, links),
          ),
          questionsBody(questions, links),
          'en',
        ),
      );
      writePage(
        outDir,
        'search',
        fillTemplate(
          template,
          archiveHead(
            'Search every episode · Red Box Player',
            'Search what was said in every episode of The Red Box by LiNK.',
            `${links.baseUrl}search`,
          ),
          searchBody(links),
          'en',
        ),
      );
      writeFileSync(templateFile, fillTemplate(template, homeHead, list, 'en'));
    },
  };
}
