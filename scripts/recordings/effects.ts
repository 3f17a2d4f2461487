/**
 * What makes a clean synthesized track harder to align: pink noise at a chosen signal-to-noise
 * ratio, a music bed under the head and tail, and room reverb. All deterministic (sox -R).
 */
import { meanPower, mixInto, sox, type Audio } from './audio.ts';

/** Start and end of each spoken word, in seconds: where the speech level is measured. */
export type SpeechSpans = readonly { readonly startTime: number; readonly endTime: number }[];

/** Mean power of `audio` over the spoken words only (pauses would flatter the ratio). */
export function activeSpeechPower(audio: Audio, spans: SpeechSpans): number {
  let sum = 0;
  let count = 0;
  for (const span of spans) {
    const from = Math.max(0, Math.floor(span.startTime * audio.rate));
    const to = Math.min(audio.samples.length, Math.ceil(span.endTime * audio.rate));
    sum += meanPower(audio.samples, from, to) * (to - from);
    count += to - from;
  }
  return count ? sum / count : 0;
}

/**
 * Pink noise over the whole track, scaled so that active speech power over noise power is
 * `snrDb` decibels (the speech level is measured over the spoken words, before any music).
 */
export async function addPinkNoise(
  speech: Audio,
  mixed: Audio,
  spans: SpeechSpans,
  snrDb: number,
): Promise<Audio> {
  const seconds = (mixed.samples.length / mixed.rate).toFixed(4);
  const noise = await sox(null, ['synth', seconds, 'pinknoise'], { outputRate: mixed.rate });
  const gain = Math.sqrt(
    activeSpeechPower(speech, spans) / 10 ** (snrDb / 10) / meanPower(noise.samples),
  );
  const samples = mixed.samples.slice();
  mixInto(samples, noise.samples.subarray(0, samples.length), 0, gain);
  return { rate: mixed.rate, samples };
}

/** Room reverb (sox `reverb`, dry signal kept, no pre-delay): `reverberance` 0–100. */
export function addReverb(speech: Audio, reverberance: number): Promise<Audio> {
  return sox(speech, ['reverb', String(reverberance), '50', '100']);
}

/** Chords of the music loop (I–vi–IV–V in C), each three plucked notes over a sine bass. */
const CHORDS: readonly (readonly string[])[] = [
  ['C4', 'E4', 'G4', 'C2'],
  ['A3', 'C4', 'E4', 'A1'],
  ['F3', 'A3', 'C4', 'F1'],
  ['G3', 'B3', 'D4', 'G1'],
];

/** Seconds per beat (100 beats a minute); each chord is plucked on four beats. */
const BEAT = 0.6;

/** One beat of a chord: three plucked strings and a bass, mixed to mono (44.1 kHz for pluck). */
function chordBeat(notes: readonly string[], rate: number): Promise<Audio> {
  const [a, b, c, bass] = notes;
  return sox(
    null,
    [
      'synth',
      String(BEAT),
      'pluck',
      a!,
      'pluck',
      b!,
      'pluck',
      c!,
      'sine',
      bass!,
      'remix',
      '-',
      'fade',
      '0',
      String(BEAT),
      '0.05',
    ],
    { inputOptions: ['-r', '44100', '-c', '4'], outputRate: rate },
  );
}

/** A music-like loop of `seconds` (chord beats repeated), at the given rate. */
export async function musicLoop(seconds: number, rate: number): Promise<Audio> {
  const beats = await Promise.all(CHORDS.map((notes) => chordBeat(notes, rate)));
  const beatLength = beats[0]!.samples.length;
  const samples = new Float32Array(Math.ceil(seconds * rate));
  for (let at = 0, beat = 0; at < samples.length; at += beatLength, beat++) {
    // Four beats per chord, then the next chord.
    mixInto(samples, beats[Math.floor(beat / 4) % beats.length]!.samples, at);
  }
  return { rate, samples };
}

export interface MusicBed {
  /** Music alone before the first word, seconds. */
  readonly introSeconds: number;
  /** How long the music goes on under the first and last words, seconds. */
  readonly underSeconds: number;
  /** Music alone after the last word, seconds. */
  readonly outroSeconds: number;
  /** Music level under speech relative to active speech, dB (alone it plays 8 dB louder). */
  readonly underDb: number;
}

/** The music's gain at time t: full alone, ducked under speech, faded in and out (linear ramps). */
export function musicGain(
  t: number,
  firstWord: number,
  lastWord: number,
  total: number,
  bed: MusicBed,
): number {
  const full = 10 ** (8 / 20);
  const ramp = (from: number, to: number, x: number) =>
    Math.min(1, Math.max(0, (x - from) / (to - from)));
  if (t < (firstWord + lastWord) / 2) {
    // Head: full until just before the first word, ducked under it, gone after underSeconds.
    const duck = 1 + (full - 1) * (1 - ramp(firstWord - 0.6, firstWord - 0.1, t));
    return duck * (1 - ramp(firstWord + bed.underSeconds - 1, firstWord + bed.underSeconds, t));
  }
  // Tail: fades in under the last words, full once they end, out over the last second.
  const duck = 1 + (full - 1) * ramp(lastWord + 0.1, lastWord + 0.6, t);
  return (
    duck *
    ramp(lastWord - bed.underSeconds, lastWord - bed.underSeconds + 1, t) *
    (1 - ramp(total - 1, total, t))
  );
}

/** `mixed` with a music bed under its head and tail, scaled against the speech level. */
export async function addMusicBed(
  speech: Audio,
  mixed: Audio,
  spans: SpeechSpans,
  bed: MusicBed,
): Promise<Audio> {
  const { rate } = mixed;
  const music = await musicLoop(mixed.samples.length / rate, rate);
  const level = Math.sqrt(
    (activeSpeechPower(speech, spans) * 10 ** (bed.underDb / 10)) / meanPower(music.samples),
  );
  const firstWord = spans[0]!.startTime;
  const lastWord = spans.at(-1)!.endTime;
  const total = mixed.samples.length / rate;
  const samples = mixed.samples.slice();
  for (let i = 0; i < samples.length; i++) {
    const gain = musicGain(i / rate, firstWord, lastWord, total, bed);
    if (gain > 0) samples[i]! += music.samples[i]! * gain * level;
  }
  return { rate, samples };
}
