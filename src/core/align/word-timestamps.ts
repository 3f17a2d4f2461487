/**
 * WebVTT timestamp tags in an existing cue: given the times of its words, put `<hh:mm:ss.ttt>`
 * before every spoken word after the first, keeping the cue's markup (voice span and all) and its
 * plain text exactly. Used where cue text is already written (the bundled episode, re-aligned rows)
 * rather than made by the aligner. Editor's insertions `[…]` get no tag.
 */
import type { CueSegment, Seconds } from '../cue-model.ts';
import { plainText } from '../vtt-parse.ts';
import { wordsOfText } from './published-transcript.ts';

/**
 * The shortest a timed word lasts in a cue file: a video frame at 25 fps. The aligner keeps word
 * starts 10 ms apart, and a start it places before the cue's is held inside the cue; so a cue's
 * first word could last a single millisecond (`A <00:01:19.492>lot` in a cue from 01:19.491),
 * which no reading of the media clock is likely to land inside: the word is never lit.
 */
export const MIN_WORD_DURATION: Seconds = 0.04;

/**
 * The times of a cue's timestamp tags (one per word after its first), as they are written: to
 * the millisecond, strictly inside the cue, increasing, and every word (the first from the cue's
 * start, the last to its end) at least MIN_WORD_DURATION long. A start the aligner put too close
 * to its neighbour moves just as far as that needs; in a cue too short for its words at that
 * length, the words share it evenly. A tag that still cannot fit (a cue shorter than a
 * millisecond a word) is left out, as WebVTT wants: its word then goes with the word before.
 */
export function wordTagTimes(
  starts: readonly Seconds[],
  cue: { readonly startTime: Seconds; readonly endTime: Seconds },
): Array<Seconds | null> {
  const from = Math.round(cue.startTime * 1000);
  const to = Math.round(cue.endTime * 1000);
  const count = starts.length;
  const shortest = Math.round(MIN_WORD_DURATION * 1000);
  let ms: number[];
  if ((count + 1) * shortest <= to - from) {
    ms = starts.map((start) => Math.round(start * 1000));
    // Each word at least `shortest` after the one before, then at least `shortest` before the next.
    for (let k = 0, previous = from; k < count; previous = ms[k++]!) {
      ms[k] = Math.max(ms[k]!, previous + shortest);
    }
    for (let k = count - 1, next = to; k >= 0; next = ms[k--]!)
      ms[k] = Math.min(ms[k]!, next - shortest);
  } else {
    ms = starts.map((_, k) => from + Math.round(((k + 1) * (to - from)) / (count + 1)));
  }
  let previous = from;
  return ms.map((time) => {
    if (!(time > previous && time < to)) return null;
    previous = time;
    return time / 1000;
  });
}

/** The segments without any timestamp tags (before tagging again). */
export function withoutTimestamps(segments: readonly CueSegment[]): CueSegment[] {
  const out: CueSegment[] = [];
  for (const segment of segments) {
    if (segment.type === 'timestamp') continue;
    const cleaned =
      segment.type === 'text'
        ? segment
        : { ...segment, children: withoutTimestamps(segment.children) };
    const last = out[out.length - 1];
    if (cleaned.type === 'text' && last?.type === 'text') {
      out[out.length - 1] = { type: 'text', text: last.text + cleaned.text };
    } else out.push(cleaned);
  }
  return out;
}

/** The spoken words of a cue's plain text, in order (what `withWordTimestamps` wants times for). */
export function spokenWordsOfCue(segments: readonly CueSegment[]): string[] {
  return wordsOfText(plainText(withoutTimestamps(segments)))
    .filter((word) => word.spoken)
    .map((word) => word.text);
}

/**
 * The segments with a timestamp tag before each spoken word but the first. `times[k]` is the
 * start of the k-th spoken word (see `spokenWordsOfCue`); tags are placed by `wordTagTimes`.
 */
export function withWordTimestamps(
  segments: readonly CueSegment[],
  times: readonly Seconds[],
  cue: { readonly startTime: Seconds; readonly endTime: Seconds },
): CueSegment[] {
  const clean = withoutTimestamps(segments);
  const words = wordsOfText(plainText(clean)).filter((word) => word.spoken);
  // Offsets in the plain text where a tag goes, and its time.
  // The words that get a tag: every spoken word after the first that has a time.
  const tagged = words.flatMap((word, k) =>
    k > 0 && times[k] !== undefined ? [{ offset: word.offset, start: times[k]! }] : [],
  );
  const tagTimes = wordTagTimes(
    tagged.map((word) => word.start),
    cue,
  );
  const tags = new Map<number, Seconds>();
  tagged.forEach((word, k) => {
    if (tagTimes[k] !== null) tags.set(word.offset, tagTimes[k]!);
  });
  let cursor = 0;
  const walk = (nodes: readonly CueSegment[]): CueSegment[] => {
    const out: CueSegment[] = [];
    for (const node of nodes) {
      if (node.type === 'timestamp') continue;
      if (node.type === 'ruby-text') {
        out.push(node); // not part of the plain text
        continue;
      }
      if (node.type !== 'text') {
        out.push({ ...node, children: walk(node.children) });
        continue;
      }
      let from = 0;
      for (let i = 0; i < node.text.length; i++) {
        const time = tags.get(cursor + i);
        if (time === undefined) continue;
        if (i > from) out.push({ type: 'text', text: node.text.slice(from, i) });
        out.push({ type: 'timestamp', time });
        from = i;
      }
      if (from < node.text.length) out.push({ type: 'text', text: node.text.slice(from) });
      cursor += node.text.length;
    }
    return out;
  };
  return walk(clean);
}
