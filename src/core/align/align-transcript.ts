/**
 * The aligner from end to end, without the tools: a published transcript and a recording's samples
 * in, a Contract 1 transcript, findings and the report's parts out. The caller (scripts/align)
 * only runs ffmpeg and the synthesizer between `planAlignment` and `completeAlignment`.
 */
import type { Seconds } from '../cue-model.ts';
import { profileFor } from '../reading-profile.ts';
import type { AlignFinding } from './align-finding.ts';
import {
  mismatchVerdict,
  paragraphFindings,
  type MismatchVerdict,
  type ParagraphAlignment,
} from './align-report.ts';
import { alignedCuesToVtt, buildAlignedCues, type AlignedCue } from './aligned-cues.ts';
import {
  ALIGN_SAMPLE_RATE,
  alignReference,
  assembleReference,
  type AlignedWord,
  type AlignmentResult,
  type AssembledReference,
} from './aligner.ts';
import {
  parsePublishedTranscript,
  transcriptWords,
  type PublishedTranscript,
  type TranscriptWord,
} from './published-transcript.ts';
import { planSynthesis, type LocatedWords, type SynthesisFragment } from './reference-speech.ts';

/** What the synthesizer must speak, and what the transcript said on the way. */
export interface AlignmentPlan {
  readonly transcript: PublishedTranscript;
  /** The spoken words in reading order, with their turn and paragraph (in the turn). */
  readonly spoken: ReadonlyArray<
    TranscriptWord & { readonly turn: number; readonly paragraph: number }
  >;
  readonly fragments: readonly SynthesisFragment[];
  /** Transcript findings; an error among them means nothing can be aligned. */
  readonly findings: readonly AlignFinding[];
}

/** Parse the transcript and plan the synthesis. */
export function planAlignment(text: string, file: string): AlignmentPlan {
  const { transcript, findings } = parsePublishedTranscript(text, { file });
  const spoken = transcriptWords(transcript).filter((word) => word.spoken);
  return { transcript, spoken, fragments: planSynthesis(spoken), findings };
}

/** The most words a second any speaker says: more text than this cannot be in the recording. */
const MAX_WORDS_PER_SECOND = 6;
/** Seconds of slack for very short recordings. */
const LENGTH_SLACK: Seconds = 10;

/**
 * An error finding when the text is far longer than a recording of `duration` seconds can hold
 * (checked before anything is synthesized), else null.
 */
export function textTooLong(
  plan: AlignmentPlan,
  duration: Seconds,
  file: string,
): AlignFinding | null {
  const words = plan.spoken.length;
  if (words <= MAX_WORDS_PER_SECOND * (duration + LENGTH_SLACK)) return null;
  const needed = words / 3; // about 180 words a minute
  return {
    rule: 'align-text-too-long',
    severity: 'error',
    file,
    line: plan.spoken[0]?.line ?? 1,
    col: plan.spoken[0]?.col ?? 1,
    message: `The transcript has ${words} spoken words, far more than ${duration.toFixed(1)} s of recording can hold (about ${Math.round(needed)} s needed at a normal pace): check that the transcript belongs to this media, or cut it to the part that is spoken.`,
  };
}

export interface CompletedAlignment {
  readonly result: AlignmentResult;
  readonly mismatch: MismatchVerdict;
  readonly cues: readonly AlignedCue[];
  /** The Contract 1 transcript. */
  readonly vtt: string;
  readonly findings: readonly AlignFinding[];
  /** Indices of paragraphs (in reading order) no speech was found for. */
  readonly unplaced: ReadonlySet<number>;
}

/**
 * Align a recording (16 kHz mono samples) with the plan's synthesized fragments (`located[k]` for
 * `fragments[k]`, at 16 kHz) and make the cues. Throws a RangeError when the recording holds no
 * speech at all.
 */
export function completeAlignment(
  plan: AlignmentPlan,
  located: readonly LocatedWords[],
  audio: Float32Array,
  options: { readonly lang: string; readonly file: string; readonly frameRate?: number },
): CompletedAlignment {
  const reference = assembleReference(
    plan.fragments,
    located,
    plan.spoken.map((word) => word.text),
  );
  const result = alignReference(audio, reference);
  const profile = profileFor(options.lang, { frameRate: options.frameRate });
  const cues = buildAlignedCues(plan.transcript, result.words, profile);
  const paragraphs = paragraphAlignments(plan, result.words, reference);
  const { findings, unplaced } = paragraphFindings(paragraphs, result.pathCost, options.file);
  return {
    result,
    mismatch: mismatchVerdict(result),
    cues,
    vtt: alignedCuesToVtt(cues),
    findings: [...plan.findings, ...findings].sort((a, b) => a.line - b.line || a.col - b.col),
    unplaced,
  };
}

/** Per paragraph (reading order): where it is, how much of it fell on speech, its stretch, its cost. */
function paragraphAlignments(
  plan: AlignmentPlan,
  words: readonly AlignedWord[],
  reference: AssembledReference,
): ParagraphAlignment[] {
  const paragraphs: ParagraphAlignment[] = [];
  let spokenIndex = 0;
  for (const turn of plan.transcript.turns) {
    for (const paragraph of turn.paragraphs) {
      const from = spokenIndex;
      spokenIndex += paragraph.words.filter((word) => word.spoken).length;
      const own = words.slice(from, spokenIndex);
      if (own.length === 0) {
        // Nothing spoken (an insertion alone): nothing to place, nothing to doubt.
        paragraphs.push({
          line: paragraph.line,
          col: paragraph.col,
          onSpeech: 1,
          stretch: 1,
          cost: 0,
        });
        continue;
      }
      const mean = (values: number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
      const aligned = own[own.length - 1]!.endTime - own[0]!.startTime;
      const synthesized =
        (reference.wordEnds[spokenIndex - 1]! - reference.wordStarts[from]!) / ALIGN_SAMPLE_RATE;
      paragraphs.push({
        line: paragraph.line,
        col: paragraph.col,
        onSpeech: mean(own.map((word) => word.onSpeech)),
        stretch: synthesized > 0 ? aligned / synthesized : 1,
        cost: mean(own.map((word) => word.cost)),
      });
    }
  }
  return paragraphs;
}
