/**
 * WebVTT file → our model, remembering what was written.
 *
 * webvtt-parser parses timings, settings and cue text. It sorts cues and drops NOTE blocks, and
 * its cue-text error positions are off (line one too high, column counted through the joined
 * text). So a small block scanner splits the file into blocks first and records their lines; each
 * block is then parsed by the library on its own, and the library's positions are mapped back to
 * the real line and column.
 */
import type {
  Cue,
  CueSegment,
  Finding,
  SpanKind,
  SpeakerRef,
  VerbatimBlock,
  VttBlock,
  VttDocument,
} from './cue-model.ts';
import { findRawMarkupCharacters } from './raw-markup.ts';
import {
  parseCueTextWithLibrary,
  parseWithLibrary,
  rewriteNumericReferences,
  type LibraryCue,
  type LibraryTreeNode,
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
  const lines = withoutBom.replace(/\0/g, '\uFFFD').split(NEWLINE);
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
  if (/^(NOTE|STYLE)($|[ \t])/.test(lines[0] ?? '')) {
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
  into.push({ line: firstLine + start, lines: lines.slice(start), missingBlankLine });
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
  // The header alone, as a file: the library checks the signature and header lines.
  for (const error of parseWithLibrary(header.lines.join('\n'), mode).errors) {
    syntaxError(describeLibraryError(error.message), error.line, error.col ?? 1);
  }

  const blocks: VttBlock[] = [];
  const cues: ParsedCue[] = [];
  let previousStart = 0;
  for (const block of scanned) {
    if (block.missingBlankLine) {
      syntaxError(
        'A blank line is missing before this cue: put an empty line between cues.',
        block.line,
        1,
      );
    }
    if (block.strayLines) {
      blocks.push(verbatim('invalid', block));
      syntaxError(
        block.lines.length === 2
          ? 'Two lines stand above the timing line, but only one (the cue id) may: these lines are ignored and the cue below gets no id. Remove the extra line, or put a blank line after it.'
          : 'These lines stand above a timing line, but only one line (the cue id) may: they are ignored and the cue below gets no id. Remove them, or end them with a blank line.',
        block.line,
        1,
      );
      continue;
    }
    const first = block.lines[0] ?? '';
    if (/^NOTE($|[ \t])/.test(first)) {
      blocks.push(verbatim('note', block));
      block.lines.forEach((line, i) => {
        if (i > 0 && line.includes(ARROW)) {
          syntaxError(
            'A NOTE block cannot hold "-->": end the note with a blank line before the next cue.',
            block.line + i,
            line.indexOf(ARROW) + 1,
          );
        }
      });
      continue;
    }
    if (/^STYLE($|[ \t])/.test(first)) {
      blocks.push(verbatim('style', block));
      if (cues.length > 0) {
        syntaxError(
          'A STYLE block cannot come after the first cue: move it above the cues.',
          block.line,
          1,
        );
      }
      continue;
    }
    if (/^REGION($|[ \t])/.test(first) && !block.lines.some((line) => line.includes(ARROW))) {
      // Regions are valid WebVTT the library does not know; keep them verbatim, never crash.
      blocks.push(verbatim('region', block));
      if (cues.length > 0) {
        syntaxError(
          'A REGION block cannot come after the first cue: move it above the cues.',
          block.line,
          1,
        );
      }
      continue;
    }

    if (!block.lines.some((line) => line.includes(ARROW))) {
      // The library reports such a block line by line ("needs to be followed by timestamp",
      // "cannot be standalone"): one finding says it better.
      blocks.push(verbatim('invalid', block));
      syntaxError(
        'This block has no timing line, so it is ignored: a cue needs one such as "00:00:01.000 --> 00:00:02.500" right under its id (a comment starts with "NOTE").',
        block.line,
        1,
      );
      continue;
    }

    const parsed = parseCueBlock(block, mode, previousStart, syntaxError);
    if (!parsed) {
      blocks.push(verbatim('invalid', block));
      continue;
    }
    previousStart = parsed.startTime;
    cues.push(parsed);
    blocks.push({ type: 'cue', cue: parsed });
  }

  const withSpeakers = options.speakers
    ? resolveSpeakers(cues, options.speakers, options.kind !== 'chapters', file, findings)
    : cues;
  // Blocks hold the same objects as `cues`; after speaker resolution swap in the new ones.
  const byOld = new Map<ParsedCue, ParsedCue>();
  cues.forEach((cue, i) => byOld.set(cue, withSpeakers[i]!));
  const finalBlocks = blocks.map((block) =>
    block.type === 'cue'
      ? { type: 'cue' as const, cue: byOld.get(block.cue as ParsedCue)! }
      : block,
  );

  checkIds(withSpeakers, file, findings);
  for (const cue of withSpeakers) {
    for (const raw of findRawMarkupCharacters(cue.rawText)) {
      findings.push({
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
      });
    }
  }

  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  return {
    document: { header: header.lines.join('\n'), blocks: finalBlocks, cues: withSpeakers },
    findings,
  };
}

function verbatim(type: VerbatimBlock['type'], block: ScannedBlock): VerbatimBlock {
  return { type, text: block.lines.join('\n'), line: block.line };
}

function parseCueBlock(
  block: ScannedBlock,
  mode: 'subtitles' | 'chapters',
  previousStart: number,
  syntaxError: (message: string, line: number, col: number, cueId?: string) => void,
): ParsedCue | null {
  const timingIndex = block.lines.findIndex((line) => line.includes(ARROW));
  const textStartIndex = timingIndex + 1;
  const textLines = timingIndex >= 0 ? block.lines.slice(textStartIndex) : [];
  const rawText = textLines.join('\n');
  // The library decodes some numeric references wrongly; hand it equivalent ones (vtt-library.ts).
  const rewritten = rewriteNumericReferences(rawText);
  const libraryLines = block.lines.map((line, i) =>
    i === timingIndex ? withoutRegionSetting(line) : line,
  );
  if (timingIndex >= 0 && textLines.length > 0) {
    libraryLines.splice(textStartIndex, textLines.length, rewritten.text);
  }
  // Parsed as a file of its own: "WEBVTT", an empty line, then the block. So the library's
  // line L is the block's line L - 2 (1-based), and its cue-text errors sit on line
  // (block length + 3), i.e. after the text, with the column counted through the joined text.
  const HEADER_LINES = 2;
  const result = parseWithLibrary('WEBVTT\n\n' + libraryLines.join('\n'), mode);
  const libraryCue: LibraryCue | undefined = result.cues[0];
  const cueId = libraryCue?.id || undefined;
  // A raw `&` or `<` garbles the library's view of the rest of the cue; it is reported on its
  // own (raw-ampersand / raw-less-than), and the library's follow-on errors would only confuse.
  const hasRawCharacters = findRawMarkupCharacters(rawText).length > 0;
  // Only worked out when the library reports a missing end tag (it re-parses prefixes).
  let unclosed: UnclosedTag[] | undefined;

  for (const error of result.errors) {
    const blockIndex = error.line - 1 - HEADER_LINES;
    const isTextError = libraryCue && timingIndex >= 0 && blockIndex >= block.lines.length;
    if (isTextError) {
      if (hasRawCharacters || error.message === 'Incorrect escape.') continue;
      if (error.message === 'Required end tag missing.') {
        unclosed ??= unclosedTags(rewritten.text, libraryCue, mode);
      }
      const located = locateTextError(
        error.message,
        rewritten.text,
        (error.col ?? 1) - 1,
        unclosed ?? [],
      );
      const at = positionInText(rawText, rewritten.toOriginal(located.offset));
      syntaxError(located.message, block.line + textStartIndex + at.line, at.col, cueId);
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
  if (!libraryCue) return null;

  const timingLine = block.line + timingIndex;
  if (libraryCue.startTime < previousStart) {
    syntaxError(
      'This cue starts before the previous cue: cues must be in order of start time.',
      timingLine,
      1,
      cueId,
    );
  }

  const segments = toSegments(libraryCue.tree?.children ?? []);
  return {
    id: libraryCue.id,
    startTime: libraryCue.startTime,
    endTime: libraryCue.endTime,
    settings: settingsAsWritten(block.lines[timingIndex] ?? ''),
    rawText,
    text: plainText(segments),
    segments,
    voice: firstVoice(segments),
    speakerId: null,
    line: block.line,
    timingLine,
    layout: toLayout(libraryCue),
  };
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

/** Map an offset in the joined cue text to a 0-based line and 1-based column. */
function positionInText(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const line = before.split('\n').length - 1;
  const col = before.length - (before.lastIndexOf('\n') + 1) + 1;
  return { line, col };
}

/** A start tag left open at the end of a cue: its name and where its `<` is in the cue text. */
interface UnclosedTag {
  readonly name: string;
  readonly offset: number;
}

/**
 * The tags the library closed for the author at the end of the cue ("Required end tag missing."),
 * innermost first, as the library reports them; `<v>` may stay open and is left out.
 *
 * The library's tree does not say which elements were closed, but the open ones are the first
 * elements on the path of last children from the root (an open element's ancestors are open), and
 * it reports one error per open non-`v` element. Elements are created in tree pre-order, so the
 * k-th element comes from the shortest prefix of the text whose tree has k elements.
 */
function unclosedTags(
  text: string,
  cue: LibraryCue,
  mode: 'subtitles' | 'chapters',
): UnclosedTag[] {
  const path: Array<{ name: string; order: number }> = [];
  let order = 0;
  const countBefore = new Map<LibraryTreeNode, number>();
  const number = (nodes: readonly LibraryTreeNode[]): void => {
    for (const node of nodes) {
      if (node.type !== 'object') continue;
      countBefore.set(node, order++);
      number(node.children as LibraryTreeNode[]);
    }
  };
  const children = (cue.tree?.children ?? []) as LibraryTreeNode[];
  number(children);
  let last = children[children.length - 1];
  while (last?.type === 'object') {
    path.push({ name: last.name, order: countBefore.get(last)! });
    const inner = last.children as LibraryTreeNode[];
    last = inner[inner.length - 1];
  }
  if (path.length === 0) return [];

  const elementsIn = (prefix: string): number => {
    let count = 0;
    const walk = (nodes: readonly LibraryTreeNode[]): void => {
      for (const node of nodes) {
        if (node.type !== 'object') continue;
        count++;
        walk(node.children as LibraryTreeNode[]);
      }
    };
    walk(parseCueTextWithLibrary(prefix, mode).children as LibraryTreeNode[]);
    return count;
  };
  const offsetOf = (order: number): number => {
    for (let at = text.indexOf('<'); at !== -1; at = text.indexOf('<', at + 1)) {
      const close = text.indexOf('>', at);
      if (elementsIn(text.slice(0, close === -1 ? text.length : close + 1)) > order) return at;
    }
    return text.length;
  };
  return path
    .filter((element) => element.name !== 'v')
    .reverse()
    .map((element) => ({ name: element.name, offset: offsetOf(element.order) }));
}

/**
 * Where a cue-text error really is, and what to say. The library reports every tag error just
 * after the tag (its tokenizer has moved on) and a missing end tag at the end of the text; the
 * cause is the tag itself, so point at its `<`.
 */
function locateTextError(
  message: string,
  text: string,
  libraryOffset: number,
  unclosed: UnclosedTag[],
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
  const tag = /^<[^>]*>?/.exec(text.slice(at))?.[0] ?? '<';
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

const SPAN_KINDS: Record<string, SpanKind> = {
  v: 'voice',
  lang: 'lang',
  c: 'class',
  i: 'italic',
  b: 'bold',
  u: 'underline',
  ruby: 'ruby',
  rt: 'ruby-text',
};

/** webvtt-parser's tree → our segments. The only place that sees the library's tree. */
function toSegments(nodes: readonly LibraryTreeNode[]): CueSegment[] {
  const segments: CueSegment[] = [];
  for (const node of nodes) {
    if (node.type === 'text') {
      const last = segments[segments.length - 1];
      // The library can split one run of text into several nodes; join them.
      if (last?.type === 'text')
        segments[segments.length - 1] = { type: 'text', text: last.text + node.value };
      else if (node.value !== '') segments.push({ type: 'text', text: node.value });
    } else if (node.type === 'timestamp') {
      segments.push({ type: 'timestamp', time: node.value });
    } else {
      const kind = SPAN_KINDS[node.name];
      if (!kind) continue;
      segments.push({
        type: kind,
        classes: [...(node.classes ?? [])],
        annotation: node.name === 'v' || node.name === 'lang' ? (node.value ?? '') : '',
        children: toSegments(node.children as LibraryTreeNode[]),
      });
    }
  }
  return segments;
}

/** The text a reader sees: markup removed, ruby annotations left out, `\n` between lines. */
export function plainText(segments: readonly CueSegment[]): string {
  let text = '';
  for (const segment of segments) {
    if (segment.type === 'text') text += segment.text;
    else if (segment.type !== 'timestamp' && segment.type !== 'ruby-text') {
      text += plainText(segment.children);
    }
  }
  return text;
}

/** The annotation of the first voice span, depth first, or null. */
export function firstVoice(segments: readonly CueSegment[]): string | null {
  for (const segment of segments) {
    if (segment.type === 'text' || segment.type === 'timestamp') continue;
    if (segment.type === 'voice') return segment.annotation;
    const inner = firstVoice(segment.children);
    if (inner !== null) return inner;
  }
  return null;
}

/** Find the speaker a voice name means: an id or a name, ignoring case (Contract 1). */
export function matchSpeaker(
  voice: string,
  speakers: readonly SpeakerRef[],
): SpeakerRef | undefined {
  const wanted = voice.trim().toLowerCase();
  return (
    speakers.find((speaker) => speaker.id.toLowerCase() === wanted) ??
    speakers.find((speaker) => speaker.name.toLowerCase() === wanted)
  );
}

function resolveSpeakers(
  cues: readonly ParsedCue[],
  speakers: readonly SpeakerRef[],
  requireFirst: boolean,
  file: string,
  findings: Finding[],
): ParsedCue[] {
  let current: string | null = null;
  return cues.map((cue, index) => {
    if (cue.voice !== null) {
      const speaker = matchSpeaker(cue.voice, speakers);
      if (speaker) current = speaker.id;
      else {
        current = null;
        const at = voicePosition(cue);
        const suggestion = closestSpeaker(cue.voice, speakers);
        findings.push({
          rule: 'unknown-speaker',
          severity: 'error',
          file,
          line: at.line,
          col: at.col,
          message: `"${cue.voice}" is not a speaker of this episode${
            suggestion ? `: did you mean "${suggestion.name}"?` : '.'
          } Use the id or name of a speaker from episode.json (${speakers
            .map((speaker) => speaker.name)
            .join(', ')}).`,
          cueId: cue.id || undefined,
        });
      }
    } else if (index === 0 && requireFirst) {
      findings.push({
        rule: 'missing-speaker',
        severity: 'error',
        file,
        line: cue.timingLine + 1,
        col: 1,
        message:
          'The first cue names no speaker: start it with a voice span such as "<v Joy>" (later cues without one keep the previous speaker).',
        cueId: cue.id || undefined,
      });
    }
    return current === cue.speakerId ? cue : { ...cue, speakerId: current };
  });
}

/** Where the voice name of a cue's first `<v …>` is written (for findings). */
function voicePosition(cue: ParsedCue): { line: number; col: number } {
  const lines = cue.rawText.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /<v(\.[^\s>]*)?[ \t]+/.exec(lines[i]!);
    if (match) return { line: cue.timingLine + 1 + i, col: match.index + match[0].length + 1 };
  }
  return { line: cue.timingLine + 1, col: 1 };
}

function closestSpeaker(voice: string, speakers: readonly SpeakerRef[]): SpeakerRef | undefined {
  let best: SpeakerRef | undefined;
  let bestDistance = Infinity;
  for (const speaker of speakers) {
    for (const candidate of [speaker.id, speaker.name]) {
      const distance = editDistance(voice.toLowerCase(), candidate.toLowerCase());
      if (distance < bestDistance) {
        bestDistance = distance;
        best = speaker;
      }
    }
  }
  // About one edit per three letters: "Jo" → "Joy", but not "Bob" → "Joy".
  return bestDistance <= Math.max(1, Math.ceil(voice.length / 3)) ? best : undefined;
}

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  // Optimal string alignment: insertions, deletions, substitutions, and swaps of two neighbours
  // ("Jyo" for "Joy" is one slip of the fingers, not two).
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = best;
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
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
        message: `The id "${cue.id}" is already used on line ${first}: every cue needs its own id.`,
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
