/**
 * Episode files on disk: the Node implementation of `EpisodeSource` (the CLI, the build and the
 * dev server's save API read episodes through it).
 */
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { EpisodeSource } from '../core/episode-load.ts';

/** True when `inner` is `outer` itself or lies inside it (both absolute, normalised). */
function isInside(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Read an episode's files from `folder`. A path that leaves the folder (`..`, an absolute path, a
 * symbolic link pointing out of it) is refused with an error; a missing file reads as null.
 */
export function fsEpisodeSource(folder: string): EpisodeSource {
  const root = path.resolve(folder);
  let realRoot: Promise<string> | undefined;
  return {
    async readText(relativePath: string): Promise<string | null> {
      const target = path.resolve(root, relativePath);
      if (path.isAbsolute(relativePath) || !isInside(root, target) || relativePath.includes('\0')) {
        throw new Error(`refused: "${relativePath}" is outside the episode folder`);
      }
      let real: string;
      try {
        real = await realpath(target);
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
      realRoot ??= realpath(root);
      if (!isInside(await realRoot, real)) {
        throw new Error(`refused: "${relativePath}" links outside the episode folder`);
      }
      try {
        return await readFile(real, 'utf8');
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  };
}

function isNotFound(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
