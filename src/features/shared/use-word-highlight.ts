/**
 * Word-by-word highlighting for React views (viewer, embed, translator): the "Highlight words"
 * setting, the transcript's timed words, and the highlighter that marks them on the clock.
 */
import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import type { Cue } from '../../core/cue-model.ts';
import type { TranscriptWords } from '../../core/cue-words.ts';
import { transcriptWordsOf } from '../../data/parse-off-thread.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { HIGHLIGHT_WORDS_KEY, highlightWordsByDefault } from './highlight-words-default.ts';
import { writePreference } from './local-preference.ts';
import { useBrowserState } from './hydration.ts';
import { useFollower } from './player-runtime.tsx';
import { createWordHighlighter, type WordHighlighter } from './word-highlighter.ts';

export { highlightWordsByDefault };

/** The "Highlight words" setting, remembered in this browser. */
export function useHighlightWordsSetting(): readonly [boolean, (on: boolean) => void] {
  // Served pages are rendered with words highlighted (the default unless motion is reduced).
  const [enabled, setEnabled] = useBrowserState(() => true, highlightWordsByDefault);
  const choose = useCallback(
    (on: boolean) => {
      setEnabled(on);
      writePreference(HIGHLIGHT_WORDS_KEY, on ? 'on' : 'off');
    },
    [setEnabled],
  );
  return [enabled, choose] as const;
}

/**
 * The timed words of a cue list (null without word timings): built with the parse (in the parser
 * worker for big files), shared by the transcript panel and the embed bridge.
 */
export function useTranscriptWords(cues: readonly Cue[] | undefined): TranscriptWords | null {
  return useMemo(() => (cues ? transcriptWordsOf(cues) : null), [cues]);
}

export interface WordHighlight {
  /** The clock's follower of the words (null when words are not highlighted). */
  readonly follower: ClockFollower | null;
  /** Tell the highlighter a line rendered (stable identity). */
  readonly lineRendered: (cueIndex: number) => void;
}

/**
 * Highlight `words` (when given) on the player's clock, in the lines `lineOf` finds. `lineOf`
 * is read when a word changes, so it may close over refs.
 */
export function useWordHighlighter(
  words: TranscriptWords | null,
  lineOf: (cueIndex: number) => Element | null,
): WordHighlight {
  const follower = useFollower(words?.index ?? null);
  const highlighter = useRef<WordHighlighter | null>(null);
  const latestLineOf = useRef(lineOf);
  useLayoutEffect(() => {
    latestLineOf.current = lineOf;
  });
  useLayoutEffect(() => {
    if (!words || !follower) return;
    const created = createWordHighlighter(words, follower, (cueIndex) =>
      latestLineOf.current(cueIndex),
    );
    highlighter.current = created;
    return () => {
      created.dispose();
      if (highlighter.current === created) highlighter.current = null;
    };
  }, [words, follower]);
  const lineRendered = useCallback((cueIndex: number) => {
    highlighter.current?.lineRendered(cueIndex);
  }, []);
  return { follower, lineRendered };
}
