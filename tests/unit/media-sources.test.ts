import { describe, expect, it } from 'vitest';
import { fileSource, isHlsSource, planSources } from '../../src/core/media-sources.ts';
import { validateEpisodeJson } from '../../src/core/episode-schema.ts';
import { withFirstSource } from '../../scripts/media/episode-files.ts';
import { contentTypeOf } from '../../src/server/static-files.ts';

const hls = { src: 'media/hls/master.m3u8', type: 'application/x-mpegURL' };
const webm = { src: 'media/episode.webm', type: 'video/webm' };
const mp4 = { src: 'media/episode.mp4', type: 'video/mp4' };

describe(isHlsSource.name, () => {
  it('knows HLS by its MIME type, in any case, or by .m3u8 when the type is empty', () => {
    expect(isHlsSource(hls)).toBe(true);
    expect(isHlsSource({ src: 'x', type: 'application/vnd.apple.mpegurl' })).toBe(true);
    expect(isHlsSource({ src: 'x', type: 'APPLICATION/X-MPEGURL' })).toBe(true);
    expect(isHlsSource({ src: 'https://cdn.example/a.m3u8?token=1', type: '' })).toBe(true);
    expect(isHlsSource(mp4)).toBe(false);
    expect(isHlsSource({ src: 'media/hls/master.m3u8', type: 'video/mp4' })).toBe(false);
  });
});

describe(planSources.name, () => {
  const sources = [hls, webm, mp4];

  it('plays HLS natively where the browser can, and never asks for http-streaming there', () => {
    expect(planSources(sources, { native: true, mediaSource: true })).toEqual({
      sources,
      fallback: [webm, mp4],
      hls: 'native',
    });
  });

  it('asks for http-streaming where there is no native HLS but Media Source Extensions', () => {
    expect(planSources(sources, { native: false, mediaSource: true }).hls).toBe('http-streaming');
  });

  it('drops HLS where the browser can play it neither way, leaving the files', () => {
    expect(planSources(sources, { native: false, mediaSource: false })).toEqual({
      sources: [webm, mp4],
      fallback: [webm, mp4],
      hls: 'files',
    });
  });

  it('leaves an episode without HLS as it is, whatever the browser', () => {
    for (const native of [true, false])
      for (const mediaSource of [true, false])
        expect(planSources([webm, mp4], { native, mediaSource })).toEqual({
          sources: [webm, mp4],
          fallback: [webm, mp4],
          hls: 'files',
        });
  });
});

describe(fileSource.name, () => {
  it('prefers the MP4, then any other file, never the playlist', () => {
    expect(fileSource([hls, webm, mp4])).toBe(mp4);
    expect(fileSource([hls, webm])).toBe(webm);
    expect(fileSource([hls])).toBeUndefined();
  });
});

describe('an HLS source in episode.json', () => {
  const episode = (sources: unknown[]) =>
    JSON.stringify({
      id: 'x',
      title: 'X',
      published: '2024-09-12',
      sourceLanguage: 'en',
      media: { sources },
      speakers: [{ id: 'joy', name: 'Joy' }],
      tracks: [{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }],
    });

  it('passes the schema before the MP4', () => {
    expect(
      validateEpisodeJson(episode([hls, mp4]), { file: 'episode.json', folderName: 'x' }).findings,
    ).toEqual([]);
  });
});

describe(withFirstSource.name, () => {
  const text = `{
  "id": "x",
  "media": {
    "sources": [
      { "src": "media/episode.webm", "type": "video/webm" },
      { "src": "media/episode.mp4", "type": "video/mp4" }
    ],
    "duration": 2
  }
}
`;

  it('puts the playlist first on a line of its own, leaving the rest as written', () => {
    const after = withFirstSource(text, hls);
    expect(after).toBe(
      text.replace(
        '"sources": [\n',
        '"sources": [\n      { "src": "media/hls/master.m3u8", "type": "application/x-mpegURL" },\n',
      ),
    );
    expect(withFirstSource(after, hls)).toBe(after);
  });

  it('moves a playlist listed later to the front (a plain rewrite)', () => {
    const later = withFirstSource(JSON.stringify({ media: { sources: [mp4, hls] } }), hls);
    expect(JSON.parse(later)).toEqual({ media: { sources: [hls, mp4] } });
  });
});

describe(contentTypeOf.name, () => {
  it('serves HLS playlists and segments with their types', () => {
    expect(contentTypeOf('media/hls/master.m3u8')).toBe('application/vnd.apple.mpegurl');
    expect(contentTypeOf('media/hls/360p/segment-000.m4s')).toBe('video/iso.segment');
    expect(contentTypeOf('media/hls/360p/init_0.mp4')).toBe('video/mp4');
  });
});
