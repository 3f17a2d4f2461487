/**
 * Test recordings with a ground truth: a transcript in the published format (Contract 7), spoken
 * by a synthesizer that is not the aligner's (English: festival; Korean: espeak-ng word by word in
 * voices unlike the aligner's), each speaker in their own voice, with pauses of varying length
 * between turns, and optionally noise, a music bed and reverb. The result is a folder with
 * `audio.wav` (16 kHz mono), `transcript.txt` and `truth.json` (every spoken word's start and
 * end, each paragraph's and turn's start and speaker), optionally `video.mp4`.
 *
 * Deterministic (seeded pauses and jitter, sox -R) and cached: a folder named by a hash of the
 * spec and text, made once, reused by later runs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ffmpeg } from '../media/tools.ts';
import { meanPower, pitchShift, RATE, resample, writeWav, type Audio } from './audio.ts';
import { seededRandom } from '../seeded-random.ts';
import {
  activeSpeechPower,
  addMusicBed,
  addPinkNoise,
  addReverb,
  type MusicBed,
  type SpeechSpans,
} from './effects.ts';
import { speakWordByWord, type EspeakVoice } from './espeak-words.ts';
import { speakWithFestival, type FestivalVoice } from './festival.ts';
import { parsePublishedText, type PublishedText, type TextParagraph } from './published-text.ts';

/** Bump when the output for an unchanged spec changes, so cached recordings are remade. */
const GENERATOR_VERSION = 8;

/** An English speaker: festival's pitch and pace, then a sox pitch shift (timing kept). */
export interface EnglishVoice extends FestivalVoice {
  readonly pitchCents: number;
}

export interface RecordingSpec {
  /** Folder-name friendly: letters, digits, '-'. */
  readonly name: string;
  readonly lang: 'en' | 'ko';
  /** The transcript, in the published format (Contract 7). */
  readonly text: string;
  /** Seeds pauses and per-word jitter. */
  readonly seed: number;
  /** Voices handed out to speakers in order of first appearance (cycled); defaults per language. */
  readonly voices?: readonly EnglishVoice[] | readonly EspeakVoice[];
  /** Pause between one speaker's paragraphs and between turns, [min, max] seconds. */
  readonly paragraphPause?: readonly [number, number];
  readonly turnPause?: readonly [number, number];
  /** Silence before the first word and after the last, seconds (with music: the music alone). */
  readonly headSeconds?: number;
  readonly tailSeconds?: number;
  /** Only the first n paragraphs (a shorter recording; the transcript is cut to match). */
  readonly paragraphs?: number;
  readonly noiseSnrDb?: number;
  readonly music?: Omit<MusicBed, 'introSeconds' | 'outroSeconds'>;
  /** sox reverberance, 0–100. */
  readonly reverb?: number;
  /** Also make `video.mp4` (H.264/AAC, a still dark card) for tools that take a video. */
  readonly video?: boolean;
  /**
   * The video's picture size, `<width>x<height>` (default 640x360): small where no test looks at
   * the pictures, as every import re-encodes them.
   */
  readonly videoSize?: VideoSize;
}

/** A picture size, `<width>x<height>`. */
export type VideoSize = `${number}x${number}`;

export interface TruthWord {
  /** The word as written in the transcript (punctuation included). */
  readonly text: string;
  readonly speaker: string;
  /** Index into `paragraphs`. */
  readonly paragraph: number;
  /** 1-based position of the word in transcript.txt. */
  readonly line: number;
  readonly col: number;
  /** Seconds in audio.wav. */
  readonly startTime: number;
  readonly endTime: number;
}

export interface TruthParagraph {
  readonly speaker: string;
  readonly line: number;
  /** Its first spoken word's start and last spoken word's end, seconds. */
  readonly startTime: number;
  readonly endTime: number;
}

/** A run of paragraphs by one speaker. */
export interface TruthTurn {
  readonly speaker: string;
  readonly startTime: number;
  readonly endTime: number;
  /** Indices into `paragraphs`. */
  readonly paragraphs: readonly number[];
}

export interface RecordingTruth {
  readonly name: string;
  readonly lang: 'en' | 'ko';
  /** Seconds of audio. */
  readonly duration: number;
  /** Who spoke it and how the word times are known. */
  readonly method: string;
  readonly speakers: readonly string[];
  readonly turns: readonly TruthTurn[];
  readonly paragraphs: readonly TruthParagraph[];
  /** Every spoken word in order (bracketed insertions and lone punctuation are not spoken). */
  readonly words: readonly TruthWord[];
}

/** A made recording: its files and its truth. */
export interface Recording {
  readonly name: string;
  readonly lang: 'en' | 'ko';
  readonly dir: string;
  readonly audioFile: string;
  readonly transcriptFile: string;
  readonly truthFile: string;
  /** Present when the spec asked for a video. */
  readonly videoFile?: string;
  readonly truth: RecordingTruth;
}

/**
 * Speakers unlike each other and unlike the aligner's reference: festival's kal voice (a male
 * diphone voice, 105 Hz) raised or lowered in pitch and paced 8 % faster to 15 % slower.
 */
export const ENGLISH_VOICES: readonly EnglishVoice[] = [
  { f0Mean: 110, f0Std: 16, durationStretch: 1.0, pitchCents: 0 },
  { f0Mean: 140, f0Std: 22, durationStretch: 1.08, pitchCents: 500 },
  { f0Mean: 95, f0Std: 10, durationStretch: 0.92, pitchCents: -250 },
  { f0Mean: 125, f0Std: 25, durationStretch: 1.15, pitchCents: 300 },
];

/**
 * Korean voices: espeak-ng's `ko` with variants, paces and pitches away from its defaults (no
 * variant, 175 words a minute, pitch 50), which the aligner uses for its reference. Faster than
 * its default because a word said alone is drawn out (citation form): at 190–225 words a minute
 * the words come at about the pace of the same sentence said in one go at 175.
 */
export const KOREAN_VOICES: readonly EspeakVoice[] = [
  { name: 'ko+f2', wpm: 200, pitch: 64 },
  { name: 'ko+m3', wpm: 215, pitch: 36 },
  { name: 'ko+f4', wpm: 190, pitch: 72 },
  { name: 'ko+m1', wpm: 225, pitch: 44 },
];

const DEFAULTS = {
  paragraphPause: [0.35, 0.9],
  turnPause: [0.4, 1.8],
  headSeconds: 0.8,
  tailSeconds: 1.2,
} as const;

/** Where recordings are cached (tests/.artifacts is ignored by git). */
export const RECORDINGS_CACHE = path.resolve(
  import.meta.dirname,
  '../../tests/.artifacts/recordings',
);

/** The transcript cut after its n-th paragraph (the lines up to that paragraph's last word). */
export function firstParagraphs(text: string, parsed: PublishedText, count: number): string {
  if (count >= parsed.paragraphs.length) return text;
  const last = parsed.paragraphs[count - 1]!.tokens.at(-1)!.line;
  return `${text
    .split(/\r\n|\r|\n/)
    .slice(0, last)
    .join('\n')}\n`;
}

/** A paragraph spoken: audio (any rate) and its spoken tokens' times within it, seconds. */
interface SpokenParagraph {
  readonly paragraph: TextParagraph;
  readonly audio: Audio;
  readonly times: readonly { readonly startTime: number; readonly endTime: number }[];
}

function voiceOf<V>(speakers: readonly string[], voices: readonly V[], speaker: string): V {
  return voices[speakers.indexOf(speaker) % voices.length]!;
}

/**
 * Festival starts a word at its first segment's start, which after a pause is not always where the
 * sound starts: a weak "th" (as in "Thank") is 40 dB under the vowel, so the word is silent for up
 * to ~90 ms, and a diphone into a /w/ may sound some 30 ms before the boundary or 40 ms after it.
 * (Festival's pauses are not silent either: the diphones carry their studio's noise, about 25 dB
 * under the speech.) So a word after a pause of 50 ms or more, or a paragraph's first, starts where
 * its sound becomes audible: the first 5 ms frame, between 100 ms before festival's start (not
 * before the previous word's end) and 150 ms after it, that rises from below to above a threshold
 * 6 dB over the pause's median level and at most 35 dB under the paragraph's speech.
 */
export function startAtAudibleOnsets(audio: Audio, times: SpeechSpans): SpeechSpans {
  const speechPower = activeSpeechPower(audio, times);
  const frame = Math.round(audio.rate * 0.005);
  const step = Math.round(audio.rate * 0.001);
  const framePower = (at: number) => meanPower(audio.samples, at, at + frame);
  return times.map((time, index) => {
    const previousEnd = index > 0 ? times[index - 1]!.endTime : 0;
    if (index > 0 && time.startTime - previousEnd < 0.05) return time;
    const pause: number[] = [];
    for (
      let at = Math.round(previousEnd * audio.rate);
      at + frame <= time.startTime * audio.rate;
      at += frame
    )
      pause.push(framePower(at));
    pause.sort((a, b) => a - b);
    const floor = pause.length ? pause[Math.floor(pause.length / 2)]! : 0;
    const threshold = Math.max(speechPower * 10 ** (-35 / 10), floor * 10 ** (6 / 10));
    const from = Math.round(Math.max(previousEnd, time.startTime - 0.1) * audio.rate);
    const to = Math.min(time.endTime, time.startTime + 0.15) * audio.rate;
    let quiet = false;
    for (let at = from; at + frame <= to; at += step) {
      const loud = framePower(at) >= threshold;
      if (loud && quiet) return { startTime: at / audio.rate, endTime: time.endTime };
      quiet ||= !loud;
    }
    return time;
  });
}

async function speakEnglish(spec: RecordingSpec, text: PublishedText): Promise<SpokenParagraph[]> {
  const voices = (spec.voices ?? ENGLISH_VOICES) as readonly EnglishVoice[];
  const voiceFor = (paragraph: TextParagraph) => voiceOf(text.speakers, voices, paragraph.speaker);
  const speech = await speakWithFestival(
    text.paragraphs.map((paragraph) => ({
      tokens: paragraph.tokens.filter((token) => token.spoken),
      voice: voiceFor(paragraph),
    })),
  );
  return Promise.all(
    text.paragraphs.map(async (paragraph, index) => {
      const audio = await pitchShift(speech[index]!.audio, voiceFor(paragraph).pitchCents);
      return { paragraph, audio, times: startAtAudibleOnsets(audio, speech[index]!.times) };
    }),
  );
}

async function speakKorean(spec: RecordingSpec, text: PublishedText): Promise<SpokenParagraph[]> {
  const voices = (spec.voices ?? KOREAN_VOICES) as readonly EspeakVoice[];
  const random = seededRandom(spec.seed * 7919 + 17);
  const spoken: SpokenParagraph[] = [];
  // One paragraph after another: the random draws stay in text order.
  for (const paragraph of text.paragraphs) {
    const tokens = paragraph.tokens.filter((token) => token.spoken);
    const voice = voiceOf(text.speakers, voices, paragraph.speaker);
    const speech = await speakWordByWord(tokens, voice, random);
    spoken.push({ paragraph, audio: await resample(speech.audio, RATE), times: speech.times });
  }
  return spoken;
}

/** Lay the paragraphs on one track with seeded pauses; returns the dry speech and the truth. */
function assemble(
  spec: RecordingSpec,
  text: PublishedText,
  spoken: readonly SpokenParagraph[],
  headSeconds: number,
  tailSeconds: number,
): { speech: Audio; truth: Omit<RecordingTruth, 'name' | 'lang' | 'method'> } {
  const random = seededRandom(spec.seed);
  const between = ([low, high]: readonly [number, number]) => low + (high - low) * random();
  const placed: { offset: number; part: SpokenParagraph }[] = [];
  let lastEnd = 0;
  for (const [index, part] of spoken.entries()) {
    const previous = spoken[index - 1];
    const gap = !previous
      ? headSeconds
      : between(
          previous.paragraph.speaker === part.paragraph.speaker
            ? (spec.paragraphPause ?? DEFAULTS.paragraphPause)
            : (spec.turnPause ?? DEFAULTS.turnPause),
        );
    // Whole samples, so the truth is exact at the track's rate.
    const offset = Math.round((lastEnd + gap - part.times[0]!.startTime) * RATE) / RATE;
    placed.push({ offset, part });
    lastEnd = offset + part.times.at(-1)!.endTime;
  }
  const duration = Math.ceil((lastEnd + tailSeconds) * RATE) / RATE;
  const samples = new Float32Array(Math.round(duration * RATE));
  const words: TruthWord[] = [];
  const paragraphs: TruthParagraph[] = [];
  for (const [index, { offset, part }] of placed.entries()) {
    const at = Math.round(offset * RATE);
    // Festival's pauses around a paragraph may reach before the track's start: drop that part.
    const source = part.audio.samples.subarray(Math.max(0, -at));
    samples.set(source.subarray(0, samples.length - Math.max(0, at)), Math.max(0, at));
    const spokenTokens = part.paragraph.tokens.filter((token) => token.spoken);
    spokenTokens.forEach((token, i) =>
      words.push({
        text: token.text,
        speaker: part.paragraph.speaker,
        paragraph: index,
        line: token.line,
        col: token.col,
        startTime: round(offset + part.times[i]!.startTime),
        endTime: round(offset + part.times[i]!.endTime),
      }),
    );
    paragraphs.push({
      speaker: part.paragraph.speaker,
      line: part.paragraph.line,
      startTime: round(offset + part.times[0]!.startTime),
      endTime: round(offset + part.times.at(-1)!.endTime),
    });
  }
  const turns: TruthTurn[] = [];
  paragraphs.forEach((paragraph, index) => {
    const turn = turns.at(-1);
    if (turn && turn.speaker === paragraph.speaker) {
      turns[turns.length - 1] = {
        ...turn,
        endTime: paragraph.endTime,
        paragraphs: [...turn.paragraphs, index],
      };
    } else {
      turns.push({
        speaker: paragraph.speaker,
        startTime: paragraph.startTime,
        endTime: paragraph.endTime,
        paragraphs: [index],
      });
    }
  });
  return {
    speech: { rate: RATE, samples },
    truth: { duration, speakers: text.speakers, turns, paragraphs, words },
  };
}

/** Microseconds are plenty: the track is 16 kHz (62.5 µs a sample). */
function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}

/** Scale down when a peak would clip (never up: levels stay as mixed). */
function avoidClipping(audio: Audio): Audio {
  let peak = 0;
  for (const sample of audio.samples) peak = Math.max(peak, Math.abs(sample));
  if (peak <= 0.95) return audio;
  return { rate: audio.rate, samples: audio.samples.map((sample) => (sample * 0.95) / peak) };
}

function methodOf(spec: RecordingSpec): string {
  const spoken =
    spec.lang === 'en'
      ? 'festival (kal_diphone) per paragraph; word times are festival word_start/word_end, ' +
        'a start after a pause moved to where the sound rises out of the pause (-100 to +150 ms); ' +
        'sox pitch shifts are moved back by their measured lag'
      : 'espeak-ng word by word; word times are where each silence-trimmed word clip was placed';
  const effects = [
    spec.reverb !== undefined && `reverb ${spec.reverb}`,
    spec.music && `music bed under head and tail (${spec.music.underDb} dB)`,
    spec.noiseSnrDb !== undefined && `pink noise at ${spec.noiseSnrDb} dB SNR`,
  ].filter(Boolean);
  return `${spoken}${effects.length ? `; ${effects.join(', ')}` : ''}`;
}

async function generate(spec: RecordingSpec, dir: string): Promise<void> {
  const parsedFull = parsePublishedText(spec.text);
  const transcript = spec.paragraphs
    ? firstParagraphs(spec.text, parsedFull, spec.paragraphs)
    : spec.text;
  const text = parsePublishedText(transcript);
  const spoken =
    spec.lang === 'en' ? await speakEnglish(spec, text) : await speakKorean(spec, text);
  const intro = spec.music ? 6 : (spec.headSeconds ?? DEFAULTS.headSeconds);
  const outro = spec.music ? 5 : (spec.tailSeconds ?? DEFAULTS.tailSeconds);
  const { speech, truth } = assemble(spec, text, spoken, intro, outro);
  const room = spec.reverb === undefined ? speech : await addReverb(speech, spec.reverb);
  const withMusic = spec.music
    ? await addMusicBed(speech, room, truth.words, {
        ...spec.music,
        introSeconds: intro,
        outroSeconds: outro,
      })
    : room;
  const final =
    spec.noiseSnrDb === undefined
      ? withMusic
      : await addPinkNoise(speech, withMusic, truth.words, spec.noiseSnrDb);
  await writeWav(path.join(dir, 'audio.wav'), avoidClipping(final));
  await writeFile(path.join(dir, 'transcript.txt'), transcript);
  const full: RecordingTruth = {
    name: spec.name,
    lang: spec.lang,
    method: methodOf(spec),
    ...truth,
  };
  await writeFile(path.join(dir, 'truth.json'), `${JSON.stringify(full, null, 1)}\n`);
  if (spec.video) {
    const audio = path.join(dir, 'audio.wav');
    await encodeVideo(
      audio,
      truth.duration,
      spec.videoSize ?? '640x360',
      path.join(dir, 'video.mp4'),
    );
  }
}

/** H.264/AAC: a still dark card of `size` at 25 fps over `audioFile`, `duration` seconds long. */
async function encodeVideo(
  audioFile: string,
  duration: number,
  size: VideoSize,
  output: string,
): Promise<void> {
  await ffmpeg([
    ...['-f', 'lavfi', '-i', `color=c=0x3a0d0d:s=${size}:r=25`],
    // -t, not -shortest: the encoder's buffering lets -shortest run over by a second or more.
    ...['-i', audioFile, '-t', String(duration)],
    ...['-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'stillimage', '-pix_fmt', 'yuv420p'],
    ...['-c:a', 'aac', '-b:a', '96k', output],
  ]);
}

/**
 * The recording's speech under a card of another size, `video-<size>.mp4` in its folder (made on
 * first use; several processes at once each write their own file and rename it in place): for
 * tests that import the same speech where no one looks at the pictures, which every import
 * re-encodes, beside one that needs the 360p video.
 */
export async function recordingVideo(recording: Recording, size: VideoSize): Promise<string> {
  const file = path.join(recording.dir, `video-${size}.mp4`);
  if (!existsSync(file)) {
    const building = path.join(recording.dir, `.video-${size}-${process.pid}-${Date.now()}.mp4`);
    await encodeVideo(recording.audioFile, recording.truth.duration, size, building);
    await rename(building, file);
  }
  return file;
}

function cacheKey(spec: RecordingSpec): string {
  return createHash('sha256')
    .update(JSON.stringify({ GENERATOR_VERSION, spec }))
    .digest('hex')
    .slice(0, 12);
}

async function recordingIn(dir: string, spec: RecordingSpec): Promise<Recording> {
  const truth = JSON.parse(await readFile(path.join(dir, 'truth.json'), 'utf8')) as RecordingTruth;
  return {
    name: spec.name,
    lang: spec.lang,
    dir,
    audioFile: path.join(dir, 'audio.wav'),
    transcriptFile: path.join(dir, 'transcript.txt'),
    truthFile: path.join(dir, 'truth.json'),
    ...(spec.video ? { videoFile: path.join(dir, 'video.mp4') } : {}),
    truth,
  };
}

/** Folders of earlier versions of a recording (same name, another hash): a changed text or generator. */
async function removeStaleVersions(cacheDir: string, name: string, keep: string): Promise<void> {
  const stale = new RegExp(`^${name}-[0-9a-f]{12}$`);
  for (const entry of await readdir(cacheDir)) {
    if (stale.test(entry) && path.join(cacheDir, entry) !== keep) {
      await rm(path.join(cacheDir, entry), { recursive: true, force: true });
    }
  }
}

/**
 * The recording for `spec`, made on first use and cached under `cacheDir` (a folder per spec and
 * text; safe when several processes ask at once: each builds in its own folder and the first
 * rename wins). A name stands for one recording: making it anew (a changed text or spec) removes
 * its earlier versions.
 */
export async function makeRecording(
  spec: RecordingSpec,
  cacheDir: string = RECORDINGS_CACHE,
): Promise<Recording> {
  if (!/^[a-z0-9-]+$/.test(spec.name)) {
    throw new Error(`Recording name "${spec.name}": use lowercase letters, digits and '-'.`);
  }
  const dir = path.join(cacheDir, `${spec.name}-${cacheKey(spec)}`);
  if (!existsSync(path.join(dir, 'truth.json'))) {
    const building = `${dir}.building-${process.pid}-${Date.now()}`;
    await mkdir(building, { recursive: true });
    try {
      await generate(spec, building);
      await rename(building, dir).catch((error: NodeJS.ErrnoException) => {
        // Another process finished the same recording first: keep theirs.
        if (!existsSync(path.join(dir, 'truth.json'))) throw error;
      });
      await removeStaleVersions(cacheDir, spec.name, dir);
    } finally {
      await rm(building, { recursive: true, force: true });
    }
  }
  return recordingIn(dir, spec);
}
