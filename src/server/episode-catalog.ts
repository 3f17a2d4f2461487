/**
 * The episodes folder as a catalog: which episodes exist, whether each loads, the generated index,
 * and the files a build may publish. Adding an episode is adding a folder.
 */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { Finding } from '../core/cue-model.ts';
import { loadEpisode, type LoadedEpisode } from '../core/episode-load.ts';
import type { Episode, EpisodeSummary } from '../core/episode-model.ts';
import { fsEpisodeSource } from './episode-files.ts';

export interface CatalogEntry {
  /** The folder name (equals the episode id when the episode is valid). */
  readonly folder: string;
  readonly loaded: LoadedEpisode;
}

/** The episodes folder: RED_BOX_EPISODES_DIR, else `<root>/episodes`. */
export function episodesDirectory(root: string): string {
  return path.resolve(root, process.env.RED_BOX_EPISODES_DIR ?? 'episodes');
}

/** Every subfolder of `episodesDir` holding an episode.json, loaded and checked. */
export async function readCatalog(
  episodesDir: string,
  cwd = process.cwd(),
): Promise<CatalogEntry[]> {
  if (!existsSync(episodesDir)) return [];
  const entries = await readdir(episodesDir, { withFileTypes: true });
  const folders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .filter((name) => existsSync(path.join(episodesDir, name, 'episode.json')))
    .sort();
  return Promise.all(
    folders.map(async (folder) => {
      const folderPath = path.join(episodesDir, folder);
      const loaded = await loadEpisode(fsEpisodeSource(folderPath), {
        folderName: folder,
        fileLabel: (relative) => path.relative(cwd, path.join(folderPath, relative)),
      });
      return { folder, loaded };
    }),
  );
}

/**
 * Findings that make an episode unloadable (Contract 6): schema errors, unreadable files, and
 * files that are not WebVTT at all. Everything else a player can still show.
 */
export function isUnloadable(finding: Finding): boolean {
  if (finding.severity !== 'error') return false;
  if (finding.rule === 'schema' || finding.rule === 'unreadable-file') return true;
  return finding.rule === 'webvtt-syntax' && finding.line === 1 && /WEBVTT/.test(finding.message);
}

/** The catalog's entries that load, with their episode. */
export function loadableEpisodes(
  catalog: readonly CatalogEntry[],
): { folder: string; episode: Episode; loaded: LoadedEpisode }[] {
  return catalog.flatMap((entry) =>
    entry.loaded.episode && !entry.loaded.findings.some(isUnloadable)
      ? [{ folder: entry.folder, episode: entry.loaded.episode, loaded: entry.loaded }]
      : [],
  );
}

/** One index row per loadable episode, newest first. */
export function buildEpisodeIndex(catalog: readonly CatalogEntry[]): EpisodeSummary[] {
  return loadableEpisodes(catalog)
    .map(({ folder, episode }) => {
      const lastCueEnd = Math.max(
        0,
        ...[...loadedCueEnds(catalog.find((entry) => entry.folder === folder)!.loaded)],
      );
      const duration = episode.media.duration ?? (lastCueEnd > 0 ? lastCueEnd : undefined);
      const poster = episode.media.poster;
      return {
        id: episode.id,
        title: episode.title,
        published: episode.published,
        series: episode.series,
        summary: episode.summary,
        duration,
        poster: poster ? (/^https:/i.test(poster) ? poster : `${folder}/${poster}`) : undefined,
        sourceLanguage: episode.sourceLanguage,
        languages: episode.tracks.map((track) => ({ lang: track.lang, label: track.label })),
      } satisfies EpisodeSummary;
    })
    .sort((a, b) => b.published.localeCompare(a.published) || a.title.localeCompare(b.title));
}

function loadedCueEnds(loaded: LoadedEpisode): number[] {
  const ends: number[] = [];
  for (const track of loaded.tracks.values()) {
    for (const cue of track.transcript?.document.cues ?? []) ends.push(cue.endTime);
  }
  return ends;
}

/**
 * Paths (relative to the episode folder) that must never be published: anonymous speakers'
 * portraits (identity security), backups the save API keeps, and dot files.
 */
export function unpublishablePaths(episode: Episode): Set<string> {
  const hidden = new Set<string>();
  for (const speaker of episode.speakers) {
    if (speaker.anonymous && speaker.portrait && !/^https:/i.test(speaker.portrait)) {
      hidden.add(path.posix.normalize(speaker.portrait.replace(/^\.\//, '')));
    }
  }
  return hidden;
}

/** Whether a file (relative to its episode folder) may be served or published. */
export function isPublishable(relativePath: string, hidden: ReadonlySet<string>): boolean {
  const normalized = path.posix.normalize(relativePath.split(path.sep).join('/'));
  if (normalized.split('/').some((part) => part.startsWith('.'))) return false;
  if (/\.(bak|tmp)(\.|$)|~$/.test(normalized) || normalized.includes('.backup')) return false;
  return !hidden.has(normalized);
}
