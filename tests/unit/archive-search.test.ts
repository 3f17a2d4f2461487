import { describe, expect, it } from 'vitest';
import {
  buildSearchGroup,
  momentAt,
  loadSearchGroup,
  searchArchive,
  type SearchSource,
} from '../../src/core/archive-search.ts';
import type { Episode } from '../../src/core/episode-model.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';

function source(id: string, published: string, lines: [string, string][]): SearchSource {
  const episode: Episode = {
    id,
    title: `Title of ${id}`,
    published,
    sourceLanguage: 'en',
    media: { sources: [] },
    speakers: [
      { id: 'joy', name: 'Joy' },
      { id: 'k', name: 'Byeolnim', anonymous: true },
    ],
    tracks: [{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }],
  };
  const vtt = ['WEBVTT', ''];
  lines.forEach(([voice, text], i) => {
    vtt.push(
      `c${i + 1}`,
      `00:00:${String(i * 2 + 10).padStart(2, '0')}.500 --> 00:00:${String(i * 2 + 11).padStart(2, '0')}.000`,
      `<v ${voice}>${text}`,
      '',
    );
  });
  return { episode, cues: parseVtt(vtt.join('\n'), { speakers: episode.speakers }).document.cues };
}

const sources = [
  source('older', '2023-01-01', [
    ['Joy', 'I missed my mother.'],
    ['Byeolnim', 'We missed the train, and missing it was fine.'],
  ]),
  source('newer', '2024-01-01', [
    ['Joy', 'A mission to remember.'],
    ['Joy', 'Do you miss home?'],
  ]),
];

async function loaded(lang = 'en', from = sources) {
  const file = JSON.parse(JSON.stringify(await buildSearchGroup(lang, from)));
  return loadSearchGroup(file, 'test.json');
}

describe(buildSearchGroup.name, () => {
  it('keeps each episode’s own cast and never indexes speaker names', async () => {
    const file = await buildSearchGroup('en', sources);
    expect(file.episodes.map((e) => [e.id, e.lines])).toEqual([
      ['older', 2],
      ['newer', 2],
    ]);
    expect(JSON.stringify(file.index)).not.toContain('byeolnim');
    const group = await loaded();
    expect(searchArchive([group], 'Byeolnim', 'en').total).toBe(0);
  });
});

describe(searchArchive.name, () => {
  it('finds moments by word form, grouped by episode, in time order, with speakers', async () => {
    const results = searchArchive([await loaded()], 'miss', 'en');
    expect(results.total).toBe(3);
    const older = results.episodes.find((e) => e.episode.id === 'older')!;
    expect(
      older.lines
        .map((_, i) => momentAt(older, i))
        .map((m) => [m.cueId, m.startTime, m.speaker, m.speakerAnonymous]),
    ).toEqual([
      ['c1', 10, 'Joy', false],
      ['c2', 12, 'Byeolnim', true],
    ]);
    const newer = results.episodes.find((e) => e.episode.id === 'newer')!;
    expect(newer.lines.map((_, i) => momentAt(newer, i).cueId)).toEqual(['c2']);
  });

  it('needs every word of the query, or any when no line has them all', async () => {
    const group = await loaded();
    expect(searchArchive([group], 'missed train', 'en').total).toBe(1);
    expect(searchArchive([group], 'mother remember', 'en').total).toBe(2);
  });

  it('searches several groups at once', async () => {
    const groups = [await loaded('en', [sources[0]!]), await loaded('en', [sources[1]!])];
    expect(
      searchArchive(groups, 'miss', 'en')
        .episodes.map((e) => e.episode.id)
        .sort(),
    ).toEqual(['newer', 'older']);
  });

  it('finds nothing for an empty query', async () => {
    expect(searchArchive([await loaded()], '  ', 'en')).toEqual({
      terms: [],
      episodes: [],
      total: 0,
    });
  });
});

describe(loadSearchGroup.name, () => {
  it('refuses a file that is not an index of this version, saying where', async () => {
    await expect(
      loadSearchGroup({ version: 0 } as never, 'archive/search/en/1.json'),
    ).rejects.toThrow(/archive\/search\/en\/1\.json is not a search index/);
  });
});
