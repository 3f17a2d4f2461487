/** Reading what the tests leave on disk (plain fs: the unit tests of the save API use it too). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function readEpisodeFile(folder: string, name: string): string {
  return readFileSync(path.join(folder, name), 'utf8');
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
