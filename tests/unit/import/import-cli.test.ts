/**
 * `npm run import` end to end, spawned as a publisher runs it: a short recording spoken by festival
 * (not the aligner's voice) with its word times as the truth, imported with captions exported
 * from the truth (every 7 words, no speakers, no punctuation, lower case) and without captions;
 * every bad input refused with a clear message and nothing left in the episodes folder; Korean
 * speech with an English transcript refused. Needs ffmpeg, espeak-ng, festival and sox (.ci/run
 * installs them); the recordings are cached in tests/.artifacts/recordings, and the import with
 * captions (which imported-episode.test.ts plays) in tests/.artifacts/imports.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeMismatchRecording } from '../../../scripts/recordings/catalogue.ts';
import { captionsToSrt, type TruthCaption } from '../../../scripts/recordings/captions.ts';
import type { Recording } from '../../../scripts/recordings/recording.ts';
import { probeStreams } from '../../../scripts/media/tools.ts';
import type { Episode } from '../../../src/core/episode-model.ts';
import { parseVtt } from '../../../src/core/vtt-parse.ts';
import {
  CHECK_SCRIPT as CHECK,
  IMPORT_SCRIPT as IMPORT,
  importCaptions,
  importRecording,
  importWithCaptions,
  smallVideo,
  spawnScript,
  truthSpeakerAt,
  WITH_CAPTIONS_ID,
  type Outcome,
} from '../support/import-run.ts';

const exec = promisify(execFile);

let dir: string;
let episodesDir: string;
let recording: Recording;
let captions: TruthCaption[];
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'import-cli-'));
  episodesDir = path.join(dir, 'episodes');
  await mkdir(episodesDir);
  recording = await importRecording();
  captions = importCaptions(recording);
  const ffmpeg = (args: string[]) =>
    exec('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  await Promise.all([
    // Captions of a longer cut: the last one ends after the video.
    writeFile(
      file('late.en.srt'),
      captionsToSrt([...captions, { startTime: 50, endTime: 52, text: 'thank you' }]),
    ),
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=64x64:rate=5:duration=1',
      '-c:v',
      'libx264',
      file('silent.mp4'),
    ]),
    writeFile(file('no-speaker.txt'), 'Just a paragraph with no name.\n'),
    writeFile(file('my.video.srt'), captionsToSrt(captions)),
  ]);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const noStackTrace = (outcome: Outcome) => expect(outcome.stderr).not.toMatch(/\n\s+at \S+/);

/** The speaker of every cue: its voice span or the one carried from the cue before. */
function cueSpeakers(vtt: string) {
  let speaker = '';
  return parseVtt(vtt).document.cues.map((cue) => {
    speaker = cue.voice ?? speaker;
    return { cue, speaker };
  });
}

async function readEpisode(id: string) {
  const folder = path.join(episodesDir, id);
  const episode = JSON.parse(await readFile(path.join(folder, 'episode.json'), 'utf8')) as Episode;
  return {
    folder,
    episode,
    transcript: await readFile(path.join(folder, 'transcript.en.vtt'), 'utf8'),
  };
}

describe('npm run import: bad input', () => {
  it('refuses each with a message that says what to do, a non-zero exit, no stack trace and nothing written', async () => {
    await mkdir(path.join(episodesDir, 'taken'));
    const media = recording.videoFile!;
    const transcript = recording.transcriptFile;
    const cases: Array<[string[], number, RegExp]> = [
      [
        ['Not_An_Id', '--media', media, '--transcript', transcript],
        1,
        /"Not_An_Id" is not a valid episode id/,
      ],
      [
        ['taken', '--media', media, '--transcript', transcript],
        1,
        /taken already exists: an import never overwrites/,
      ],
      [
        ['a', '--media', file('missing.mp4'), '--transcript', transcript],
        1,
        /missing\.mp4: no such file/,
      ],
      [
        ['a', '--media', file('silent.mp4'), '--transcript', transcript],
        1,
        /silent\.mp4: has no audio stream/,
      ],
      [
        ['a', '--media', file('no-speaker.txt'), '--transcript', transcript],
        1,
        /no-speaker\.txt: not a video ffmpeg can read/,
      ],
      [
        ['a', '--media', media, '--transcript', file('no-speaker.txt')],
        1,
        /no-speaker\.txt:1:1 {2}error {2}align-no-speaker/,
      ],
      [
        ['a', '--media', media, '--transcript', transcript, '--captions', file('late.en.srt')],
        1,
        /late\.en\.srt:\d+:1: this caption ends at 52\.000 s, after the video ends/,
      ],
      [
        // "video" is no language: the name does not say, and no --lang says instead.
        ['a', '--media', media, '--transcript', transcript, '--captions', file('my.video.srt')],
        1,
        /my\.video\.srt: cannot tell its language \("video" before the extension is not a language tag this project knows\)\. Name it .*captions\.ko\.srt.* or give --lang/,
      ],
      [
        ['a', '--media', media, '--transcript', transcript, '--anonymous', 'Nobody'],
        1,
        /--anonymous "Nobody": no speaker of that name .* \(its speakers: Mina, Tae, Speaker K\)/,
      ],
      [['a', '--media', media], 2, /Give the published transcript with --transcript/],
    ];
    // A few at a time: each is a tsx start-up and a probe, no encoding.
    const outcomes: Outcome[] = [];
    for (let at = 0; at < cases.length; at += 4) {
      const batch = cases.slice(at, at + 4);
      outcomes.push(
        ...(await Promise.all(
          batch.map(([args]) => spawnScript(IMPORT, [...args, '--no-hls'], episodesDir)),
        )),
      );
    }
    cases.forEach(([args, code, message], k) => {
      expect(outcomes[k]!.code, args.join(' ')).toBe(code);
      expect(outcomes[k]!.stderr, args.join(' ')).toMatch(message);
      noStackTrace(outcomes[k]!);
    });
    expect(await readdir(episodesDir)).toEqual(['taken']);
    await rm(path.join(episodesDir, 'taken'), { recursive: true });
  }, 300_000);

  it('stops when the transcript is not what is spoken (Korean speech, English transcript)', async () => {
    const mismatch = await makeMismatchRecording({ video: true });
    const outcome = await spawnScript(
      IMPORT,
      [
        'letter',
        '--media',
        mismatch.spoken.videoFile!,
        '--transcript',
        mismatch.transcriptFile,
        '--lang',
        'en',
        '--no-hls',
      ],
      episodesDir,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/align-mismatch/);
    expect(outcome.stderr).toMatch(
      /not what is spoken .* caption files timed to the video \(--captions\)/,
    );
    noStackTrace(outcome);
    expect(await readdir(episodesDir)).toEqual([]);
  }, 300_000);
});

describe('npm run import: with captions', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    // Spawned once for this file and imported-episode.test.ts (which plays it), and cached.
    const shared = await importWithCaptions();
    outcome = shared.outcome;
    if (outcome.code === 0)
      await cp(shared.folder, path.join(episodesDir, WITH_CAPTIONS_ID), { recursive: true });
  }, 300_000);

  it('makes the episode folder: episode.json, the transcript, chapters, MP4, poster, report', async () => {
    expect(outcome.stderr).toMatch(/import: made /);
    expect(outcome.code).toBe(0);
    const { folder, episode } = await readEpisode('first-winter');
    expect(episode).toMatchObject({
      id: 'first-winter',
      title: 'First winter',
      published: '2025-01-02',
      sourceLanguage: 'en',
      media: {
        sources: [
          { src: 'media/hls/master.m3u8', type: 'application/x-mpegURL' },
          { src: 'media/episode.mp4', type: 'video/mp4' },
        ],
        poster: 'media/poster.jpg',
        frameRate: 25,
      },
      speakers: [
        { id: 'mina', name: 'Mina' },
        { id: 'tae', name: 'Tae' },
        { id: 'speaker-k', name: 'Speaker K', anonymous: true },
      ],
      tracks: [
        {
          lang: 'en',
          label: 'English',
          transcript: 'transcript.en.vtt',
          chapters: 'chapters.en.vtt',
        },
      ],
    });
    expect(episode.media.duration).toBeCloseTo(recording.truth.duration, 1);
    expect(episode.speakers.some((speaker) => 'portrait' in speaker)).toBe(false);
    const streams = await probeStreams(path.join(folder, 'media/episode.mp4'));
    expect(streams.join('\n')).toMatch(/\bh264\b.*\bvideo\b|\bvideo\b.*\bh264\b/);
    expect(streams.join('\n')).toMatch(/\baac\b.*\baudio\b|\baudio\b.*\baac\b/);
    // +faststart: the index (moov) comes before the media data (mdat).
    const head = (await readFile(path.join(folder, 'media/episode.mp4')))
      .subarray(0, 4096)
      .toString('latin1');
    expect(head.indexOf('moov')).toBeGreaterThan(0);
    expect(head.indexOf('mdat') < 0 || head.indexOf('moov') < head.indexOf('mdat')).toBe(true);
    // The HLS ladder: no upscaling of the 360p source, a lower rung beside it, segments ≤ 6 s.
    const master = await readFile(path.join(folder, 'media/hls/master.m3u8'), 'utf8');
    expect(master.match(/RESOLUTION=\d+x\d+/g)).toEqual([
      'RESOLUTION=640x360',
      'RESOLUTION=426x240',
    ]);
    const playlist = await readFile(path.join(folder, 'media/hls/360p/index.m3u8'), 'utf8');
    const segments = [...playlist.matchAll(/#EXTINF:([\d.]+)/g)].map((match) => Number(match[1]));
    expect(segments.length).toBeGreaterThan(1);
    expect(Math.max(...segments)).toBeLessThanOrEqual(6.05);
    const poster = await probeStreams(path.join(folder, 'media/poster.jpg'));
    expect(poster[0]).toMatch(/mjpeg/);
    expect(poster[0]).toMatch(/\b640,360\b/);
    const chapters = parseVtt(await readFile(path.join(folder, 'chapters.en.vtt'), 'utf8'));
    expect(chapters.document.cues.map((cue) => cue.text)).toEqual([
      'What surprised you most about your first winter here?',
    ]);
    const report = await readFile(path.join(folder, '.backup/import-report.md'), 'utf8');
    expect(report).toMatch(/spans 2 speakers \(Mina, Tae\)/);
  });

  it("gives every cue its speaker, keeps the captions' timings except where one was split at a speaker change", async () => {
    const { transcript } = await readEpisode('first-winter');
    const cues = cueSpeakers(transcript);
    for (const { cue, speaker } of cues) {
      expect(speaker, `${cue.id} at ${cue.startTime}`).toBe(
        truthSpeakerAt(recording, (cue.startTime + cue.endTime) / 2),
      );
    }
    // Captions spanning a turn change: split; the others: kept to the millisecond.
    const spansTurn = (caption: TruthCaption) =>
      new Set(recording.truth.words.slice(caption.from, caption.to).map((word) => word.speaker))
        .size > 1;
    const whole = captions.filter((caption) => !spansTurn(caption));
    const split = captions.filter(spansTurn);
    expect(split.length).toBe(3);
    expect(cues.length).toBe(captions.length + split.length);
    for (const caption of whole) {
      expect(
        cues.some(
          ({ cue }) =>
            Math.abs(cue.startTime - caption.startTime) < 0.0005 &&
            Math.abs(cue.endTime - caption.endTime) < 0.0005,
        ),
        `caption at ${caption.startTime}`,
      ).toBe(true);
    }
    // Each split part starts where the next speaker's first word starts, within 100 ms.
    for (const turn of recording.truth.turns.slice(1)) {
      const part = cues.find(
        ({ cue }) => Math.abs(cue.startTime - turn.startTime) < 1.5 && cue.voice,
      );
      expect(part, `turn of ${turn.speaker} at ${turn.startTime}`).toBeDefined();
      expect(Math.abs(part!.cue.startTime - turn.startTime)).toBeLessThan(0.1);
    }
  });

  it('keeps word timestamps where the captions are what is spoken (no turn listed as a mismatch)', async () => {
    const { transcript } = await readEpisode('first-winter');
    expect(outcome.stderr).not.toMatch(/not sound like what is spoken/);
    // A timestamp tag before every word after a cue's first: at least one per cue.
    const tags = transcript.match(/<\d\d:\d\d:\d\d\.\d{3}>/g) ?? [];
    expect(tags.length).toBeGreaterThanOrEqual(parseVtt(transcript).document.cues.length);
  });

  it('passes npm run check with no error', { timeout: 60_000 }, async () => {
    const check = await spawnScript(CHECK, [path.join(episodesDir, 'first-winter')], episodesDir);
    expect(check.stdout + check.stderr).toMatch(/\b0 errors\b/);
    expect(check.code).toBe(0);
  });
});

describe('npm run import: captions whose text is not what is spoken', () => {
  it('keeps their timings, adds no word timestamps and lists each turn for review (English captions over Korean speech)', async () => {
    const mismatch = await makeMismatchRecording({ video: true });
    // English captions timed to the Korean speech: each paragraph's English words, seven to a
    // caption, spread over the time the Korean paragraph is spoken.
    const english = (await readFile(mismatch.transcriptFile, 'utf8'))
      .split(/\n\s*\n/)
      .map((paragraph) =>
        paragraph
          .replace(/^[^:]+:\s*/, '')
          .trim()
          .split(/\s+/),
      );
    const koCaptions = mismatch.spoken.truth.paragraphs.flatMap((paragraph, p) => {
      const words = english[p]!;
      const count = Math.ceil(words.length / 7);
      const step = (paragraph.endTime - paragraph.startTime) / count;
      const at = (k: number) => Math.round((paragraph.startTime + k * step) * 1000) / 1000;
      return Array.from({ length: count }, (_, k) => ({
        startTime: at(k),
        endTime: Math.round((at(k + 1) - (k + 1 < count ? 0.04 : 0)) * 1000) / 1000,
        text: words.slice(k * 7, k * 7 + 7).join(' '),
      }));
    });
    await writeFile(file('letter.en.srt'), captionsToSrt(koCaptions));
    const outcome = await spawnScript(
      IMPORT,
      [
        'the-letter',
        '--media',
        mismatch.spoken.videoFile!,
        '--transcript',
        mismatch.transcriptFile,
        '--captions',
        file('letter.en.srt'),
        '--lang',
        'en',
        '--title',
        'The letter',
        '--published',
        '2025-01-02',
        '--no-hls',
      ],
      episodesDir,
    );
    expect(outcome.stderr).toMatch(/import: made /);
    expect(outcome.code).toBe(0);
    const { transcript, folder } = await readEpisode('the-letter');
    const cues = parseVtt(transcript).document.cues;
    // Every caption's start kept to the millisecond (a caption the text matching found two
    // speakers in is split in proportion to its text); not one word timestamp.
    expect(cues.length).toBeGreaterThanOrEqual(koCaptions.length);
    for (const caption of koCaptions) {
      expect(
        cues.some((cue) => Math.abs(cue.startTime - caption.startTime) < 0.0005),
        `caption at ${caption.startTime}`,
      ).toBe(true);
    }
    expect(transcript).not.toMatch(/<\d\d:\d\d:\d\d\.\d{3}>/);
    // Each turn (as the captions start them: a turn whose words all fall in a caption starting
    // in the turn before has none of its own) listed, in the output and in the report.
    const listed = outcome.stderr.match(/letter\.en\.srt:\d+:1 .*not sound like what is spoken/g);
    const turns = Number(/Word timestamps: left out for (\d+) turns/.exec(outcome.stderr)?.[1]);
    expect(turns).toBeGreaterThanOrEqual(mismatch.spoken.truth.turns.length - 1);
    expect(listed?.length).toBe(turns);
    const report = await readFile(path.join(folder, '.backup/import-report.md'), 'utf8');
    expect(report.match(/not sound like what is spoken/g)?.length).toBe(turns);
    await rm(folder, { recursive: true });
  }, 300_000);
});

describe('npm run import: without captions', () => {
  let outcome: Outcome;
  beforeAll(async () => {
    outcome = await spawnScript(
      IMPORT,
      [
        'first-winter-aligned',
        '--media',
        await smallVideo(recording),
        '--transcript',
        recording.transcriptFile,
        '--no-hls',
      ],
      episodesDir,
    );
  }, 300_000);

  it(
    'times the transcript with the aligner: every speaker right, cue starts near the truth',
    { timeout: 60_000 },
    async () => {
      expect(outcome.code).toBe(0);
      const { transcript, episode } = await readEpisode('first-winter-aligned');
      // Missing optional inputs: still complete, the defaults flagged.
      expect(episode.title).toBe('Transcript');
      expect(episode.published).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(outcome.stderr).toMatch(/No --published: today's date/);
      expect(outcome.stderr).toMatch(/No --lang: the transcript was taken to be English/);
      const cues = cueSpeakers(transcript);
      expect(cues.length).toBeGreaterThan(5);
      for (const { cue, speaker } of cues) {
        expect(speaker, cue.id).toBe(truthSpeakerAt(recording, (cue.startTime + cue.endTime) / 2));
      }
      for (const turn of recording.truth.turns) {
        const first = cues.find(
          ({ cue }) => cue.voice === turn.speaker && Math.abs(cue.startTime - turn.startTime) < 1,
        );
        expect(first, turn.speaker).toBeDefined();
        expect(Math.abs(first!.cue.startTime - turn.startTime)).toBeLessThan(0.15);
      }
      const check = await spawnScript(
        CHECK,
        [path.join(episodesDir, 'first-winter-aligned')],
        episodesDir,
      );
      expect(check.code).toBe(0);
    },
  );
});
