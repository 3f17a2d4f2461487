/**
 * A seeded fuzzer over the core: mutated and pathological WebVTT files, SRT files and episode
 * folders. For each input: no exception, no finding placed past the end of its file, messages
 * of bounded length, and round trips that hold (what a serializer writes, its parser reads back
 * as the same cues, and writing again gives the same text). Pathological repetitions must grow
 * linearly. Each run spends a few seconds; a failure prints its seed and case, and keeps the
 * input in tests/.artifacts/fuzz/ to replay:
 *
 *   FUZZ_SEED=<seed> npx vitest run tests/unit/core-fuzz.test.ts     # the same cases again
 *   FUZZ_SECONDS=60 npx vitest run tests/unit/core-fuzz.test.ts      # a longer hunt
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Cue, SpeakerRef } from '../../src/core/cue-model.ts';
import { checkCueFile, loadEpisode } from '../../src/core/episode-load.ts';
import { parseSrt, toSrt } from '../../src/core/srt.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';
import { seededRandom as random } from '../../scripts/seeded-random.ts';
import { positionsOutside } from './support/file-positions.ts';
import { LINEAR_GROWTH, growth } from './support/growth.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'tests/.artifacts/fuzz');
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_202);
const BUDGET_MS = Number(process.env.FUZZ_SECONDS ?? 4) * 1000;
/** A message longer than this is not "bounded". */
const MAX_MESSAGE = 800;

type Random = () => number;
const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const between = (rand: Random, low: number, high: number): number =>
  low + Math.floor(rand() * (high - low + 1));

const read = (relative: string): string => readFileSync(path.join(ROOT, relative), 'utf8');
const EPISODE = 'episodes/misunderstandings-and-stereotypes';
const VTT_CORPUS = [
  read(`${EPISODE}/transcript.en.vtt`).slice(0, 3000),
  read(`${EPISODE}/transcript.ko.vtt`).slice(0, 3000),
  read(`${EPISODE}/chapters.en.vtt`),
  read('tests/fixtures/vtt/blocks.vtt'),
  read('tests/fixtures/vtt/unclosed-bold.vtt'),
];
const SRT_CORPUS = ['aegisub', 'messy', 'subtitle-edit'].map((name) =>
  read(`tests/fixtures/srt/${name}.srt`),
);
const EPISODE_JSON = read(`${EPISODE}/episode.json`);
const CAST: SpeakerRef[] = (JSON.parse(EPISODE_JSON) as { speakers: SpeakerRef[] }).speakers.map(
  ({ id, name }) => ({ id, name }),
);

/** What hostile and unlucky editing puts into files. */
const TOKENS = [
  '<',
  '>',
  '&',
  '<i>',
  '</i>',
  '<b>',
  '</b>',
  '<v Joy>',
  '<v.loud Dasom>',
  '</v>',
  '<c.x.y>',
  '<ruby>',
  '<rt>',
  '</rt>',
  '</ruby>',
  '<lang ko>',
  '<00:00:01.500>',
  '<v>',
  '</x>',
  '&amp;',
  '&lt;',
  '&#10;',
  '&#x1F600;',
  '&#0;',
  '&nosuch;',
  '-->',
  ' --> ',
  '\n',
  '\n\n',
  '\r',
  '\r\n',
  '\uFEFF',
  '\0',
  '\t',
  '\uD800',
  '\uDC00',
  '😀',
  '한국',
  'NOTE ',
  'STYLE\n',
  'REGION\n',
  '999999999999999999999:',
  '00:00:00.000 --> 00:00:01.000',
  '00:01.000 --> 00:00.500',
  ' align:start',
  ' line:-1',
  ' region:r1',
  '{\\an8}',
  '{\\i1}',
  '\\N',
  '\\h',
  '<font color=red>',
  '1\n00:00:01,000 --> 00:00:02,000\n',
  ',',
  ':',
  '.',
  '99',
  'c001',
];

/** Units repeated many times: the shapes that were quadratic or overflowed the stack. */
const PATHOLOGICAL_UNITS = [
  '<i>',
  '<',
  '&',
  '<v.a',
  '</x>',
  '<b>x',
  '&#x1F600;',
  '-->',
  '<i ',
  '{\\',
  '<v Joy>',
  '&a',
  '<c.',
  '<ruby><rt>',
  '\\N',
  'x\n',
];

function mutate(rand: Random, text: string): string {
  let out = text;
  for (let edits = between(rand, 1, 8); edits > 0; edits--) {
    const at = between(rand, 0, out.length);
    switch (between(rand, 0, 4)) {
      case 0:
      case 1:
        out = out.slice(0, at) + pick(rand, TOKENS) + out.slice(at);
        break;
      case 2:
        out = out.slice(0, at) + out.slice(Math.min(out.length, at + between(rand, 1, 40)));
        break;
      case 3: {
        const length = between(rand, 1, 200);
        out = out.slice(0, at) + out.slice(at, at + length).repeat(2) + out.slice(at);
        break;
      }
      default:
        out = out.slice(0, at) + String.fromCharCode(between(rand, 0, 0xffff)) + out.slice(at);
    }
  }
  return out;
}

function pathological(rand: Random, prefix: string): string {
  return prefix + pick(rand, PATHOLOGICAL_UNITS).repeat(between(rand, 100, 4000)) + '\n';
}

const VTT_HEAD = 'WEBVTT\n\nc1\n00:00:00.000 --> 00:00:05.000\n';
const SRT_HEAD = '1\n00:00:01,000 --> 00:00:02,000\n';

/** A cue as a round trip must keep it (positions may move). */
const essence = (cue: Cue & { rawText?: string }) => ({
  id: cue.id,
  startTime: cue.startTime,
  endTime: cue.endTime,
  settings: cue.settings,
  rawText: cue.rawText,
  text: cue.text,
  segments: cue.segments,
  voice: cue.voice,
  speakerId: cue.speakerId,
});

function assertBounded(findings: ReadonlyArray<{ message: string }>): void {
  const longest = Math.max(0, ...findings.slice(0, 10_000).map((f) => f.message.length));
  if (longest > MAX_MESSAGE) throw new Error(`a message of ${longest} characters`);
}

function assertInside(
  text: string,
  findings: ReadonlyArray<{ line: number; col: number; rule: string }>,
): void {
  const outside = positionsOutside(text, findings);
  if (outside.length > 0)
    throw new Error(`findings past the end: ${outside.slice(0, 5).join(', ')}`);
}

function checkVtt(text: string): void {
  const kind = text.includes('chapter') ? 'chapters' : 'transcript';
  const parsed = parseVtt(text, { speakers: CAST, kind });
  assertInside(text, parsed.findings);
  assertBounded(parsed.findings);
  const checked = checkCueFile(text, { file: 'x.vtt', kind, lang: 'ko', speakers: CAST });
  assertInside(text, checked.findings);
  assertBounded(checked.findings);

  const written = serializeVtt(parsed.document);
  const again = parseVtt(written, { speakers: CAST, kind });
  expect(again.document.cues.map(essence)).toEqual(parsed.document.cues.map(essence));
  // Verbatim blocks keep their text; their kind may be read anew once blank lines separate them
  // (lines that stood above a cue's id become a block of their own, say a REGION).
  const shape = (blocks: typeof parsed.document.blocks) =>
    blocks.map((block) => (block.type === 'cue' ? 'cue' : block.text));
  expect(shape(again.document.blocks)).toEqual(shape(parsed.document.blocks));
  expect(serializeVtt(again.document)).toBe(written);
}

function checkSrt(text: string): void {
  const parsed = parseSrt(text, { file: 'x.srt' });
  assertInside(text, parsed.findings);
  assertBounded(parsed.findings);
  const written = toSrt(parsed.cues);
  const again = parseSrt(written);
  const kept = (cues: readonly Cue[]) =>
    cues.map(({ startTime, endTime, text: plain, segments }) => ({
      startTime,
      endTime,
      plain,
      segments,
    }));
  expect(kept(again.cues)).toEqual(kept(parsed.cues));
  expect(toSrt(again.cues)).toBe(written);
}

async function checkEpisode(files: Record<string, string>): Promise<void> {
  const loaded = await loadEpisode(
    { readText: async (name) => files[name] ?? null },
    { fileLabel: (name) => name, folderName: 'misunderstandings-and-stereotypes' },
  );
  for (const [name, text] of Object.entries(files)) {
    const own = loaded.findings.filter((finding) => finding.file === name);
    assertInside(text, own);
  }
  assertBounded(loaded.findings);
}

interface Failure {
  readonly kind: string;
  readonly index: number;
  readonly error: string;
  readonly saved: string;
}

function keep(kind: string, index: number, input: string, error: unknown): Failure {
  mkdirSync(ARTIFACTS, { recursive: true });
  const base = `${kind}-seed${SEED}-case${index}`;
  const extension = kind === 'srt' ? 'srt' : kind === 'episode' ? 'json' : 'vtt';
  writeFileSync(path.join(ARTIFACTS, `${base}.${extension}`), input);
  const message = error instanceof Error ? error.message : String(error);
  writeFileSync(
    path.join(ARTIFACTS, `${base}.txt`),
    `FUZZ_SEED=${SEED}, case ${index} (${kind})\n${message}\n`,
  );
  return {
    kind,
    index,
    error: message.slice(0, 500),
    saved: `tests/.artifacts/fuzz/${base}.${extension}`,
  };
}

describe('core fuzz', { timeout: 120_000 }, () => {
  it(`never throws, places findings in the file and round-trips (seed ${SEED})`, async () => {
    const failures: Failure[] = [];
    const counts: Record<string, number> = {};
    const started = performance.now();
    for (let index = 0; performance.now() - started < BUDGET_MS && failures.length < 5; index++) {
      const rand = random(SEED + index * 7919);
      const kind = pick(rand, [
        'vtt',
        'vtt',
        'vtt-pathological',
        'srt',
        'srt-pathological',
        'episode',
      ]);
      counts[kind] = (counts[kind] ?? 0) + 1;
      let input = '';
      try {
        switch (kind) {
          case 'vtt':
            input = mutate(rand, pick(rand, VTT_CORPUS));
            checkVtt(input);
            break;
          case 'vtt-pathological':
            input = pathological(rand, VTT_HEAD + (rand() < 0.5 ? '<v Joy>' : ''));
            checkVtt(input);
            break;
          case 'srt':
            input = mutate(rand, pick(rand, SRT_CORPUS));
            checkSrt(input);
            break;
          case 'srt-pathological':
            input = pathological(rand, SRT_HEAD);
            checkSrt(input);
            break;
          default: {
            const files: Record<string, string> = {
              'episode.json': rand() < 0.5 ? mutate(rand, EPISODE_JSON) : EPISODE_JSON,
              'transcript.en.vtt': mutate(rand, VTT_CORPUS[0]!),
              'transcript.ko.vtt': mutate(rand, VTT_CORPUS[1]!),
              'chapters.en.vtt': mutate(rand, VTT_CORPUS[2]!),
            };
            input = JSON.stringify(files, null, 1);
            await checkEpisode(files);
          }
        }
      } catch (error) {
        failures.push(keep(kind, index, input, error));
      }
    }
    console.log(
      `[fuzz] seed ${SEED}: ${Object.entries(counts)
        .map(([kind, count]) => `${count} ${kind}`)
        .join(', ')} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    expect(failures).toEqual([]);
  });

  it('grows linearly on repeated pathological units', () => {
    const rand = random(SEED);
    const units = [...PATHOLOGICAL_UNITS].sort(() => rand() - 0.5).slice(0, 3);
    for (const unit of units) {
      const vtt = growth(
        (n) => VTT_HEAD + '<v Joy>' + unit.repeat(n) + '\n',
        (text) => checkCueFile(text, { file: 'x.vtt', kind: 'transcript', lang: 'en' }),
        20_000,
      );
      const srt = growth(
        (n) => SRT_HEAD + unit.repeat(n) + '\n',
        (text) => parseSrt(text),
        20_000,
      );
      expect(vtt, `WebVTT check of ${JSON.stringify(unit)} repeated`).toBeLessThan(LINEAR_GROWTH);
      expect(srt, `SRT read of ${JSON.stringify(unit)} repeated`).toBeLessThan(LINEAR_GROWTH);
    }
  });
});
