/**
 * The app's icons and web app manifest on the built site: every page links the favicon (SVG and
 * ICO), the Apple touch icon and the manifest, each link answers 200, and the manifest parses with
 * its name, theme colour and 192/512 px PNG icons of the sizes it declares. Served by the run's
 * shared preview server (no browser needed: the links are in the HTML).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EPISODE_ID } from './support/episode-fixture.ts';
import { sharedPreviewServer, type RunningServer } from './support/servers.ts';

const PAGES = [
  '/',
  '/questions',
  '/search?q=food',
  `/watch/${EPISODE_ID}`,
  `/watch/${EPISODE_ID}.html`,
  `/embed/${EPISODE_ID}`,
  `/translate/${EPISODE_ID}/ko`,
];
const RELS = ['icon', 'apple-touch-icon', 'manifest'];

let server: RunningServer;
beforeAll(async () => {
  server = await sharedPreviewServer();
});

/** Each `<link>` in the page's HTML as rel → hrefs. */
function linksOf(html: string): Map<string, string[]> {
  const links = new Map<string, string[]>();
  for (const [tag] of html.matchAll(/<link\b[^>]*>/g)) {
    const rel = /\brel="([^"]+)"/.exec(tag)?.[1];
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (rel && href) links.set(rel, [...(links.get(rel) ?? []), href]);
  }
  return links;
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): string {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

async function get(url: string): Promise<Response> {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return response;
}

describe('icons and the web app manifest', () => {
  for (const page of PAGES) {
    it(`${page} links the favicon, the touch icon and the manifest, and each answers`, async () => {
      const url = `${server.url}${page}`;
      const html = await (await get(url)).text();
      const links = linksOf(html);
      for (const rel of RELS) expect(links.get(rel), `${page}: rel=${rel}`).toBeDefined();
      expect(links.get('icon')!.some((href) => href.endsWith('.svg'))).toBe(true);
      expect(links.get('icon')!.some((href) => href.endsWith('.ico'))).toBe(true);
      expect(html).toMatch(/<meta name="theme-color" content="#c8102e"/);
      for (const href of RELS.flatMap((rel) => links.get(rel)!)) {
        await get(new URL(href, url).href);
      }
    });
  }

  it('serves /favicon.ico, where browsers look without a link', async () => {
    const bytes = Buffer.from(await (await get(`${server.url}/favicon.ico`)).arrayBuffer());
    expect(bytes.readUInt16LE(2)).toBe(1); // ICO type: icon
    expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(2); // 16 and 32 px at least
  });

  it('has a manifest with a name, a theme colour and 192 and 512 px PNG icons', async () => {
    const manifestUrl = `${server.url}/manifest.webmanifest`;
    const manifest = (await (await get(manifestUrl)).json()) as {
      name: string;
      short_name: string;
      theme_color: string;
      background_color: string;
      start_url: string;
      icons: { src: string; sizes: string; type: string }[];
    };
    expect(manifest.name).toBe('Red Box Player');
    expect(manifest.short_name).toBeTruthy();
    expect(manifest.theme_color).toBe('#c8102e');
    expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/);
    const pngs = manifest.icons.filter((icon) => icon.type === 'image/png');
    expect(pngs.map((icon) => icon.sizes).sort()).toEqual(['192x192', '512x512']);
    for (const icon of pngs) {
      // Relative to the manifest, so the app works under a sub-path too.
      expect(icon.src.startsWith('/')).toBe(false);
      const bytes = Buffer.from(
        await (await get(new URL(icon.src, manifestUrl).href)).arrayBuffer(),
      );
      expect(pngSize(bytes)).toBe(icon.sizes);
    }
  });
});
