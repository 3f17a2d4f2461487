/**
 * Reads a transcript in the format LiNK publishes (Contract 7): paragraphs separated by blank
 * lines, `Name: text` starting a speaker's turn, a name alone on its line naming the next
 * paragraph's speaker, paragraphs without a name continuing the current speaker, and editor's
 * insertions in square brackets, which are never spoken.
 *
 * The recordings have their own small reader, on purpose: the ground truth must not inherit a
 * mistake of the aligner's transcript parser, which is what the bench measures.
 */

/**
 * One word of the text as written, with its 1-based position (col counts code points). Words are
 * what the aligner's report calls words: split at white space, and a bracket split off its
 * neighbours (`there[in` is `there` and `[in`).
 */
export interface TextToken {
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** False inside [brackets] and for punctuation alone (a dash standing between spaces). */
  readonly spoken: boolean;
}

export interface TextParagraph {
  readonly speaker: string;
  /** Line of the paragraph's first word. */
  readonly line: number;
  readonly tokens: readonly TextToken[];
}

export interface PublishedText {
  /** Speakers in order of first appearance. */
  readonly speakers: readonly string[];
  readonly paragraphs: readonly TextParagraph[];
}

/** A problem in a transcript text, at its 1-based line and column. */
export class PublishedTextError extends Error {
  constructor(
    readonly line: number,
    readonly col: number,
    message: string,
  ) {
    super(`${line}:${col}  ${message}`);
  }
}

/**
 * `Name:` at the start of a paragraph: up to four words of letters (a name may hold spaces,
 * `Speaker K:`, hyphens, dots and apostrophes), then a colon followed by a space or the line end.
 */
const SPEAKER_LABEL =
  /^\s*(\p{L}[\p{L}\p{M}\p{N}.'’-]*(?:[ \u00a0][\p{L}\p{M}\p{N}.'’-]+){0,3}):(?=\s|$)/u;

/** A run of text without white space; a `[` starts a new word and a `]` ends one. */
const TOKEN = /\[[^\s\]]*\]?|[^\s[]*\]|[^\s[\]]+/gu;

const HAS_WORD_CHARACTER = /[\p{L}\p{N}]/u;

interface RawLine {
  readonly number: number;
  readonly text: string;
}

function splitParagraphs(text: string): RawLine[][] {
  const paragraphs: RawLine[][] = [];
  let current: RawLine[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trim() === '') {
      if (current.length) paragraphs.push(current);
      current = [];
    } else current.push({ number: index + 1, text: line });
  });
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

/** Parse a published transcript; throws PublishedTextError where the format is broken. */
export function parsePublishedText(text: string): PublishedText {
  const paragraphs: TextParagraph[] = [];
  const speakers: string[] = [];
  let speaker: string | undefined;
  let bracketDepth = 0;
  for (const lines of splitParagraphs(text.replace(/^\uFEFF/, ''))) {
    const first = lines[0]!;
    const label = SPEAKER_LABEL.exec(first.text);
    const bodyStart = label ? label[0].length : 0;
    if (label) {
      speaker = label[1]!.replace(/\u00a0/g, ' ');
      if (!speakers.includes(speaker)) speakers.push(speaker);
    }
    const tokens: TextToken[] = [];
    for (const [index, line] of lines.entries()) {
      const from = index === 0 ? bodyStart : 0;
      for (const match of line.text.slice(from).matchAll(TOKEN)) {
        const word = match[0];
        const index = from + match.index;
        const opens = word.includes('[');
        const inside = bracketDepth > 0 || opens;
        bracketDepth += (word.match(/\[/g) ?? []).length - (word.match(/]/g) ?? []).length;
        bracketDepth = Math.max(0, bracketDepth);
        tokens.push({
          text: word,
          line: line.number,
          col: [...line.text.slice(0, index)].length + 1,
          spoken: !inside && HAS_WORD_CHARACTER.test(word),
        });
      }
    }
    // A name alone on its line applies to the next paragraph.
    if (tokens.length === 0) continue;
    if (!speaker) {
      throw new PublishedTextError(
        first.number,
        1,
        'The first paragraph has no speaker: start it with "Name: ".',
      );
    }
    paragraphs.push({ speaker, line: tokens[0]!.line, tokens });
  }
  if (paragraphs.length === 0) throw new PublishedTextError(1, 1, 'The transcript has no text.');
  return { speakers, paragraphs };
}
