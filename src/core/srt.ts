/**
 * SubRip (.srt) import and export, for translators who arrive with files from Subtitle Edit or
 * Aegisub, or who want to take a transcript there.
 *
 * SRT has no specification and no escaping; real files vary. Import is tolerant (byte order
 * mark, CRLF, missing or extra blank lines, `,` or `.` before the milliseconds, `<i>`/`<b>`/`<u>`
 * kept, `<font>` and `{\an8}`-style ASS overrides dropped, though an override's own `\i1`/`\b1`/
 * `\u1` switches are read as italics/bold/underline) and reports what it had to guess as findings
 * with line and column; it never throws. Text is taken literally: SRT has no character references.
 * SRT has no cue ids, only counters: the counter is kept (`counter`, and as the id) so the caller
 * can match cues to a WebVTT file by id or by time overlap. A cue's text never holds an empty
 * line (export could not write it): lines that show nothing, such as an override alone on its
 * line (`{\an8}`), are left out.
 *
 * SRT has no escapes either, so export marks text that import would read as markup or as a timing
 * line (`<i>`, `{\…}`, `\N`, `\h`, `-->` typed as text) with a zero-width space after its first
 * character, which import removes again: what export writes, import reads back as it was.
 */
import {
  MAX_TIME,
  type Cue,
  type CueSegment,
  type Finding,
  type SpanKind,
  type SpeakerRef,
} from './cue-model.ts';
import { MAX_TAG_DEPTH } from './cue-text-tags.ts';
import { appendAll, formatCount, shorten, summariseRepeats } from './finding-bounds.ts';
import { walkSegments } from './segment-walk.ts';
import { lineStarts, positionAt } from './text-position.ts';
import { formatTimestamp } from './vtt-serialize.ts';
import { firstVoice, matchSpeaker, plainText } from './vtt-parse.ts';

/** What SRT import can find wrong. */
export type SrtRule =
  | 'srt-timing'
  | 'srt-text-without-timing'
  | 'srt-counter'
  | 'srt-blank-line'
  | 'srt-markup'
  | 'srt-empty-cue';

/** A problem in an SRT file, shaped like a Finding (line and column 1-based). */
export interface SrtFinding extends Omit<Finding, 'rule'> {
  readonly rule: SrtRule;
}

/** A cue read from SRT: our model, plus the counter the file gave it. */
export interface SrtCue extends Cue {
  /** The number on the line above the timing line, or null when there was none. */
  readonly counter: number | null;
}

export interface SrtImportOptions {
  /** How findings name the file. */
  readonly file?: string;
  /**
   * The episode's cast. When given, a leading `Name: ` that names a speaker (id or name, ignoring
   * case) becomes a voice span, as `toSrt` with `speakerPrefix` writes it.
   */
  readonly speakers?: readonly SpeakerRef[];
}

export interface SrtImportResult {
  readonly cues: readonly SrtCue[];
  readonly findings: readonly SrtFinding[];
}

const NEWLINE = /\r\n|\r|\n/;
const TIMESTAMP = /^(?:(\d+):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?$/;
/** `00:00:01,000 --> 00:00:04,000`, optionally followed by SubRip's `X1:… Y2:…` coordinates. */
const TIMING_LINE = /^\s*(\S+)\s*-->\s*(\S+)(?:\s.*)?$/;
const COUNTER_LINE = /^\s*(\d+)\s*$/;

/**
 * Seconds for an SRT timestamp; `,5` means half a second, as it does to every SRT reader. May be
 * MAX_TIME or more (even Infinity) for absurd hours: the caller reports those.
 */
function parseSrtTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text);
  if (!match) return null;
  const [, hours, minutes, seconds, fraction] = match;
  if (Number(minutes) > 59 || Number(seconds) > 59) return null;
  const ms = fraction ? Number(fraction.padEnd(3, '0')) : 0;
  return ((Number(hours ?? 0) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000 + ms) / 1000;
}

const isBlank = (line: string | undefined): boolean => line !== undefined && line.trim() === '';
const isTiming = (line: string | undefined): boolean => {
  const match = line === undefined ? null : TIMING_LINE.exec(line);
  return !!match && parseSrtTimestamp(match[1]!) !== null && parseSrtTimestamp(match[2]!) !== null;
};

/** Read an SRT file into cues of our model, with findings for everything it had to guess. */
export function parseSrt(text: string, options: SrtImportOptions = {}): SrtImportResult {
  const file = options.file ?? '';
  const lines = (text.startsWith('\uFEFF') ? text.slice(1) : text).split(NEWLINE);
  const findings: SrtFinding[] = [];
  const report = (
    rule: SrtRule,
    severity: Finding['severity'],
    line: number,
    col: number,
    message: string,
    cueId?: string,
  ): void => {
    findings.push({ rule, severity, file, line, col, message, cueId });
  };

  /** A cue starts at `i`: a timing line, or a counter right above one. */
  const startsCue = (i: number): boolean =>
    lines[i]?.includes('-->') === true ||
    (COUNTER_LINE.test(lines[i] ?? '') && lines[i + 1]?.includes('-->') === true);

  const cues: SrtCue[] = [];
  const seenCounters = new Map<number, number>();
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    if (!startsCue(i)) {
      const start = i;
      while (i < lines.length && !isBlank(lines[i]) && !startsCue(i)) i++;
      report(
        'srt-text-without-timing',
        'error',
        start + 1,
        1,
        cues.length === 0
          ? 'Text before the first cue: an SRT cue starts with a number and a timing line ("00:00:01,000 --> 00:00:04,000"). This text is ignored.'
          : 'Text without a timing line: it is ignored. Give it a number and a timing line, or join it to the cue above.',
      );
      continue;
    }

    // Counter (optional), then the timing line.
    let counter: number | null = null;
    const firstLine = i;
    const counterMatch = COUNTER_LINE.exec(lines[i]!);
    if (counterMatch && !lines[i]!.includes('-->')) {
      counter = Number(counterMatch[1]);
      i++;
    } else {
      report(
        'srt-counter',
        'warning',
        i + 1,
        1,
        'This cue has no number above its timing line: it is read without one (no id).',
      );
    }
    const timingIndex = i;
    const timingText = lines[i]!;
    const id = counter === null ? '' : String(counter);
    if (counter !== null) {
      const earlier = seenCounters.get(counter);
      if (earlier !== undefined) {
        report(
          'srt-counter',
          'warning',
          firstLine + 1,
          1,
          `Cue number ${counter} is already used on line ${earlier}: ids made from numbers must be unique.`,
          id,
        );
      } else seenCounters.set(counter, firstLine + 1);
    }
    i++;

    // Text: up to a blank line, or (missing blank line) up to the next cue's start.
    const textLines: string[] = [];
    const textLineNumbers: number[] = [];
    const takeText = (): void => {
      while (i < lines.length && !isBlank(lines[i])) {
        if (isTiming(lines[i]) || (COUNTER_LINE.test(lines[i]!) && isTiming(lines[i + 1]))) {
          report(
            'srt-blank-line',
            'warning',
            i + 1,
            1,
            'A blank line is missing before this cue: it is read as a new cue.',
          );
          return;
        }
        textLines.push(lines[i]!);
        textLineNumbers.push(i + 1);
        i++;
      }
    };
    takeText();
    // Extra blank lines inside a cue's text: text that follows and starts no cue belongs here.
    for (;;) {
      let next = i;
      while (next < lines.length && isBlank(lines[next])) next++;
      if (next === i || next >= lines.length || startsCue(next)) break;
      report(
        'srt-blank-line',
        'warning',
        i + 1,
        1,
        'A blank line inside the text of a cue: the text after it is kept with this cue.',
        id || undefined,
      );
      i = next;
      takeText();
    }

    const timing = readTiming(timingText);
    if (!timing.ok) {
      report('srt-timing', 'error', timingIndex + 1, timing.col, timing.message, id || undefined);
      continue;
    }
    if (timing.endTime <= timing.startTime) {
      report(
        'srt-timing',
        'error',
        timingIndex + 1,
        timing.endCol,
        'The cue ends before it starts: the end time must be later than the start time.',
        id || undefined,
      );
    }
    const cueText = textLines.join('\n');
    const { segments, problems } = readSrtText(cueText);
    const starts = problems.length > 0 ? lineStarts(cueText) : [];
    const markupFindings = problems.map((problem): SrtFinding => {
      const at = positionAt(starts, problem.offset);
      return {
        rule: 'srt-markup',
        severity: 'warning',
        file,
        line: textLineNumbers[at.line - 1]!,
        col: at.col,
        message: problem.message,
        cueId: id || undefined,
      };
    });
    appendAll(findings, summariseRepeats(markupFindings));
    if (textLines.length === 0) {
      report(
        'srt-empty-cue',
        'warning',
        timingIndex + 1,
        1,
        'This cue has no text.',
        id || undefined,
      );
    }
    cues.push({
      id,
      counter,
      startTime: timing.startTime,
      endTime: timing.endTime,
      settings: '',
      text: plainText(segments),
      segments,
      voice: null,
      speakerId: null,
      line: firstLine + 1,
      timingLine: timingIndex + 1,
    });
  }

  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  return { cues: options.speakers ? withSpeakers(cues, options.speakers) : cues, findings };
}

type TimingResult =
  | { ok: true; startTime: number; endTime: number; endCol: number }
  | { ok: false; col: number; message: string };

function readTiming(line: string): TimingResult {
  const arrow = line.indexOf('-->');
  const left = line.slice(0, arrow);
  const right = line.slice(arrow + 3);
  const startText = left.trim();
  const startCol = left.length - left.trimStart().length + 1;
  const endCol = arrow + 3 + (right.length - right.trimStart().length) + 1;
  const endText = right.trim().split(/\s+/)[0] ?? '';
  const startTime = parseSrtTimestamp(startText);
  if (startTime === null || startTime >= MAX_TIME) {
    return { ok: false, col: startCol, message: notATime(startText, startTime, '00:00:01,000') };
  }
  const endTime = parseSrtTimestamp(endText);
  if (endTime === null || endTime >= MAX_TIME) {
    return { ok: false, col: endCol, message: notATime(endText, endTime, '00:00:04,000') };
  }
  return { ok: true, startTime, endTime, endCol };
}

function notATime(written: string, value: number | null, example: string): string {
  return value === null
    ? `"${shorten(written)}" is not a time: write it as "${example}" (hours:minutes:seconds,milliseconds). This cue is ignored.`
    : `"${shorten(written)}" is ${formatCount(MAX_TIME / 3600)} hours or later: no media runs that long. Correct the hours; this cue is ignored.`;
}

/** SRT markup we keep, by tag name. `<font>` is dropped (colours and faces are no transcript). */
const KEPT_TAGS: Record<string, SpanKind> = { i: 'italic', b: 'bold', u: 'underline' };

/**
 * One pass over the text: ASS override blocks (`{\an8}`, `{\i1}`), Aegisub's `\N` and `\h`, and
 * the HTML-like tags SRT editors write. Anything else is text, `<` and `&` included. A block or
 * tag cannot hold its own opening character, so a failed match stops at the next `{` or `<`:
 * `<i <i <i …` is read in one pass, not one pass per `<`.
 */
const SRT_MARKUP = /\{\\[^{}]*\}|\\[Nh]|<\s*(\/?)\s*([iIbBuU]|[fF][oO][nN][tT])\b[^<>]*>/g;

/**
 * Where export puts a zero-width space so import reads text as text: after the first character
 * of a would-be tag, override, `\N`/`\h` or `-->` (zero-width spaces already there count, so the
 * mark is always exactly one more).
 */
const NEEDS_MARK =
  /<(?=\u200B*\s*\/?\s*(?:[iIbBuU]|[fF][oO][nN][tT])\b)|\{(?=\u200B*\\)|\\(?=\u200B*[Nh])|-(?=\u200B*>)(?<=--)/g;
/** The mark export added, for import to take out. */
const MARK =
  /(?<=<)\u200B(?=\u200B*\s*\/?\s*(?:[iIbBuU]|[fF][oO][nN][tT])\b)|(?<=\{)\u200B(?=\u200B*\\)|(?<=\\)\u200B(?=\u200B*[Nh])|(?<=--)\u200B(?=\u200B*>)/g;

/** Text marked so SRT import reads it as text (see NEEDS_MARK). */
function markForSrt(text: string): string {
  return text.replace(NEEDS_MARK, (char) => char + '\u200B');
}

/** Text with export's marks taken out (see MARK). */
function unmarkSrt(text: string): string {
  return text.includes('\u200B') ? text.replace(MARK, '') : text;
}

interface OpenSpan {
  readonly kind: SpanKind;
  readonly tag: string;
  readonly offset: number;
  readonly children: CueSegment[];
}

/**
 * Text added in document order, into whichever span is open, without empty lines: a line break
 * is written only after a line that shows something, whitespace at the start of a line only once
 * something follows it on that line, and a break left at the very end is taken back.
 */
class LineKeeper {
  private lineShows = false;
  /** Whitespace at the start of the current line, not yet written. */
  private leading = '';
  /** Where the last line break went, while nothing has been written after it. */
  private lastBreak: { into: CueSegment[]; index: number } | undefined;

  add(value: string, into: CueSegment[]): void {
    const pieces = value.split('\n');
    pieces.forEach((piece, i) => {
      if (i > 0) this.lineBreak(into);
      if (piece === '') return;
      if (piece.trim() === '' && !this.lineShows) {
        this.leading += piece;
        return;
      }
      append(into, this.leading + piece);
      this.leading = '';
      this.lineShows = true;
      this.lastBreak = undefined;
    });
  }

  /** Take back a line break that nothing followed. */
  finish(): void {
    if (!this.lastBreak) return;
    const { into, index } = this.lastBreak;
    const segment = into[index] as { type: 'text'; text: string };
    const text = segment.text.slice(0, -1);
    if (text === '') into.splice(index, 1);
    else into[index] = { type: 'text', text };
  }

  private lineBreak(into: CueSegment[]): void {
    this.leading = '';
    if (!this.lineShows) return; // an empty line, or the start of the text: no break
    append(into, '\n');
    this.lastBreak = { into, index: into.length - 1 };
    this.lineShows = false;
  }
}

function append(into: CueSegment[], value: string): void {
  const last = into[into.length - 1];
  if (last?.type === 'text') into[into.length - 1] = { type: 'text', text: last.text + value };
  else into.push({ type: 'text', text: value });
}

/** SRT cue text → our segments, with the markup problems found (offsets in the text). */
export function readSrtText(text: string): {
  segments: CueSegment[];
  problems: Array<{ offset: number; message: string }>;
} {
  const root: CueSegment[] = [];
  const stack: OpenSpan[] = [];
  const problems: Array<{ offset: number; message: string }> = [];
  const lines = new LineKeeper();
  let tooDeep = false;
  const current = (): CueSegment[] => stack[stack.length - 1]?.children ?? root;
  const addText = (value: string): void => {
    if (value !== '') lines.add(value, current());
  };
  const open = (kind: SpanKind, tag: string, offset: number): void => {
    if (stack.length >= MAX_TAG_DEPTH) {
      // Deeper spans add nothing a reader could see; the stack and its walks stay small.
      if (!tooDeep) {
        problems.push({
          offset,
          message: `Tags are nested more than ${MAX_TAG_DEPTH} deep from here: the deeper ones are ignored.`,
        });
      }
      tooDeep = true;
      return;
    }
    stack.push({ kind, tag, offset, children: [] });
  };
  const close = (): void => {
    const span = stack.pop()!;
    // An empty span (`<i></i>`) says nothing: leave it out.
    if (span.children.length > 0) {
      current().push({ type: span.kind, classes: [], annotation: '', children: span.children });
    }
  };

  /** Close the innermost open `name` span (and any opened inside it, which is reported). */
  const closeTag = (name: string, token: string, offset: number, reportStray: boolean): void => {
    const depth = stack.map((span) => span.tag).lastIndexOf(name);
    if (depth === -1) {
      if (reportStray && !tooDeep) {
        problems.push({
          offset,
          message: `"${shorten(token)}" closes no open tag: it is ignored.`,
        });
      }
      return;
    }
    while (stack.length > depth + 1) {
      const inner = stack[stack.length - 1]!;
      problems.push({
        offset: inner.offset,
        message: `"<${inner.tag}>" is closed by "${shorten(token)}" before its own end tag.`,
      });
      close();
    }
    close();
  };

  let copied = 0;
  for (const match of text.matchAll(SRT_MARKUP)) {
    addText(unmarkSrt(text.slice(copied, match.index)));
    copied = match.index + match[0].length;
    const token = match[0];
    if (token.startsWith('{')) {
      // Overrides are dropped, except ASS's own italic/bold/underline switches (`{\i1}…{\i0}`).
      for (const [, tag, on] of token.matchAll(/\\([ibu])([01])(?![0-9])/g)) {
        if (on === '1') open(KEPT_TAGS[tag!]!, tag!, match.index);
        else closeTag(tag!, token, match.index, false);
      }
      continue;
    }
    if (token.startsWith('\\')) {
      addText(token === '\\N' ? '\n' : '\u00a0');
      continue;
    }
    const closing = match[1] === '/';
    const name = match[2]!.toLowerCase();
    const kind = KEPT_TAGS[name];
    if (!kind) continue; // <font …> and </font>
    if (!closing) open(kind, name, match.index);
    else closeTag(name, token, match.index, true);
  }
  addText(unmarkSrt(text.slice(copied)));
  lines.finish();
  while (stack.length > 0) {
    const unclosed = stack[stack.length - 1]!;
    problems.push({
      offset: unclosed.offset,
      message: `"<${unclosed.tag}>" is never closed: it is closed at the end of the cue.`,
    });
    close();
  }
  return { segments: root, problems };
}

/**
 * A leading speaker label, `Joy: …` or styled as a whole (`<b>Joy:</b> …`, as SDH files do):
 * the name and the segments after it. Null when the cue does not start with one.
 */
function speakerLabel(
  segments: readonly CueSegment[],
): { name: string; rest: CueSegment[] } | null {
  const [first, ...others] = segments;
  if (first?.type === 'text') {
    const label = /^([^:\n]{1,40}):[ \t]+/.exec(first.text);
    if (!label) return null;
    const after = first.text.slice(label[0].length);
    return {
      name: label[1]!.trim(),
      rest: [...(after ? [{ type: 'text' as const, text: after }] : []), ...others],
    };
  }
  if (first?.type === 'bold' || first?.type === 'italic' || first?.type === 'underline') {
    const label = /^\s*([^:\n]{1,40}):\s*$/.exec(plainText([first]));
    if (!label) return null;
    const [next, ...after] = others;
    const trimmed = next?.type === 'text' ? next.text.replace(/^[ \t]+/, '') : null;
    return {
      name: label[1]!.trim(),
      rest:
        trimmed === null
          ? others
          : [...(trimmed ? [{ type: 'text' as const, text: trimmed }] : []), ...after],
    };
  }
  return null;
}

/** Turn a leading speaker label that names a speaker into a voice span; carry speakers forward. */
function withSpeakers(cues: readonly SrtCue[], speakers: readonly SpeakerRef[]): SrtCue[] {
  let current: string | null = null;
  return cues.map((cue) => {
    const label = speakerLabel(cue.segments);
    const speaker = label ? matchSpeaker(label.name, speakers) : undefined;
    if (!label || !speaker) return { ...cue, speakerId: current };
    current = speaker.id;
    const segments: CueSegment[] = [
      { type: 'voice', classes: [], annotation: label.name, children: label.rest },
    ];
    return {
      ...cue,
      segments,
      text: plainText(segments),
      voice: firstVoice(segments),
      speakerId: speaker.id,
    };
  });
}

export interface SrtExportOptions {
  /**
   * Write the speaker's name before the text (`Joy: …`), since SRT has no voice spans:
   * 'none' (default), 'every' cue that names its speaker with a voice span, or on 'change' of
   * speaker only.
   */
  readonly speakerPrefix?: 'none' | 'every' | 'change';
  /** The cast, to write a speaker's name from episode.json rather than the voice as written. */
  readonly speakers?: readonly SpeakerRef[];
  /** Line ends: CRLF (default, what Windows tools write) or LF. */
  readonly newline?: '\r\n' | '\n';
}

/** `HH:MM:SS,mmm`, rounded to the millisecond. */
export function formatSrtTimestamp(seconds: number): string {
  return formatTimestamp(seconds).replace('.', ',');
}

const SRT_TAGS: Partial<Record<SpanKind, string>> = { italic: 'i', bold: 'b', underline: 'u' };

/**
 * SRT text for segments: `<i>`, `<b>`, `<u>` kept (when they hold text), every other span reduced
 * to its text, text marked where import would read it as markup.
 */
function segmentsToSrtText(segments: readonly CueSegment[]): string {
  const parts: string[] = [];
  let written = 0;
  // For each open span: where its start tag goes in `parts`, and how much was written before it.
  const opened: Array<{ part: number; written: number }> = [];
  walkSegments(
    segments,
    (segment) => {
      if (segment.type === 'text') {
        const text = markForSrt(segment.text);
        parts.push(text);
        written += text.length;
        return 'descend';
      }
      if (segment.type === 'timestamp' || segment.type === 'ruby-text') return 'skip';
      opened.push({ part: parts.length, written });
      parts.push('');
      return 'descend';
    },
    (span) => {
      const start = opened.pop()!;
      const tag = SRT_TAGS[span.type];
      if (tag && written > start.written) {
        parts[start.part] = `<${tag}>`;
        parts.push(`</${tag}>`);
      }
    },
  );
  return parts.join('');
}

/** Write cues as SRT, numbered from 1 in the given order. Entities are written as characters. */
export function toSrt(cues: readonly Cue[], options: SrtExportOptions = {}): string {
  const newline = options.newline ?? '\r\n';
  const mode = options.speakerPrefix ?? 'none';
  let previousSpeaker: string | null = null;
  const blocks = cues.map((cue, index) => {
    let text = segmentsToSrtText(cue.segments);
    const speaker = cue.voice === null ? null : (cue.speakerId ?? cue.voice);
    const name =
      (cue.speakerId && options.speakers?.find((entry) => entry.id === cue.speakerId)?.name) ||
      cue.voice;
    if (
      speaker !== null &&
      name &&
      (mode === 'every' || (mode === 'change' && speaker !== previousSpeaker))
    ) {
      text = `${name}: ${text}`;
    }
    if (speaker !== null) previousSpeaker = speaker;
    // A blank line ends an SRT cue: never write one inside the text.
    const lines = text.split(/\r\n|\r|\n/).filter((line) => line.trim() !== '');
    return [
      String(index + 1),
      `${formatSrtTimestamp(cue.startTime)} --> ${formatSrtTimestamp(cue.endTime)}`,
      ...lines,
    ].join(newline);
  });
  return blocks.map((block) => block + newline).join(newline);
}
