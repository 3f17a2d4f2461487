import { describe, expect, it } from 'vitest';
import { backgroundOnset } from '../../../src/core/align/background-onset.ts';

import { music, musicThenSpeech } from '../support/synthetic-sound.ts';

describe(backgroundOnset.name, () => {
  /** The window an aligner gives after laying the first word `early` seconds into the music. */
  const windowFor = (start: number, early: number) => ({
    background: [{ startTime: 0, endTime: start - early - 0.25 }],
    searchFrom: start - early - 0.2,
    searchTo: start - early + 1,
    speechFrom: start + 0.5,
    speechTo: start + 3.5,
  });

  it('finds where speech starts inside music, though energy alone hears no change there', () => {
    // Four chords of four 0.5 s beats: by 8.6 s the background has played every chord.
    const start = 8.6;
    const found = backgroundOnset(musicThenSpeech(start, 13), windowFor(start, 0.4));
    expect(found).not.toBeNull();
    expect(found!.speechNovelty - found!.backgroundNovelty).toBeGreaterThan(0.3);
    expect(found!.speechFlux - found!.backgroundFlux).toBeGreaterThan(0.2);
    expect(found!.onset).not.toBeNull();
    // The voice rises from its quietest point of a syllable: a few frames pass before it is heard.
    expect(Math.abs(found!.onset! - start)).toBeLessThan(0.04);
  });

  it('does not take a chord the background never played for the voice that follows it', () => {
    // A new chord at 4.0 s, the voice at 4.23 s: the chord is novel but holds still.
    const start = 4.23;
    const found = backgroundOnset(musicThenSpeech(start, 9), windowFor(start, 0.4));
    expect(found!.onset).not.toBeNull();
    expect(found!.onset!).toBeGreaterThan(4.1);
    expect(Math.abs(found!.onset! - start)).toBeLessThan(0.06);
  });

  it('says nothing when what follows is more of the same music', () => {
    const samples = music(9);
    const found = backgroundOnset(samples, {
      background: [{ startTime: 0, endTime: 3.5 }],
      searchFrom: 3.6,
      searchTo: 4.8,
      speechFrom: 5,
      speechTo: 8,
    });
    expect(found?.onset ?? null).toBeNull();
  });

  it('says nothing with too little background to learn it from', () => {
    const samples = musicThenSpeech(0.6, 5);
    expect(
      backgroundOnset(samples, {
        background: [{ startTime: 0, endTime: 0.5 }],
        searchFrom: 0.4,
        searchTo: 1.5,
        speechFrom: 1.2,
        speechTo: 4,
      }),
    ).toBeNull();
  });

  it('does not move into the speech when the onset is already behind the search window', () => {
    const start = 3;
    const samples = musicThenSpeech(start, 8);
    const found = backgroundOnset(samples, {
      background: [{ startTime: 0, endTime: start - 0.25 }],
      searchFrom: start + 0.3,
      searchTo: start + 1.3,
      speechFrom: start + 0.5,
      speechTo: start + 3.5,
    });
    // Every frame in the window is speech: the first one is the answer, not a later syllable.
    expect(found?.onset).toBeDefined();
    expect(found!.onset!).toBeLessThan(start + 0.35);
  });
});
