/**
 * The recordings the aligner is measured on (`npm run bench -- --only align`), and the mismatch
 * recording for import (Korean speech with its English transcript).
 *
 * Two sets. The tuning set may be used to develop and tune the aligner. The held-out set is for
 * judging it: nobody tunes on it (its texts, speakers, effects and seeds were chosen before any
 * alignment was run on them), and the bars of issue 13 are read from it.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  makeRecording,
  RECORDINGS_CACHE,
  type Recording,
  type RecordingSpec,
} from './recording.ts';

const TEXTS = path.resolve(import.meta.dirname, 'texts');

/** A transcript text shipped in scripts/recordings/texts/. */
export function bundledText(file: string): string {
  return readFileSync(path.join(TEXTS, file), 'utf8');
}

export type RecordingSet = 'tuning' | 'held-out';

export interface CatalogueEntry {
  readonly set: RecordingSet;
  /** What makes it hard, for reports. */
  readonly conditions: string;
  readonly spec: RecordingSpec;
}

/** Every bench recording; `quick` ones are shortened to their first paragraphs by `--quick`. */
export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    set: 'tuning',
    conditions: 'clean',
    spec: { name: 'first-winter', lang: 'en', text: bundledText('first-winter.en.txt'), seed: 11 },
  },
  {
    set: 'tuning',
    conditions: 'pink noise 20 dB',
    spec: {
      name: 'night-market',
      lang: 'en',
      text: bundledText('night-market.en.txt'),
      seed: 23,
      noiseSnrDb: 20,
    },
  },
  {
    set: 'tuning',
    conditions: 'espeak-ng word by word, pink noise 25 dB',
    spec: {
      name: 'first-market-ko',
      lang: 'ko',
      text: bundledText('first-market.ko.txt'),
      seed: 31,
      noiseSnrDb: 25,
    },
  },
  {
    // Added after the held-out music recording's first cue came out 620 ms early: the same
    // failure on a tuning text (first word 320 ms early, in the music), to tune against.
    set: 'tuning',
    conditions: 'music bed under head and tail',
    spec: {
      name: 'first-winter-music',
      lang: 'en',
      text: bundledText('first-winter.en.txt'),
      seed: 1,
      music: { underSeconds: 8, underDb: -10 },
    },
  },
  {
    // Added with the music/speech discriminator (background-onset.ts): a short first word ("Our")
    // after the music, to tune against where the words after the first are early too.
    set: 'tuning',
    conditions: 'music bed under head and tail, a short first word',
    spec: {
      name: 'night-market-music',
      lang: 'en',
      text: bundledText('night-market.en.txt'),
      seed: 2,
      music: { underSeconds: 8, underDb: -10 },
    },
  },
  {
    set: 'held-out',
    conditions: 'music bed under head and tail',
    spec: {
      name: 'learning-to-swim',
      lang: 'en',
      text: bundledText('learning-to-swim.en.txt'),
      seed: 47,
      music: { underSeconds: 8, underDb: -10 },
    },
  },
  {
    set: 'held-out',
    conditions: 'reverb, pitch-shifted speakers at three paces',
    spec: {
      name: 'the-letter',
      lang: 'en',
      text: bundledText('the-letter.en.txt'),
      seed: 53,
      reverb: 60,
      voices: [
        { f0Mean: 120, f0Std: 20, durationStretch: 1.1, pitchCents: 700 },
        { f0Mean: 90, f0Std: 12, durationStretch: 0.9, pitchCents: -400 },
        { f0Mean: 135, f0Std: 28, durationStretch: 1.2, pitchCents: 350 },
      ],
    },
  },
  {
    set: 'held-out',
    conditions: 'pink noise 10 dB, a group speaker, short pauses',
    spec: {
      name: 'bus-route',
      lang: 'en',
      text: bundledText('bus-route.en.txt'),
      seed: 61,
      noiseSnrDb: 10,
      turnPause: [0.25, 1.2],
    },
  },
  {
    set: 'held-out',
    conditions: 'espeak-ng word by word, pink noise 15 dB',
    spec: {
      name: 'the-letter-ko',
      lang: 'ko',
      text: bundledText('the-letter.ko.txt'),
      seed: 67,
      noiseSnrDb: 15,
    },
  },
];

/**
 * The recordings of a bench run: every one; with `tuningOnly`, the tuning set alone (for tuning
 * runs that must not see the held-out set); with `quick`, two tuning recordings (one English with
 * noise, one Korean) cut to their first five paragraphs, for a smoke run.
 */
export function benchRecordings(options: {
  readonly quick: boolean;
  readonly tuningOnly: boolean;
}): readonly CatalogueEntry[] {
  const tuning = CATALOGUE.filter((entry) => entry.set === 'tuning');
  if (options.quick) {
    return ['night-market', 'first-market-ko'].map((name) => {
      const entry = tuning.find((candidate) => candidate.spec.name === name)!;
      return { ...entry, spec: { ...entry.spec, name: `${name}-quick`, paragraphs: 5 } };
    });
  }
  return options.tuningOnly ? tuning : CATALOGUE;
}

/** Korean speech with a transcript in another language: what the aligner should refuse. */
export interface MismatchRecording {
  /** The Korean recording: its audio and its (Korean) truth. */
  readonly spoken: Recording;
  /** The English transcript of the same conversation (same speakers and paragraphs). */
  readonly transcriptFile: string;
  /** The transcript's language, not the speech's. */
  readonly lang: 'en';
}

/**
 * Korean speech (the held-out `the-letter-ko`) with its English transcript (`the-letter.en.txt`,
 * the same conversation in English): the text is not what is spoken, and the aligner (and import)
 * should say so rather than time it. `video`: the recording has a `videoFile` too (for import).
 */
export async function makeMismatchRecording(
  options: { readonly video?: boolean; readonly cacheDir?: string } = {},
): Promise<MismatchRecording> {
  const cacheDir = options.cacheDir ?? RECORDINGS_CACHE;
  const held = CATALOGUE.find((entry) => entry.spec.name === 'the-letter-ko')!.spec;
  // A video is another cached recording (its own name), so the bench's audio-only one stays put.
  // Its pictures are never looked at (the tests are about the speech), and every import of it
  // re-encodes them: 160×90 makes that encode about half as costly as 640×360 (111 s of video).
  const spec: RecordingSpec = options.video
    ? { ...held, name: `${held.name}-video`, video: true, videoSize: '160x90' }
    : held;
  const spoken = await makeRecording(spec, cacheDir);
  const dir = path.join(cacheDir, 'mismatch');
  await mkdir(dir, { recursive: true });
  const transcriptFile = path.join(dir, 'the-letter.en.txt');
  await writeFile(transcriptFile, bundledText('the-letter.en.txt'));
  return { spoken, transcriptFile, lang: 'en' };
}
