/**
 * Caption files made from a recording's truth, the way a subtitle editor or YouTube Studio exports
 * them: timed, without speakers, cut every few words wherever that falls (across speaker changes
 * too), in lower case and without punctuation. For testing `npm run import`.
 */
import { formatSrtTimestamp } from '../../src/core/srt.ts';
import type { RecordingTruth } from './recording.ts';

/** One caption cut from the truth: its words (indices into truth.words) and its timing. */
export interface TruthCaption {
  readonly from: number;
  readonly to: number;
  readonly startTime: number;
  readonly endTime: number;
  readonly text: string;
}

/** Seconds a caption stays after its last word, unless the next caption starts sooner. */
const TAIL = 0.3;
/** The gap kept before the next caption (more than two frames at 25 fps). */
const GAP = 0.1;

/** Captions of `wordsPerCaption` words each, lower case, punctuation removed. */
export function captionsFromTruth(truth: RecordingTruth, wordsPerCaption: number): TruthCaption[] {
  const captions: TruthCaption[] = [];
  for (let from = 0; from < truth.words.length; from += wordsPerCaption) {
    const to = Math.min(truth.words.length, from + wordsPerCaption);
    const words = truth.words.slice(from, to);
    const next = truth.words[to];
    const endTime = Math.min(
      words[words.length - 1]!.endTime + TAIL,
      next ? next.startTime - GAP : Infinity,
    );
    captions.push({
      from,
      to,
      startTime: Math.round(words[0]!.startTime * 1000) / 1000,
      endTime: Math.round(endTime * 1000) / 1000,
      text: words
        .map((word) => word.text.toLowerCase().replace(/[^\p{L}\p{N}'’]/gu, ''))
        .filter(Boolean)
        .join(' '),
    });
  }
  return captions;
}

/** Captions as an SRT file (counter, timing, text). */
export function captionsToSrt(
  captions: readonly Pick<TruthCaption, 'startTime' | 'endTime' | 'text'>[],
): string {
  return captions
    .map(
      (caption, i) =>
        `${i + 1}\n${formatSrtTimestamp(caption.startTime)} --> ${formatSrtTimestamp(caption.endTime)}\n${caption.text}\n`,
    )
    .join('\n');
}
