import { describe, expect, it } from 'vitest';
import { parsePublishedTranscript } from '../../../src/core/align/published-transcript.ts';
import { alignedCuesToVtt } from '../../../src/core/align/aligned-cues.ts';
import {
  buildCaptionCues,
  captionStretches,
  planCaptionCues,
  speakerChangeNear,
  type Caption,
} from '../../../src/core/import/caption-cues.ts';
import { checkCueFile } from '../../../src/core/episode-load.ts';
import { profileFor } from '../../../src/core/reading-profile.ts';

const TRANSCRIPT = `Jeongyol: Are there any misunderstandings about the North Korean people that make you feel uncomfortable?

Joy: When I first came to South Korea, people asked me if we had [in North Korea] smartphones.

Dasom: Yes, and they thought we all looked the same. It's not true!
`;

const transcript = parsePublishedTranscript(TRANSCRIPT).transcript;
const profile = profileFor('en');
const speakers = [
  { id: 'jeongyol', name: 'Jeongyol' },
  { id: 'joy', name: 'Joy' },
  { id: 'dasom', name: 'Dasom' },
];

const caption = (startTime: number, endTime: number, text: string, line = 1): Caption => ({
  startTime,
  endTime,
  text,
  line,
});

/** The cues made without any aligner times. */
function cuesOf(captions: readonly Caption[]) {
  const plan = planCaptionCues(transcript, captions);
  return { plan, cues: buildCaptionCues(plan, [], profile) };
}

describe(planCaptionCues.name, () => {
  it('gives each caption without punctuation or case its speaker and the transcript text', () => {
    const { plan, cues } = cuesOf([
      caption(1, 3, 'are there any misunderstandings'),
      caption(3, 5.5, 'about the north korean people\nthat make you feel uncomfortable'),
      caption(6, 8, 'when i first came to south korea'),
      caption(8, 10, 'people asked me if we had smartphones'),
      caption(10.5, 13, 'yes and they thought we all looked the same'),
      caption(13, 14.2, 'its not true'),
    ]);
    expect(plan.matchedShare).toBe(1);
    expect(plan.unmatched).toEqual([]);
    expect(cues.map((cue) => [cue.speaker, cue.startTime, cue.endTime])).toEqual([
      ['Jeongyol', 1, 3],
      ['Jeongyol', 3, 5.5],
      ['Joy', 6, 8],
      ['Joy', 8, 10],
      ['Dasom', 10.5, 13],
      ['Dasom', 13, 14.2],
    ]);
    expect(cues[2]!.lines.join(' ')).toBe('When I first came to South Korea,');
    // The editor's insertion stays with the words around it.
    expect(cues[3]!.lines.join(' ')).toBe(
      'people asked me if we had [in North Korea] smartphones.',
    );
    expect(cues.map((cue) => cue.firstOfTurn)).toEqual([true, false, true, false, true, false]);
  });

  /** Three captions without punctuation; the first two each end inside the next speaker's turn. */
  const captionsAcrossThreeSpeakers = () => [
    caption(
      1,
      6,
      'are there any misunderstandings about the north korean people that make you feel uncomfortable',
    ),
    caption(
      6,
      10,
      'when i first came to south korea people asked me if we had smartphones yes and',
    ),
    caption(10, 14, 'they thought we all looked the same its not true'),
  ];

  it('splits a caption that spans a speaker change at the change, in proportion without times', () => {
    const { cues } = cuesOf(captionsAcrossThreeSpeakers());
    expect(cues.map((cue) => cue.speaker)).toEqual(['Jeongyol', 'Joy', 'Dasom', 'Dasom']);
    const [, joy, dasom] = cues;
    expect(joy!.startTime).toBe(6);
    // Two frames (at 25 fps) between the parts, as between any two cues.
    expect(joy!.endTime).toBeCloseTo(dasom!.startTime - 0.08, 6);
    expect(dasom!.endTime).toBe(10);
    // "Yes, and" is 9 characters of about 95: the change comes late in the caption.
    expect(dasom!.startTime).toBeGreaterThan(9.4);
    expect(dasom!.lines.join(' ')).toBe('Yes, and');
  });

  it('divides a split caption where the aligner says the next speaker starts', () => {
    const captions = [
      caption(
        1,
        6,
        'are there any misunderstandings about the north korean people that make you feel uncomfortable',
      ),
      caption(
        6,
        12,
        'when i first came to south korea people asked me if we had smartphones yes and they',
      ),
      caption(12, 14, 'thought we all looked the same its not true'),
    ];
    const plan = planCaptionCues(transcript, captions);
    const stretches = captionStretches(plan, false);
    expect(stretches[0]!.words).toEqual([]); // one speaker: nothing to align
    expect(stretches[1]!.words.slice(-3)).toEqual(['Yes,', 'and', 'they']);
    // Times as an aligner would give them: Dasom's "Yes," at 10.8 s.
    const times = stretches[1]!.words.map((_, k) => ({
      startTime: 6.1 + k * 0.3,
      endTime: 6.35 + k * 0.3,
    }));
    const yes = stretches[1]!.words.indexOf('Yes,');
    times[yes] = { startTime: 10.8, endTime: 11 };
    const cues = buildCaptionCues(plan, [[], times, []], profile);
    expect(cues[1]!.endTime).toBeCloseTo(10.72, 6);
    expect(cues[2]!.startTime).toBe(10.8);
    expect(cues[2]!.speaker).toBe('Dasom');
    // With the speech's regions: the change moves to the onset after the pause nearby.
    const speech = [
      { startTime: 6.1, endTime: 10.1 },
      { startTime: 10.5, endTime: 11.5 },
    ];
    const snapped = buildCaptionCues(plan, [[], times, []], profile, speech);
    expect(snapped[2]!.startTime).toBe(10.5);
  });

  it('tolerates different splits and small wording differences, and reports caption text it cannot place', () => {
    const { plan, cues } = cuesOf([
      caption(1, 2, 'are there any', 3),
      caption(2, 4.5, 'misunderstandings about the north korean peoples that make', 7),
      caption(4.5, 5.5, 'ya feel uncomfortable', 11),
      caption(5.6, 6, '[music]', 15),
      caption(6, 9, 'when I 1st came to south korea people asked me if we had smart phones', 19),
      caption(10, 14, 'yes and they thought we all looked the same its not true', 23),
    ]);
    expect(cues.map((cue) => cue.speaker)).toEqual([
      'Jeongyol',
      'Jeongyol',
      'Jeongyol',
      'Jeongyol',
      'Joy',
      'Dasom',
    ]);
    // "peoples" is "people"; "ya" is not "you" (too short to call similar): it is reported.
    expect(cues[2]!.lines.join(' ')).toBe('you feel uncomfortable?');
    expect(plan.unmatched.map((item) => [item.line, item.text])).toEqual([
      [11, 'ya'],
      [15, '[music]'],
      [19, '1st'],
      [19, 'smart phones'],
    ]);
    // "[music]" says nothing of the transcript: kept as it was.
    expect(cues[3]!.lines).toEqual(['[music]']);
    // "ya", "1st" and "smart phones" are too far from "you", "first" and "smartphones".
    expect(plan.missing.map((item) => [item.line, item.col, item.text])).toEqual([
      [1, 83, 'you'],
      [3, 13, 'first'],
      [3, 83, 'smartphones.'],
    ]);
  });

  it('makes a transcript that passes the checks, with the speakers of the episode', () => {
    const { cues } = cuesOf(captionsAcrossThreeSpeakers());
    const vtt = alignedCuesToVtt(cues);
    const errors = checkCueFile(vtt, {
      file: 'transcript.en.vtt',
      kind: 'transcript',
      speakers,
      lang: 'en',
    }).findings.filter((finding) => finding.severity === 'error');
    expect(errors).toEqual([]);
  });
});

describe(speakerChangeNear.name, () => {
  const speech = [
    { startTime: 1, endTime: 3 },
    { startTime: 3.05, endTime: 4 }, // a breath, not a pause
    { startTime: 4.6, endTime: 6 },
    { startTime: 6.3, endTime: 7 },
  ];
  it('moves a time to the onset after the longest pause within reach', () => {
    expect(speakerChangeNear(speech, 4.2)).toBe(4.6);
    expect(speakerChangeNear(speech, 6.0)).toBe(6.3);
  });
  it('keeps the time where no onset after a pause is near', () => {
    expect(speakerChangeNear(speech, 2.8)).toBe(2.8);
    expect(speakerChangeNear([], 5)).toBe(5);
  });
});
