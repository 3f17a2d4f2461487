/** Temporary episodes folders, so tests never touch the bundled episode. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EPISODE_ID, episodeFolder } from './episode-fixture.ts';

/** A new episodes folder holding a copy of the bundled episode (optionally under another id). */
export function copyEpisodes(options: { id?: string; into?: string } = {}): {
  episodesDir: string;
  folder: string;
} {
  const episodesDir = options.into ?? mkdtempSync(path.join(tmpdir(), 'red-box-episodes-'));
  const id = options.id ?? EPISODE_ID;
  const folder = path.join(episodesDir, id);
  cpSync(episodeFolder(), folder, { recursive: true });
  if (id !== EPISODE_ID) editEpisodeJson(folder, (json) => ({ ...json, id }));
  return { episodesDir, folder };
}

/** Rewrite a copied episode's episode.json. */
export function editEpisodeJson(
  folder: string,
  edit: (json: Record<string, unknown>) => Record<string, unknown>,
): void {
  const file = path.join(folder, 'episode.json');
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  writeFileSync(file, JSON.stringify(edit(json), null, 2) + '\n');
}
