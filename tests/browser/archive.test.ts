/**
 * The archive (Contract 10) on a generated archive of six episodes, built once under a sub-path
 * and served by the preview server: search across episodes (a word in three episodes, Korean
 * particles, an English word form), the viewer opening at the cue with the term marked, the
 * questions page, the podcast feed (parsed by the Podcast Index's own parser), the sitemap, and
 * anonymous speakers named nowhere but beside their own lines.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFeed } from 'podcast-partytime';
import { writeArchive, type GeneratedEpisode } from '../../scripts/archive/generate-archive.ts';
import { seriousAxeViolations } from './support/axe.ts';
import { launchChromium } from './support/chromium.ts';
import { buildApp, startPreviewServer, type RunningServer } from './support/servers.ts';

const BASE = '/archive-test/';
const PUBLIC_URL = 'https://redbox.example.org/archive-test/';
const episodesDir = mkdtempSync(path.join(tmpdir(), 'red-box-archive-'));
let generated: GeneratedEpisode[];
let distDir: string;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  generated = writeArchive(episodesDir, {
    episodes: 6,
    cuesPerEpisode: 40,
    reserved: ['persimmon', 'miss', '북한', '곶감'],
    // Questions are read at cues 1, 10, 14, 20, 27 or 30 (by their count): these stay clear.
    plant: [
      { episode: 0, cue: 11, en: 'We picked a persimmon from the tree.', ko: '곶감을 먹었어요.' },
      { episode: 2, cue: 23, en: 'A persimmon tastes like autumn.' },
      { episode: 5, cue: 33, en: 'My grandmother dried every persimmon.' },
      { episode: 1, cue: 12, en: 'I missed my family every day.', ko: '북한에서 그리웠어요.' },
      { episode: 3, cue: 16, en: 'Missing home is normal.', ko: '북한은 추웠어요.' },
      { episode: 4, cue: 17, en: 'It was a mission to find work.' },
    ],
  });
  const previous = process.env.RED_BOX_PUBLIC_URL;
  process.env.RED_BOX_PUBLIC_URL = PUBLIC_URL;
  try {
    distDir = await buildApp({ episodesDir, base: BASE });
  } finally {
    if (previous === undefined) delete process.env.RED_BOX_PUBLIC_URL;
    else process.env.RED_BOX_PUBLIC_URL = previous;
  }
  server = await startPreviewServer(distDir, { episodesDir, base: BASE });
  browser = await launchChromium();
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const url = (pathInApp: string) => `${server.url}${BASE}${pathInApp}`;

/** The moments listed for a search, as `<episode id>#<cue id>`. */
async function searchMoments(query: string, lang: string): Promise<string[]> {
  await page.goto(url(`search?q=${encodeURIComponent(query)}&lang=${lang}`));
  const status = page.getByRole('status').filter({ hasText: /moment|Nothing found/ });
  await status.waitFor();
  return page
    .locator('[data-search-moment]')
    .evaluateAll((links) => links.map((link) => link.getAttribute('data-search-moment') ?? ''));
}

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('search across episodes', () => {
  it('finds a word said in three episodes, as three moments, and opens the right cue', async () => {
    const moments = await searchMoments('persimmon', 'en');
    expect(moments.sort()).toEqual(
      [`${generated[0]!.id}#c012`, `${generated[2]!.id}#c024`, `${generated[5]!.id}#c034`].sort(),
    );
    await expect(page.locator('.search-episode').count()).resolves.toBe(3);
    await expect(page.locator('.search-moment mark').first().textContent()).resolves.toBe(
      'persimmon',
    );

    await page.locator(`[data-search-moment="${generated[2]!.id}#c024"]`).click();
    await page.waitForURL(`**/watch/${generated[2]!.id}?*`);
    const current = page.locator('[data-cue-id="c024"][aria-current="true"]');
    await current.waitFor({ timeout: 30_000 });
    await expect(current.locator('mark').first().textContent()).resolves.toMatch(/persimmon/i);
    await expect(
      page.getByRole('searchbox', { name: 'Search the transcript' }).inputValue(),
    ).resolves.toBe('persimmon');
  });

  it('finds Korean words with particles attached (북한 finds 북한에서 and 북한은)', async () => {
    const moments = await searchMoments('북한', 'ko');
    expect(moments.sort()).toEqual([`${generated[1]!.id}#c013`, `${generated[3]!.id}#c017`].sort());
    await expect(page.locator('.search-moment mark').allTextContents()).resolves.toEqual([
      '북한',
      '북한',
    ]);
    // A query with its own particle finds the other forms too.
    await expect(searchMoments('북한에서', 'ko')).resolves.toHaveLength(2);
  });

  it('finds English word forms (miss finds missed and missing, not mission)', async () => {
    const moments = await searchMoments('miss', 'en');
    // The planted lines, and the question "What do you miss most about home?" where it is read.
    const questions = generated.flatMap((episode) =>
      episode.questions
        .filter((question) => /\bmiss\b/i.test(question.en))
        .map((question) => `${episode.id}#${question.cueId}`),
    );
    expect(moments.sort()).toEqual(
      [`${generated[1]!.id}#c013`, `${generated[3]!.id}#c017`, ...questions].sort(),
    );
    expect(moments).not.toContain(`${generated[4]!.id}#c018`);
  });

  it('moves through the results with the arrow keys', async () => {
    await searchMoments('persimmon', 'en');
    await page.getByRole('searchbox', { name: 'Search every episode' }).focus();
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() =>
      document.activeElement?.getAttribute('data-search-moment'),
    );
    await page.keyboard.press('ArrowDown');
    const second = await page.evaluate(() =>
      document.activeElement?.getAttribute('data-search-moment'),
    );
    expect(first).toBeTruthy();
    expect(second).toBeTruthy();
    expect(second).not.toBe(first);
  });

  it('fetches the index only when someone searches, in parts named by their content', async () => {
    const fetched: string[] = [];
    const fresh = await browser.newPage();
    fresh.on('request', (request) => fetched.push(new URL(request.url()).pathname));
    await fresh.goto(url('search'));
    await fresh.getByText('Type a word').waitFor();
    expect(fetched.filter((file) => /archive\/search\/en\//.test(file))).toEqual([]);
    await fresh.getByRole('searchbox', { name: 'Search every episode' }).fill('persimmon');
    await fresh.locator('[data-search-moment]').first().waitFor();
    expect(fetched.some((file) => /archive\/search\/en\/\d+-[0-9a-f]+\.json$/.test(file))).toBe(
      true,
    );
    await fresh.close();
  });

  it('is clean for axe', async () => {
    await searchMoments('persimmon', 'en');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });
});

describe('questions', () => {
  it('lists every question, newest episode first, and a link lands on its chapter', async () => {
    await page.goto(url('questions?lang=en'));
    const titles = page.locator('.questions__title a');
    await titles.first().waitFor();
    const newestFirst = [...generated].reverse().map((episode) => episode.title);
    await expect(titles.allTextContents()).resolves.toEqual(newestFirst);
    const total = generated.reduce((sum, episode) => sum + episode.questions.length, 0);
    await expect(page.locator('.questions__list a').count()).resolves.toBe(total);
    expect(await seriousAxeViolations(page)).toEqual([]);

    const episode = generated.find((candidate) => candidate.questions.length > 1)!;
    const question = episode.questions[1]!;
    await page
      .locator('.questions__episode', {
        has: page.getByRole('link', { name: episode.title, exact: true }),
      })
      .getByRole('link', { name: question.en })
      .click();
    await page.waitForURL(`**/watch/${episode.id}?*`);
    const card = page.getByLabel('Current question');
    await expect
      .poll(async () => (await card.textContent()) ?? '', { timeout: 30_000 })
      .toContain(question.en);
    await page.locator(`[data-cue-id="${question.cueId}"][aria-current="true"]`).waitFor();
  });

  it('filters as the reader types and shows Korean questions in Korean', async () => {
    await page.goto(url('questions?lang=ko'));
    await page.locator('.questions__list a').first().waitFor();
    const korean = generated[0]!.questions[0]!.ko;
    await page.getByLabel('Filter the questions').fill(korean.slice(0, 6));
    await expect.poll(() => page.locator('.questions__list a').allTextContents()).toContain(korean);
    const shown = await page.locator('.questions__list a').allTextContents();
    expect(shown.every((text) => text.includes(korean.slice(0, 6)))).toBe(true);
  });

  it('is complete without JavaScript', () => {
    const html = readFileSync(path.join(distDir, 'questions.html'), 'utf8');
    for (const episode of generated) {
      for (const question of episode.questions) {
        expect(html).toContain(`cue=${question.cueId}`);
      }
    }
    expect(html).toContain('"@type":"ItemList"');
  });
});

describe('the episode list', () => {
  it('has the search box, an order and a language filter', async () => {
    await page.goto(url(''));
    await page.locator('.episode-card').first().waitFor();
    await page.getByLabel('Order').selectOption('oldest');
    await expect(page.locator('.episode-card__title').first().textContent()).resolves.toBe(
      generated[0]!.title,
    );
    await page.getByRole('searchbox', { name: 'Search every episode' }).fill('persimmon');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=persimmon*');
    await page.locator('[data-search-moment]').first().waitFor();
  });
});

describe('the podcast feed', () => {
  it('parses with podcast-partytime and has every episode, enclosure, transcripts, chapters and people', async () => {
    const response = await fetch(url('feed.xml'));
    expect(response.ok).toBe(true);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const feed = parseFeed(xml);
    expect(feed).not.toBeNull();
    expect(feed!.items.map((item) => item.title).sort()).toEqual(
      generated.map((episode) => episode.title).sort(),
    );
    const mediaSize = statSync(path.join(episodesDir, generated[0]!.id, 'media/episode.mp4')).size;
    for (const item of feed!.items) {
      const episode = generated.find((candidate) => candidate.title === item.title)!;
      expect(item.enclosure).toMatchObject({
        url: `${PUBLIC_URL}episodes/${episode.id}/media/episode.mp4`,
        type: 'video/mp4',
        length: mediaSize,
      });
      expect(item.podcastTranscripts?.map((t) => [t.language, t.type]).sort()).toEqual([
        ['en', 'text/vtt'],
        ['ko', 'text/vtt'],
      ]);
      expect(item.podcastChapters?.url).toMatch(new RegExp(`^${PUBLIC_URL}archive/chapters/`));
      const people = (item.podcastPeople ?? []).map((person) => person.name).sort();
      const named = episode.speakerNames.filter((name) => !episode.anonymousNames.includes(name));
      expect(people).toEqual([...named].sort());
    }
  });

  it('links chapters files that list the questions with their moments', async () => {
    const episode = generated[0]!;
    const response = await fetch(url(`archive/chapters/${episode.id}/en.json`));
    const chapters = (await response.json()) as {
      version: string;
      chapters: { startTime: number; title: string; url: string }[];
    };
    expect(chapters.version).toBe('1.2.0');
    expect(chapters.chapters.map((chapter) => chapter.title)).toEqual(
      episode.questions.map((question) => question.en),
    );
    expect(chapters.chapters[0]!.url).toBe(
      `${PUBLIC_URL}watch/${episode.id}?cue=${episode.questions[0]!.cueId}`,
    );
  });
});

describe('sitemap and robots.txt', () => {
  it('lists every public page with absolute addresses', async () => {
    const sitemap = await (await fetch(url('sitemap.xml'))).text();
    expect(XMLValidator.validate(sitemap)).toBe(true);
    for (const page of ['', 'questions', 'search', ...generated.map((e) => `watch/${e.id}`)]) {
      expect(sitemap).toContain(`<loc>${PUBLIC_URL}${page}</loc>`);
    }
    const robots = readFileSync(path.join(distDir, 'robots.txt'), 'utf8');
    expect(robots).toContain(`Sitemap: ${PUBLIC_URL}sitemap.xml`);
    expect(robots).toContain(`Disallow: ${BASE}translate/`);
  });
});

describe('anonymous speakers', () => {
  it('are named nowhere but beside their own lines', async () => {
    const pseudonyms = [...new Set(generated.flatMap((episode) => episode.anonymousNames))];
    expect(pseudonyms.length).toBeGreaterThan(0);
    const published = filesUnder(distDir).filter((file) => /\.(xml|html|json|txt)$/.test(file));
    const allowed = (file: string) =>
      // Their own episode's files: episode.json, its transcripts and the search index's lines.
      /[/\\]episodes[/\\]/.test(file) ||
      /[/\\]archive[/\\]search[/\\]/.test(file) ||
      /[/\\](watch|embed)[/\\]/.test(file);
    for (const file of published.filter((candidate) => !allowed(candidate))) {
      const text = readFileSync(file, 'utf8');
      for (const name of pseudonyms) expect(text.includes(name), `${name} in ${file}`).toBe(false);
    }
    // Searching for the pseudonym finds nothing: names are not indexed.
    await expect(searchMoments(pseudonyms[0]!, 'en')).resolves.toEqual([]);
    // Beside their own lines, the pseudonym is shown as one.
    const anonymous = generated.find((episode) => episode.anonymousNames.length > 0)!;
    const lines = readFileSync(
      path.join(episodesDir, anonymous.id, 'transcript.en.vtt'),
      'utf8',
    ).split('\n');
    const spoken = lines.find((line) => line.startsWith(`<v ${anonymous.anonymousNames[0]}>`));
    // The line's own words (all of them must be in a line): that line is among the first found.
    const words = spoken
      ?.replace(/<[^>]*>/g, '')
      .split(/\s+/)
      .slice(0, 6)
      .join(' ');
    expect(words, 'a line the anonymous speaker says').toBeTruthy();
    await searchMoments(words!, 'en');
    await expect(
      page
        .locator('.search-moment__speaker', { hasText: anonymous.anonymousNames[0]! })
        .first()
        .textContent(),
    ).resolves.toContain('(pseudonym)');
  });
});
