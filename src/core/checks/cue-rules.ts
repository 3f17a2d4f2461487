/**
 * The per-cue rules of Contract 6: pure functions from a cue (and its neighbour or source cue)
 * to findings. The CLI runs them over whole files (cue-checks.ts); the translator workspace runs
 * them on the one row being edited.
 *
 * Tolerances: cue times are written in milliseconds, so comparisons allow for that rounding.
 */
import type { Finding, RuleId, Severity, SpeakerRef } from '../cue-model.ts';
import {
  codePointWeight,
  countsHalfWidth,
  displayLength,
  readingSpeed,
  type ReadingProfile,
} from '../reading-profile.ts';
import { appendAll, formatCount, shorten, summariseRepeats } from '../finding-bounds.ts';
import { speakerName } from '../speaker-match.ts';
import { formatTimestamp } from '../vtt-serialize.ts';
import {
  forEachDisplayedRun,
  timingColumns,
  voiceNamePosition,
  type FileLines,
  writtenLines,
  type CheckedCue,
} from './positions.ts';

/** What a rule needs besides the cue. */
export interface CueCheckContext {
  /** How findings name the file. */
  readonly file: string;
  readonly profile: ReadingProfile;
  /** The file's lines, when known: timing findings then point at the timestamp itself. */
  readonly lines?: FileLines;
}

/** Floating-point slack for times parsed from milliseconds. */
const EPSILON = 1e-6;
/** A gap written to the millisecond cannot hit 2 frames exactly (2/30 s = 66.67 ms). */
const FRAME_TOLERANCE = 0.001;
/** 5/6 s is written 0.833. */
const DURATION_TOLERANCE = 0.0005;
/** Timing drift allowed between a translated cue and its source cue. */
export const MAX_TIMING_DRIFT = 0.5;

function finding(
  rule: RuleId,
  severity: Severity,
  context: Pick<CueCheckContext, 'file'>,
  line: number,
  col: number,
  message: string,
  cueId: string,
): Finding {
  return { rule, severity, file: context.file, line, col, message, cueId: cueId || undefined };
}

const seconds = (value: number): string => `${value.toFixed(3).replace(/\.?0+$/, '')} s`;
const time = (value: number): string => formatTimestamp(value);
const cueName = (cue: CheckedCue): string =>
  cue.id ? `"${shorten(cue.id)}"` : `at ${time(cue.startTime)}`;

const twoFrames = (profile: ReadingProfile): string =>
  `2 frames (${seconds(profile.minGap)} at ${profile.frameRate} fps)`;

/** The column of a cue's end timestamp, for findings that ask to move it. */
function endColumn(context: Pick<CueCheckContext, 'lines'>, cue: CheckedCue): number {
  return timingColumns(context.lines, cue.timingLine).end;
}

function profileLabel(profile: ReadingProfile): string {
  const half = profile.halfWidthCountsHalf ? '; half-width characters count 0.5' : '';
  return `the ${profile.name} limit${half}`;
}

/** Reading speed above the profile's characters per second (a warning, at the first text line). */
export function checkReadingSpeed(cue: CheckedCue, context: CueCheckContext): Finding[] {
  const { profile } = context;
  const duration = cue.endTime - cue.startTime;
  if (duration <= 0) return [];
  const speed = readingSpeed(cue, profile.lang);
  if (speed <= profile.maxCharsPerSecond + EPSILON) return [];
  const length = displayLength(cue.text, profile.lang);
  const needed = length / profile.maxCharsPerSecond;
  return [
    finding(
      'reading-speed',
      'warning',
      context,
      cue.timingLine + 1,
      1,
      `Reading speed ${speed.toFixed(1)} characters per second is above ${profileLabel(profile)} of ${profile.maxCharsPerSecond} (${length} characters in ${seconds(duration)}): shorten the text, or give the cue at least ${seconds(needed)} (it may end up to 0.5 s after the speech).`,
      cue.id,
    ),
  ];
}

/** What the line rules need of one written line, measured in one pass without allocating. */
interface LineMeasure {
  /** Display length (see `displayLength`). */
  readonly length: number;
  /** Column of the first character past the line limit, or null. */
  readonly pastLimit: number | null;
  /** Display length without the leading and trailing white space (what `trim` removes). */
  readonly trimmedLength: number;
}

/** White space as `String.prototype.trim` removes it. */
function isTrimmedSpace(codePoint: number): boolean {
  return (
    (codePoint >= 0x09 && codePoint <= 0x0d) ||
    codePoint === 0x20 ||
    codePoint === 0xa0 ||
    codePoint === 0x1680 ||
    (codePoint >= 0x2000 && codePoint <= 0x200a) ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    codePoint === 0x202f ||
    codePoint === 0x205f ||
    codePoint === 0x3000 ||
    codePoint === 0xfeff
  );
}

/** A line being measured: what `measureRun` adds up. */
interface LineMeter {
  half: boolean;
  limit: number;
  length: number;
  pastLimit: number | null;
  leading: number;
  trailing: number;
  seenText: boolean;
}

/** Add the displayed characters `source[start, end)` (at their own columns, or all at `col`). */
function measureRun(
  meter: LineMeter,
  source: string,
  start: number,
  end: number,
  col: number | null,
): void {
  for (let at = start; at < end;) {
    const codePoint = source.codePointAt(at)!;
    const weight = codePointWeight(codePoint, meter.half);
    meter.length += weight;
    if (meter.pastLimit === null && meter.length > meter.limit) meter.pastLimit = col ?? at + 1;
    if (!isTrimmedSpace(codePoint)) {
      meter.seenText = true;
      meter.trailing = 0;
    } else if (meter.seenText) meter.trailing += weight;
    else meter.leading += weight;
    at += codePoint > 0xffff ? 2 : 1;
  }
}

function measureLine(line: string, profile: ReadingProfile): LineMeasure {
  const meter: LineMeter = {
    half: countsHalfWidth(profile.lang),
    limit: profile.maxLineLength + EPSILON,
    length: 0,
    pastLimit: null,
    leading: 0,
    trailing: 0,
    seenText: false,
  };
  // Plain text, or plain text after one leading tag that is no ruby text (`<v Joy>…`), is
  // measured as it stands; anything else run by run.
  let plainFrom = 0;
  if (line.startsWith('<')) plainFrom = line.startsWith('<rt') ? -1 : line.indexOf('>') + 1 || -1;
  if (plainFrom >= 0 && line.indexOf('<', plainFrom) < 0 && line.indexOf('&', plainFrom) < 0) {
    measureRun(meter, line, plainFrom, line.length, null);
  } else {
    forEachDisplayedRun(line, (source, start, end, col) =>
      measureRun(meter, source, start, end, col),
    );
  }
  const { length, pastLimit, leading, trailing } = meter;
  return { length, pastLimit, trimmedLength: length - leading - trailing };
}

/** A text line longer than the profile allows: at the first character past the limit. */
export function checkLineLength(
  cue: CheckedCue,
  context: CueCheckContext,
  lines: readonly string[] = writtenLines(cue),
): Finding[] {
  const { profile } = context;
  const out: Finding[] = [];
  lines.forEach((line, index) => {
    const { length, pastLimit } = measureLine(line, profile);
    if (pastLimit === null) return;
    out.push(
      finding(
        'line-length',
        'warning',
        context,
        cue.timingLine + 1 + index,
        pastLimit,
        `This line is ${length} characters long, more than ${profileLabel(profile)} of ${profile.maxLineLength} per line: break it after punctuation or before a conjunction, or shorten it.`,
        cue.id,
      ),
    );
  });
  return out;
}

/**
 * More lines than the profile allows (at the first extra line), or two lines that would fit on
 * one (at the second line): a cue is one line unless it exceeds the line limit. Lines as written:
 * a `&#10;` shows as a break on screen but is no line of the file, so it cannot be a position.
 */
export function checkLineCount(
  cue: CheckedCue,
  context: CueCheckContext,
  lines: readonly string[] = writtenLines(cue),
): Finding[] {
  const { profile } = context;
  if (cue.text === '') return [];
  if (lines.length > profile.maxLines) {
    return [
      finding(
        'line-count',
        'warning',
        context,
        cue.timingLine + 1 + profile.maxLines,
        1,
        `This cue has ${formatCount(lines.length)} lines; at most ${profile.maxLines} fit on screen: join lines, or split the cue into two cues.`,
        cue.id,
      ),
    ];
  }
  if (lines.length === 2) {
    // Japanese and Chinese join lines without a space (the profile is named by the language).
    const joiner = profile.name === 'ja' || profile.name === 'zh' ? '' : ' ';
    const joined =
      measureLine(lines[0]!, profile).trimmedLength +
      displayLength(joiner, profile.lang) +
      measureLine(lines[1]!, profile).trimmedLength;
    if (joined <= profile.maxLineLength) {
      return [
        finding(
          'line-count',
          'warning',
          context,
          cue.timingLine + 2,
          1,
          `These two lines fit on one line (${joined} of ${profile.maxLineLength} characters): join them; break a cue only when it exceeds the line limit.`,
          cue.id,
        ),
      ];
    }
  }
  return [];
}

/** A cue shorter than 5/6 s or longer than 7 s (at the end timestamp). */
export function checkDuration(cue: CheckedCue, context: CueCheckContext): Finding[] {
  const { profile } = context;
  const duration = cue.endTime - cue.startTime;
  // An end before the start is a WebVTT error already.
  if (duration <= 0) return [];
  if (duration < profile.minDuration - DURATION_TOLERANCE) {
    return [
      finding(
        'duration',
        'warning',
        context,
        cue.timingLine,
        endColumn(context, cue),
        `This cue is on screen for ${seconds(duration)}, less than the minimum of ${seconds(profile.minDuration)} (20 frames at 24 fps): end it at ${time(cue.startTime + profile.minDuration)} or later, or merge it with a neighbour.`,
        cue.id,
      ),
    ];
  }
  if (duration > profile.maxDuration + EPSILON) {
    return [
      finding(
        'duration',
        'warning',
        context,
        cue.timingLine,
        endColumn(context, cue),
        `This cue is on screen for ${seconds(duration)}, more than the maximum of ${seconds(profile.maxDuration)}: split it, or end it by ${time(cue.startTime + profile.maxDuration)}.`,
        cue.id,
      ),
    ];
  }
  return [];
}

/** The text rules of one cue: reading speed, line length, line count (long lines summarised). */
export function checkCueText(cue: CheckedCue, context: CueCheckContext): Finding[] {
  const lines = writtenLines(cue);
  const out = checkReadingSpeed(cue, context);
  appendAll(out, summariseRepeats(checkLineLength(cue, context, lines)));
  appendAll(out, checkLineCount(cue, context, lines));
  return out;
}

/**
 * The gap after `cue` before `next` (which starts at or after `cue` ends): less than 2 frames,
 * or more than 2 frames but no more than 0.5 s (chaining: close it to 2 frames). At `cue`'s end
 * timestamp, since that is the time to move.
 */
export function checkGap(cue: CheckedCue, next: CheckedCue, context: CueCheckContext): Finding[] {
  const { profile } = context;
  const gap = next.startTime - cue.endTime;
  if (gap < -EPSILON) return [];
  // Columns and advice are worked out only for a finding: most cue pairs have none.
  if (gap < profile.minGap - FRAME_TOLERANCE) {
    return [
      finding(
        'gap',
        'warning',
        context,
        cue.timingLine,
        endColumn(context, cue),
        `Only ${seconds(Math.max(0, gap))} between this cue's end and the next cue ${cueName(next)} at ${time(next.startTime)}: leave at least ${twoFrames(profile)}, so the viewer sees a new cue: end this cue at ${time(next.startTime - profile.minGap)}.`,
        cue.id,
      ),
    ];
  }
  // Frame-accurate players show a gap as whole frames: 70 ms at 30 fps is 2 frames.
  const wholeFrames = Math.round(gap * profile.frameRate);
  const minFrames = Math.round(profile.minGap * profile.frameRate);
  if (wholeFrames > minFrames && gap <= profile.chainingThreshold + EPSILON) {
    return [
      finding(
        'gap',
        'warning',
        context,
        cue.timingLine,
        endColumn(context, cue),
        `A gap of ${seconds(gap)} before the next cue ${cueName(next)}: gaps of ${seconds(profile.chainingThreshold)} or less flicker; close it to ${twoFrames(profile)}: end this cue at ${time(next.startTime - profile.minGap)}.`,
        cue.id,
      ),
    ];
  }
  return [];
}

/** `cue` starts before `earlier` ends (at `cue`'s start timestamp). */
export function checkOverlap(
  earlier: CheckedCue,
  cue: CheckedCue,
  context: CueCheckContext,
): Finding[] {
  if (cue.startTime >= earlier.endTime - EPSILON) return [];
  return [
    finding(
      'cue-overlap',
      'warning',
      context,
      cue.timingLine,
      timingColumns(context.lines, cue.timingLine).start,
      `This cue starts at ${time(cue.startTime)}, before cue ${cueName(earlier)} ends at ${time(earlier.endTime)}: both show at once; end the earlier cue at least 2 frames before this one starts, unless two people really speak at the same time.`,
      cue.id,
    ),
  ];
}

/** What a translated cue is compared with. */
export interface SourceContext {
  /** How findings name the source file. */
  readonly sourceFile: string;
  /** The cast, to name speakers in messages (ids are used without it). */
  readonly speakers?: readonly SpeakerRef[];
  /** 'chapters': no speaker rule, and "chapter" in messages. */
  readonly kind?: 'transcript' | 'chapters';
}

/**
 * A translated cue against its source cue (same id): timing drift past 0.5 s at either end, a
 * different speaker, or no text at all.
 */
export function checkAgainstSource(
  cue: CheckedCue,
  source: CheckedCue,
  context: Pick<CueCheckContext, 'file' | 'lines'> & SourceContext,
): Finding[] {
  const out: Finding[] = [];
  const what = context.kind === 'chapters' ? 'chapter' : 'cue';
  const columns = timingColumns(context.lines, cue.timingLine);
  const ends = [
    ['start', cue.startTime, source.startTime, columns.start],
    ['end', cue.endTime, source.endTime, columns.end],
  ] as const;
  for (const [end, translated, original, col] of ends) {
    const drift = translated - original;
    if (Math.abs(drift) <= MAX_TIMING_DRIFT + EPSILON) continue;
    out.push(
      finding(
        'timing-drift',
        'warning',
        context,
        cue.timingLine,
        col,
        `This ${what} ${end}s at ${time(translated)}, ${seconds(Math.abs(drift))} ${drift > 0 ? 'later' : 'earlier'} than the source ${what} (${time(original)} in ${context.sourceFile} line ${source.timingLine}); the source's timings are authoritative: use ${time(original)}.`,
        cue.id,
      ),
    );
  }

  if (cue.text.trim() === '') {
    const hasTextLine = writtenLines(cue).length > 0;
    out.push(
      finding(
        'untranslated',
        'warning',
        context,
        hasTextLine ? cue.timingLine + 1 : cue.timingLine,
        1,
        `This ${what} is empty: translate the source ${what} "${shorten(source.text, 80)}".`,
        cue.id,
      ),
    );
  } else if (
    context.kind !== 'chapters' &&
    cue.speakerId !== null &&
    source.speakerId !== null &&
    cue.speakerId !== source.speakerId
  ) {
    const name = (id: string): string => shorten(speakerName(context.speakers, id));
    const voice = voiceNamePosition(cue);
    out.push(
      finding(
        'speaker-changed',
        'warning',
        context,
        cue.timingLine + 1 + (voice?.line ?? 0),
        voice?.col ?? 1,
        `The speaker here is ${name(cue.speakerId)}, but the source cue is spoken by ${name(source.speakerId)} (${context.sourceFile} line ${source.timingLine + 1})${voice ? '' : " (this cue keeps the previous cue's speaker)"}: use <v ${name(source.speakerId)}>.`,
        cue.id,
      ),
    );
  }
  return out;
}
