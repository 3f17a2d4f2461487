import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addTrackToEpisodeJson } from '../../src/core/episode-json-edit.ts';

const bundled = readFileSync(
  fileURLToPath(
    new URL('../../episodes/misunderstandings-and-stereotypes/episode.json', import.meta.url),
  ),
  'utf8',
);

const french = {
  lang: 'fr',
  label: 'Français',
  transcript: 'transcript.fr.vtt',
  chapters: 'chapters.fr.vtt',
};

describe(addTrackToEpisodeJson.name, () => {
  it('adds one line after the last track, in the style of the others, and changes nothing else', () => {
    const text = [
      '{',
      '  "id": "misunderstandings-and-stereotypes",',
      '  "speakers": [{ "id": "joy", "name": "Joy" }],',
      '  "tracks": [',
      '    { "lang": "en", "label": "English", "transcript": "transcript.en.vtt" },',
      '    { "lang": "ko", "label": "한국어", "transcript": "transcript.ko.vtt" }',
      '  ],',
      '  "credits": []',
      '}',
      '',
    ].join('\n');
    const result = addTrackToEpisodeJson(text, french);
    expect(result.ok && result.text).toBe(
      text.replace(
        '"transcript.ko.vtt" }\n',
        '"transcript.ko.vtt" },\n    { "lang": "fr", "label": "Français", "transcript": "transcript.fr.vtt", "chapters": "chapters.fr.vtt" }\n',
      ),
    );
  });

  it('edits the bundled episode.json into valid JSON with the track last', () => {
    const result = addTrackToEpisodeJson(bundled, french);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.split('\n').length).toBe(bundled.split('\n').length + 1);
    expect(JSON.parse(result.text)).toEqual({
      ...JSON.parse(bundled),
      tracks: [...JSON.parse(bundled).tracks, french],
    });
  });

  it('writes an indented entry where tracks are indented objects', () => {
    const text =
      '{\n  "id": "x",\n  "tracks": [\n    {\n      "lang": "en",\n      "label": "English"\n    }\n  ]\n}\n';
    const result = addTrackToEpisodeJson(text, {
      lang: 'ko',
      label: '한국어',
      transcript: 't.ko.vtt',
    });
    expect(result.ok && result.text).toBe(
      '{\n  "id": "x",\n  "tracks": [\n    {\n      "lang": "en",\n      "label": "English"\n    },\n    {\n      "lang": "ko",\n      "label": "한국어",\n      "transcript": "t.ko.vtt"\n    }\n  ]\n}\n',
    );
  });

  it('keeps unknown fields and tricky strings intact', () => {
    const text = '{"tracks":[{"lang":"en","label":"a ] } \\" ["}],"extra":{"k":[1,2]}}';
    const result = addTrackToEpisodeJson(text, { lang: 'ko', label: 'K', transcript: 't.vtt' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(JSON.parse(result.text)).toEqual({
      tracks: [
        { lang: 'en', label: 'a ] } " [' },
        { lang: 'ko', label: 'K', transcript: 't.vtt' },
      ],
      extra: { k: [1, 2] },
    });
    expect(result.text.startsWith('{"tracks":[{"lang":"en","label":"a ] } \\" ["}, {')).toBe(true);
  });

  it('says what is wrong with a file it cannot edit', () => {
    const broken = addTrackToEpisodeJson('{"tracks": [', french);
    expect(broken.ok).toBe(false);
    expect(!broken.ok && broken.message).toMatch(/not valid JSON \(line 1, column/);
    const noTracks = addTrackToEpisodeJson('{"id": "x"}', french);
    expect(!noTracks.ok && noTracks.message).toMatch(/no "tracks" list/);
  });
});
