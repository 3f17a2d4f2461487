/**
 * Aligning given words inside given windows of a recording: the entry point for work that times a
 * stretch rather than a whole transcript (re-aligning selected rows in the workspace, finding where
 * the next speaker starts inside a caption on import, word tags for the bundled episode). The words
 * of every stretch are synthesized together (a few calls at once), then each stretch is aligned on
 * its own by the core's `alignStretch`.
 */
import {
  alignStretchChecked,
  assembleReference,
  type AlignedWord,
  type StretchAlignment,
} from '../../src/core/align/aligner.ts';
import { planSynthesis } from '../../src/core/align/reference-speech.ts';
import type { Seconds } from '../../src/core/cue-model.ts';
import { synthesizeAll, voiceFor } from './synthesis.ts';

/** Words said somewhere inside a window of the recording. */
export interface Stretch {
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** The words in order, as written (punctuation attached); every one is taken as spoken. */
  readonly words: readonly string[];
}

/**
 * Each stretch's words timed in `audio` (16 kHz mono, the whole recording), on the recording's
 * clock. A stretch with no words gives an empty list.
 */
export async function alignStretches(
  audio: Float32Array,
  stretches: readonly Stretch[],
  lang: string,
): Promise<AlignedWord[][]> {
  const aligned = await alignStretchesChecked(audio, stretches, lang, false);
  return aligned.map((stretch) => [...stretch.words]);
}

/**
 * `alignStretches` with each stretch's forward/backward contrast (Contract 7's mismatch measure)
 * when `contrast` is on: whether its words are what is spoken in its window. A stretch with no
 * words gives no words and a contrast of NaN.
 */
export async function alignStretchesChecked(
  audio: Float32Array,
  stretches: readonly Stretch[],
  lang: string,
  contrast = true,
): Promise<StretchAlignment[]> {
  const none: StretchAlignment = {
    words: [],
    contrast: Number.NaN,
    forwardCost: 0,
    backwardCost: 0,
    speechFrames: 0,
  };
  const said = stretches.flatMap((stretch, turn) =>
    stretch.words.map((text) => ({ text, turn, paragraph: 0, boundary: null })),
  );
  if (said.length === 0) return stretches.map(() => none);
  const fragments = planSynthesis(said);
  const located = await synthesizeAll(
    fragments,
    said.map((word) => word.text),
    await voiceFor(lang),
  );
  let first = 0;
  return stretches.map((stretch, turn) => {
    const offset = first;
    first += stretch.words.length;
    if (stretch.words.length === 0) return none;
    const own = fragments.flatMap((fragment, k) => (fragment.turn === turn ? [k] : []));
    const reference = assembleReference(
      own.map((k) => ({ ...fragments[k]!, words: fragments[k]!.words.map((w) => w - offset) })),
      own.map((k) => located[k]!),
      stretch.words,
    );
    return alignStretchChecked(audio, stretch, reference, contrast);
  });
}
