import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsEpisodeSource } from '../../src/server/episode-files.ts';

describe(fsEpisodeSource.name, () => {
  let root: string;
  let folder: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'red-box-files-'));
    folder = path.join(root, 'episode');
    await mkdir(path.join(folder, 'media'), { recursive: true });
    await writeFile(path.join(folder, 'episode.json'), '{}');
    await writeFile(path.join(folder, 'media', 'note.txt'), 'inside');
    await writeFile(path.join(root, 'secret.txt'), 'outside');
    await symlink(path.join(root, 'secret.txt'), path.join(folder, 'link.txt'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads files inside the folder, also in subfolders', async () => {
    const source = fsEpisodeSource(folder);
    expect(await source.readText('episode.json')).toBe('{}');
    expect(await source.readText('media/note.txt')).toBe('inside');
  });

  it('reads a missing file as null', async () => {
    expect(await fsEpisodeSource(folder).readText('transcript.fr.vtt')).toBeNull();
    expect(await fsEpisodeSource(folder).readText('episode.json/x')).toBeNull();
  });

  it('refuses paths that leave the folder', async () => {
    const source = fsEpisodeSource(folder);
    await expect(source.readText('../secret.txt')).rejects.toThrow(/outside the episode folder/);
    await expect(source.readText('media/../../secret.txt')).rejects.toThrow(/outside/);
    await expect(source.readText(path.join(root, 'secret.txt'))).rejects.toThrow(/outside/);
  });

  it('refuses a symbolic link that points out of the folder', async () => {
    await expect(fsEpisodeSource(folder).readText('link.txt')).rejects.toThrow(/links outside/);
  });

  it('rejects for real read failures (a folder is not a file)', async () => {
    await expect(fsEpisodeSource(folder).readText('media')).rejects.toThrow();
  });
});
