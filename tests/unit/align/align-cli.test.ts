/**
 * `npm run align` end to end: every bad input gets a clear message and a non-zero exit with no
 * stack trace, and a short recording spoken by another synthesizer (festival, with its own word
 * times as the truth) is aligned within real accuracy bounds. Needs ffmpeg, espeak-ng and festival
 * (.ci/run installs them).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCueFile } from '../../../src/core/episode-load.ts';
import { probeDuration } from '../../../scripts/media/tools.ts';
import { spawnScript, type Outcome } from '../support/import-run.ts';

const run = promisify(execFile);
const ALIGN = path.resolve(import.meta.dirname, '../../../scripts/align/align.ts');
/**
 * Eight aligner processes at once (tsx, ffmpeg, espeak-ng) took up to 60 s on a loaded 2-core
 * machine: a safety net, not a budget.
 */
const SLOW_MS = 150_000;

const align = (args: readonly string[]) => spawnScript(ALIGN, args);

const noStackTrace = (outcome: Outcome) => expect(outcome.stderr).not.toMatch(/\n\s+at \S+/);

let dir: string;
const file = (name: string) => path.join(dir, name);

/** Festival says `text`; returns its words' [start, end] in seconds. */
async function festival(
  text: string,
  wav: string,
): Promise<Array<{ word: string; start: number }>> {
  const script = file(`${path.basename(wav)}.scm`);
  await writeFile(
    script,
    `(set! u (Utterance Text "${text}"))\n(utt.synth u)\n(utt.save.wave u "${wav}" 'riff)\n` +
      `(mapcar (lambda (w) (format t "%s %f\\n" (item.name w) (item.feat w 'word_start))) (utt.relation.items u 'Word))\n`,
  );
  const { stdout } = await run('festival', ['-b', script]);
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [word, start] = line.trim().split(/\s+/);
      return { word: word!, start: Number(start) };
    });
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'align-cli-'));
  const ffmpeg = (args: string[]) =>
    run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  await Promise.all([
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=300:duration=2',
      '-ar',
      '16000',
      file('tone.wav'),
    ]),
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x64:rate=5:duration=1',
      '-c:v',
      'libx264',
      file('silent-video.mp4'),
    ]),
    writeFile(file('not-media.mp4'), 'this is text, not a video\n'),
    writeFile(file('no-speaker.txt'), 'Just a paragraph with no name.\n\nJoy: Hello.\n'),
    writeFile(file('empty.txt'), '\n \n'),
    writeFile(file('long.txt'), `Joy: ${'word '.repeat(400)}\n`),
    writeFile(file('ok.txt'), 'Joy: Hello there.\n'),
  ]);
}, SLOW_MS);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('npm run align: bad input', () => {
  it(
    'refuses each bad input with a message that says what to do, exit 1, no stack trace',
    async () => {
      const cases: Array<[string[], RegExp]> = [
        [[file('missing.mp4'), file('ok.txt'), '--lang', 'en'], /missing\.mp4: no such file/],
        [
          [file('not-media.mp4'), file('ok.txt'), '--lang', 'en'],
          /not-media\.mp4: not a media file ffmpeg can read/,
        ],
        [[file('silent-video.mp4'), file('ok.txt'), '--lang', 'en'], /has no audio stream/],
        [[file('tone.wav'), file('missing.txt'), '--lang', 'en'], /missing\.txt: no such file/],
        [
          [file('tone.wav'), file('no-speaker.txt'), '--lang', 'en'],
          /no-speaker\.txt:1:1 {2}error {2}align-no-speaker {2}No speaker is named/,
        ],
        [
          [file('tone.wav'), file('empty.txt'), '--lang', 'en'],
          /empty\.txt:1:1 {2}error {2}align-empty-transcript/,
        ],
        [
          [file('tone.wav'), file('long.txt'), '--lang', 'en'],
          /long\.txt:1:6 {2}error {2}align-text-too-long {2}The transcript has 400 spoken words/,
        ],
        [[file('tone.wav'), file('ok.txt'), '--lang', 'tlh'], /espeak-ng has no voice for "tlh"/],
      ];
      const outcomes = await Promise.all(cases.map(([args]) => align(args)));
      outcomes.forEach((outcome, i) => {
        expect(outcome.stderr).toMatch(cases[i]![1]);
        expect(outcome.code).toBe(1);
        expect(outcome.stdout).toBe('');
        noStackTrace(outcome);
      });
    },
    SLOW_MS,
  );

  it('prints the usage and exits 2 on a bad command line', async () => {
    const outcome = await align([file('tone.wav'), file('ok.txt')]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toMatch(/Give the language with --lang/);
    expect(outcome.stderr).toMatch(/Usage: npm run align/);
    noStackTrace(outcome);
  }, 30_000);
});

describe('npm run align: a recording by another voice', () => {
  it('times every word close to festival’s own word times, and writes a valid transcript', async () => {
    const paragraphs = [
      'Welcome back to our little panel. Today we talk about winter.',
      'Honestly, the heating surprised me. The floor itself is warm here.',
      'For me it was the snow in the city. It turns grey in an hour.',
    ];
    const speakers = ['Mina', 'Tae', 'Mina'];
    // Festival speaks each paragraph; they are laid end to end with pauses, after 1.2 s of hum.
    const pauses = [1.2, 0.9, 1.4];
    const truth: number[] = [];
    const cueTruth: number[] = [];
    const inputs: string[] = [];
    let at = 0;
    for (const [i, text] of paragraphs.entries()) {
      const wav = file(`p${i}.wav`);
      const words = await festival(text, wav);
      at += pauses[i]!;
      cueTruth.push(at + words[0]!.start);
      truth.push(...words.map((word) => at + word.start));
      const duration = await probeDuration(wav);
      inputs.push(wav);
      at += duration;
    }
    // Concatenate with silences of the pause lengths, then add quiet noise.
    const parts = inputs.flatMap((wav, i) => [
      '-f',
      'lavfi',
      '-t',
      String(pauses[i]),
      '-i',
      'anullsrc=r=16000:cl=mono',
      '-i',
      wav,
    ]);
    const concat =
      inputs.map((_, i) => `[${2 * i}:a][${2 * i + 1}:a]`).join('') +
      `concat=n=${2 * inputs.length}:v=0:a=1,aresample=16000[speech]`;
    await run('ffmpeg', [
      '-hide_banner',
      '-loglevel',
      'error',
      '-y',
      ...parts,
      '-f',
      'lavfi',
      '-i',
      'anoisesrc=color=pink:amplitude=0.004:seed=5:r=16000',
      '-filter_complex',
      `${concat};[speech][${2 * inputs.length}:a]amix=inputs=2:duration=first:normalize=0[out]`,
      '-map',
      '[out]',
      '-ac',
      '1',
      '-ar',
      '16000',
      file('conversation.wav'),
    ]);
    await writeFile(
      file('conversation.txt'),
      paragraphs.map((text, i) => `${speakers[i]}: ${text}`).join('\n\n') + '\n',
    );

    const outcome = await align([
      file('conversation.wav'),
      file('conversation.txt'),
      '--lang',
      'en',
      '--out',
      file('conversation.vtt'),
      '--json',
      file('report.json'),
    ]);
    expect(outcome.code).toBe(0);
    noStackTrace(outcome);
    const report = JSON.parse(await readFile(file('report.json'), 'utf8')) as {
      ok: boolean;
      mismatch: { verdict: boolean };
      cues: Array<{
        speaker: string;
        startTime: number;
        words: Array<{ startTime: number | null; timed: boolean }>;
      }>;
    };
    expect(report.ok).toBe(true);
    expect(report.mismatch.verdict).toBe(false);
    const aligned = report.cues.flatMap((cue) =>
      cue.words.filter((word) => word.timed).map((word) => word.startTime!),
    );
    expect(aligned).toHaveLength(truth.length);
    const errors = aligned.map((time, i) => Math.abs(time - truth[i]!)).sort((a, b) => a - b);
    const median = errors[Math.floor(errors.length / 2)]!;
    const p90 = errors[Math.floor(errors.length * 0.9)]!;
    expect(median).toBeLessThan(0.06);
    expect(p90).toBeLessThan(0.15);
    // Each turn's first cue starts at its first word, within 120 ms; speakers as written.
    const firsts = report.cues.filter(
      (cue, i) => i === 0 || report.cues[i - 1]!.speaker !== cue.speaker,
    );
    expect(firsts.map((cue) => cue.speaker)).toEqual(speakers);
    firsts.forEach((cue, i) =>
      expect(Math.abs(cue.startTime - cueTruth[i]!), `turn ${i + 1}`).toBeLessThan(0.12),
    );
    const vtt = await readFile(file('conversation.vtt'), 'utf8');
    const { findings } = checkCueFile(vtt, {
      file: 'conversation.vtt',
      kind: 'transcript',
      lang: 'en',
    });
    expect(findings.filter((finding) => finding.severity === 'error')).toEqual([]);
    expect(vtt).toMatch(
      /^c001\n\d\d:\d\d:\d\d\.\d{3} --> .*\n<v Mina>Welcome <\d\d:\d\d:\d\d\.\d{3}>back /m,
    );
  }, 90_000);
});
