/**
 * WebVTT file → our model, remembering what was written.
 *
 * webvtt-parser parses timings, settings and cue text. It sorts cues and drops NOTE blocks, and
 * its cue-text error positions are off (line one too high, column counted through the joined
 * text). So a small block scanner splits the file into blocks first and records their lines; each
 * block is then parsed by the library on its own, and the library's positions are mapped back to
 * the real line and column.
 */
import {
  MAX_TIME,
  type Cue,
  type CueSegment,
  type Finding,
  type SpeakerRef,
  type VerbatimBlock,
  type VttBlock,
  type VttDocument,
} from './cue-model.ts';
import { MAX_TAG_DEPTH, neutraliseTags, scanCueTags, type TagElement } from './cue-text-tags.ts';
import { appendAll, formatCount, listSome, shorten, summariseRepeats } from './finding-bounds.ts';
import { findRawMarkupCharacters, type RawMarkupCharacter } from './raw-markup.ts';
import { findSpan, walkSegments } from './segment-walk.ts';
import { closestSpeaker, speakerIndex, suggestionBudget } from './speaker-match.ts';
import { lineStarts, positionAt } from './text-position.ts';
import { fastSegments, fastTiming } from './vtt-fast-path.ts';
import {
  librarySegments,
  parseCueTextWithLibrary,
  parseWithLibrary,
  rewriteNumericReferences,
  type LibraryCue,
} from './vtt-library.ts';

/** Where a cue's text is drawn: the settings of a VTTCue, named as on the DOM's VTTCue. */
export interface CueLayout {
  readonly vertical: '' | 'rl' | 'lr';
  readonly line: number | 'auto';
  readonly lineAlign: 'start' | 'center' | 'end';
  readonly snapToLines: boolean;
  readonly position: number | 'auto';
  readonly positionAlign: 'auto' | 'line-left' | 'center' | 'line-right';
  readonly size: number;
  readonly align: 'start' | 'center' | 'end' | 'left' | 'right';
}

/** A cue plus what only some callers need: the text as written and its layout. */
export interface ParsedCue extends Cue {
  /** The cue text exactly as written (markup and entities intact), lines joined with `\n`. */
  readonly rawText: string;
  readonly layout: CueLayout;
}

export interface ParseOptions {
  /** How findings name the file (a path for the CLI, a URL path in the browser). */
  readonly file?: string;
  /** 'chapters' applies the library's chapter-title rules (no markup). */
  readonly kind?: 'transcript' | 'chapters';
  /**
   * The episode's cast. When given, speakers are resolved (Contract 1) and a transcript's first
   * cue without a voice span, or a voice naming nobody in the cast, becomes a finding.
   */
  readonly speakers?: readonly SpeakerRef[];
  /**
   * Read every cue with webvtt-parser, never by the fast path (vtt-fast-path.ts). The result is
   * the same either way; tests/unit/vtt-fast-path.test.ts checks that by comparing the two.
   */
  readonly libraryOnly?: boolean;
}

export interface ParseResult {
  readonly document: Omit<VttDocument, 'cues'> & { readonly cues: readonly ParsedCue[] };
  /** Structural findings: library errors, missing or duplicate ids, raw `&`/`<`, speakers. */
  readonly findings: readonly Finding[];
}

interface ScannedBlock {
  /** 1-based line of the block's first line. */
  readonly line: number;
  readonly lines: readonly string[];
  /** Set when the block follows the previous one without a blank line (the library flags it). */
  readonly missingBlankLine: boolean;
  /**
   * Set for lines that stand above a cue's id and timing line in the same block. WebVTT lets only
   * one line (the id) precede the timing line: a browser drops these lines and starts the cue, with
   * no id, at its timing line. (webvtt-parser would take the last of them as the id.)
   */
  readonly strayLines?: boolean;
}

const NEWLINE = /\r\n|\r|\n/;
const ARROW = '-->';
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * Split a file into its header and blocks, with line numbers. Blocks are separated by empty lines
 * (as the library does: a line of spaces is not empty). A line holding `-->` inside a cue block
 * starts a new cue, exactly where a browser would start one. A byte order mark is not part of the
 * header text.
 */
export function scanBlocks(text: string): { header: ScannedBlock; blocks: ScannedBlock[] } {
  const withoutBom = text.startsWith(BYTE_ORDER_MARK) ? text.slice(1) : text;
  const lines = (
    withoutBom.includes('\0') ? withoutBom.replace(/\0/g, '\uFFFD') : withoutBom
  ).split(NEWLINE);
  // A file ending in a newline yields one last empty string that is not a line of its own.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();

  let index = 1;
  const headerLines = [lines[0] ?? ''];
  let headerTiming = false;
  while (index < lines.length && lines[index] !== '') {
    if (lines[index]!.includes(ARROW)) {
      headerTiming = true;
      break;
    }
    headerLines.push(lines[index]!);
    index++;
  }
  const header: ScannedBlock = { line: 1, lines: headerLines, missingBlankLine: false };

  const blocks: ScannedBlock[] = [];
  let firstMissesBlank = headerTiming;
  while (index < lines.length) {
    if (lines[index] === '') {
      index++;
      continue;
    }
    const start = index;
    while (index < lines.length && lines[index] !== '') index++;
    splitCueBlock(lines.slice(start, index), start + 1, firstMissesBlank, blocks);
    firstMissesBlank = false;
  }
  return { header, blocks };
}

function splitCueBlock(
  lines: string[],
  firstLine: number,
  missingBlankLine: boolean,
  into: ScannedBlock[],
): void {
  // NOTE and STYLE blocks may not hold a timing line, but the library keeps them whole.
  if (/^[NS]/.test(lines[0] ?? '') && /^(NOTE|STYLE)($|[ \t])/.test(lines[0]!)) {
    into.push({ line: firstLine, lines, missingBlankLine });
    return;
  }
  let timing = lines.findIndex((line) => line.includes(ARROW));
  if (timing >= 2) {
    // More than an id above the timing line: those lines are no cue (WebVTT "collect a block").
    into.push({
      line: firstLine,
      lines: lines.slice(0, timing),
      missingBlankLine,
      strayLines: true,
    });
    lines = lines.slice(timing);
    firstLine += timing;
    timing = 0;
    missingBlankLine = false;
  }
  let start = 0;
  for (let i = timing + 1; timing >= 0 && i < lines.length; i++) {
    if (lines[i]!.includes(ARROW)) {
      into.push({ line: firstLine + start, lines: lines.slice(start, i), missingBlankLine });
      start = i;
      missingBlankLine = true;
    }
  }
  into.push({
    line: firstLine + start,
    lines: start === 0 ? lines : lines.slice(start),
    missingBlankLine,
  });
}

/** Parse a WebVTT file into a document that can be serialized back, plus findings. */
export function parseVtt(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '';
  const mode = options.kind === 'chapters' ? 'chapters' : 'subtitles';
  const findings: Finding[] = [];
  const syntaxError = (message: string, line: number, col: number, cueId?: string): void => {
    findings.push({ rule: 'webvtt-syntax', severity: 'error', file, line, col, message, cueId });
  };

  const { header, blocks: scanned } = scanBlocks(text);
  if (header.lines[0]?.startsWith(BYTE_ORDER_MARK)) {
    // One byte order mark is read as the encoding's; a second one is text before "WEBVTT".
    syntaxError(
      'The file starts with two byte order marks: a player then finds no "WEBVTT" and rejects the file. Remove one (save as UTF-8 with at most one).',
      1,
      1,
    );
  }
  // The header alone, as a file: the library checks the signature and header lines.
  const headerText = header.lines.join('\n').replace(/^\uFEFF+/, '');
  for (const error of parseWithLibrary(headerText, mode).errors) {
    syntaxError(describeLibraryError(error.message), error.line, error.col ?? 1);
  }

  const blocks: VttBlock[] = [];
  const cues: ParsedCue[] = [];
  /** Where each cue's block is in `blocks`, to swap in the cue with its speaker resolved. */
  const cueBlockIndex: number[] = [];
  let previousStart = 0;
  for (const block of scanned) {
    if (block.missingBlankLine) {
      syntaxError(
        'A blank line is missing before this cue: put an empty line between cues.',
        block.line,
        1,
      );
    }
    const kind = blockKind(block);
    if (kind !== 'cue') {
      blocks.push(verbatim(kind === 'stray' || kind === 'untimed' ? 'invalid' : kind, block));
      reportVerbatimBlock(kind, block, cues.length > 0, syntaxError);
      continue;
    }

    const blockFindings: Finding[] = [];
    const parsed = parseCueBlock(block, mode, file, blockFindings, options.libraryOnly === true);
    if (parsed.cue) {
      const cue = parsed.cue;
      if (cue.startTime < previousStart) {
        blockFindings.push(
          cueSyntaxFinding(
            file,
            cue.timingLine,
            1,
            'This cue starts before the previous cue: cues must be in order of start time.',
            cue.id,
          ),
        );
      }
      for (const raw of parsed.rawMarkup) {
        blockFindings.push(rawMarkupFinding(raw, cue, file));
      }
      previousStart = cue.startTime;
      cueBlockIndex.push(blocks.length);
      cues.push(cue);
      blocks.push({ type: 'cue', cue });
    } else blocks.push(verbatim('invalid', block));
    if (blockFindings.length > 0) appendAll(findings, summariseRepeats(blockFindings));
  }

  const withSpeakers = options.speakers
    ? resolveSpeakers(cues, options.speakers, options.kind !== 'chapters', file, findings)
    : cues;
  withSpeakers.forEach((cue, i) => {
    if (cue !== cues[i]) blocks[cueBlockIndex[i]!] = { type: 'cue', cue };
  });

  checkIds(withSpeakers, file, findings);
  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  return {
    document: { header: header.lines.join('\n'), blocks, cues: withSpeakers },
    findings,
  };
}

type BlockKind = 'cue' | 'stray' | 'note' | 'style' | 'region' | 'untimed';

function blockKind(block: ScannedBlock): BlockKind {
  if (block.strayLines) return 'stray';
  const first = block.lines[0] ?? '';
  const timed = block.lines.some((line) => line.includes(ARROW));
  // Only a block starting with N, S or R can be a NOTE, STYLE or REGION (most are cues).
  if (/^[NSR]/.test(first)) {
    if (/^NOTE($|[ \t])/.test(first)) return 'note';
    if (/^STYLE($|[ \t])/.test(first)) return 'style';
    // Regions are valid WebVTT the library does not know; keep them verbatim, never crash.
    if (/^REGION($|[ \t])/.test(first) && !timed) return 'region';
  }
  return timed ? 'cue' : 'untimed';
}

/** The findings of a block that is kept verbatim rather than read as a cue. */
function reportVerbatimBlock(
  kind: Exclude<BlockKind, 'cue'>,
  block: ScannedBlock,
  afterCues: boolean,
  syntaxError: (message: string, line: number, col: number) => void,
): void {
  switch (kind) {
    case 'stray':
      syntaxError(
        block.lines.length === 2
          ? 'Two lines stand above the timing line, but only one (the cue id) may: these lines are ignored and the cue below gets no id. Remove the extra line, or put a blank line after it.'
          : 'These lines stand above a timing line, but only one line (the cue id) may: they are ignored and the cue below gets no id. Remove them, or end them with a blank line.',
        block.line,
        1,
      );
      return;
    case 'note':
      block.lines.forEach((line, i) => {
        if (i > 0 && line.includes(ARROW)) {
          syntaxError(
            'A NOTE block cannot hold "-->": end the note with a blank line before the next cue.',
            block.line + i,
            line.indexOf(ARROW) + 1,
          );
        }
      });
      return;
    case 'style':
    case 'region':
      if (afterCues) {
        syntaxError(
          `A ${kind.toUpperCase()} block cannot come after the first cue: move it above the cues.`,
          block.line,
          1,
        );
      }
      return;
    case 'untimed':
      // The library reports such a block line by line ("needs to be followed by timestamp",
      // "cannot be standalone"): one finding says it better.
      syntaxError(
        'This block has no timing line, so it is ignored: a cue needs one such as "00:00:01.000 --> 00:00:02.500" right under its id (a comment starts with "NOTE").',
        block.line,
        1,
      );
  }
}

function verbatim(type: VerbatimBlock['type'], block: ScannedBlock): VerbatimBlock {
  return { type, text: block.lines.join('\n'), line: block.line };
}

function cueSyntaxFinding(
  file: string,
  line: number,
  col: number,
  message: string,
  cueId: string | undefined,
): Finding {
  return {
    rule: 'webvtt-syntax',
    severity: 'error',
    file,
    line,
    col,
    message,
    cueId: cueId || undefined,
  };
}

function rawMarkupFinding(raw: RawMarkupCharacter, cue: ParsedCue, file: string): Finding {
  return {
    rule: raw.character === '&' ? 'raw-ampersand' : 'raw-less-than',
    severity: 'error',
    file,
    line: cue.timingLine + 1 + raw.line,
    col: raw.col,
    message:
      raw.character === '&'
        ? 'A raw "&" in cue text: write it as "&amp;" (the workspace does this for you).'
        : `A raw "<" in cue text${raw.detail ? ` (${raw.detail})` : ''}: write it as "&lt;" (the workspace does this for you).`,
    cueId: cue.id || undefined,
  };
}

/** A cue block read: the cue (null when the block is no cue) and the raw `&`/`<` in its text. */
interface CueBlockResult {
  readonly cue: ParsedCue | null;
  readonly rawMarkup: readonly RawMarkupCharacter[];
}

let defaultLayout: CueLayout | undefined;

/** The layout of a cue without settings, as the library gives it. */
function layoutWithoutSettings(): CueLayout {
  defaultLayout ??= toLayout(parseWithLibrary('WEBVTT\n\n00:00.000 --> 00:01.000\n').cues[0]!);
  return defaultLayout;
}

/** A cue as read, with the plain text and voice its segments give (no speaker resolved yet). */
function cueFrom(read: Omit<ParsedCue, 'text' | 'voice' | 'speakerId'>): ParsedCue {
  return {
    ...read,
    text: plainText(read.segments),
    voice: firstVoice(read.segments),
    speakerId: null,
  };
}

/**
 * One cue block. The common cue (a canonical timing line, plain or voice-only text) is read
 * directly (vtt-fast-path.ts gives exactly what the library would); anything else by the library.
 */
function parseCueBlock(
  block: ScannedBlock,
  mode: 'subtitles' | 'chapters',
  file: string,
  findings: Finding[],
  libraryOnly: boolean,
): CueBlockResult {
  // splitCueBlock leaves at most one line (the id) above the timing line.
  const timingIndex = block.lines.findIndex((line) => line.includes(ARROW));
  const textLineCount = block.lines.length - timingIndex - 1;
  const rawText =
    textLineCount === 1
      ? block.lines[timingIndex + 1]!
      : block.lines.slice(timingIndex + 1).join('\n');
  const timing = libraryOnly ? null : fastTiming(block.lines[timingIndex]!);
  const segments = timing && fastSegments(rawText, mode, timing);
  if (!timing || !segments) {
    return parseCueBlockWithLibrary(block, timingIndex, rawText, mode, file, findings);
  }
  const cue = cueFrom({
    id: timingIndex === 1 ? block.lines[0]! : '',
    startTime: timing.startTime,
    endTime: timing.endTime,
    settings: '',
    rawText,
    segments,
    line: block.line,
    timingLine: block.line + timingIndex,
    layout: layoutWithoutSettings(),
  });
  return { cue, rawMarkup: [] };
}

function parseCueBlockWithLibrary(
  block: ScannedBlock,
  timingIndex: number,
  rawText: string,
  mode: 'subtitles' | 'chapters',
  file: string,
  findings: Finding[],
): CueBlockResult {
  const syntaxError = (message: string, line: number, col: number, cueId?: string): void => {
    findings.push(cueSyntaxFinding(file, line, col, message, cueId));
  };
  const textStartIndex = timingIndex + 1;
  const hasText = textStartIndex < block.lines.length;
  // The library decodes some numeric references wrongly; hand it equivalent ones (vtt-library.ts).
  const rewritten = rewriteNumericReferences(rawText);
  // The library builds its tree recursively: tags nested too deep never reach it.
  const tags = scanCueTags(rewritten.text);
  const libraryText =
    tags.tooDeep.length > 0 ? neutraliseTags(rewritten.text, tags.tooDeep) : rewritten.text;
  const libraryLines = block.lines.slice(0, textStartIndex);
  libraryLines[timingIndex] = withoutRegionSetting(block.lines[timingIndex]!);
  if (hasText) libraryLines.push(libraryText);
  // Parsed as a file of its own: "WEBVTT", an empty line, then the block. So the library's
  // line L is the block's line L - 2 (1-based), and its cue-text errors sit on line
  // (block length + 3), i.e. after the text, with the column counted through the joined text.
  const HEADER_LINES = 2;
  const result = parseWithLibrary('WEBVTT\n\n' + libraryLines.join('\n'), mode);
  const libraryCue: LibraryCue | undefined = result.cues[0];
  const cueId = libraryCue?.id || undefined;
  const rawMarkup = findRawMarkupCharacters(rawText);
  const positionInText = textPositions(rawText);
  const textPosition = (offset: number): { line: number; col: number } => {
    const at = positionInText(rewritten.toOriginal(offset));
    return { line: block.line + textStartIndex + at.line, col: at.col };
  };
  if (tags.tooDeep.length > 0) {
    const at = textPosition(tags.tooDeep[0]!.start);
    syntaxError(
      `Tags are nested more than ${MAX_TAG_DEPTH} deep from here: ${formatCount(tags.tooDeep.length)} start tag${tags.tooDeep.length === 1 ? ' is' : 's are'} ignored. Close tags before opening new ones.`,
      at.line,
      at.col,
      cueId,
    );
  }
  // A raw `&` or `<` garbles the library's view of the rest of the cue; it is reported on its
  // own (raw-ampersand / raw-less-than), and the library's follow-on errors would only confuse.
  // So would errors about a text the depth guard changed.
  const skipTextErrors = rawMarkup.length > 0 || tags.tooDeep.length > 0;
  // The tags the library closes at the end, innermost first, as it reports them.
  const unclosed = tags.open.filter((element) => element.name !== 'v').reverse();

  for (const error of result.errors) {
    const blockIndex = error.line - 1 - HEADER_LINES;
    const isTextError = libraryCue && blockIndex >= block.lines.length;
    if (isTextError) {
      if (skipTextErrors || error.message === 'Incorrect escape.') continue;
      const located = locateTextError(
        error.message,
        rewritten.text,
        (error.col ?? 1) - 1,
        unclosed,
      );
      const at = textPosition(located.offset);
      syntaxError(located.message, at.line, at.col, cueId);
    } else {
      const line = Math.max(0, Math.min(blockIndex, block.lines.length - 1));
      syntaxError(
        describeLibraryError(error.message),
        block.line + line,
        error.message === END_BEFORE_START && line === timingIndex
          ? endTimestampColumn(block.lines[line]!)
          : (error.col ?? 1),
        cueId,
      );
    }
  }
  if (!libraryCue) return { cue: null, rawMarkup: [] };

  const timingLine = block.line + timingIndex;
  if (!(libraryCue.startTime < MAX_TIME && libraryCue.endTime < MAX_TIME)) {
    const timingText = block.lines[timingIndex]!;
    syntaxError(
      `This timestamp is ${formatCount(MAX_TIME / 3600)} hours or later: no media runs that long, and it could not be written back exactly, so the cue is ignored. Correct the hours.`,
      timingLine,
      libraryCue.startTime < MAX_TIME
        ? endTimestampColumn(timingText)
        : timingText.search(/[^ \t\f]/) + 1 || 1,
      cueId,
    );
    return { cue: null, rawMarkup: [] };
  }

  const cue = cueFrom({
    id: libraryCue.id,
    startTime: libraryCue.startTime,
    endTime: libraryCue.endTime,
    settings: settingsAsWritten(block.lines[timingIndex] ?? ''),
    rawText,
    segments: librarySegments(libraryCue.tree?.children ?? []),
    line: block.line,
    timingLine,
    layout: toLayout(libraryCue),
  });
  return { cue, rawMarkup };
}

const END_BEFORE_START = 'End timestamp is not greater than start timestamp.';

/** 1-based column of the end timestamp (the library reports its error after it). */
function endTimestampColumn(timingLine: string): number {
  const afterArrow = timingLine.indexOf(ARROW) + ARROW.length;
  return afterArrow + (/^[ \t\f]*/.exec(timingLine.slice(afterArrow))?.[0].length ?? 0) + 1;
}

/**
 * The timing line with any `region:` setting blanked out (same length, so columns stay true).
 * Regions are valid WebVTT that webvtt-parser does not know: it would call the setting invalid.
 * The setting itself stays in `settings` as written.
 */
function withoutRegionSetting(timingLine: string): string {
  const arrow = timingLine.indexOf(ARROW);
  return (
    timingLine.slice(0, arrow) +
    timingLine
      .slice(arrow)
      .replace(/(?<=[ \t\f])region:[^ \t\f]*/g, (setting) => ' '.repeat(setting.length))
  );
}

/** Offset in a joined cue text → 0-based line and 1-based column (line starts found once). */
function textPositions(text: string): (offset: number) => { line: number; col: number } {
  let starts: number[] | undefined;
  return (offset) => {
    starts ??= lineStarts(text);
    const at = positionAt(starts, Math.max(0, Math.min(offset, text.length)));
    return { line: at.line - 1, col: at.col };
  };
}

/**
 * Where a cue-text error really is, and what to say. The library reports every tag error just
 * after the tag (its tokenizer has moved on) and a missing end tag at the end of the text; the
 * cause is the tag itself, so point at its `<`. `unclosed` are the tags the library closes at the
 * end, innermost first, in the order of its "Required end tag missing." errors (consumed here).
 */
function locateTextError(
  message: string,
  text: string,
  libraryOffset: number,
  unclosed: TagElement[],
): { offset: number; message: string } {
  if (message === 'Required end tag missing.') {
    const tag = unclosed.shift();
    if (!tag) return { offset: libraryOffset, message };
    return {
      offset: tag.offset,
      message: `"<${tag.name}>" is never closed: add "</${tag.name}>" where it should end.`,
    };
  }
  const at = text.lastIndexOf('<', libraryOffset - 1);
  if (at === -1) return { offset: libraryOffset, message: describeLibraryError(message) };
  const close = text.indexOf('>', at);
  const tag = shorten(text.slice(at, close === -1 ? text.length : close + 1));
  const name = /^<\/?([^\s.>/]*)/.exec(tag)?.[1] ?? '';
  switch (message) {
    case 'Incorrect end tag.':
      return {
        offset: at,
        message: `"${tag}" closes no open tag: remove it or open the tag first.`,
      };
    case 'Incorrect start tag.':
      return {
        offset: at,
        message:
          name === 'rt'
            ? '"<rt>" is only allowed inside "<ruby>".'
            : `"${tag}" is not a WebVTT tag: write "<" as "&lt;".`,
      };
    case '<v> requires an annotation.':
      return { offset: at, message: 'A voice span needs a name: write it as "<v Joy>".' };
    default:
      return { offset: at, message: describeLibraryError(message) };
  }
}

/**
 * The settings part of a timing line as written: everything after the end timestamp. This keeps
 * the author's text for round trips; the values themselves come from the library (`layout`).
 */
function settingsAsWritten(timingLine: string): string {
  const afterArrow = timingLine.slice(timingLine.indexOf(ARROW) + ARROW.length);
  const match = /^[ \t\f]*\S+([ \t\f]+(.*))?$/.exec(afterArrow);
  return match?.[2]?.trim() ?? '';
}

/**
 * The library's cue settings, named and valued as on the DOM's VTTCue. HTML's rules for parsing
 * floating-point numbers never give -0 (`line:-0` is line 0), where the library's parseFloat does.
 */
function toLayout(cue: LibraryCue): CueLayout {
  const noNegativeZero = <T>(value: T): T => (value === 0 ? (0 as T) : value);
  return {
    vertical: cue.direction === 'horizontal' ? '' : cue.direction,
    line: noNegativeZero(cue.linePosition),
    lineAlign: cue.lineAlign,
    snapToLines: cue.snapToLines,
    position: noNegativeZero(cue.textPosition),
    positionAlign: cue.positionAlign,
    size: noNegativeZero(cue.size),
    align: cue.alignment,
  };
}

/**
 * Cue text alone (no timings) as segments, read as a cue's text is: numeric references the
 * library would misread rewritten, and tags nested past MAX_TAG_DEPTH left out (text a
 * translator typed or pasted can nest as deep as a hostile file).
 */
export function cueTextSegments(cueText: string): CueSegment[] {
  const rewritten = rewriteNumericReferences(cueText).text;
  const tags = scanCueTags(rewritten);
  const text = tags.tooDeep.length > 0 ? neutraliseTags(rewritten, tags.tooDeep) : rewritten;
  return librarySegments(parseCueTextWithLibrary(text).children);
}

/** The text a reader sees: markup removed, ruby annotations left out, `\n` between lines. */
export function plainText(segments: readonly CueSegment[]): string {
  // The common cues, without a walk: plain text, or one voice span around plain text.
  const only = segments.length === 1 ? segments[0]! : undefined;
  if (only?.type === 'text') return only.text;
  if (only?.type === 'voice' && only.children.length <= 1) {
    const inner = only.children[0];
    if (!inner) return '';
    if (inner.type === 'text') return inner.text;
  }
  let text = '';
  walkSegments(segments, (segment) => {
    if (segment.type === 'text') text += segment.text;
    return segment.type === 'ruby-text' ? 'skip' : 'descend';
  });
  return text;
}

/** The annotation of the first voice span, depth first, or null. */
export function firstVoice(segments: readonly CueSegment[]): string | null {
  const first = segments[0];
  if (first?.type === 'voice') return first.annotation; // visited first, depth first
  return findSpan(segments, 'voice')?.annotation ?? null;
}

/** Find the speaker a voice name means: an id or a name, ignoring case (Contract 1). */
export function matchSpeaker(
  voice: string,
  speakers: readonly SpeakerRef[],
): SpeakerRef | undefined {
  return speakerIndex(speakers).match(voice);
}

/** The finding for a transcript whose first cue names no speaker (at its text, or its timing). */
export function missingSpeakerFinding(
  cue: Cue & { readonly rawText?: string },
  file: string,
): Finding {
  const hasText = (cue.rawText ?? cue.text) !== '';
  return {
    rule: 'missing-speaker',
    severity: 'error',
    file,
    line: hasText ? cue.timingLine + 1 : cue.timingLine,
    col: 1,
    message:
      'The first cue names no speaker: start it with a voice span such as "<v Joy>" (later cues without one keep the previous speaker).',
    cueId: cue.id || undefined,
  };
}

function resolveSpeakers(
  cues: readonly ParsedCue[],
  speakers: readonly SpeakerRef[],
  requireFirst: boolean,
  file: string,
  findings: Finding[],
): ParsedCue[] {
  const index = speakerIndex(speakers);
  const suggestions = new Map<string, SpeakerRef | undefined>();
  const budget = suggestionBudget();
  const cast = listSome(speakers.map((speaker) => speaker.name));
  let current: string | null = null;
  return cues.map((cue, position) => {
    if (cue.voice !== null) {
      const speaker = index.match(cue.voice);
      if (speaker) current = speaker.id;
      else {
        current = null;
        const at = voicePosition(cue);
        if (!suggestions.has(cue.voice)) {
          suggestions.set(cue.voice, closestSpeaker(cue.voice, index, budget));
        }
        const suggestion = suggestions.get(cue.voice);
        findings.push({
          rule: 'unknown-speaker',
          severity: 'error',
          file,
          line: at.line,
          col: at.col,
          message: `"${shorten(cue.voice)}" is not a speaker of this episode${
            suggestion ? `: did you mean "${shorten(suggestion.name)}"?` : '.'
          } Use the id or name of a speaker from episode.json (${cast}).`,
          cueId: cue.id || undefined,
        });
      }
    } else if (position === 0 && requireFirst) {
      findings.push(missingSpeakerFinding(cue, file));
    }
    return current === cue.speakerId ? cue : { ...cue, speakerId: current };
  });
}

/** Where the voice name of a cue's first `<v …>` is written (for findings). */
function voicePosition(cue: ParsedCue): { line: number; col: number } {
  const lines = cue.rawText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // `<` ends a class run: a line of `<v.<v.<v.` is read in one pass.
    const match = /<v(\.[^\s<>]*)?[ \t]+/.exec(lines[i]!);
    if (match) return { line: cue.timingLine + 1 + i, col: match.index + match[0].length + 1 };
  }
  return { line: cue.timingLine + 1, col: 1 };
}

function checkIds(cues: readonly ParsedCue[], file: string, findings: Finding[]): void {
  const firstLineOf = new Map<string, number>();
  for (const cue of cues) {
    if (cue.id === '') {
      findings.push({
        rule: 'missing-id',
        severity: 'error',
        file,
        line: cue.timingLine,
        col: 1,
        message:
          'This cue has no id: add a unique id on the line above its timing (ids align translations with the source).',
      });
      continue;
    }
    const first = firstLineOf.get(cue.id);
    if (first !== undefined) {
      findings.push({
        rule: 'duplicate-id',
        severity: 'error',
        file,
        line: cue.line,
        col: 1,
        message: `The id "${shorten(cue.id)}" is already used on line ${first}: every cue needs its own id.`,
        cueId: cue.id,
      });
    } else firstLineOf.set(cue.id, cue.line);
  }
}

const LIBRARY_MESSAGES: Record<string, string> = {
  'No valid signature. (File needs to start with "WEBVTT".)':
    'The file must start with the line "WEBVTT".',
  'No blank line after the signature.': 'Put an empty line after the "WEBVTT" header.',
  'Cue identifier cannot be standalone.':
    'A cue id stands alone: follow it with a timing line such as "00:00:01.000 --> 00:00:02.500".',
  'Cue identifier needs to be followed by timestamp.':
    'A cue id must be followed by its timing line ("00:00:01.000 --> 00:00:02.500").',
  'End timestamp is not greater than start timestamp.':
    'The cue ends before it starts: the end time must be later than the start time.',
};

/** The library's message, made to say what to do where it does not already. */
function describeLibraryError(message: string): string {
  return LIBRARY_MESSAGES[message] ?? message;
}
