/**
 * The transcript as LiNK publishes it under an episode (Contract 7): UTF-8 paragraphs separated by
 * blank lines; `Name: text` starts a speaker's turn, a paragraph without a name continues the
 * current speaker, a name alone on its line applies to what follows; `[…]` is an editor's
 * insertion, kept in the text but never spoken. Parsed into turns, paragraphs and words, each word
 * with the 1-based line and column (in code points) where it is written.
 */
import type { AlignFinding } from './align-finding.ts';

/** One word as written, with the punctuation around it attached (`"Welcome!"`, `same —`). */
export interface TranscriptWord {
  readonly text: string;
  readonly line: number;
  readonly col: number;
  /** False inside an editor's insertion `[…]`, and for a word with no letter or digit. */
  readonly spoken: boolean;
  /** True when no white space separates it from the word before (`there[in`). */
  readonly glued: boolean;
  /** What its trailing punctuation closes: a sentence (`. ! ? …`), a clause (`, ; : —`), or nothing. */
  readonly boundary: 'sentence' | 'clause' | null;
}

/** A paragraph: the words between two blank lines (without the `Name:` that starts a turn). */
export interface TranscriptParagraph {
  readonly line: number;
  readonly col: number;
  readonly words: readonly TranscriptWord[];
}

/** One speaker's turn: the paragraphs from a `Name:` to the next. */
export interface TranscriptTurn {
  /** The name as written before the colon (`Speaker K`). */
  readonly speaker: string;
  /** Where the name is written. */
  readonly line: number;
  readonly col: number;
  readonly paragraphs: readonly TranscriptParagraph[];
}

export interface PublishedTranscript {
  readonly turns: readonly TranscriptTurn[];
}

export interface PublishedTranscriptResult {
  readonly transcript: PublishedTranscript;
  /** Errors (no file can be made from it) and warnings, in file order. */
  readonly findings: readonly AlignFinding[];
}

/** A line of the file with its 1-based number; `text` without the line break. */
interface SourceLine {
  readonly number: number;
  readonly text: string;
  /** Where the words start (UTF-16 offset): after a `Name:` on the paragraph's first line. */
  readonly offset?: number;
}

/** White space, the no-break space included (published pages are full of them). */
const BLANK = /^[\s\u00a0\u200b\ufeff]*$/u;
/**
 * `Name:` at the start of a paragraph: one to four words, starting with a letter that is not
 * lower case (so "and he said: …" is text), no sentence punctuation, at most 40 characters. The
 * colon may be the full-width one.
 */
const NAME_PREFIX =
  /^[\s\u00a0]*((?![\p{Ll}])\p{L}[\p{L}\p{M}\p{N}'’.-]*(?:[ \u00a0][\p{L}\p{M}\p{N}'’.-]+){0,3})[\s\u00a0]*[:：](?=[\s\u00a0]|$)/u;
const MAX_NAME_LENGTH = 40;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*$/u;
const CLAUSE_END = /[,;:—–\-、，；：]["'”’»)\]]*$/u;

/** Parse a published transcript. Never throws: problems are findings. */
export function parsePublishedTranscript(
  text: string,
  options: { readonly file?: string } = {},
): PublishedTranscriptResult {
  const file = options.file ?? '';
  const findings: AlignFinding[] = [];
  const turns: Array<{
    speaker: string;
    line: number;
    col: number;
    paragraphs: TranscriptParagraph[];
  }> = [];
  let pendingName: { speaker: string; line: number; col: number } | null = null;
  let reportedNoSpeaker = false;

  for (const block of paragraphsOf(text)) {
    let lines: ReadonlyArray<SourceLine> = block;
    const first = lines[0]!;
    const named = readName(first.text);
    if (named) {
      if (pendingName) warnNameWithoutText(pendingName, file, findings);
      pendingName = { speaker: named.name, line: first.number, col: named.nameCol };
      const rest = first.text.slice(named.textOffset);
      lines = BLANK.test(rest)
        ? lines.slice(1)
        : [{ ...first, offset: named.textOffset }, ...lines.slice(1)];
      if (lines.length === 0) continue; // a name alone: it applies to the next paragraph
    }
    const paragraph = paragraphWords(lines, file, findings);
    if (paragraph.words.length === 0) continue;
    if (pendingName) {
      turns.push({ ...pendingName, paragraphs: [] });
      pendingName = null;
    }
    const turn = turns[turns.length - 1];
    if (!turn) {
      if (!reportedNoSpeaker) {
        findings.push({
          rule: 'align-no-speaker',
          severity: 'error',
          file,
          line: paragraph.line,
          col: paragraph.col,
          message:
            'No speaker is named before this paragraph: start it with the name and a colon ("Joy: …"), or put the name alone on the line above.',
        });
        reportedNoSpeaker = true;
      }
      continue;
    }
    turn.paragraphs.push(paragraph);
  }
  if (pendingName) warnNameWithoutText(pendingName, file, findings);

  const spokenWords = turns.reduce(
    (sum, turn) =>
      sum + turn.paragraphs.reduce((n, p) => n + p.words.filter((w) => w.spoken).length, 0),
    0,
  );
  if (spokenWords === 0 && !reportedNoSpeaker) {
    findings.push({
      rule: 'align-empty-transcript',
      severity: 'error',
      file,
      line: 1,
      col: 1,
      message:
        'The transcript has no spoken words: give the text as published ("Name: text" paragraphs separated by blank lines).',
    });
  }
  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  return { transcript: { turns }, findings };
}

function warnNameWithoutText(
  name: { speaker: string; line: number; col: number },
  file: string,
  findings: AlignFinding[],
): void {
  findings.push({
    rule: 'align-name-without-text',
    severity: 'warning',
    file,
    line: name.line,
    col: name.col,
    message: `"${name.speaker}:" is followed by no text of its own, so it names nobody's words: remove it or add what ${name.speaker} says.`,
  });
}

/** The file's paragraphs: runs of non-blank lines, with their line numbers. */
function paragraphsOf(text: string): SourceLine[][] {
  const lines = text.replace(/^\ufeff/, '').split(/\r\n|\r|\n/);
  const paragraphs: SourceLine[][] = [];
  let current: SourceLine[] = [];
  lines.forEach((line, i) => {
    if (BLANK.test(line)) {
      if (current.length) paragraphs.push(current);
      current = [];
    } else current.push({ number: i + 1, text: line });
  });
  if (current.length) paragraphs.push(current);
  return paragraphs;
}

/** The `Name:` at the start of a line: the name, its column, and where the text after it starts. */
function readName(line: string): { name: string; nameCol: number; textOffset: number } | null {
  const match = NAME_PREFIX.exec(line);
  if (!match) return null;
  const name = match[1]!.replace(/\u00a0/g, ' ').trim();
  if (name.length > MAX_NAME_LENGTH) return null;
  const nameStart = line.indexOf(match[1]!);
  return {
    name,
    nameCol: codePointColumn(line, nameStart),
    textOffset: match[0].length,
  };
}

/** 1-based column, in code points, of the UTF-16 offset `offset` of `line`. */
function codePointColumn(line: string, offset: number): number {
  return [...line.slice(0, offset)].length + 1;
}

interface Piece {
  text: string;
  line: number;
  col: number;
  insertion: boolean;
  glued: boolean;
}

/** The words of a paragraph's lines, with their true columns. */
function paragraphWords(
  lines: ReadonlyArray<SourceLine>,
  file: string,
  findings: AlignFinding[],
): TranscriptParagraph {
  const pieces: Piece[] = [];
  let depth = 0;
  let openAt: { line: number; col: number } | null = null;
  for (const line of lines) {
    const offset = line.offset ?? 0;
    const chars = [...line.text.slice(offset)];
    let col = codePointColumn(line.text, offset);
    let current: Piece | null = null;
    let afterSpace = true;
    const close = (): void => {
      if (current) pieces.push(current);
      current = null;
    };
    for (const char of chars) {
      if (/[\s\u00a0\u200b]/u.test(char)) {
        close();
        afterSpace = true;
        col++;
        continue;
      }
      if (char === '[') {
        close();
        if (depth === 0) openAt = { line: line.number, col };
        depth++;
      }
      if (!current) {
        current = { text: '', line: line.number, col, insertion: depth > 0, glued: !afterSpace };
      }
      current.text += char;
      afterSpace = false;
      if (char === ']') {
        if (depth > 0) {
          depth--;
          if (depth === 0) close();
        } else {
          findings.push({
            rule: 'align-bracket',
            severity: 'warning',
            file,
            line: line.number,
            col,
            message:
              'A "]" with no "[" before it: it is kept as text; if an editor\'s insertion was meant, add the "[".',
          });
        }
      }
      col++;
    }
    close();
  }
  if (depth > 0 && openAt) {
    findings.push({
      rule: 'align-bracket',
      severity: 'warning',
      file,
      line: openAt.line,
      col: openAt.col,
      message:
        'This "[" is never closed, so the rest of the paragraph counts as an editor\'s insertion (not spoken, not timed): add the "]" where the insertion ends.',
    });
  }
  return {
    line: lines[0]!.number,
    col: pieces[0]?.col ?? 1,
    words: attachPunctuation(pieces),
  };
}

/** Pieces without a letter or digit (`—`, `…`) join the word before them (or the next one). */
function attachPunctuation(pieces: readonly Piece[]): TranscriptWord[] {
  const words: TranscriptWord[] = [];
  let leading: Piece[] = [];
  for (const piece of pieces) {
    const hasLetter = LETTER_OR_DIGIT.test(piece.text);
    const last = words[words.length - 1];
    if (!hasLetter && last) {
      words[words.length - 1] = describe({
        ...last,
        text: last.text + (piece.glued ? '' : ' ') + piece.text,
      });
      continue;
    }
    if (!hasLetter) {
      leading.push(piece);
      continue;
    }
    const prefix = leading.map((p) => p.text + ' ').join('');
    const start = leading[0] ?? piece;
    leading = [];
    words.push(
      describe({
        text: prefix + piece.text,
        line: start.line,
        col: start.col,
        spoken: !piece.insertion && hasLetter,
        glued: start.glued,
      }),
    );
  }
  if (leading.length) {
    // A paragraph of punctuation alone: kept as text, never timed.
    const start = leading[0]!;
    words.push(
      describe({
        text: leading.map((p) => p.text).join(' '),
        line: start.line,
        col: start.col,
        spoken: false,
        glued: start.glued,
      }),
    );
  }
  return words;
}

function describe(word: Omit<TranscriptWord, 'boundary'>): TranscriptWord {
  const boundary = SENTENCE_END.test(word.text)
    ? 'sentence'
    : CLAUSE_END.test(word.text)
      ? 'clause'
      : null;
  return { ...word, boundary };
}

/**
 * The words of one piece of text (a cue's text, lines joined with `\n`), cut as a transcript's
 * paragraph is, each with `offset`: where it starts in `text` (UTF-16 index).
 */
export function wordsOfText(text: string): Array<TranscriptWord & { readonly offset: number }> {
  const lines = text.split('\n');
  const lineStarts: number[] = [];
  let at = 0;
  for (const line of lines) {
    lineStarts.push(at);
    at += line.length + 1;
  }
  const paragraph = paragraphWords(
    lines.map((line, i) => ({ number: i + 1, text: line })),
    '',
    [],
  );
  return paragraph.words.map((word) => {
    const line = lines[word.line - 1]!;
    const offsetInLine = [...line].slice(0, word.col - 1).join('').length;
    return { ...word, offset: lineStarts[word.line - 1]! + offsetInLine };
  });
}

/** Every word of a transcript, in reading order, with its turn and paragraph index. */
export function transcriptWords(
  transcript: PublishedTranscript,
): Array<TranscriptWord & { readonly turn: number; readonly paragraph: number }> {
  return transcript.turns.flatMap((turn, t) =>
    turn.paragraphs.flatMap((paragraph, p) =>
      paragraph.words.map((word) => ({ ...word, turn: t, paragraph: p })),
    ),
  );
}
