import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEpisode, type EpisodeSource } from '../../src/core/episode-load.ts';
import { fsEpisodeSource } from '../../src/server/episode-files.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/check');

/** An episode held in memory, as a browser source would serve it. */
function memorySource(files: Record<string, string>): EpisodeSource {
  return { readText: async (relative) => files[relative] ?? null };
}

const episodeJson = (tracks: object[]) =>
  JSON.stringify(
    {
      id: 'mem',
      title: 'In memory',
      published: '2024-09-12',
      sourceLanguage: 'en',
      media: { sources: [{ src: 'e.webm', type: 'video/webm' }] },
      speakers: [{ id: 'joy', name: 'Joy' }],
      tracks,
    },
    null,
    2,
  );

const EN = 'WEBVTT\n\nc1\n00:00:01.000 --> 00:00:03.000\n<v Joy>Hello there.\n';
const KO = 'WEBVTT\n\nc1\n00:00:01.000 --> 00:00:03.000\n<v Joy>안녕하세요.\n';
const label = (relative: string) => `/episodes/mem/${relative}`;

describe(loadEpisode.name, () => {
  it('loads a clean episode from disk with no findings and every track parsed', async () => {
    const folder = path.join(FIXTURES, 'episodes/clean-episode');
    const loaded = await loadEpisode(fsEpisodeSource(folder), {
      folderName: 'clean-episode',
      fileLabel: (relative) => relative,
    });
    expect(loaded.findings).toEqual([]);
    expect(loaded.episode?.id).toBe('clean-episode');
    expect([...loaded.tracks.keys()]).toEqual(['en', 'ko']);
    expect(loaded.tracks.get('ko')?.transcript?.document.cues.map((cue) => cue.speakerId)).toEqual([
      'joy',
      'joy',
      'dasom',
    ]);
    expect(loaded.tracks.get('en')?.chapters?.document.cues).toHaveLength(2);
    expect(loaded.files).toEqual([
      'episode.json',
      'transcript.en.vtt',
      'chapters.en.vtt',
      'transcript.ko.vtt',
      'chapters.ko.vtt',
    ]);
  });

  it('names files with the given labels (URL paths in the browser)', async () => {
    const source = memorySource({
      'episode.json': episodeJson([
        { lang: 'en', label: 'English', transcript: 'transcript.en.vtt' },
      ]),
      'transcript.en.vtt': EN.replace('Hello', 'Hello & goodbye'),
    });
    const loaded = await loadEpisode(source, { fileLabel: label });
    expect(loaded.findings.map((f) => [f.file, f.rule, f.line, f.col])).toEqual([
      ['/episodes/mem/transcript.en.vtt', 'raw-ampersand', 5, 14],
    ]);
  });

  it('reports a track file that is missing at its name in episode.json as unreadable-file', async () => {
    const json = episodeJson([
      { lang: 'en', label: 'English', transcript: 'transcript.en.vtt' },
      { lang: 'ko', label: '한국어', transcript: 'transcript.ko.vtt' },
    ]);
    const loaded = await loadEpisode(
      memorySource({ 'episode.json': json, 'transcript.en.vtt': EN }),
      {
        fileLabel: label,
      },
    );
    const lines = json.split('\n');
    const line = lines.findIndex((l) => l.includes('"transcript.ko.vtt"')) + 1;
    const col = lines[line - 1]!.indexOf('"transcript.ko.vtt"') + 1;
    expect(loaded.findings).toEqual([
      expect.objectContaining({
        rule: 'unreadable-file',
        severity: 'error',
        file: '/episodes/mem/episode.json',
        line,
        col,
        message: expect.stringContaining('transcript.ko.vtt'),
      }),
    ]);
    const fixed = await loadEpisode(
      memorySource({ 'episode.json': json, 'transcript.en.vtt': EN, 'transcript.ko.vtt': KO }),
      { fileLabel: label },
    );
    expect(fixed.findings).toEqual([]);
  });

  it('reports a read failure as unreadable-file with its reason, and does not reject', async () => {
    const json = episodeJson([{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }]);
    const source: EpisodeSource = {
      readText: async (relative) => {
        if (relative === 'episode.json') return json;
        throw new Error('EACCES: permission denied');
      },
    };
    const loaded = await loadEpisode(source, { fileLabel: label });
    expect(loaded.findings).toEqual([
      expect.objectContaining({
        rule: 'unreadable-file',
        message: expect.stringContaining('EACCES'),
      }),
    ]);
    expect(loaded.tracks.get('en')?.transcript).toBeUndefined();
  });

  it('reports a missing episode.json at 1:1', async () => {
    const loaded = await loadEpisode(memorySource({}), { fileLabel: label });
    expect(loaded.findings).toEqual([
      expect.objectContaining({
        rule: 'unreadable-file',
        file: '/episodes/mem/episode.json',
        line: 1,
        col: 1,
      }),
    ]);
    expect(loaded.episode).toBeUndefined();
  });

  it('checks the id against the folder name', async () => {
    const json = episodeJson([{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }]);
    const loaded = await loadEpisode(
      memorySource({ 'episode.json': json, 'transcript.en.vtt': EN }),
      {
        folderName: 'other',
        fileLabel: label,
      },
    );
    expect(loaded.findings.map((f) => [f.rule, f.line, f.col])).toEqual([['schema', 2, 9]]);
    expect(loaded.episode).toBeUndefined();
  });

  it('still checks the cue files when episode.json has schema errors', async () => {
    const folder = path.join(FIXTURES, 'broken/broken-episode');
    const loaded = await loadEpisode(fsEpisodeSource(folder), {
      folderName: 'broken-episode',
      fileLabel: (relative) => relative,
    });
    expect(loaded.episode).toBeUndefined();
    expect(loaded.findings.map((f) => `${f.file}:${f.line}:${f.col} ${f.rule}`)).toEqual([
      'chapters.en.vtt:8:1 chapter-overlap',
      'episode.json:8:44 schema',
      'episode.json:13:84 unreadable-file',
      'transcript.en.vtt:5:27 raw-less-than',
      'transcript.en.vtt:9:4 unknown-speaker',
      'transcript.ko.vtt:7:1 missing-translation',
      'transcript.ko.vtt:11:1 extra-translation',
    ]);
  });

  it('checks translations against the source language, matched ignoring case', async () => {
    const json = episodeJson([
      { lang: 'ko', label: '한국어', transcript: 'transcript.ko.vtt' },
      { lang: 'EN', label: 'English', transcript: 'transcript.EN.vtt' },
    ]);
    const loaded = await loadEpisode(
      memorySource({
        'episode.json': json,
        'transcript.EN.vtt': EN,
        'transcript.ko.vtt': KO.replace('c1', 'c2'),
      }),
      { fileLabel: label },
    );
    expect(loaded.findings.map((f) => [f.file, f.rule, f.cueId])).toEqual([
      // c2 sits on line 3; the missing c1 belongs after it (nothing the source has follows).
      ['/episodes/mem/transcript.ko.vtt', 'extra-translation', 'c2'],
      ['/episodes/mem/transcript.ko.vtt', 'missing-translation', 'c1'],
    ]);
  });

  it('uses media.frameRate for the minimum gap', async () => {
    const cues =
      'WEBVTT\n\nc1\n00:00:01.000 --> 00:00:03.000\n<v Joy>Hello there.\n\n' +
      'c2\n00:00:03.070 --> 00:00:05.000\nAnd again.\n';
    const json = (frameRate: number) =>
      episodeJson([{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }]).replace(
        '"sources"',
        `"frameRate": ${frameRate}, "sources"`,
      );
    const at25 = await loadEpisode(
      memorySource({ 'episode.json': json(25), 'transcript.en.vtt': cues }),
      { fileLabel: label },
    );
    expect(at25.findings.map((f) => f.rule)).toEqual(['gap']);
    const at30 = await loadEpisode(
      memorySource({ 'episode.json': json(30), 'transcript.en.vtt': cues }),
      { fileLabel: label },
    );
    expect(at30.findings).toEqual([]);
  });
});
