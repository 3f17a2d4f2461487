/**
 * Speech from espeak-ng one word at a time, for languages festival cannot speak (Korean).
 *
 * How the truth is known: each word (a space-separated unit, for Korean an eojeol) is a separate
 * espeak-ng clip; its leading and trailing silence (espeak-ng's silence is digital zero) is cut at
 * about -40 dBFS, and the clips are laid end to end, almost touching inside a phrase. A word's start and end are
 * where its cut clip was placed, exact to the sample. Each word gets a slightly different pace
 * and pitch (seeded), and pauses follow the punctuation, so the speech is not one flat rhythm.
 * The price: every word has its own citation prosody, smoother between words than real speech.
 */
import { execFile } from 'node:child_process';
import { findSpeech, voiceArguments, type Voice } from '../media/speech.ts';
import { parseWav, type Audio } from './audio.ts';
import type { TextToken } from './published-text.ts';

/** An espeak-ng voice: `ko+f2` (language and variant), words per minute, pitch 0–99. */
export type EspeakVoice = Voice;

/** A spoken paragraph: the audio and, per token, its start and end in seconds. */
export interface WordSpeech {
  readonly audio: Audio;
  readonly times: readonly { readonly startTime: number; readonly endTime: number }[];
}

function espeakWav(word: string, voice: EspeakVoice): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    execFile(
      'espeak-ng',
      [...voiceArguments(voice), '--stdout', '--', word],
      { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        if (error) {
          reject(
            new Error(
              `espeak-ng could not say "${word}" with ${voice.name} (${error.message}). Install it with: apt-get install -y --no-install-recommends espeak-ng`,
            ),
          );
        } else resolve(new Uint8Array(stdout));
      },
    );
  });
}

/** The word's sound without espeak-ng's silence before and after it. */
async function speakWord(token: TextToken, voice: EspeakVoice): Promise<Audio> {
  const audio = parseWav(await espeakWav(token.text, voice));
  const pcm = Int16Array.from(audio.samples, (sample) => Math.round(sample * 32767));
  try {
    const { start, end } = findSpeech(pcm);
    return { rate: audio.rate, samples: audio.samples.slice(start, end) };
  } catch {
    throw new Error(
      `${token.line}:${token.col}  espeak-ng (${voice.name}) said nothing for "${token.text}".`,
    );
  }
}

/**
 * Seconds of pause after a word, by the punctuation it ends with. Inside a phrase almost none
 * (5–35 ms): connected speech has no pauses between words, and longer gaps would mark every word
 * boundary with a silence that real recordings do not have.
 */
function pauseAfter(word: string, random: () => number): number {
  const between = (low: number, high: number) => low + (high - low) * random();
  if (/[.?!…]["'”’)]*$/.test(word)) return between(0.28, 0.5);
  if (/[,;:—]["'”’)]*$/.test(word)) return between(0.12, 0.25);
  return between(0.005, 0.035);
}

/** Run `task` over `items` with at most `limit` at a time, keeping the order of results. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * Speak `tokens` word by word with `voice`, each word's pace within ±8 % and pitch within ±5 of
 * the voice's (drawn from `random`), laid end to end with pauses by punctuation.
 */
export async function speakWordByWord(
  tokens: readonly TextToken[],
  voice: EspeakVoice,
  random: () => number,
): Promise<WordSpeech> {
  // Draw every random number first, in token order, so the result does not depend on the order
  // in which the parallel espeak-ng runs finish.
  const plans = tokens.map((token) => ({
    token,
    voice: {
      name: voice.name,
      wpm: Math.round(voice.wpm * (0.92 + 0.16 * random())),
      pitch: Math.max(0, Math.min(99, Math.round(voice.pitch - 5 + 10 * random()))),
    },
    pause: pauseAfter(token.text, random),
  }));
  const clips = await mapLimited(plans, 4, (plan) => speakWord(plan.token, plan.voice));
  const rate = clips[0]!.rate;
  const times: { startTime: number; endTime: number }[] = [];
  const starts: number[] = [];
  let at = 0;
  for (const [index, clip] of clips.entries()) {
    starts.push(at);
    times.push({ startTime: at / rate, endTime: (at + clip.samples.length) / rate });
    at += clip.samples.length;
    if (index < clips.length - 1) at += Math.round(plans[index]!.pause * rate);
  }
  const samples = new Float32Array(at);
  clips.forEach((clip, index) => samples.set(clip.samples, starts[index]!));
  return { audio: { rate, samples }, times };
}
