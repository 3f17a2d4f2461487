/**
 * Word timestamps for the source transcript of a synthesized episode. The soundtrack was made
 * here, so each cue's window is known; inside it the aligner's core times every word
 * (`alignStretches`, against the aligner's own reference voice), and the cue text gets a timestamp
 * tag before each spoken word after the first (word-timestamps.ts). Only the source language is
 * tagged: a translation's words are not the ones spoken.
 */
import { ALIGN_SAMPLE_RATE } from '../../src/core/align/aligner.ts';
import { resample } from '../../src/core/align/resample.ts';
import { wordsOfText } from '../../src/core/align/published-transcript.ts';
import { withWordTimestamps, withoutTimestamps } from '../../src/core/align/word-timestamps.ts';
import { parseVtt, plainText } from '../../src/core/vtt-parse.ts';
import { replaceCues, serializeVtt } from '../../src/core/vtt-serialize.ts';
import { alignStretches } from '../align/stretches.ts';
import { SAMPLE_RATE } from './speech.ts';

/** Where a cue's words are in the soundtrack, seconds. */
export interface CueWindow {
  readonly startTime: number;
  readonly speechEndTime: number;
}

/** Room around a cue's speech for the alignment window (the clip's own lead-in and release). */
const WINDOW_MARGIN = 0.15;

/**
 * `text` (the source transcript, already retimed) with word timestamps from the soundtrack
 * (mono 16-bit PCM at the media's 48 kHz). `windows[i]` belongs to the i-th cue.
 */
export async function tagWordTimes(
  text: string,
  windows: readonly CueWindow[],
  soundtrack: Int16Array,
  lang: string,
): Promise<string> {
  const { document } = parseVtt(text);
  const audio = resample(
    Float32Array.from(soundtrack, (sample) => sample / 32768),
    SAMPLE_RATE,
    ALIGN_SAMPLE_RATE,
  );
  // The stand-in voice speaks editor's insertions too, so the reference does as well; only the
  // spoken words get tags.
  const cueWords = document.cues.map((cue) =>
    wordsOfText(plainText(withoutTimestamps(cue.segments))).filter((word) =>
      /[\p{L}\p{N}]/u.test(word.text),
    ),
  );
  const timings = await alignStretches(
    audio,
    cueWords.map((words, i) => ({
      startTime: (windows[i]?.startTime ?? 0) - WINDOW_MARGIN,
      endTime: (windows[i]?.speechEndTime ?? 0) + WINDOW_MARGIN,
      words: windows[i] ? words.map((word) => word.text) : [],
    })),
    lang,
  );
  const tagged = replaceCues(document, (cue, i) => {
    const words = cueWords[i]!;
    if (words.length < 2 || timings[i]!.length === 0) return cue;
    const times = words.flatMap((word, k) => (word.spoken ? [timings[i]![k]!.startTime] : []));
    const segments = withWordTimestamps(cue.segments, times, cue);
    const { rawText: _written, ...rest } = cue;
    return { ...rest, segments, text: plainText(segments) };
  });
  return serializeVtt(tagged);
}
