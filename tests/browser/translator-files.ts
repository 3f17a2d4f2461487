/** Reading what the tests leave on disk (plain fs: the unit tests of the save API use it too). */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function readEpisodeFile(folder: string, name: string): string {
  return readFileSync(path.join(folder, name), 'utf8');
}

/**
 * Edit a file on disk as a text editor would: replace `from` (which must be there: a test that
 * edits nothing proves nothing) with `to`.
 */
export function editOnDisk(folder: string, name: string, from: string, to: string): void {
  const text = readEpisodeFile(folder, name);
  if (!text.includes(from)) throw new Error(`[red-box] ${name} has no "${from}" to edit`);
  writeFileSync(path.join(folder, name), text.replace(from, to));
}

/** Every file under `root` with size and modification time (to prove nothing was written). */
export function snapshotFiles(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      const info = statSync(full);
      if (info.isDirectory()) walk(full);
      else files.set(path.relative(root, full), `${info.size}:${info.mtimeMs}`);
    }
  };
  walk(root);
  return files;
}
