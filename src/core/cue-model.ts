/**
 * The cue model shared by the viewer, the translator workspace, the embed and the CLI.
 *
 * Times are in seconds, named `startTime`/`endTime` as on `VTTCue`, and every interval is
 * half-open: a cue is active for `startTime <= t < endTime`.
 */

/** Seconds on the media timeline. */
export type Seconds = number;

/**
 * The latest time the core accepts: 100,000 hours (no media runs that long). Later timestamps are
 * findings, never cues: a number that large would soon stop reading back exactly, and a file
 * must never be written with a timestamp that does not.
 */
export const MAX_TIME: Seconds = 100_000 * 3600;

/** Inline markup of a cue, converted from webvtt-parser's tree at the edge (see vtt-parse.ts). */
export type CueSegment = TextSegment | TimestampSegment | SpanSegment;

/** Plain text, entities already decoded; may contain `\n` line breaks. */
export interface TextSegment {
  readonly type: 'text';
  readonly text: string;
}

/** A karaoke-style timestamp tag `<00:01.500>` inside cue text. */
export interface TimestampSegment {
  readonly type: 'timestamp';
  readonly time: Seconds;
}

/** The span kinds WebVTT knows, by what they mean rather than by their one-letter tag. */
export type SpanKind =
  'voice' | 'lang' | 'class' | 'italic' | 'bold' | 'underline' | 'ruby' | 'ruby-text';

/** A span of markup: `<v Joy>`, `<lang ko>`, `<c.loud>`, `<i>`, `<b>`, `<u>`, `<ruby>`, `<rt>`. */
export interface SpanSegment {
  readonly type: SpanKind;
  readonly classes: readonly string[];
  /** The annotation: the voice name of `<v>`, the language tag of `<lang>`, otherwise "". */
  readonly annotation: string;
  readonly children: readonly CueSegment[];
}

/** One cue of a transcript or chapters file, in file order. */
export interface Cue {
  /** The cue identifier as written ("" when the file has none; the checks flag that). */
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** The settings exactly as written after the end timestamp ("" when none), kept for round trips. */
  readonly settings: string;
  /** Plain text: markup removed, entities decoded, lines joined with `\n`. */
  readonly text: string;
  readonly segments: readonly CueSegment[];
  /** The name in the first voice span, as written, or null when the cue has none. */
  readonly voice: string | null;
  /**
   * The speaker's id from episode.json: from the first voice span, or carried forward from the
   * previous cue when this cue has none. Null when no cast was given, before the first voice, or
   * when the voice names nobody in the cast (a finding says so).
   */
  readonly speakerId: string | null;
  /** 1-based line of the cue's first line (its id, or its timing line when it has no id). */
  readonly line: number;
  /** 1-based line of the timing line. */
  readonly timingLine: number;
}

/** A chapter: in The Red Box, a question pulled from the box. */
export interface Chapter {
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  /** The question, as plain text. */
  readonly question: string;
  readonly line: number;
}

/** A block of a WebVTT file that is not a cue, kept verbatim so a save never loses it. */
export interface VerbatimBlock {
  readonly type: 'note' | 'style' | 'region' | 'invalid';
  /** The block's lines joined with `\n`, exactly as written. */
  readonly text: string;
  readonly line: number;
}

export interface CueBlock {
  readonly type: 'cue';
  readonly cue: Cue;
}

export type VttBlock = CueBlock | VerbatimBlock;

/** A parsed WebVTT file that remembers what was written: header, block order, NOTEs, settings. */
export interface VttDocument {
  /** The signature line and any header text, as written (no trailing newline). */
  readonly header: string;
  readonly blocks: readonly VttBlock[];
  /** The cues in file order (the same objects as in `blocks`). */
  readonly cues: readonly Cue[];
}

export type Severity = 'error' | 'warning';

/**
 * A problem found in an episode file. Problems are data, never exceptions: the CLI prints them,
 * the workspace shows them on their row, the viewer logs them.
 */
export interface Finding {
  readonly rule: RuleId;
  readonly severity: Severity;
  /** The file, as the caller named it (a path for the CLI, a URL path in the browser). */
  readonly file: string;
  /** 1-based line and column of what caused it. */
  readonly line: number;
  readonly col: number;
  readonly message: string;
  /** The cue the finding is about, when there is one (lets the workspace put it on its row). */
  readonly cueId?: string;
}

/** Every rule of Contract 6, by id. Errors first, then warnings. */
export type RuleId =
  // errors
  | 'schema'
  | 'unreadable-file'
  | 'webvtt-syntax'
  | 'missing-id'
  | 'duplicate-id'
  | 'missing-speaker'
  | 'unknown-speaker'
  | 'raw-ampersand'
  | 'raw-less-than'
  | 'missing-translation'
  | 'extra-translation'
  | 'chapter-overlap'
  // warnings
  | 'reading-speed'
  | 'line-length'
  | 'line-count'
  | 'duration'
  | 'gap'
  | 'cue-overlap'
  | 'timing-drift'
  | 'speaker-changed'
  | 'untranslated';

/** A speaker entry from episode.json, as far as the cue core needs it. */
export interface SpeakerRef {
  readonly id: string;
  readonly name: string;
}
