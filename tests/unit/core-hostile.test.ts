/**
 * Hostile and unlucky files against the core (issue 18, "The core, fuzzed"): each case is one
 * the fuzzer found. Problems must come back as findings at true positions, in linear time, with
 * bounded messages; serializers write what their parsers read back, or refuse with a reason.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CueSegment, Finding } from '../../src/core/cue-model.ts';
import { checkCueFile, loadEpisode, type EpisodeSource } from '../../src/core/episode-load.ts';
import { parseSrt, toSrt } from '../../src/core/srt.ts';
import { parseVtt, plainText } from '../../src/core/vtt-parse.ts';
import { formatTimestamp, segmentsToCueText, serializeVtt } from '../../src/core/vtt-serialize.ts';
import { positionsOutside } from './support/file-positions.ts';
import { LINEAR_GROWTH, cpuMs, growth } from './support/growth.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const HEAD = 'WEBVTT\n\nc1\n00:00:00.000 --> 00:00:05.000\n';
/** The line of the first cue's text in a file that starts with HEAD. */
const TEXT_LINE = 5;

const cueFile = (text: string): { findings: Finding[] } =>
  checkCueFile(text, { file: 'x.vtt', kind: 'transcript', lang: 'en' });

function nested(depth: number, inner: CueSegment[]): CueSegment[] {
  let segments = inner;
  for (let i = 0; i < depth; i++) {
    segments = [{ type: 'italic', classes: [], annotation: '', children: segments }];
  }
  return segments;
}

function memorySource(files: Record<string, string>): EpisodeSource {
  return { readText: async (name) => files[name] ?? null };
}

function episodeJson(speakers: ReadonlyArray<{ id: string; name: string }>): string {
  return JSON.stringify({
    id: 'hostile',
    title: 'Hostile',
    published: '2024-09-12',
    sourceLanguage: 'en',
    media: { sources: [{ src: 'media/x.webm', type: 'video/webm' }] },
    speakers,
    tracks: [{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }],
  });
}

// Generous limits: these machines are shared, and a test may get a fraction of a core.
describe('no stack overflow on deep or huge input', { timeout: 60_000 }, () => {
  it('reads 3,800 nested tags in one cue, with one finding at the first tag nested too deep', () => {
    const text = HEAD + '<v Joy>' + '<c.loud>'.repeat(3800) + 'x\n';
    const { document, findings } = parseVtt(text);
    expect(text.length).toBeGreaterThan(27_000);
    expect(document.cues[0]!.text).toBe('x');
    const deep = findings.filter((finding) => finding.message.includes('nested more than'));
    expect(deep).toHaveLength(1);
    // `<v Joy>` is level 1; levels 2–64 are the first 63 `<c.loud>`; the 64th is one too many.
    expect(deep[0]).toMatchObject({
      rule: 'webvtt-syntax',
      line: TEXT_LINE,
      col: '<v Joy>'.length + 63 * '<c.loud>'.length + 1,
    });
    expect(serializeVtt(document)).toBe(text);
  });

  it('reads and writes 10,000 nested <i> in SRT', () => {
    const srt = '1\n00:00:01,000 --> 00:00:02,000\n' + '<i>'.repeat(10_000) + 'x\n';
    const { cues } = parseSrt(srt);
    expect(cues[0]!.text).toBe('x');
    expect(toSrt(cues, { newline: '\n' })).toContain('x</i>');
  });

  it('walks 10,000 nested segments without recursion (plain text, WebVTT and SRT writers)', () => {
    const segments = nested(10_000, [{ type: 'text', text: 'deep' }]);
    expect(plainText(segments)).toBe('deep');
    expect(segmentsToCueText(segments)).toBe('<i>'.repeat(10_000) + 'deep' + '</i>'.repeat(10_000));
    const cue = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nx\n').cues[0]!;
    expect(toSrt([{ ...cue, segments }], { newline: '\n' })).toContain('deep');
  });

  it('loads an episode whose cue holds 130,000 raw "&", summarising them', async () => {
    const transcript = HEAD + '<v Joy>' + '& '.repeat(130_000) + '\n';
    const loaded = await loadEpisode(
      memorySource({
        'episode.json': episodeJson([{ id: 'joy', name: 'Joy' }]),
        'transcript.en.vtt': transcript,
      }),
      { fileLabel: (name) => name },
    );
    const raw = loaded.findings.filter((finding) => finding.rule === 'raw-ampersand');
    expect(raw).toHaveLength(6);
    expect(raw[5]!.message).toContain('(and 129,994 more raw "&" in this cue)');
    expect(raw[5]).toMatchObject({ line: TEXT_LINE, col: '<v Joy>'.length + 5 * 2 + 1 });
  });

  it('loads an episode with more than 125,000 findings', async () => {
    // 150,000 cues without ids: as many missing-id findings from parsing alone, as many more
    // too-short ones from the checks.
    const cues = Array.from(
      { length: 150_000 },
      (_, i) => `${formatTimestamp(i)} --> ${formatTimestamp(i + 0.1)}\n<v Joy>a`,
    );
    const loaded = await loadEpisode(
      memorySource({
        'episode.json': episodeJson([{ id: 'joy', name: 'Joy' }]),
        'transcript.en.vtt': 'WEBVTT\n\n' + cues.join('\n\n') + '\n',
      }),
      { fileLabel: (name) => name },
    );
    expect(loaded.findings.length).toBe(300_000);
  });

  it('spreads no input-sized array into a call in the core or the check command', () => {
    const files = [
      ...readdirSync(path.join(ROOT, 'src/core'), { recursive: true, encoding: 'utf8' })
        .filter((name) => name.endsWith('.ts'))
        .map((name) => path.join('src/core', name)),
      'scripts/check.ts',
    ];
    const offenders = files.flatMap((file) =>
      readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) =>
          /\.push\(\.\.\.|\.apply\(|(max|min|fromCharCode|fromCodePoint)\(\.\.\./.test(line)
            ? [`${file}:${i + 1}`]
            : [],
        ),
    );
    expect(offenders).toEqual([]);
  });
});

describe('linear time', { timeout: 60_000 }, () => {
  it('locates unclosed tags in one pass (300 unclosed <b> in 943 bytes took 2.5 s)', () => {
    // Sixty tags left open, then closed pairs: every "never closed" has to be placed.
    const make = (n: number): string =>
      HEAD + '<v Joy>' + '<b>'.repeat(60) + '<i>x</i>'.repeat(n) + '\n';
    expect(growth(make, (text) => parseVtt(text), 8_000)).toBeLessThan(LINEAR_GROWTH);
    const { findings } = parseVtt(make(10));
    const unclosed = findings.filter((finding) => finding.message.includes('never closed'));
    // Innermost first, as the library reports them: five shown at their own "<b>", the sixth
    // counts the rest.
    expect(unclosed).toHaveLength(6);
    expect(unclosed.map((finding) => finding.col)).toEqual([170, 173, 176, 179, 182, 185]);
    expect(unclosed[0]!.message).toContain('(and 54 more markup errors in this cue)');
  });

  it('reads runs of raw "<" in linear time, quoting a bounded part of them', () => {
    const make = (n: number): string => HEAD + '<v Joy>' + '<'.repeat(n) + '\n';
    expect(growth(make, (text) => cueFile(text), 50_000)).toBeLessThan(LINEAR_GROWTH);
    const { findings } = cueFile(make(100_000));
    expect(findings.filter((finding) => finding.rule === 'raw-less-than')).toHaveLength(6);
    expect(Math.max(...findings.map((finding) => finding.message.length))).toBeLessThan(400);
  });

  it('reads "<i " repeated and "{\\" repeated in SRT in linear time', () => {
    const make =
      (unit: string) =>
      (n: number): string =>
        '1\n00:00:01,000 --> 00:00:02,000\n' + unit.repeat(n) + '\n';
    expect(growth(make('<i '), (text) => parseSrt(text), 40_000)).toBeLessThan(LINEAR_GROWTH);
    expect(growth(make('{\\'), (text) => parseSrt(text), 40_000)).toBeLessThan(LINEAR_GROWTH);
  });

  it('checks 20,000 speakers in linear time, with bounded "did you mean" messages', async () => {
    const load = (speakerCount: number) => {
      const speakers = Array.from({ length: speakerCount }, (_, i) => ({
        id: `speaker-${i}`,
        name: `Speaker ${i}`,
      }));
      const cues = Array.from(
        { length: 200 },
        (_, i) =>
          `c${i}\n${formatTimestamp(i * 2)} --> ${formatTimestamp(i * 2 + 1)}\n<v Speeker ${i}>a`,
      );
      return loadEpisode(
        memorySource({
          'episode.json': episodeJson(speakers),
          'transcript.en.vtt': 'WEBVTT\n\n' + cues.join('\n\n') + '\n',
        }),
        { fileLabel: (name) => name },
      );
    };
    const time = async (count: number): Promise<number> => {
      let best = Infinity;
      for (let run = 0; run < 3; run++) {
        const started = cpuMs();
        await load(count);
        best = Math.min(best, cpuMs() - started);
      }
      return best;
    };
    await load(2_000);
    expect((await time(8_000)) / (await time(2_000))).toBeLessThan(LINEAR_GROWTH);
    const unknown = (await load(20_000)).findings.filter((f) => f.rule === 'unknown-speaker');
    expect(unknown).toHaveLength(200);
    expect(unknown[7]!.message).toContain('did you mean "Speaker 7"?');
    expect(unknown[7]!.message).toContain('and 19,990 more');
    expect(Math.max(...unknown.map((finding) => finding.message.length))).toBeLessThan(600);
  });

  it('spends the "did you mean" budget per file, not once per cast', () => {
    const cast = Array.from({ length: 20_000 }, (_, i) => ({ id: `s-${i}`, name: `Speaker ${i}` }));
    const typos = Array.from(
      { length: 400 },
      (_, i) => `c${i}\n${formatTimestamp(i)} --> ${formatTimestamp(i + 0.9)}\n<v Speeker ${i}>a`,
    );
    parseVtt('WEBVTT\n\n' + typos.join('\n\n') + '\n', { speakers: cast });
    const again = parseVtt(`${HEAD}<v Speeker 7>a\n`, { speakers: cast });
    expect(again.findings[0]!.message).toContain('did you mean "Speaker 7"?');
  });

  it('summarises repeated errors of one rule in one cue', () => {
    const { findings } = parseVtt(HEAD + '<v Joy>a' + '</x>'.repeat(10_000) + '\n');
    const stray = findings.filter((finding) => finding.message.includes('closes no open tag'));
    expect(stray).toHaveLength(6);
    expect(stray[5]!.message).toContain('(and 9,994 more markup errors in this cue)');
  });

  it('prints a bounded report for a 29 kB file of raw "<" and exits 1, not 2', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'red-box-hostile-'));
    const file = path.join(folder, 'transcript.en.vtt');
    writeFileSync(file, HEAD + '<v Joy>' + 'a<'.repeat(14_500) + '\n');
    const run = spawnSync(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      [path.join(ROOT, 'scripts/check.ts'), file],
      { encoding: 'utf8', cwd: folder },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout.length).toBeLessThan(5_000);
  });
});

describe('no finding past the end of the file', () => {
  it('puts missing-speaker on the timing line of a cue without text at the end of the file', () => {
    const text = 'WEBVTT\n\nc1\n00:00:00.000 --> 00:00:01.000';
    const { findings } = cueFile(text);
    expect(findings.find((finding) => finding.rule === 'missing-speaker')).toMatchObject({
      line: 4,
      col: 1,
    });
    expect(positionsOutside(text, findings)).toEqual([]);
  });

  it('counts a "&#10;" as no line of the file in line-count', () => {
    const text = 'WEBVTT\n\nc1\n00:00:00.000 --> 00:00:03.000\n<v Joy>a&#10;b&#10;c';
    const { findings } = cueFile(text);
    expect(findings.filter((finding) => finding.rule === 'line-count')).toEqual([]);
    expect(positionsOutside(text, findings)).toEqual([]);
  });
});

describe('round trips', () => {
  it('flags an hour field of 999999999999999999999 and writes the block back as it was', () => {
    const text =
      'WEBVTT\n\nc1\n999999999999999999999:00:00.000 --> 999999999999999999999:00:01.000\n<v Joy>x\n';
    const { document, findings } = parseVtt(text);
    expect(document.cues).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'webvtt-syntax', line: 4, col: 1, severity: 'error' }),
    );
    expect(findings.find((finding) => finding.line === 4)!.message).toContain('100,000 hours');
    expect(serializeVtt(document)).toBe(text);
  });

  it('refuses to write a timestamp that would not read back', () => {
    expect(() => formatTimestamp(1e21)).toThrow(RangeError);
    expect(() => formatTimestamp(Number.NaN)).toThrow(/below 100000 hours/);
    expect(() => formatTimestamp(Infinity)).toThrow(RangeError);
    expect(formatTimestamp(99_999 * 3600 + 0.5)).toBe('99999:00:00.500');
  });

  it('reports SRT hours that large instead of an end time of Infinity', () => {
    const hours = '9'.repeat(400);
    const { cues, findings } = parseSrt(`1\n00:00:01,000 --> ${hours}:00:01,000\nx\n`);
    expect(cues).toEqual([]);
    expect(findings).toContainEqual(
      expect.objectContaining({ rule: 'srt-timing', line: 2, col: 18, severity: 'error' }),
    );
    expect(findings[0]!.message.length).toBeLessThan(300);
  });

  it('writes SRT text that looks like a timing line or markup so it reads back as the same text', () => {
    const texts = [
      '10:00 --> 11:00',
      '1\n00:00:01,000 --> 00:00:02,000',
      '<i>not italic</i> and {\\an8} and C:\\New\\home',
      '<\u200Bi> stays, --\u200B> stays',
    ];
    const cue = parseSrt('1\n00:00:01,000 --> 00:00:02,000\nx\n').cues[0]!;
    const cues = texts.map((text) => ({ ...cue, segments: [{ type: 'text' as const, text }] }));
    const back = parseSrt(toSrt(cues));
    expect(back.cues.map((read) => read.text)).toEqual(texts);
  });

  it('leaves no empty line for an override alone on its line, so export keeps the text', () => {
    const first = parseSrt('1\n00:00:01,000 --> 00:00:02,000\n{\\an8}\nHello\n\\N\n').cues;
    expect(first[0]!.text).toBe('Hello');
    const again = parseSrt(toSrt(first)).cues;
    expect(again.map((cue) => [cue.text, cue.segments])).toEqual(
      first.map((cue) => [cue.text, cue.segments]),
    );
  });

  it('keeps two leading byte order marks through any number of saves, and flags them', () => {
    const text = '\uFEFF\uFEFFWEBVTT\n\nc1\n00:00:00.000 --> 00:00:01.000\n<v Joy>x\n';
    const parsed = parseVtt(text);
    expect(parsed.findings[0]).toMatchObject({ rule: 'webvtt-syntax', line: 1, col: 1 });
    expect(parsed.findings[0]!.message).toContain('two byte order marks');
    let saved = text;
    for (let save = 0; save < 3; save++) saved = serializeVtt(parseVtt(saved).document);
    expect(saved).toBe(text);
  });
});
