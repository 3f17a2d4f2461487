/** Temporary episodes folders, so tests never touch the bundled episode. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

/**
 * A cue file's text without its word timestamp tags (`<00:00:03.150>`), so a test can find and
 * replace a phrase that the tags split into words.
 */
export function withoutWordTimestamps(vtt: string): string {
  return vtt.replace(/<(?:\d+:)?\d{2}:\d{2}\.\d{3}>/g, '');
}

/**
 * A copy of the bundled episode under `id` in `episodesDir` without its HLS source and ladder:
 * an MP4 episode, for comparing and for checking that such pages never load http-streaming.
 */
export function copyWithoutHls(episodesDir: string, id: string): string {
  const { folder } = copyEpisodes({ id, into: episodesDir });
  rmSync(path.join(folder, 'media/hls'), { recursive: true, force: true });
  editEpisodeJson(folder, (json) => {
    const media = json.media as { sources: { type: string }[] };
    return {
      ...json,
      media: { ...media, sources: media.sources.filter((source) => !/mpegurl/i.test(source.type)) },
    };
  });
  return folder;
}
