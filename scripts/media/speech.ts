/**
 * Speaking cue text with espeak-ng and finding where the words really are.
 *
 * Clips are converted to 48 kHz mono 16-bit PCM, the rate the final audio is assembled at, so a
 * position in samples maps exactly to milliseconds (48 samples per ms).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ffmpeg, run } from './tools.ts';

export const SAMPLE_RATE = 48_000;
export const SAMPLES_PER_MS = SAMPLE_RATE / 1000;

/** An espeak-ng voice: voice+variant, words per minute and pitch (0–99). */
export interface Voice {
  readonly name: string;
  readonly wpm: number;
  readonly pitch: number;
}

/**
 * The cast's voices. Distinct variants (and pitches) so a listener can tell speakers apart;
 * 150 wpm keeps English cues under 20 characters per second without stretching.
 */
const KNOWN_VOICES: Record<string, Voice> = {
  jeongyol: { name: 'en-us+m3', wpm: 150, pitch: 45 },
  joy: { name: 'en-us+f2', wpm: 150, pitch: 55 },
  dasom: { name: 'en-gb+f3', wpm: 150, pitch: 50 },
  ilhyeok: { name: 'en-gb+m1', wpm: 150, pitch: 40 },
};

/** Voices handed out, in order, to speakers the table does not know (other episodes). */
const SPARE_VOICES: readonly Voice[] = [
  { name: 'en-us+m1', wpm: 150, pitch: 50 },
  { name: 'en-gb+f2', wpm: 150, pitch: 50 },
  { name: 'en-us+m5', wpm: 150, pitch: 45 },
  { name: 'en-gb+f4', wpm: 150, pitch: 55 },
];

/** espeak-ng's options for a voice: variant, words per minute, pitch. */
export function voiceArguments(voice: Voice): string[] {
  return ['-v', voice.name, '-s', String(voice.wpm), '-p', String(voice.pitch)];
}

/** A group speaker ("All") speaks with several voices at once. */
export function isGroupSpeaker(speaker: { id: string; name: string }): boolean {
  return /^(all|everyone|group)$/i.test(speaker.id) || /^(all|everyone)$/i.test(speaker.name);
}

/**
 * The voices for every speaker id: one each, and for a group the first three individual voices
 * speaking together.
 */
export function assignVoices(
  speakers: readonly { id: string; name: string }[],
): Map<string, Voice[]> {
  const voices = new Map<string, Voice[]>();
  let spare = 0;
  const individuals: Voice[] = [];
  for (const speaker of speakers) {
    if (isGroupSpeaker(speaker)) continue;
    const voice = KNOWN_VOICES[speaker.id] ?? SPARE_VOICES[spare++ % SPARE_VOICES.length]!;
    voices.set(speaker.id, [voice]);
    individuals.push(voice);
  }
  for (const speaker of speakers) {
    if (isGroupSpeaker(speaker)) voices.set(speaker.id, individuals.slice(0, 3));
  }
  return voices;
}

/**
 * Words espeak-ng mispronounces badly, respelled for speech only (the transcript keeps the
 * original spelling).
 */
const PRONUNCIATIONS: readonly [RegExp, string][] = [
  [/\bjjajangmyun\b/gi, 'jah jahng myun'],
  [/\bChuseok\b/g, 'Choo sok'],
];

/**
 * What is spoken for a cue: its plain text on one line. Bracketed insertions ("[in North Korea]")
 * are the transcriber's, but they are part of the text a reader sees, so they are spoken too,
 * without the brackets.
 */
export function speechText(plain: string): string {
  let text = plain.replace(/\s*\n\s*/g, ' ').replace(/[[\]]/g, '');
  for (const [pattern, respelling] of PRONUNCIATIONS) text = text.replace(pattern, respelling);
  return text.trim();
}

/** Speak `text` with one or more voices (mixed together) and return 48 kHz mono PCM samples. */
export async function synthesize(
  text: string,
  voices: readonly Voice[],
  workDir: string,
  name: string,
): Promise<Int16Array> {
  const wavs: string[] = [];
  for (const [i, voice] of voices.entries()) {
    const wav = path.join(workDir, `${name}-${i}.wav`);
    // `--` ends the options, so a cue starting with "-" is still text.
    await run('espeak-ng', [...voiceArguments(voice), '-w', wav, '--', text]);
    wavs.push(wav);
  }
  const raw = path.join(workDir, `${name}.s16`);
  const inputs = wavs.flatMap((wav) => ['-i', wav]);
  // A group is several voices at once: amix them, without amix's 1/n level drop (normalize=0)
  // but scaled so three voices in unison do not clip.
  const mix =
    wavs.length > 1
      ? [
          '-filter_complex',
          `amix=inputs=${wavs.length}:duration=longest:normalize=0,volume=${(1.6 / wavs.length).toFixed(3)}`,
        ]
      : [];
  await ffmpeg([
    ...inputs,
    ...mix,
    '-ac',
    '1',
    '-ar',
    String(SAMPLE_RATE),
    '-f',
    's16le',
    '-c:a',
    'pcm_s16le',
    raw,
  ]);
  const bytes = await readFile(raw);
  return new Int16Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.byteLength / 2));
}

/**
 * Above this level (about -40 dBFS) a sample counts as speech. espeak-ng's silence is digital
 * zero, so anything quieter is resampling ripple.
 */
const SPEECH_THRESHOLD = 330;

/** Where the words are in a clip: first and last sample above the threshold (end exclusive). */
export function findSpeech(samples: Int16Array): { start: number; end: number } {
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]!) < SPEECH_THRESHOLD) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]!) < SPEECH_THRESHOLD) end--;
  if (end <= start) throw new Error('The clip is silent: espeak-ng produced no speech.');
  return { start, end };
}
