/**
 * Adding a track to episode.json as a person would: the new entry is written into the text after
 * the last track, in the same style (one line per track, or indented), so the rest of the file —
 * its order, formatting and any fields this project does not know — stays exactly as it was.
 */
import { parseJsonWithPositions } from './json-position.ts';

export interface NewTrack {
  readonly lang: string;
  readonly label: string;
  readonly transcript: string;
  readonly chapters?: string;
}

export type EpisodeJsonEdit =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** Offset of the first character of a 1-based line and column. */
function offsetOf(text: string, line: number, col: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  return offset + col - 1;
}

/** Offset of the bracket that closes the array or object opening at `open`, skipping strings. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (char === '[' || char === '{') depth++;
    else if (char === ']' || char === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** `{ "lang": "fr", "label": "Français", … }` on one line, as the bundled episode writes tracks. */
function inlineObject(track: NewTrack): string {
  const members = Object.entries(track)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  return `{ ${members.join(', ')} }`;
}

/**
 * episode.json `text` with `track` appended to its `tracks`. Fails (with a message) when the text
 * is not a JSON object with a `tracks` list; the result is checked to parse to the same value
 * with the track added.
 */
export function addTrackToEpisodeJson(text: string, track: NewTrack): EpisodeJsonEdit {
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    return {
      ok: false,
      message: `episode.json is not valid JSON (line ${parsed.error.line}, column ${parsed.error.col}: ${parsed.error.message}).`,
    };
  }
  const value = parsed.value as { tracks?: unknown };
  if (typeof value !== 'object' || value === null || !Array.isArray(value.tracks)) {
    return { ok: false, message: 'episode.json has no "tracks" list to add the language to.' };
  }
  const tracks = value.tracks as unknown[];
  const at = parsed.locate(['tracks']);
  const open = offsetOf(text, at.line, at.col);
  const close = text[open] === '[' ? closingBracket(text, open) : -1;
  if (close < 0)
    return { ok: false, message: 'episode.json: the "tracks" list could not be found.' };

  let edited: string;
  if (tracks.length === 0) {
    edited = `${text.slice(0, open)}[${inlineObject(track)}]${text.slice(close + 1)}`;
  } else {
    const last = parsed.locate(['tracks', tracks.length - 1]);
    const lastStart = offsetOf(text, last.line, last.col);
    const lastEnd = closingBracket(text, lastStart);
    const lineStart = text.lastIndexOf('\n', lastStart) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const lastText = text.slice(lastStart, lastEnd + 1);
    const sameLine = text.slice(open, lastStart).indexOf('\n') < 0;
    // Indented tracks get an indented entry; one-line tracks a one-line entry.
    const entry = lastText.includes('\n')
      ? JSON.stringify(track, null, indentUnit(text)).replace(/\n/g, '\n' + indent)
      : inlineObject(track);
    const separator = sameLine ? ', ' : `,\n${indent}`;
    edited = text.slice(0, lastEnd + 1) + separator + entry + text.slice(lastEnd + 1);
  }

  const check = parseJsonWithPositions(edited);
  const expected = JSON.stringify({ ...value, tracks: [...tracks, track] });
  if (!check.ok || JSON.stringify(check.value) !== expected) {
    // Never write a file that says something else: fall back to a plain rewrite.
    return {
      ok: true,
      text: JSON.stringify({ ...value, tracks: [...tracks, track] }, null, 2) + '\n',
    };
  }
  return { ok: true, text: edited };
}

/** The indentation the file uses (two spaces when it cannot tell). */
function indentUnit(text: string): string {
  return /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
}
