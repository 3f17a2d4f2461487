/**
 * Mono audio as Float32Array samples (full scale ±1) for the test recordings, and the few sox
 * effects they use. Every sox call runs with `-R` (repeatable: fixed seeds for noise, dither and
 * pluck), so a recording is the same file on every run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../media/tools.ts';

/** The sample rate every recording is assembled and written at (festival's kal voice speaks at it). */
export const RATE = 16_000;

/** Mono samples at a known rate. */
export interface Audio {
  readonly rate: number;
  readonly samples: Float32Array;
}

/** Parse a 16-bit PCM WAV (RIFF) file; a data chunk whose size is unknown (streamed) runs to the end. */
export function parseWav(bytes: Uint8Array): Audio {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (tag(0) !== 'RIFF' || tag(8) !== 'WAVE') throw new Error('Not a RIFF/WAVE file.');
  let at = 12;
  let rate = 0;
  let channels = 0;
  while (at + 8 <= bytes.length) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      const format = view.getUint16(body, true);
      channels = view.getUint16(body + 2, true);
      rate = view.getUint32(body + 4, true);
      const bits = view.getUint16(body + 14, true);
      if (format !== 1 || bits !== 16)
        throw new Error(`Only 16-bit PCM WAV is read here (format ${format}, ${bits} bits).`);
    } else if (id === 'data') {
      if (!rate) throw new Error('WAV data before its format chunk.');
      // Streamed WAVs (espeak-ng --stdout) carry a placeholder size: read to the end.
      const end = Math.min(bytes.length, body + size);
      const frames = Math.floor((end - body) / (2 * channels));
      const samples = new Float32Array(frames);
      for (let i = 0; i < frames; i++) {
        samples[i] = view.getInt16(body + i * 2 * channels, true) / 32768;
      }
      return { rate, samples };
    }
    at = body + size + (size % 2);
  }
  throw new Error('WAV without a data chunk.');
}

/** A 16-bit PCM mono WAV file of `audio` (samples clipped to ±1). */
export function encodeWav(audio: Audio): Uint8Array {
  const { rate, samples } = audio;
  const bytes = new Uint8Array(44 + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const writeTag = (at: number, text: string) => {
    for (let i = 0; i < 4; i++) bytes[at + i] = text.charCodeAt(i);
  };
  writeTag(0, 'RIFF');
  view.setUint32(4, 36 + samples.length * 2, true);
  writeTag(8, 'WAVE');
  writeTag(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  writeTag(36, 'data');
  view.setUint32(40, samples.length * 2, true);
  for (let i = 0; i < samples.length; i++) {
    const value = Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(44 + i * 2, Math.round(value * 32767), true);
  }
  return bytes;
}

export async function readWav(file: string): Promise<Audio> {
  return parseWav(await readFile(file));
}

export async function writeWav(file: string, audio: Audio): Promise<void> {
  await writeFile(file, encodeWav(audio));
}

/**
 * Run sox over `input` (or no input: `null` for `-n`) with `effects`, and read the result back.
 * `inputOptions` go before the input (e.g. `-c 3` for a multi-voice synth).
 */
export async function sox(
  input: Audio | null,
  effects: readonly string[],
  options: { readonly inputOptions?: readonly string[]; readonly outputRate?: number } = {},
): Promise<Audio> {
  const dir = await mkdtemp(path.join(tmpdir(), 'red-box-sox-'));
  try {
    const inFile = path.join(dir, 'in.wav');
    const outFile = path.join(dir, 'out.wav');
    if (input) await writeWav(inFile, input);
    const rate = options.outputRate ?? input?.rate ?? RATE;
    await run('sox', [
      '-R',
      '--no-dither',
      ...(options.inputOptions ?? []),
      input ? inFile : '-n',
      '-b',
      '16',
      '-e',
      'signed-integer',
      outFile,
      ...effects,
      // Resample (or not) last, so every effect above runs at the input's rate.
      'rate',
      String(rate),
      'channels',
      '1',
    ]);
    return await readWav(outFile);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `samples` resampled to `rate` (sox's high-quality resampler). */
export async function resample(audio: Audio, rate: number): Promise<Audio> {
  return audio.rate === rate ? audio : sox(audio, [], { outputRate: rate });
}

/** Mean power (mean square) of `samples` over [from, to) sample indices. */
export function meanPower(samples: Float32Array, from = 0, to = samples.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += samples[i]! * samples[i]!;
  return to > from ? sum / (to - from) : 0;
}

/** Add `source × gain` into `target` starting at sample `offset` (parts outside are dropped). */
export function mixInto(
  target: Float32Array,
  source: Float32Array,
  offset: number,
  gain = 1,
): void {
  const from = Math.max(0, -offset);
  const to = Math.min(source.length, target.length - offset);
  for (let i = from; i < to; i++) target[offset + i]! += source[i]! * gain;
}

/**
 * Frame energies (mean absolute value over `windowMs`, every `hopMs`): a coarse loudness curve for
 * comparing two versions of one signal.
 */
export function envelope(audio: Audio, hopMs = 1, windowMs = 20): Float32Array {
  const hop = Math.round((audio.rate * hopMs) / 1000);
  const window = Math.round((audio.rate * windowMs) / 1000);
  const frames = Math.max(0, Math.floor((audio.samples.length - window) / hop) + 1);
  const result = new Float32Array(frames);
  for (let f = 0; f < frames; f++) {
    let sum = 0;
    for (let i = f * hop; i < f * hop + window; i++) sum += Math.abs(audio.samples[i]!);
    result[f] = sum / window;
  }
  return result;
}

/**
 * How many milliseconds `changed` lags behind `reference` (negative: it runs early), from the
 * peak of the cross-correlation of their envelopes within ±`maxMs`, at 1 ms resolution.
 */
export function envelopeLagMs(reference: Audio, changed: Audio, maxMs = 40): number {
  const a = envelope(reference);
  const b = envelope(changed);
  let best = 0;
  let bestScore = -Infinity;
  for (let lag = -maxMs; lag <= maxMs; lag++) {
    let score = 0;
    for (let i = Math.max(0, -lag); i < a.length && i + lag < b.length; i++) {
      score += a[i]! * b[i + lag]!;
    }
    if (score > bestScore) {
      bestScore = score;
      best = lag;
    }
  }
  return best;
}

/** `audio` moved later by `ms` (earlier when negative), keeping its length. */
export function shiftAudio(audio: Audio, ms: number): Audio {
  const by = Math.round((audio.rate * ms) / 1000);
  const samples = new Float32Array(audio.samples.length);
  mixInto(samples, audio.samples, by);
  return { rate: audio.rate, samples };
}

/**
 * `audio` shifted in pitch by `cents` with sox, at the same timing as the original: sox's `pitch`
 * (WSOLA time stretch, then resampling) runs 7–14 ms early or late depending on the shift, so the
 * result is moved back by the lag measured against the original.
 */
export async function pitchShift(audio: Audio, cents: number): Promise<Audio> {
  if (cents === 0) return audio;
  const shifted = await sox(audio, ['pitch', String(cents)]);
  return shiftAudio(shifted, -envelopeLagMs(audio, shifted));
}
