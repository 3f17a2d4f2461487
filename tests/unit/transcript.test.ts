import { describe, expect, it } from 'vitest';
import { groupIntoTurns, speakerSpans, turnStarts } from '../../src/core/transcript.ts';

const cue = (speakerId: string | null, startTime: number, endTime: number) => ({
  speakerId,
  startTime,
  endTime,
});

describe(groupIntoTurns.name, () => {
  it('cuts a turn wherever the speaker changes, keeping file order', () => {
    const cues = [cue('joy', 0, 1), cue('joy', 1, 2), cue('dasom', 2, 3), cue(null, 3, 4)];
    expect(groupIntoTurns(cues)).toEqual([
      { speakerId: 'joy', start: 0, end: 2 },
      { speakerId: 'dasom', start: 2, end: 3 },
      { speakerId: null, start: 3, end: 4 },
    ]);
    expect(turnStarts(cues)).toEqual([true, false, true, true]);
  });

  it('has no turns for no cues', () => {
    expect(groupIntoTurns([])).toEqual([]);
  });
});

describe(speakerSpans.name, () => {
  it('joins a speaker’s cues across pauses shorter than the join gap, not longer ones', () => {
    const cues = [cue('joy', 0, 2), cue('joy', 2.5, 4), cue('joy', 10, 11)];
    expect(speakerSpans(cues, 1)).toEqual([
      { speakerId: 'joy', startTime: 0, endTime: 4 },
      { speakerId: 'joy', startTime: 10, endTime: 11 },
    ]);
  });

  it('keeps each speaker in their own spans while another speaks in between', () => {
    const cues = [cue('joy', 0, 2), cue('dasom', 2, 3), cue('joy', 3.2, 5)];
    expect(speakerSpans(cues, 1.5)).toEqual([
      { speakerId: 'joy', startTime: 0, endTime: 5 },
      { speakerId: 'dasom', startTime: 2, endTime: 3 },
    ]);
  });

  it('gives the same spans for cues out of order, and skips unnamed and empty cues', () => {
    const inOrder = [cue('joy', 0, 2), cue(null, 2, 3), cue('dasom', 3, 4), cue('joy', 9, 9)];
    const shuffled = [inOrder[2]!, inOrder[0]!, inOrder[3]!, inOrder[1]!];
    const expected = [
      { speakerId: 'joy', startTime: 0, endTime: 2 },
      { speakerId: 'dasom', startTime: 3, endTime: 4 },
    ];
    expect(speakerSpans(inOrder)).toEqual(expected);
    expect(speakerSpans(shuffled)).toEqual(expected);
  });
});
