/** The archive's files, made from a generated archive the way the build makes them. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { parseFeed } from 'podcast-partytime';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeArchive, type GeneratedEpisode } from '../../scripts/archive/generate-archive.ts';
import type { QuestionsFile } from '../../src/core/archive-model.ts';
import { firstCueOfChapter, publicPages, questionsIn } from '../../src/core/archive-model.ts';
import type { SearchManifest } from '../../src/core/archive-search.ts';
import { escapeXml, podcastFeedXml, rfc822Date } from '../../src/core/podcast-feed.ts';
import { buildArchiveFiles, type ArchiveFiles } from '../../src/server/archive-files.ts';
import { robotsForBuild } from '../../src/server/archive-plugin.ts';
import { readCatalog } from '../../src/server/episode-catalog.ts';

let generated: GeneratedEpisode[];
let files: ArchiveFiles;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'red-box-archive-unit-'));
  generated = writeArchive(dir, { episodes: 5, cuesPerEpisode: 30 });
  process.env.RED_BOX_PUBLIC_URL = 'https://example.org/red-box/';
  try {
    files = await buildArchiveFiles(await readCatalog(dir), dir, '/red-box/');
  } finally {
    delete process.env.RED_BOX_PUBLIC_URL;
  }
});

describe('archive/questions.json', () => {
  it('lists every episode newest first, each question with its first cue, per language', () => {
    const questions = JSON.parse(files.get('archive/questions.json')!) as QuestionsFile;
    expect(questions.episodes.map((e) => e.id)).toEqual([...generated].reverse().map((e) => e.id));
    expect(questions.languages.map((l) => l.lang)).toEqual(['en', 'ko']);
    for (const episode of generated) {
      const entry = questions.episodes.find((e) => e.id === episode.id)!;
      expect(questionsIn(entry, 'ko').questions.map((q) => [q.text, q.cueId])).toEqual(
        episode.questions.map((q) => [q.ko, q.cueId]),
      );
      // An unknown language falls back to the source language.
      expect(questionsIn(entry, 'fr').lang).toBe('en');
    }
  });
});

describe('archive/search', () => {
  it('has a manifest naming content-hashed parts for each language', () => {
    const manifest = JSON.parse(files.get('archive/search/manifest.json')!) as SearchManifest;
    expect(manifest.languages.map((l) => [l.lang, l.episodes, l.lines])).toEqual([
      ['en', 5, 150],
      ['ko', 5, 150],
    ]);
    for (const language of manifest.languages) {
      for (const group of language.groups) {
        expect(group).toMatch(/^(en|ko)\/\d+-[0-9a-f]{10}\.json$/);
        expect(files.has(`archive/search/${group}`)).toBe(true);
      }
    }
  });
});

describe('feed.xml', () => {
  it('is valid XML that the Podcast Index parser reads, with absolute URLs', () => {
    const xml = files.get('feed.xml')!;
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml)!;
    expect(feed.items).toHaveLength(5);
    expect(feed.items[0]!.enclosure.url).toMatch(
      /^https:\/\/example\.org\/red-box\/episodes\/archive-episode-005\/media\/episode\.mp4$/,
    );
    const anonymous = generated.flatMap((e) => e.anonymousNames);
    expect(anonymous.length).toBeGreaterThan(0);
    for (const name of anonymous) expect(xml).not.toContain(name);
  });

  it('escapes what it writes', () => {
    expect(escapeXml(`a & <b> "c"\u0001`)).toBe('a &amp; &lt;b&gt; &quot;c&quot;');
    const xml = podcastFeedXml({
      title: 'T & T',
      description: 'd',
      link: 'https://x/',
      self: 'https://x/feed.xml',
      language: 'en',
      author: 'LiNK',
      items: [
        {
          guid: 'g',
          title: '<script>',
          description: 'd',
          link: 'https://x/watch/a?x=1&y=2',
          published: '2024-09-12',
          transcripts: [{ url: 'https://x/t.vtt?a=1&b=2', lang: 'en' }],
          people: [{ name: 'Joy & Co' }],
        },
      ],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('url="https://x/t.vtt?a=1&amp;b=2"');
    expect(xml).toContain('<pubDate>Thu, 12 Sep 2024 00:00:00 GMT</pubDate>');
    expect(rfc822Date('not a date')).toBe('not a date');
  });
});

describe('archive/chapters', () => {
  it('holds Podcasting 2.0 JSON chapters linking each question to its moment', () => {
    const episode = generated[0]!;
    const chapters = JSON.parse(files.get(`archive/chapters/${episode.id}/ko.json`)!) as {
      version: string;
      chapters: { title: string; url: string; startTime: number }[];
    };
    expect(chapters.version).toBe('1.2.0');
    expect(chapters.chapters.map((c) => c.title)).toEqual(episode.questions.map((q) => q.ko));
    expect(chapters.chapters[0]!.url).toBe(
      `https://example.org/red-box/watch/${episode.id}?cue=${episode.questions[0]!.cueId}&lang=ko`,
    );
  });
});

describe('sitemap.xml', () => {
  it('lists the public pages with their languages, and no embed or workspace pages', () => {
    const xml = files.get('sitemap.xml')!;
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<loc>https://example.org/red-box/questions</loc>');
    expect(xml).toContain('hreflang="ko"');
    expect(xml).not.toContain('/embed/');
    expect(xml).not.toContain('/translate/');
    expect(publicPages([]).map((page) => page.path)).toEqual([
      '',
      'questions',
      'search',
      'embedding.html',
    ]);
  });
});

describe(robotsForBuild.name, () => {
  it('puts paths under the base and names the sitemap', () => {
    expect(
      robotsForBuild(
        'User-agent: *\nDisallow: /translate/\nAllow: /\n',
        '/red-box/',
        'https://x/red-box/sitemap.xml',
      ),
    ).toBe(
      'User-agent: *\nDisallow: /red-box/translate/\nAllow: /red-box/\n\nSitemap: https://x/red-box/sitemap.xml\n',
    );
  });
});

describe(firstCueOfChapter.name, () => {
  const cue = (id: string, startTime: number, endTime: number) =>
    ({ id, startTime, endTime }) as Parameters<typeof firstCueOfChapter>[0][number];
  const chapter = { id: 'q1', startTime: 5, endTime: 9, question: 'Q', line: 1 };
  it('is the first cue starting inside the chapter, else the one playing at its start', () => {
    expect(firstCueOfChapter([cue('a', 0, 4), cue('b', 5, 6)], chapter)?.id).toBe('b');
    expect(firstCueOfChapter([cue('a', 4, 10)], chapter)?.id).toBe('a');
    expect(firstCueOfChapter([cue('a', 0, 1)], chapter)).toBeNull();
  });
});
