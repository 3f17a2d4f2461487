import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRANSCRIPT_HEIGHT,
  EMBED_SIZES,
  MAX_TRANSCRIPT_HEIGHT,
  MIN_TRANSCRIPT_HEIGHT,
  embedLayout,
} from '../../src/features/shared/embed-layout.ts';
import {
  embedQuery,
  normalizeOrigin,
  readEmbedParams,
} from '../../src/features/shared/embed-params.ts';

const read = (query: string) => readEmbedParams(new URLSearchParams(query));

describe(readEmbedParams.name, () => {
  it('has defaults: transcript and captions on, no autoplay, no origin', () => {
    expect(read('')).toEqual({
      lang: null,
      t: null,
      transcript: true,
      transcriptHeight: DEFAULT_TRANSCRIPT_HEIGHT,
      captions: true,
      autoplay: false,
      origin: null,
    });
  });

  it('reads every parameter of Contract 2', () => {
    expect(
      read(
        'lang=ko&t=1m30s&transcript=0&transcriptHeight=400&captions=0&autoplay=1&origin=https://partner.example',
      ),
    ).toEqual({
      lang: 'ko',
      t: 90,
      transcript: false,
      transcriptHeight: 400,
      captions: false,
      autoplay: true,
      origin: 'https://partner.example',
    });
  });

  it('falls back on malformed values and keeps the transcript height within bounds', () => {
    expect(read('t=soon&transcript=maybe&transcriptHeight=tall')).toMatchObject({
      t: null,
      transcript: true,
      transcriptHeight: DEFAULT_TRANSCRIPT_HEIGHT,
    });
    expect(read('transcriptHeight=5').transcriptHeight).toBe(MIN_TRANSCRIPT_HEIGHT);
    expect(read('transcriptHeight=99999').transcriptHeight).toBe(MAX_TRANSCRIPT_HEIGHT);
  });
});

describe(normalizeOrigin.name, () => {
  it.each([
    ['https://partner.example', 'https://partner.example'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['https://partner.example/', 'https://partner.example'],
    ['https://partner.example/page', null],
    ['javascript:alert(1)', null],
    ['null', null],
    ['*', null],
    ['', null],
  ])('%s → %s', (value, expected) => {
    expect(normalizeOrigin(value)).toBe(expected);
  });
});

describe(embedQuery.name, () => {
  it('writes what the page reads back', () => {
    const query = embedQuery(
      {
        lang: 'ko',
        t: 12.5,
        transcript: false,
        transcriptHeight: 200,
        captions: '0',
        autoplay: true,
      },
      'https://partner.example',
    );
    expect(query.toString()).toBe(
      'lang=ko&t=12.5&transcript=0&transcriptHeight=200&captions=0&autoplay=1&origin=https%3A%2F%2Fpartner.example',
    );
    expect(readEmbedParams(query)).toMatchObject({
      lang: 'ko',
      t: 12.5,
      transcript: false,
      autoplay: true,
    });
  });

  it('leaves out what was not given and an origin that is not one', () => {
    expect(embedQuery({ lang: undefined, t: '' }, 'null').toString()).toBe('');
  });
});

describe(embedLayout.name, () => {
  const options = { transcript: true, transcriptHeight: 320 };
  const info = EMBED_SIZES.questionHeight + EMBED_SIZES.speakersHeight;

  it('stacks narrow embeds: 16:9 video, the fixed parts, the transcript', () => {
    const layout = embedLayout(400, options);
    expect(layout.mode).toBe('stacked');
    expect(layout.height).toBe(Math.ceil(225 + info + 320 + EMBED_SIZES.footerHeight));
  });

  it('puts the transcript beside the video from the wide width up', () => {
    const layout = embedLayout(1000, options);
    expect(layout.mode).toBe('wide');
    expect(layout.sideWidth).toBe(400);
    expect(layout.height).toBe(Math.ceil(600 * (9 / 16) + info + EMBED_SIZES.footerHeight));
    // A taller transcript than the video column makes the embed taller.
    expect(embedLayout(1000, { transcript: true, transcriptHeight: 900 }).height).toBe(
      900 + EMBED_SIZES.footerHeight,
    );
  });

  it('stacks without a transcript at any width, and copes with no width at all', () => {
    expect(embedLayout(1000, { ...options, transcript: false })).toMatchObject({
      mode: 'stacked',
      height: Math.ceil(1000 * (9 / 16) + info + EMBED_SIZES.footerHeight),
    });
    expect(embedLayout(Number.NaN, options).height).toBe(info + 320 + EMBED_SIZES.footerHeight);
  });
});
