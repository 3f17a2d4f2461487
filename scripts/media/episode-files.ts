/**
 * Reading an episode folder (Contract 1) and writing new timings back into it.
 *
 * Cue files are read with the core parser. Timings are written back by rewriting only the timing
 * lines, in place: header, NOTE blocks, ids, settings and cue text stay byte for byte as written,
 * so translators' text and comments survive every regeneration.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Episode, Track } from '../../src/core/episode-model.ts';
import { parseVtt, type ParsedCue } from '../../src/core/vtt-parse.ts';
import { formatTimestamp } from '../../src/core/vtt-serialize.ts';

export interface LoadedFile {
  readonly path: string;
  readonly text: string;
  readonly cues: readonly ParsedCue[];
}

export interface LoadedTrack {
  readonly track: Track;
  readonly transcript: LoadedFile;
  readonly chapters?: LoadedFile;
}

export interface LoadedEpisode {
  readonly dir: string;
  readonly episode: Episode;
  readonly tracks: readonly LoadedTrack[];
  readonly source: LoadedTrack;
}

/** Read episode.json and every track's cue files; refuse files with structural errors. */
export async function loadEpisode(dir: string): Promise<LoadedEpisode> {
  const episode = JSON.parse(await readFile(path.join(dir, 'episode.json'), 'utf8')) as Episode;
  const tracks: LoadedTrack[] = [];
  for (const track of episode.tracks) {
    const transcript = await loadCueFile(path.join(dir, track.transcript), 'transcript', episode);
    const chapters = track.chapters
      ? await loadCueFile(path.join(dir, track.chapters), 'chapters', episode)
      : undefined;
    tracks.push({ track, transcript, chapters });
  }
  const wanted = episode.sourceLanguage.toLowerCase();
  const source = tracks.find((t) => t.track.lang.toLowerCase() === wanted);
  if (!source)
    throw new Error(`episode.json: no track for the source language "${episode.sourceLanguage}"`);
  return { dir, episode, tracks, source };
}

async function loadCueFile(
  file: string,
  kind: 'transcript' | 'chapters',
  episode: Episode,
): Promise<LoadedFile> {
  const text = await readFile(file, 'utf8');
  const { document, findings } = parseVtt(text, { file, kind, speakers: episode.speakers });
  const errors = findings.filter((finding) => finding.severity === 'error');
  if (errors.length) {
    const list = errors
      .map((e) => `${e.file}:${e.line}:${e.col}  ${e.rule}  ${e.message}`)
      .join('\n');
    throw new Error(`Fix these before generating media:\n${list}`);
  }
  return { path: file, text, cues: document.cues };
}

/** New timings for cue ids, in seconds. */
export type Timings = ReadonlyMap<string, { readonly startTime: number; readonly endTime: number }>;

/**
 * `text` with the timing line of every cue named in `timings` rewritten; nothing else changes.
 * Returns the ids that had no timing, so a translation with stray ids is reported, not guessed.
 */
export function retimeText(
  file: LoadedFile,
  timings: Timings,
): { text: string; untimed: string[] } {
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  const lines = file.text.split(eol);
  const untimed: string[] = [];
  for (const cue of file.cues) {
    const timing = timings.get(cue.id);
    if (!timing) {
      untimed.push(cue.id);
      continue;
    }
    const index = cue.timingLine - 1;
    lines[index] = retimeLine(lines[index]!, timing.startTime, timing.endTime);
  }
  return { text: lines.join(eol), untimed };
}

/**
 * Replace the two timestamps of a timing line the core has already parsed, keeping the spacing
 * around `-->` and any cue settings after the end time.
 */
export function retimeLine(line: string, startTime: number, endTime: number): string {
  const match = /^(\s*)\S+(\s+-->\s+)\S+(.*)$/s.exec(line);
  if (!match) throw new Error(`Not a timing line: ${line}`);
  return `${match[1]}${formatTimestamp(startTime)}${match[2]}${formatTimestamp(endTime)}${match[3]}`;
}

/** Write a file only when its content changed (keeps re-runs quiet in git and mtime). */
export async function writeIfChanged(
  file: string,
  before: string,
  after: string,
): Promise<boolean> {
  if (before === after) return false;
  await writeFile(file, after);
  return true;
}

/**
 * Set media.duration and media.frameRate in episode.json, keeping the file as written: the two
 * numbers are replaced where they stand when each occurs once; otherwise the file is rewritten
 * with two-space indentation. Either way the result is parsed back and compared.
 */
export async function updateEpisodeMedia(
  dir: string,
  duration: number,
  frameRate: number,
): Promise<boolean> {
  const file = path.join(dir, 'episode.json');
  const before = await readFile(file, 'utf8');
  const data = JSON.parse(before) as { media: Record<string, unknown> };
  const expected = { ...data, media: { ...data.media, duration, frameRate } };

  let after = before;
  for (const [key, value] of [
    ['duration', duration],
    ['frameRate', frameRate],
  ] as const) {
    const pattern = new RegExp(`("${key}"\\s*:\\s*)-?[0-9.eE+-]+`, 'g');
    const count = (after.match(pattern) ?? []).length;
    if (count === 1) after = after.replace(pattern, `$1${value}`);
    else after = '';
    if (!after) break;
  }
  if (!after || JSON.stringify(JSON.parse(after)) !== JSON.stringify(expected)) {
    after = JSON.stringify(expected, null, 2) + '\n';
  }
  return writeIfChanged(file, before, after);
}

/**
 * episode.json `text` with `source` first in media.sources (moved there if listed elsewhere),
 * inserted as a line of its own so the rest of the file stays as written (a plain two-space
 * rewrite when the list is not laid out one source per line).
 */
export function withFirstSource(text: string, source: { src: string; type: string }): string {
  const data = JSON.parse(text) as { media: { sources: { src: string; type: string }[] } };
  const sources = data.media.sources;
  if (sources[0]?.src === source.src && sources[0]?.type === source.type) return text;
  const others = sources.filter((candidate) => candidate.src !== source.src);
  const expected = { ...data, media: { ...data.media, sources: [source, ...others] } };
  let after = text;
  if (others.length === sources.length) {
    // `"sources": [` then a newline and the first entry's indentation.
    after = text.replace(
      /("sources"\s*:\s*\[\n)([ \t]*)/,
      (_, opening: string, indent: string) =>
        `${opening}${indent}{ "src": ${JSON.stringify(source.src)}, "type": ${JSON.stringify(source.type)} },\n${indent}`,
    );
  }
  if (JSON.stringify(JSON.parse(after)) !== JSON.stringify(expected))
    after = JSON.stringify(expected, null, 2) + '\n';
  return after;
}
