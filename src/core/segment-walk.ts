/**
 * Walking cue segments in document order with an explicit stack: markup depth comes from the
 * file, and recursion per level overflows the call stack on hostile files (10,000 nested `<i>`).
 */
import type { CueSegment, SpanSegment } from './cue-model.ts';

/** What `enter` tells the walk: go into a span's children, pass over them, or stop. */
export type WalkStep = 'descend' | 'skip' | 'stop';

/**
 * Visit `segments` depth first: `enter` for every segment (its return decides for spans whether
 * their children are visited), `leave` for every span whose children were visited.
 */
export function walkSegments(
  segments: readonly CueSegment[],
  enter: (segment: CueSegment) => WalkStep,
  leave?: (span: SpanSegment) => void,
): void {
  const stack: Array<{ list: readonly CueSegment[]; index: number; span?: SpanSegment }> = [
    { list: segments, index: 0 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.index >= top.list.length) {
      stack.pop();
      if (top.span) leave?.(top.span);
      continue;
    }
    const segment = top.list[top.index++]!;
    const step = enter(segment);
    if (step === 'stop') return;
    if (step === 'descend' && segment.type !== 'text' && segment.type !== 'timestamp') {
      stack.push({ list: segment.children, index: 0, span: segment });
    }
  }
}

/** The first span of `kind`, depth first, or undefined. */
export function findSpan(
  segments: readonly CueSegment[],
  kind: SpanSegment['type'],
): SpanSegment | undefined {
  let found: SpanSegment | undefined;
  walkSegments(segments, (segment) => {
    if (segment.type === kind) {
      found = segment as SpanSegment;
      return 'stop';
    }
    return 'descend';
  });
  return found;
}
