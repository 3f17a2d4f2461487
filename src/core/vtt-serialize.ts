/**
 * Our model → WebVTT text, keeping what was written.
 *
 * webvtt-parser's own serializer drops NOTE and REGION blocks and header text and rounds badly
 * near whole seconds, so translators' files are written here: header, block order, NOTE blocks,
 * ids and settings as they were; cue text as written unless it was edited, in which case it is
 * written from its segments with `&`, `<` (and the `>` of a `-->`) escaped.
 */
import {
  MAX_TIME,
  type Cue,
  type CueSegment,
  type SpanKind,
  type VttBlock,
  type VttDocument,
} from './cue-model.ts';
import { walkSegments } from './segment-walk.ts';

/** A cue that may remember its text as written (parsed cues do; edited ones carry the new text). */
export type WritableCue = Cue & { readonly rawText?: string };

/**
 * `hh:mm:ss.ttt`, rounded to the millisecond (never `59.9996` → `59.000`); times before 0 are
 * written as 0. Refuses (RangeError) what it cannot write so that it reads back: a time that is
 * not a number, or MAX_TIME or later (never `1e+21:` or `NaN:NaN:NaN.NaN`).
 */
export function formatTimestamp(seconds: number): string {
  if (!(seconds < MAX_TIME)) {
    throw new RangeError(
      `Cannot write the time ${seconds} s as a WebVTT timestamp: times must be numbers below ${MAX_TIME / 3600} hours.`,
    );
  }
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = totalMs % 1000;
  const totalSeconds = (totalMs - ms) / 1000;
  const s = totalSeconds % 60;
  const m = Math.floor(totalSeconds / 60) % 60;
  const h = Math.floor(totalSeconds / 3600);
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${pad(ms, 3)}`;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/**
 * Escape plain text for cue text: `&`, `<`, and the `>` of `-->` (a line holding `-->` would start
 * a new cue). Windows and old Mac line ends become `\n`.
 */
export function escapeCueText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/-->/g, '--&gt;');
}

const TAGS: Record<SpanKind, string> = {
  voice: 'v',
  lang: 'lang',
  class: 'c',
  italic: 'i',
  bold: 'b',
  underline: 'u',
  ruby: 'ruby',
  'ruby-text': 'rt',
};

/** How a timestamp tag was written, by its time in seconds (undefined: write it in full). */
export type TimestampSpelling = (seconds: number) => string | undefined;

/**
 * Write segments as cue text (markup and escapes), the inverse of parsing. Timestamps are written
 * `hh:mm:ss.ttt` unless `spell` knows how the file wrote them (`00:01.500`).
 */
export function segmentsToCueText(
  segments: readonly CueSegment[],
  spell: TimestampSpelling = () => undefined,
): string {
  let out = '';
  walkSegments(
    segments,
    (segment) => {
      if (segment.type === 'text') out += escapeCueText(segment.text);
      else if (segment.type === 'timestamp')
        out += `<${spell(segment.time) ?? formatTimestamp(segment.time)}>`;
      else {
        const classes = segment.classes.map((name) => '.' + name).join('');
        const annotation = segment.annotation ? ' ' + segment.annotation : '';
        out += `<${TAGS[segment.type]}${classes}${annotation}>`;
      }
      return 'descend';
    },
    (span) => {
      out += `</${TAGS[span.type]}>`;
    },
  );
  return out;
}

/**
 * Normalise what a translator typed into cue lines: no empty lines (they would end the cue),
 * no trailing spaces, Windows line ends folded.
 */
export function normaliseTypedText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''))
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/**
 * The cue text to write. An empty line would end the cue and turn the rest into a block of its
 * own (lost or, worse, read as another cue), so empty lines are dropped: a parsed cue never has one.
 */
function cueText(cue: WritableCue): string {
  const text = cue.rawText ?? segmentsToCueText(cue.segments);
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line !== '')
    .join('\n');
}

/** Serialize one cue block: id line, timing line with settings, text. */
export function serializeCue(cue: WritableCue): string {
  const timing = `${formatTimestamp(cue.startTime)} --> ${formatTimestamp(cue.endTime)}${
    cue.settings ? ' ' + cue.settings : ''
  }`;
  const text = cueText(cue);
  return (cue.id ? cue.id + '\n' : '') + timing + (text ? '\n' + text : '');
}

function serializeBlock(block: VttBlock): string {
  return block.type === 'cue' ? serializeCue(block.cue) : block.text;
}

/**
 * The whole file: header, then every block in order, one blank line apart, ending in a newline.
 * A header that starts with a byte order mark (the file had two) gets one more in front: a reader
 * takes the first as the encoding's, so the header reads back as it was.
 */
export function serializeVtt(document: Pick<VttDocument, 'header' | 'blocks'>): string {
  const written = document.header.trim() === '' ? 'WEBVTT' : document.header;
  const header = written.startsWith('\uFEFF') ? '\uFEFF' + written : written;
  return [header, ...document.blocks.map(serializeBlock)].join('\n\n') + '\n';
}

/** A document with `cues` replaced by id (same order, NOTEs and other blocks kept). */
export function replaceCues<D extends Pick<VttDocument, 'header' | 'blocks' | 'cues'>>(
  document: D,
  replace: (cue: WritableCue, index: number) => WritableCue,
): D {
  let index = 0;
  const blocks = document.blocks.map((block) =>
    block.type === 'cue' ? { type: 'cue' as const, cue: replace(block.cue, index++) } : block,
  );
  const cues = blocks.flatMap((block) => (block.type === 'cue' ? [block.cue] : []));
  return { ...document, blocks, cues };
}
