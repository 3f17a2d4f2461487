/**
 * The reference voice: espeak-ng. Each fragment is spoken with a word gap (`-g`), written as WAV
 * to stdout, and measured by the core (reference-speech.ts). Fragments are spoken in batches, one
 * espeak-ng call per batch (SSML, a 2 s break between fragments, cut apart at those breaks), as
 * many batches at once as there are cores: starting espeak-ng and loading its voice costs more
 * CPU than speaking a sentence. A batch whose breaks cannot all be found is spoken again one
 * fragment per call.
 */
import os from 'node:os';
import { ALIGN_SAMPLE_RATE } from '../../src/core/align/aligner.ts';
import {
  locateWords,
  type LocatedWords,
  type SynthesisFragment,
} from '../../src/core/align/reference-speech.ts';
import { AlignInputError, execFileBuffer, pcm16ToFloat } from './media-audio.ts';

/** espeak-ng's `-g` is in 10 ms units at its default speed (175 words per minute), used here. */
const WORD_GAP_UNITS = 20;
const WORD_GAP_SECONDS = WORD_GAP_UNITS / 100;

/** The espeak-ng voices installed: language tag → voice file name. */
async function installedVoices(): Promise<Map<string, string>> {
  const { stdout, code } = await execFileBuffer('espeak-ng', ['--voices']);
  if (code !== 0) throw new AlignInputError('espeak-ng could not list its voices.');
  const voices = new Map<string, string>();
  for (const line of stdout.toString('utf8').split('\n').slice(1)) {
    // Pty Language Age/Gender VoiceName File Other Languages
    const columns = line.trim().split(/\s+/);
    const [, language, , , file] = columns;
    if (!language || !file || file.startsWith('mb/')) continue; // MBROLA voices need extra data
    if (!voices.has(language.toLowerCase())) voices.set(language.toLowerCase(), language);
  }
  return voices;
}

/** Voices chosen for the two languages the episodes are in (American English reads LiNK's text). */
const PREFERRED: Record<string, string> = { en: 'en-us', ko: 'ko' };

/**
 * The espeak-ng voice for a BCP 47 tag: the exact tag, then the preferred voice of its primary
 * language, then the primary language itself. An AlignInputError when espeak-ng has none.
 */
export async function voiceFor(lang: string): Promise<string> {
  const voices = await installedVoices();
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0]!;
  for (const candidate of [tag, PREFERRED[primary], primary]) {
    if (candidate && voices.has(candidate)) return voices.get(candidate)!;
  }
  throw new AlignInputError(
    `espeak-ng has no voice for "${lang}", so the text cannot be synthesized to align against. Voices it has: ${[...voices.keys()].sort().join(', ')}.`,
  );
}

/** WAV bytes (as espeak-ng streams them, with unknown sizes) → samples and rate. */
export function readWav(bytes: Buffer): { samples: Float32Array; sampleRate: number } {
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') {
    throw new Error('espeak-ng did not write a WAV file');
  }
  let offset = 12;
  let sampleRate = 0;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') sampleRate = bytes.readUInt32LE(offset + 12);
    if (id === 'data') {
      const data = bytes.subarray(offset + 8, Math.min(bytes.length, offset + 8 + size));
      return { samples: pcm16ToFloat(data), sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error('espeak-ng wrote a WAV file without sound data');
}

/** The break between fragments in a batch, and the silence that is surely one (never a pause). */
const BATCH_BREAK_MS = 2000;
const BATCH_BREAK_FOUND_SECONDS = 1.5;
/** Fragments per espeak-ng call at most (so progress moves on long transcripts). */
const BATCH_FRAGMENTS = 40;

/** Text for espeak-ng's SSML mode (-m): its markup characters escaped. */
function ssmlText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cut samples at runs of digital silence at least `minSamples` long: the pieces between them, or
 * null unless there are exactly `count` pieces.
 */
export function splitAtBreaks(
  samples: Float32Array,
  minSamples: number,
  count: number,
): Float32Array[] | null {
  const pieces: Float32Array[] = [];
  let pieceStart = 0;
  let run = 0;
  for (let n = 0; n <= samples.length; n++) {
    if (n < samples.length && samples[n] === 0) {
      run++;
      continue;
    }
    if (run >= minSamples && n - run > pieceStart) {
      pieces.push(samples.subarray(pieceStart, n - run));
      pieceStart = n;
    } else if (run >= minSamples) pieceStart = n;
    run = 0;
  }
  if (pieceStart < samples.length) pieces.push(samples.subarray(pieceStart));
  return pieces.length === count ? pieces : null;
}

/** Speak a batch of fragments in one call; null when its breaks cannot all be found. */
export async function synthesizeBatch(
  fragments: readonly SynthesisFragment[],
  words: readonly string[],
  voice: string,
): Promise<LocatedWords[] | null> {
  const ssml = `<speak>${fragments.map((fragment) => ssmlText(fragment.text)).join(` <break time="${BATCH_BREAK_MS}ms"/> `)}</speak>`;
  const wav = await speak(voice, ssml, true);
  const pieces = splitAtBreaks(
    wav.samples,
    Math.round(BATCH_BREAK_FOUND_SECONDS * wav.sampleRate),
    fragments.length,
  );
  if (!pieces) return null;
  return pieces.map((piece, k) => locate(piece, wav.sampleRate, fragments[k]!, words));
}

/** espeak-ng's speech of `text` (SSML with `ssml`), with the word gap. */
async function speak(
  voice: string,
  text: string,
  ssml: boolean,
): Promise<{ samples: Float32Array; sampleRate: number }> {
  const { stdout, stderr, code } = await execFileBuffer('espeak-ng', [
    ...(ssml ? ['-m'] : []),
    '-v',
    voice,
    '-g',
    String(WORD_GAP_UNITS),
    '--stdout',
    '--',
    text,
  ]);
  if (code !== 0) throw new Error(`espeak-ng failed: ${stderr.trim()}`);
  return readWav(stdout);
}

/** A fragment's words in its speech. */
function locate(
  samples: Float32Array,
  sampleRate: number,
  fragment: SynthesisFragment,
  words: readonly string[],
): LocatedWords {
  return locateWords(
    samples,
    fragment.words.map((index) => words[index]!),
    { sampleRate, targetRate: ALIGN_SAMPLE_RATE, wordGap: WORD_GAP_SECONDS },
  );
}

/** Speak one fragment and find its words. */
async function synthesizeFragment(
  fragment: SynthesisFragment,
  words: readonly string[],
  voice: string,
): Promise<LocatedWords> {
  const wav = await speak(voice, fragment.text, false);
  return locate(wav.samples, wav.sampleRate, fragment, words);
}

/**
 * Speak every fragment, in batches (see the top of this file), as many at once as there are
 * cores, reporting progress (0–1) as each batch finishes. Results are in the fragments' order.
 */
export async function synthesizeAll(
  fragments: readonly SynthesisFragment[],
  words: readonly string[],
  voice: string,
  onProgress: (done: number) => void = () => {},
): Promise<LocatedWords[]> {
  const results = new Array<LocatedWords>(fragments.length);
  const parallel = Math.max(1, Math.min(os.availableParallelism(), 4));
  // Even batches, at least one per worker, none over BATCH_FRAGMENTS.
  const batchCount = Math.max(
    Math.min(parallel, fragments.length),
    Math.ceil(fragments.length / BATCH_FRAGMENTS),
  );
  const batches: number[][] = Array.from({ length: batchCount }, () => []);
  fragments.forEach((_, index) =>
    batches[Math.floor((index * batchCount) / fragments.length)]!.push(index),
  );
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const spoken = await synthesizeBatch(
        batch.map((index) => fragments[index]!),
        words,
        voice,
      );
      for (let k = 0; k < batch.length; k++) {
        const index = batch[k]!;
        results[index] = spoken
          ? spoken[k]!
          : await synthesizeFragment(fragments[index]!, words, voice);
      }
      done += batch.length;
      onProgress(done / fragments.length);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return results;
}
