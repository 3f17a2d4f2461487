/**
 * Pre-rendering at build time: a page per episode (`watch/<id>.html` and `watch/<id>/index.html`,
 * as static hosts and `vite preview` resolve them) with the transcript in the HTML, and the start
 * page with the episode list. The app replaces this markup when JavaScript runs.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, ResolvedConfig } from 'vite';
import { toChapters } from '../core/chapters.ts';
import { findTrack, sourceTrack } from '../core/episode-model.ts';
import { buildEpisodeIndex, loadableEpisodes } from './episode-catalog.ts';
import type { EpisodesPluginApi } from './episodes-plugin.ts';
import { publicUrl } from './public-url.ts';
import {
  episodeBody,
  episodeHead,
  episodeListBody,
  fillTemplate,
  type EpisodePageInput,
} from './static-page.ts';

function encodePath(...parts: string[]): string {
  return parts.map(encodeURIComponent).join('/');
}

export function redBoxPrerender(episodes: EpisodesPluginApi): Plugin {
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

      for (const { episode, loaded } of loadableEpisodes(catalog)) {
        const track = sourceTrack(episode) ?? episode.tracks[0]!;
        const files =
          loaded.tracks.get(track.lang) ?? loaded.tracks.get(findTrack(episode, track.lang)!.lang);
        const cues = files?.transcript?.document.cues ?? [];
        const chapters = files?.chapters ? toChapters(files.chapters.document) : [];
        const page = publicUrl(`watch/${encodePath(episode.id)}`, base);
        const input: EpisodePageInput = {
          episode,
          lang: track.lang,
          cues,
          chapters,
          links: {
            home: base,
            page: `${base}watch/${encodePath(episode.id)}`,
            watchAt: (seconds) => `${base}watch/${encodePath(episode.id)}?t=${seconds}`,
          },
          urls: {
            page,
            episodeFile: (file) =>
              /^https:\/\//i.test(file)
                ? file
                : publicUrl(
                    `episodes/${encodePath(episode.id)}/${file.split('/').map(encodeURIComponent).join('/')}`,
                    base,
                  ),
            watchAt: (seconds) => `${page}?t=${seconds}`,
            embed: publicUrl(`embed/${encodePath(episode.id)}`, base),
            oembed: publicUrl(`oembed/${encodePath(episode.id)}.json`, base),
          },
        };
        const html = fillTemplate(template, episodeHead(input), episodeBody(input), track.lang);
        const watchDir = path.join(outDir, 'watch');
        mkdirSync(path.join(watchDir, episode.id), { recursive: true });
        writeFileSync(path.join(watchDir, `${episode.id}.html`), html);
        writeFileSync(path.join(watchDir, episode.id, 'index.html'), html);
      }

      const list = episodeListBody(
        buildEpisodeIndex(catalog),
        (id) => `${base}watch/${encodePath(id)}`,
      );
      const homeHead =
        '<title>Red Box Player</title>\n    <meta name="description" content="Red Box Player: interactive transcripts for The Red Box, by LiNK (Liberty in North Korea)." />';
      writeFileSync(templateFile, fillTemplate(template, homeHead, list, 'en'));
    },
  };
}
