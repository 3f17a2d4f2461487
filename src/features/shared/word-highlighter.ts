/**
 * Marks the word being spoken (Contract 9) straight in the DOM, from the media clock's word
 * follower: `data-word-current` on the word's element, `data-word-past` on the words of its line
 * already said. No React render per word: in steady playback a word change writes to two
 * elements (the word that ends becomes past, the next becomes current) and reads no layout.
 *
 * Words are found by order: the n-th `[data-word-start]` element of a cue's line is its n-th
 * timed word (CueText renders them so). Elements are looked up once per line and kept while
 * they stay in the document; a line that re-renders calls `lineRendered` to have its marks
 * written again.
 */
import type { TranscriptWords } from '../../core/cue-words.ts';
import type { ClockFollower } from '../../player/media-clock.ts';

export const WORD_CURRENT = 'data-word-current';
export const WORD_PAST = 'data-word-past';
const WORD_SELECTOR = '[data-word-start]';

export interface WordHighlighter {
  /** The line of cue `cueIndex` rendered anew: write its marks again if it holds the word. */
  lineRendered(cueIndex: number): void;
  /** Stop following the clock and remove the marks. */
  dispose(): void;
}

/** Where the current (or, between words, the last) word is: its cue and position. */
interface Target {
  readonly cueIndex: number;
  /** Words [0, pastUpTo) of the line have been said. */
  readonly pastUpTo: number;
  /** The word being spoken, or −1 between words. */
  readonly current: number;
}

function targetOf(words: TranscriptWords, follower: ClockFollower): Target | null {
  const { index, recentIndex } = follower.get();
  const word = index >= 0 ? index : recentIndex;
  if (word < 0 || word >= words.count) return null;
  const cueIndex = words.cueOf[word]!;
  const inCue = word - words.firstWord[cueIndex]!;
  return index >= 0
    ? { cueIndex, pastUpTo: inCue, current: inCue }
    : { cueIndex, pastUpTo: inCue + 1, current: -1 };
}

function setFlag(element: Element, name: string, on: boolean): void {
  // Write only what differs: a write is what costs (style recalculation), a read of an
  // attribute is not a layout read.
  if (element.hasAttribute(name) === on) return;
  if (on) element.setAttribute(name, '');
  else element.removeAttribute(name);
}

/**
 * Follow `follower` (the clock's follower of `words.index`) and mark words inside the elements
 * `lineOf` returns (the element holding a cue's line; null while it is not in the DOM).
 */
export function createWordHighlighter(
  words: TranscriptWords,
  follower: ClockFollower,
  lineOf: (cueIndex: number) => Element | null,
): WordHighlighter {
  let cached: { cueIndex: number; elements: Element[] } | null = null;
  let currentElement: Element | null = null;

  function elementsOf(cueIndex: number): Element[] | null {
    if (cached?.cueIndex === cueIndex && cached.elements[0]?.isConnected) return cached.elements;
    const line = lineOf(cueIndex);
    const elements = line ? Array.from(line.querySelectorAll(WORD_SELECTOR)) : [];
    const expected = words.firstWord[cueIndex + 1]! - words.firstWord[cueIndex]!;
    // Not rendered (yet), or rendered without words: nothing to mark.
    if (elements.length !== expected || expected === 0) return null;
    cached = { cueIndex, elements };
    return elements;
  }

  function apply(): void {
    const target = targetOf(words, follower);
    const elements = target ? elementsOf(target.cueIndex) : null;
    const next = target && elements && target.current >= 0 ? elements[target.current]! : null;
    if (currentElement && currentElement !== next) currentElement.removeAttribute(WORD_CURRENT);
    currentElement = next;
    if (!target || !elements) return;
    for (let i = 0; i < elements.length; i++) {
      setFlag(elements[i]!, WORD_PAST, i < target.pastUpTo && i !== target.current);
    }
    if (next) setFlag(next, WORD_CURRENT, true);
  }

  const unsubscribe = follower.subscribe(apply);
  apply();

  return {
    lineRendered(cueIndex) {
      if (targetOf(words, follower)?.cueIndex !== cueIndex) return;
      cached = null;
      apply();
    },
    dispose() {
      unsubscribe();
      currentElement?.removeAttribute(WORD_CURRENT);
      currentElement = null;
      cached = null;
    },
  };
}

/** The start time of the word element at or around `target` (a click on a word), if any. */
export function wordStartAt(target: EventTarget | null): number | undefined {
  if (!(target instanceof Element)) return undefined;
  const word = target.closest('[data-word-start], [data-word-rest]');
  const time = Number(
    word?.getAttribute('data-word-start') ?? word?.getAttribute('data-word-rest'),
  );
  return word && Number.isFinite(time) ? time : undefined;
}
