/**
 * FlexSearch (what the archive uses) against MiniSearch on the same generated archive, in Node:
 * index size gzipped, time to build, to load, to answer a query, and what each finds for a
 * Korean word with particles and an English word's forms, with the same terms
 * (src/core/search-terms.ts). The README's choice rests on this and on
 * `npm run bench -- --only archive` (typing → results in Chromium).
 *
 *   npx tsx scripts/archive/compare-search-libraries.ts [--episodes 200]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { buildSearchGroup, loadSearchGroup, searchArchive } from '../../src/core/archive-search.ts';
import { analyzerFor, wordTokens } from '../../src/core/search-terms.ts';
import { loadableEpisodes, readCatalog } from '../../src/server/episode-catalog.ts';
import { median, percentile } from '../bench/stats.ts';
import { writeArchive } from './generate-archive.ts';

const at = process.argv.indexOf('--episodes');
const episodes = at >= 0 ? Number(process.argv[at + 1]) : 200;
const dir = mkdtempSync(path.join(tmpdir(), 'red-box-compare-'));
writeArchive(dir, {
  episodes,
  reserved: ['persimmon', 'miss', '북한'],
  plant: [
    { episode: 0, cue: 5, en: 'I missed my family.', ko: '북한에서 왔어요.' },
    { episode: 1, cue: 5, en: 'Missing home is normal.', ko: '북한은 추웠어요.' },
    { episode: 2, cue: 5, en: 'It was a mission to find work.', ko: '북한 사람들' },
  ],
});
const catalog = loadableEpisodes(await readCatalog(dir));
const kb = (text: string) => `${(gzipSync(text).length / 1024).toFixed(1)} kB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

function timeQueries(run: (query: string) => number, queries: readonly string[]): string {
  const times = queries.map((query) => {
    const started = performance.now();
    run(query);
    return performance.now() - started;
  });
  return `median ${ms(median(times))}, p95 ${ms(percentile(times, 95))}`;
}

for (const lang of ['en', 'ko']) {
  const analyzer = analyzerFor(lang);
  const sources = catalog.map(({ episode, loaded }) => ({
    episode,
    cues: loaded.tracks.get(lang)!.transcript!.document.cues,
  }));
  const texts = sources.flatMap((source) => source.cues.map((cue) => cue.text));
  const words = texts.flatMap((text) => wordTokens(text).map((token) => token.word));
  const queries = Array.from({ length: 50 }, (_, i) => words[(i * 7919) % words.length]!);
  const forms = lang === 'en' ? 'miss' : '북한';

  // FlexSearch, as the archive builds it (one group: the whole archive).
  let started = performance.now();
  const file = await buildSearchGroup(lang, sources);
  const flexBuild = performance.now() - started;
  const json = JSON.stringify(file);
  started = performance.now();
  const group = await loadSearchGroup(JSON.parse(json), 'compare');
  const flexLoad = performance.now() - started;
  const flexSearch = (query: string) => searchArchive([group], query, lang).total;

  // MiniSearch with the same terms; Korean by prefix search per query term.
  const miniOptions = {
    fields: ['text'],
    tokenize: (text: string) => wordTokens(text).map((token) => token.word),
    processTerm: (word: string) => analyzer.indexTerm(word),
    searchOptions: {
      tokenize: (query: string) => query.split(' '),
      processTerm: (term: string) => term,
      prefix: analyzer.prefix,
      combineWith: 'AND' as const,
    },
  };
  started = performance.now();
  const mini = new MiniSearch(miniOptions);
  mini.addAll(texts.map((text, id) => ({ id, text })));
  const miniBuild = performance.now() - started;
  const miniIndex = JSON.stringify(mini);
  started = performance.now();
  const miniLoaded = MiniSearch.loadJSON(miniIndex, miniOptions);
  const miniLoad = performance.now() - started;
  const miniSearch = (query: string) =>
    miniLoaded.search(analyzer.queryTerms(query).join(' ')).length;

  console.log(`\n${lang}: ${texts.length} lines, ${episodes} episodes`);
  console.log(
    `  FlexSearch  size with the lines ${kb(json)} (index alone ${kb(JSON.stringify(file.index))}), build ${ms(flexBuild)}, load ${ms(flexLoad)},` +
      ` query ${timeQueries(flexSearch, queries)}; "${forms}" finds ${flexSearch(forms)}`,
  );
  console.log(
    `  MiniSearch  index alone ${kb(miniIndex)}, build ${ms(miniBuild)}, load ${ms(miniLoad)},` +
      ` query ${timeQueries(miniSearch, queries)}; "${forms}" finds ${miniSearch(forms)}`,
  );
  console.log(
    lang === 'en'
      ? '  (expected for "miss": the 2 planted lines, missed and missing, not mission, and every reading of "What do you miss most about home?")'
      : '  (expected for "북한": the 3 planted lines, 북한에서, 북한은 and 북한)',
  );
}
