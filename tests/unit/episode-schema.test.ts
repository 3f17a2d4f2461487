import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJsonPath, validateEpisodeJson } from '../../src/core/episode-schema.ts';

/** The episode.json of Contract 1, as an object to vary. */
const minimal = () => ({
  id: 'misunderstandings-and-stereotypes',
  title: 'Misunderstandings and Stereotypes about North Koreans',
  published: '2024-09-12',
  sourceLanguage: 'en',
  media: { sources: [{ src: 'media/episode.webm', type: 'video/webm' }] },
  speakers: [{ id: 'joy', name: 'Joy' }] as Record<string, unknown>[],
  tracks: [{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }] as Record<
    string,
    unknown
  >[],
});

const FILE = 'episodes/misunderstandings-and-stereotypes/episode.json';
const FOLDER = 'misunderstandings-and-stereotypes';

function validate(value: unknown, folderName: string | undefined = FOLDER) {
  const text = JSON.stringify(value, null, 2);
  return { text, ...validateEpisodeJson(text, { file: FILE, folderName }) };
}

/** Line and column of the nth occurrence of `needle` in `text` (the expected position). */
function at(text: string, needle: string, occurrence = 1): { line: number; col: number } {
  let index = -1;
  for (let n = 0; n < occurrence; n++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${needle} not in text ${occurrence} times`);
  }
  const before = text.slice(0, index);
  return { line: before.split('\n').length, col: index - before.lastIndexOf('\n') };
}

/** Where the value of the nth `"key": ` is written. */
function valueAt(text: string, key: string, occurrence = 1): { line: number; col: number } {
  const keyAt = at(text, `"${key}": `, occurrence);
  return { line: keyAt.line, col: keyAt.col + `"${key}": `.length };
}

describe(validateEpisodeJson.name, () => {
  it('accepts the episode.json of Contract 1', () => {
    const result = validate(minimal());
    expect(result.findings).toEqual([]);
    expect(result.episode?.id).toBe('misunderstandings-and-stereotypes');
  });

  it('accepts every optional field, and keeps fields it does not know', () => {
    const episode = {
      ...minimal(),
      series: 'The Red Box',
      summary: 'Refugees answer questions from a red box.',
      media: {
        sources: [{ src: 'https://cdn.example.org/episode.mp4', type: 'video/mp4' }],
        poster: 'media/poster.jpg',
        duration: 296,
        frameRate: 29.97,
        waveform: 'media/waveform.bin',
        note: 'A stand-in.',
      },
      speakers: [
        { id: 'joy', name: 'Joy', portrait: 'portraits/joy.svg', color: '#C47A12' },
        { id: 'speaker-2', name: 'Mina', anonymous: true },
      ],
      tracks: [
        {
          lang: 'en',
          label: 'English',
          transcript: 'transcript.en.vtt',
          chapters: 'chapters.en.vtt',
        },
        { lang: 'pt-BR', label: 'Português', transcript: 'transcript.pt-br.vtt' },
      ],
      credits: [{ role: 'Publisher', name: 'LiNK', url: 'https://www.libertyinnorthkorea.org' }],
      futureField: { anything: true },
    };
    const result = validate(episode);
    expect(result.findings).toEqual([]);
    expect((result.episode as unknown as Record<string, unknown>).futureField).toEqual({
      anything: true,
    });
  });

  it('reports malformed JSON once, at the exact position of the syntax error', () => {
    const text = '{\n  "id": "x",\n  "title": "A"\n  "published": "2024-09-12"\n}';
    const result = validateEpisodeJson(text, { file: FILE });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({
      rule: 'schema',
      severity: 'error',
      file: FILE,
      line: 4,
      col: 3,
    });
    expect(result.findings[0]!.message).toMatch(/not valid JSON/);
    expect(result.episode).toBeUndefined();
  });

  it('reports a value of the wrong type at the value, naming the field path', () => {
    const episode = minimal();
    episode.speakers.push({ id: 'dasom', name: 'Dasom' }, { id: 'il', name: 42 });
    const result = validate(episode);
    expect(result.findings).toEqual([
      {
        rule: 'schema',
        severity: 'error',
        file: FILE,
        ...at(result.text, '42'),
        message: expect.stringMatching(/^speakers\[2\]\.name: expected a string, got 42: give/),
      },
    ]);
  });

  it('reports a waveform path outside the episode folder at its value, saying what to write', () => {
    const episode = minimal();
    const result = validate({ ...episode, media: { ...episode.media, waveform: '../x.bin' } });
    expect(result.findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        severity: 'error',
        ...at(result.text, '"../x.bin"'),
        message: expect.stringMatching(/^media\.waveform: .*npm run waveform/),
      }),
    ]);
  });

  it('reports a missing required field at the object that lacks it', () => {
    const { title: _title, ...rest } = minimal();
    const result = validate(rest);
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 1,
        col: 1,
        message: expect.stringMatching(/^title: missing/),
      }),
    ]);

    const episode = minimal();
    episode.tracks[0] = { lang: 'en', transcript: 'transcript.en.vtt' };
    const track = validate(episode);
    expect(track.findings).toEqual([
      expect.objectContaining({
        // The track object: the "{" on the line after "tracks": [.
        line: valueAt(track.text, 'tracks').line + 1,
        col: 5,
        message: expect.stringMatching(/^tracks\[0\]\.label: missing/),
      }),
    ]);
  });

  it('reports an id that differs from the folder name at the id', () => {
    const result = validate(minimal(), 'another-folder');
    expect(result.findings).toEqual([
      expect.objectContaining({
        ...at(result.text, '"misunderstandings'),
        message: expect.stringContaining('"another-folder"'),
      }),
    ]);
    expect(validate(minimal(), undefined).findings).toEqual([]);
  });

  it('reports an id that is not lowercase letters, digits and "-"', () => {
    const result = validate({ ...minimal(), id: 'My Episode' }, undefined);
    expect(result.findings).toEqual([
      expect.objectContaining({ ...at(result.text, '"My Episode"') }),
    ]);
  });

  it('reports a publication date that is not a real YYYY-MM-DD date', () => {
    for (const published of ['2024-02-30', '2023-02-29', '12.09.2024', '2024-13-01']) {
      const result = validate({ ...minimal(), published });
      expect(result.findings, published).toEqual([
        expect.objectContaining({ ...at(result.text, `"${published}"`) }),
      ]);
    }
    expect(validate({ ...minimal(), published: '2024-02-29' }).findings).toEqual([]);
  });

  it('reports a source language without a track at sourceLanguage', () => {
    const result = validate({ ...minimal(), sourceLanguage: 'ko' });
    expect(result.findings).toEqual([
      expect.objectContaining({
        ...at(result.text, '"ko"'),
        message: expect.stringMatching(/^sourceLanguage: "ko" has no track/),
      }),
    ]);
    expect(validate({ ...minimal(), sourceLanguage: 'EN' }).findings).toEqual([]);
  });

  it('reports language tags that are not well-formed BCP 47', () => {
    const episode = minimal();
    episode.tracks[0]!.lang = 'en_US';
    const result = validate({ ...episode, sourceLanguage: 'en_US' });
    expect(result.findings.map((f) => ({ line: f.line, col: f.col }))).toEqual([
      valueAt(result.text, 'sourceLanguage'),
      valueAt(result.text, 'lang'),
    ]);
    expect(result.findings[0]!.message).toContain('BCP 47');
  });

  it('reports a second track of the same language, ignoring case', () => {
    const episode = minimal();
    episode.tracks.push({ lang: 'EN', label: 'English again', transcript: 'transcript.EN.vtt' });
    const result = validate(episode);
    expect(result.findings).toEqual([
      expect.objectContaining({
        ...at(result.text, '"EN"'),
        message: expect.stringContaining('tracks[1].lang'),
      }),
    ]);
  });

  it('reports transcript and chapters files not named after the track language', () => {
    const episode = minimal();
    episode.tracks[0] = {
      lang: 'en',
      label: 'English',
      transcript: 'english.vtt',
      chapters: 'chapters.ko.vtt',
    };
    const result = validate(episode);
    expect(result.findings).toEqual([
      expect.objectContaining({
        ...at(result.text, '"english.vtt"'),
        message: expect.stringContaining('transcript.en.vtt'),
      }),
      expect.objectContaining({
        ...at(result.text, '"chapters.ko.vtt"'),
        message: expect.stringContaining('chapters.en.vtt'),
      }),
    ]);
    episode.tracks[0] = { lang: 'pt-BR', label: 'P', transcript: 'transcript.pt-br.vtt' };
    expect(validate({ ...episode, sourceLanguage: 'pt-br' }).findings).toEqual([]);
  });

  it('reports duplicate and malformed speaker ids', () => {
    const episode = minimal();
    episode.speakers.push({ id: 'joy', name: 'Joy 2' }, { id: 'Dasom', name: 'Dasom' });
    const result = validate(episode);
    expect(result.findings.map((f) => f.message.split(':')[0])).toEqual([
      'speakers[1].id',
      'speakers[2].id',
    ]);
    // Occurrence 1 of "id" is the episode's; speakers[1] and [2] hold the 3rd and 4th.
    expect(result.findings[0]).toMatchObject(valueAt(result.text, 'id', 3));
    expect(result.findings[1]).toMatchObject(valueAt(result.text, 'id', 4));
  });

  it('reports media sources that are missing, leave the folder or are not https', () => {
    const empty = validate({ ...minimal(), media: { sources: [] } });
    expect(empty.findings).toEqual([
      expect.objectContaining({
        ...at(empty.text, '[]'),
        message: expect.stringMatching(/^media\.sources: must list at least one source/),
      }),
    ]);
    for (const src of ['../other/episode.webm', '/media/episode.webm', 'http://x.org/e.mp4', '']) {
      const result = validate({ ...minimal(), media: { sources: [{ src, type: 'video/mp4' }] } });
      expect(result.findings, src).toEqual([
        expect.objectContaining({
          ...valueAt(result.text, 'src'),
          message: expect.stringMatching(/^media\.sources\[0\]\.src: must be a path inside/),
        }),
      ]);
    }
  });

  it('reports a duration or frame rate that is not above 0, and a bad colour', () => {
    const episode = {
      ...minimal(),
      media: { ...minimal().media, duration: 0, frameRate: -25 },
      speakers: [{ id: 'joy', name: 'Joy', color: 'red', anonymous: 'yes' }],
    };
    const result = validate(episode);
    expect(result.findings.map((f) => [f.message.split(':')[0], f.line, f.col])).toEqual([
      [
        'media.duration',
        valueAt(result.text, 'duration').line,
        valueAt(result.text, 'duration').col,
      ],
      [
        'media.frameRate',
        valueAt(result.text, 'frameRate').line,
        valueAt(result.text, 'frameRate').col,
      ],
      ['speakers[0].color', valueAt(result.text, 'color').line, valueAt(result.text, 'color').col],
      [
        'speakers[0].anonymous',
        valueAt(result.text, 'anonymous').line,
        valueAt(result.text, 'anonymous').col,
      ],
    ]);
  });

  it('reports a top level that is not an object', () => {
    const result = validateEpisodeJson('[1, 2]', { file: FILE });
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 1,
        col: 1,
        message: expect.stringMatching(/^\(top level\): expected an object, got a list/),
      }),
    ]);
    const media = validate({ ...minimal(), media: [] });
    expect(media.findings).toEqual([
      expect.objectContaining({
        ...valueAt(media.text, 'media'),
        message: expect.stringMatching(/^media: expected an object, got a list/),
      }),
    ]);
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        (text) => {
          const result = validateEpisodeJson(text, { file: FILE, folderName: 'x' });
          expect(result.episode === undefined).toBe(result.findings.length > 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe(formatJsonPath.name, () => {
  it('writes keys with dots and indices in brackets', () => {
    expect(formatJsonPath(['speakers', 2, 'name'])).toBe('speakers[2].name');
    expect(formatJsonPath([])).toBe('(top level)');
  });
});
