/** Synthetic music and speech-like sound for the aligner's tests (16 kHz mono). */
const RATE = 16_000;

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** Note frequencies, Hz. */
const NOTE_HZ = {
  C2: 65.4,
  A1: 55,
  F1: 43.7,
  G1: 49,
  C4: 261.6,
  E4: 329.6,
  G4: 392,
  A3: 220,
  F3: 174.6,
  G3: 196,
  B3: 246.9,
  D4: 293.7,
};
const CHORDS: (keyof typeof NOTE_HZ)[][] = [
  ['C4', 'E4', 'G4', 'C2'],
  ['A3', 'C4', 'E4', 'A1'],
  ['F3', 'A3', 'C4', 'F1'],
  ['G3', 'B3', 'D4', 'G1'],
];

/**
 * Music for `seconds`: plucked chords (decaying harmonic tones, a few partials each) on a 0.5 s
 * beat, four beats a chord, each beat's loudness and the partials' balance a little different,
 * so no two beats are the same samples.
 */
export function music(seconds: number, seed = 5): Float32Array {
  const next = random(seed);
  const out = new Float32Array(Math.round(seconds * RATE));
  const beat = 0.5;
  for (let b = 0; b * beat < seconds; b++) {
    const chord = CHORDS[Math.floor(b / 4) % CHORDS.length]!;
    const loud = 0.7 + 0.3 * next();
    for (const note of chord) {
      const hz = NOTE_HZ[note];
      const partials = [1, 0.5 + 0.2 * next(), 0.25 + 0.2 * next(), 0.12];
      const from = Math.round(b * beat * RATE);
      const to = Math.min(out.length, from + Math.round(beat * RATE));
      for (let n = from; n < to; n++) {
        const t = (n - from) / RATE;
        const envelope = loud * Math.exp(-t * 5) * Math.min(1, t * 400);
        let sample = 0;
        partials.forEach((gain, k) => (sample += gain * Math.sin(2 * Math.PI * hz * (k + 1) * t)));
        out[n]! += 0.05 * envelope * sample;
      }
    }
  }
  return out;
}

/** Vowel formants (Hz) a speech-like voice moves between. */
const VOWELS: [number, number, number][] = [
  [730, 1090, 2440],
  [270, 2290, 3010],
  [300, 870, 2240],
  [530, 1840, 2480],
  [640, 1190, 2390],
];

/**
 * Speech-like sound for `seconds`: a glottal pulse train whose pitch glides (95–140 Hz) through
 * three formant resonators gliding to another vowel every 80 ms, in syllables of about 4 Hz.
 */
export function speechLike(seconds: number, seed = 9): Float32Array {
  const next = random(seed);
  const out = new Float32Array(Math.round(seconds * RATE));
  let phase = 0;
  const states = VOWELS[0]!.map(() => [0, 0]);
  for (let n = 0; n < out.length; n++) {
    const t = n / RATE;
    const pitch = 118 + 22 * Math.sin(2 * Math.PI * 0.7 * t) + 4 * Math.sin(2 * Math.PI * 5 * t);
    phase += pitch / RATE;
    let x = 0;
    if (phase >= 1) {
      phase -= 1;
      x = 1;
    }
    x += (next() - 0.5) * 0.02;
    // Formants glide from one vowel's to the next's over each 80 ms, as in running speech.
    const segment = t / 0.08;
    const order = (k: number) => VOWELS[(k * 3) % VOWELS.length]!;
    const from = order(Math.floor(segment));
    const to = order(Math.floor(segment) + 1);
    const blend = segment - Math.floor(segment);
    let y = x;
    from.forEach((start, k) => {
      const hz = start + (to[k]! - start) * blend;
      const r = Math.exp((-Math.PI * (60 + 40 * k)) / RATE);
      const theta = (2 * Math.PI * hz) / RATE;
      const state = states[k]!;
      const value = y + 2 * r * Math.cos(theta) * state[0]! - r * r * state[1]!;
      state[1] = state[0]!;
      state[0] = value;
      y = value * (1 - r);
    });
    const syllable = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t - Math.PI / 2);
    out[n] = y * syllable * 4;
  }
  return out;
}

function rms(samples: Float32Array): number {
  let sum = 0;
  for (const sample of samples) sum += sample * sample;
  return Math.sqrt(sum / samples.length);
}

/** Music alone until `start`, then speech over the music ducked by 8 dB. */
export function musicThenSpeech(start: number, total: number): Float32Array {
  const bed = music(total);
  const voice = speechLike(total - start);
  const gain = (0.3 * rms(bed)) / rms(voice) / 10 ** (-8 / 20);
  const out = bed.slice();
  const at = Math.round(start * RATE);
  for (let n = at; n < out.length; n++) out[n] = bed[n]! * 10 ** (-8 / 20) + voice[n - at]! * gain;
  return out;
}
