/**
 * The waveform file of an episode (src/core/waveform.ts): decoded from its media with ffmpeg,
 * written gzipped to `media/waveform.bin` and named in episode.json as `media.waveform`. Used by
 * `npm run media`, `npm run waveform` and the importer (`writeWaveformFile`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { ALIGN_SAMPLE_RATE } from '../../src/core/align/aligner.ts';
import { parseJsonWithPositions } from '../../src/core/json-position.ts';
import { computeWaveform, encodeWaveform, type Waveform } from '../../src/core/waveform.ts';
import { decodeAudio } from '../align/media-audio.ts';

/** Where the waveform goes, relative to the episode folder. */
export const WAVEFORM_PATH = 'media/waveform.bin';

/** The waveform file's bytes as written: the core's encoding, gzipped (deterministic). */
export function waveformFileBytes(waveform: Waveform): Buffer {
  return gzipSync(encodeWaveform(waveform), { level: 9 });
}

export interface WrittenWaveform {
  readonly file: string;
  readonly bytes: number;
  readonly seconds: number;
  readonly speechRegions: number;
  /** Files that changed (the waveform, episode.json). */
  readonly changed: readonly string[];
}

/**
 * Decode `mediaFile`'s sound, compute its waveform and write it into `episodeDir` (and name it in
 * episode.json). Files are written only when they change.
 */
export async function writeWaveformFile(
  episodeDir: string,
  mediaFile: string,
): Promise<WrittenWaveform> {
  const samples = await decodeAudio(mediaFile);
  const waveform = computeWaveform(samples, ALIGN_SAMPLE_RATE);
  const bytes = waveformFileBytes(waveform);
  const file = path.join(episodeDir, WAVEFORM_PATH);
  const changed: string[] = [];
  const before = await readFile(file).catch(() => null);
  if (!before || !before.equals(bytes)) {
    await writeFile(file, bytes);
    changed.push(WAVEFORM_PATH);
  }
  const jsonFile = path.join(episodeDir, 'episode.json');
  const json = await readFile(jsonFile, 'utf8');
  const edited = withMediaWaveform(json, WAVEFORM_PATH);
  if (edited !== json) {
    await writeFile(jsonFile, edited);
    changed.push('episode.json');
  }
  return {
    file,
    bytes: bytes.length,
    seconds: samples.length / ALIGN_SAMPLE_RATE,
    speechRegions: waveform.speech.length,
    changed,
  };
}

/**
 * episode.json `text` with `media.waveform` set to `waveformPath`, written in after the media's
 * sources so the rest of the file stays as it was (a plain two-space rewrite when that fails).
 */
export function withMediaWaveform(text: string, waveformPath: string): string {
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) throw new Error(`episode.json is not valid JSON: ${parsed.error.message}`);
  const value = parsed.value as { media?: Record<string, unknown> };
  if (!value.media) throw new Error('episode.json has no "media" object');
  if (value.media.waveform === waveformPath) return text;
  // The edit must say exactly what the file said, plus the waveform (wherever it sits).
  const sameApartFromWaveform = (candidate: unknown): boolean => {
    const media = (candidate as { media?: Record<string, unknown> }).media;
    if (media?.waveform !== waveformPath) return false;
    const { waveform: _new, ...rest } = media;
    const { waveform: _old, ...original } = value.media!;
    return (
      JSON.stringify({ ...(candidate as object), media: rest }) ===
      JSON.stringify({ ...value, media: original })
    );
  };
  const member = `"waveform": ${JSON.stringify(waveformPath)}`;
  let edited: string;
  if (value.media.waveform !== undefined) {
    edited = text.replace(
      /("waveform"\s*:\s*)"(?:[^"\\]|\\.)*"/,
      `$1${JSON.stringify(waveformPath)}`,
    );
  } else {
    // Insert before the key that follows "sources" (or at the end of the media object).
    const sourcesAt = /"sources"\s*:\s*\[/.exec(text);
    const close = sourcesAt ? text.indexOf(']', sourcesAt.index) : -1;
    const lineStart = sourcesAt ? text.lastIndexOf('\n', sourcesAt.index) + 1 : 0;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    edited =
      close < 0 ? '' : `${text.slice(0, close + 1)},\n${indent}${member}${text.slice(close + 1)}`;
  }
  const check = edited ? parseJsonWithPositions(edited) : null;
  if (check?.ok && sameApartFromWaveform(check.value)) return edited;
  return (
    JSON.stringify({ ...value, media: { ...value.media, waveform: waveformPath } }, null, 2) + '\n'
  );
}
