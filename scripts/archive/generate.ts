/**
 * `npm run archive:generate -- <folder> [--episodes N]`: a generated archive to try the archive
 * pages with (RED_BOX_EPISODES_DIR=<folder> npm start). Test data only: never commit it.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { writeArchive } from './generate-archive.ts';

const [folder, ...rest] = process.argv.slice(2);
const at = rest.indexOf('--episodes');
const episodes = at >= 0 ? Number(rest[at + 1]) : 200;
if (!folder || !Number.isInteger(episodes) || episodes < 1) {
  console.error('usage: npm run archive:generate -- <empty or new folder> [--episodes N]');
  process.exit(2);
}
const target = path.resolve(folder);
if (existsSync(target) && readdirSync(target).length > 0) {
  console.error(`${folder}: the folder is not empty; give a new or empty folder.`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
const generated = writeArchive(target, { episodes });
console.log(
  `${generated.length} episodes in ${folder}. Try them: RED_BOX_EPISODES_DIR=${folder} npm start`,
);
