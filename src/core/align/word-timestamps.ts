/**
 * WebVTT timestamp tags in an existing cue: given the times of its words, put `<hh:mm:ss.ttt>`
 * before every spoken word after the first, keeping the cue's markup (voice span and all) and its
 * plain text exactly. Used where cue text is already written (the bundled episode, re-aligned rows)
 * rather than made by the aligner. Editor's insertions `[…]` get no tag.
 */
import type { CueSegment, Seconds } from '../cue-model.ts';
import { plainText } from '../vtt-parse.ts';
import { wordsOfText } from './published-transcript.ts';

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
 * start of the k-th spoken word (see `spokenWordsOfCue`); tags are kept strictly inside
 * (startTime, endTime) and increasing.
 */
export function withWordTimestamps(
  segments: readonly CueSegment[],
  times: readonly Seconds[],
  cue: { readonly startTime: Seconds; readonly endTime: Seconds },
): CueSegment[] {
  const clean = withoutTimestamps(segments);
  const words = wordsOfText(plainText(clean)).filter((word) => word.spoken);
  // Offsets in the plain text where a tag goes, and its time.
  const tags = new Map<number, Seconds>();
  let previous = cue.startTime;
  words.forEach((word, k) => {
    if (k === 0 || times[k] === undefined) return;
    const time = Math.min(cue.endTime - 0.001, Math.max(previous + 0.001, times[k]!));
    if (time <= previous || time >= cue.endTime) return;
    tags.set(word.offset, time);
    previous = time;
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
