import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { embedSnippet, escapeHtml, watchUrl } from '../../src/features/shared/share-links.ts';
import { markdownToHtml } from '../../src/server/embed-docs.ts';
import { frameAncestors, frameAncestorsPolicy } from '../../src/server/embed-frame-ancestors.ts';
import { imageSize } from '../../src/server/oembed-image-size.ts';
import { oembedResponse } from '../../src/server/oembed-response.ts';
import type { Episode } from '../../src/core/episode-model.ts';

const root = path.resolve(import.meta.dirname, '../..');
const folder = path.join(root, 'episodes/misunderstandings-and-stereotypes');
const episode = JSON.parse(readFileSync(path.join(folder, 'episode.json'), 'utf8')) as Episode;

describe(frameAncestorsPolicy.name, () => {
  it('lets any origin frame the player unless told otherwise', () => {
    expect(frameAncestorsPolicy(undefined)).toBe('frame-ancestors *');
    expect(frameAncestorsPolicy('')).toBe('frame-ancestors *');
  });

  it('takes an allow-list separated by spaces or commas', () => {
    expect(frameAncestorsPolicy("https://partner.example, https://*.news.example 'self'")).toBe(
      "frame-ancestors https://partner.example https://*.news.example 'self'",
    );
    expect(frameAncestors("'none'")).toEqual(["'none'"]);
  });

  it.each([
    'partner.example',
    'https://partner.example/page',
    "'none' https://a.example",
    'https://a.example;script-src',
  ])('refuses %s with a clear message', (setting) => {
    expect(() => frameAncestors(setting)).toThrow(/RED_BOX_FRAME_ANCESTORS/);
  });
});

describe(imageSize.name, () => {
  it('reads the poster JPEG and a PNG header', () => {
    expect(imageSize(readFileSync(path.join(folder, 'media/poster.jpg')))).toEqual({
      width: 640,
      height: 360,
    });
    const png = new Uint8Array(24);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    new DataView(png.buffer).setUint32(16, 1280);
    new DataView(png.buffer).setUint32(20, 720);
    expect(imageSize(png)).toEqual({ width: 1280, height: 720 });
  });

  it('says null for anything else, truncated files included', () => {
    expect(imageSize(new TextEncoder().encode('<svg/>'))).toBeNull();
    expect(
      imageSize(readFileSync(path.join(folder, 'media/poster.jpg')).subarray(0, 40)),
    ).toBeNull();
  });
});

describe(oembedResponse.name, () => {
  it('describes the episode as an oEmbed video with absolute URLs', () => {
    const response = oembedResponse(episode, folder, 'https://redbox.example.org/red-box/');
    expect(response).toMatchObject({
      type: 'video',
      version: '1.0',
      title: episode.title,
      provider_name: 'Red Box Player',
      provider_url: 'https://redbox.example.org/red-box/',
      author_name: 'LiNK (Liberty in North Korea)',
      width: 640,
      thumbnail_url: `https://redbox.example.org/red-box/episodes/${episode.id}/media/poster.jpg`,
      thumbnail_width: 640,
      thumbnail_height: 360,
    });
    expect(response.html).toContain(`src="https://redbox.example.org/red-box/embed/${episode.id}"`);
    expect(response.html).toContain(`height="${response.height}"`);
  });

  it('leaves the thumbnail out when the poster cannot be measured', () => {
    const elsewhere = {
      ...episode,
      media: { ...episode.media, poster: 'https://cdn.example/p.jpg' },
    };
    expect(oembedResponse(elsewhere, folder, 'https://x.example/')).not.toHaveProperty(
      'thumbnail_url',
    );
  });
});

describe('share links', () => {
  it('links to a moment and a language', () => {
    expect(watchUrl('https://x.example/app/', 'ep-1', { t: 83.46, lang: 'ko' })).toBe(
      'https://x.example/app/watch/ep-1?t=83.4&lang=ko',
    );
    expect(watchUrl('https://x.example/', 'ep-1', { t: 0 })).toBe('https://x.example/watch/ep-1');
  });

  it('makes the Contract 4 snippet, escaped', () => {
    expect(embedSnippet('https://x.example/', 'ep-1', 'en')).toBe(
      '<div data-redbox-episode="ep-1" data-redbox-lang="en"></div><script src="https://x.example/embed.js" async></script>',
    );
    expect(escapeHtml(`"<a>&'`)).toBe(`&quot;&lt;a&gt;&amp;'`);
  });
});

describe(markdownToHtml.name, () => {
  it('renders the guide subset and escapes everything else', () => {
    const html = markdownToHtml(
      [
        '# Title <b>',
        '',
        'Text with `<code>` and **bold** and [a link](https://x.example/?a=1&b=2).',
        '',
        '- one',
        '- two `x`',
        '',
        '| a | b |',
        '|---|---|',
        '| 1 | <i>2</i> |',
        '',
        '```html',
        '<script src="x"></script>',
        '```',
        '',
        '[bad](javascript:alert(1))',
      ].join('\n'),
    );
    expect(html).toContain('<h1 id="title-b">Title &lt;b&gt;</h1>');
    expect(html).toContain('<code>&lt;code&gt;</code>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<a href="https://x.example/?a=1&amp;b=2">a link</a>');
    expect(html).toContain('<ul><li>one</li><li>two <code>x</code></li></ul>');
    expect(html).toContain('<td>&lt;i&gt;2&lt;/i&gt;</td>');
    expect(html).toContain(
      '<pre><code class="language-html">&lt;script src=&quot;x&quot;&gt;&lt;/script&gt;</code></pre>',
    );
    expect(html).not.toContain('javascript:');
  });
});
