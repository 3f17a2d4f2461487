/**
 * One model for disk and HTTP: loading the bundled episode through a real HTTP server gives the
 * same episode, cues and findings as loading it from its folder.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEpisode } from '../../src/core/episode-load.ts';
import { httpEpisodeSource } from '../../src/data/http-episode-source.ts';
import { fsEpisodeSource } from '../../src/server/episode-files.ts';
import { resolveInside, sendFile } from '../../src/server/static-files.ts';

const folder = path.resolve(
  import.meta.dirname,
  '../../episodes/misunderstandings-and-stereotypes',
);
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const file = resolveInside(folder, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (!file || !sendFile(req, res, file)) {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe(httpEpisodeSource.name, () => {
  it('loads the same episode over HTTP as from disk', async () => {
    const label = (relative: string) => relative;
    const fromDisk = await loadEpisode(fsEpisodeSource(folder), { fileLabel: label });
    const overHttp = await loadEpisode(httpEpisodeSource(url), { fileLabel: label });
    expect(overHttp.episode).toEqual(fromDisk.episode);
    expect(overHttp.findings).toEqual(fromDisk.findings);
    expect([...overHttp.tracks.keys()]).toEqual([...fromDisk.tracks.keys()]);
    for (const [lang, track] of fromDisk.tracks) {
      expect(overHttp.tracks.get(lang)?.transcript?.document.cues).toEqual(
        track.transcript?.document.cues,
      );
    }
    expect(fromDisk.tracks.get('en')?.transcript?.document.cues.length).toBe(94);
  });

  it('reads a missing file as null and refuses paths outside the folder', async () => {
    const source = httpEpisodeSource(url);
    await expect(source.readText('no-such-file.vtt')).resolves.toBeNull();
    await expect(source.readText('../secret.txt')).rejects.toThrow(/outside the episode folder/);
  });
});
