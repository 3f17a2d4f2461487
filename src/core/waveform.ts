/**
 * An episode's waveform, precomputed once (at media or import time) so the translator workspace
 * never decodes the media: 8-bit min/max peaks per 10 ms frame, plus the speech regions the
 * core's speech activity finds in the full-rate audio (their starts and ends are the onsets and
 * offsets cue edges snap to).
 *
 * File format (little-endian; the file on disk is this, gzipped: `waveform-file.ts` at the edges):
 *   0  "RBWF"        magic
 *   4  u8  version   1
 *   5  u8  reserved  0
 *   6  u16 frameMs   milliseconds per frame (10)
 *   8  u32 frames    N
 *  12  u32 regions   R
 *  16  N × i8 max, then N × i8 min          peaks, in 1/127 of full scale (planes: gzip packs
 *                                           them ~15 % smaller than interleaved pairs)
 *  …   R × (u32 startMs, u32 endMs)         speech regions, half-open [start, end)
 * Errors are data (`{ message }`), never thrown: a broken file only hides the waveform.
 */
import type { Seconds } from './cue-model.ts';
import { detectSpeech, type SpeechRegion } from './align/speech-activity.ts';

/** Milliseconds per waveform frame. */
export const WAVEFORM_FRAME_MS = 10;
const MAGIC = [0x52, 0x42, 0x57, 0x46]; // "RBWF"
const VERSION = 1;
const HEADER_BYTES = 16;

/** Peaks and speech of a recording. */
export interface Waveform {
  /** Seconds per frame. */
  readonly frameSeconds: Seconds;
  /** Per frame, the lowest and highest sample, in −127…127 (full scale = 127). */
  readonly min: Int8Array;
  readonly max: Int8Array;
  /** Speech regions, in order, seconds, half-open. */
  readonly speech: readonly SpeechRegion[];
}

/** Seconds covered by the waveform. */
export function waveformDuration(waveform: Waveform): Seconds {
  return waveform.min.length * waveform.frameSeconds;
}

const toPeak = (sample: number): number => Math.max(-127, Math.min(127, Math.round(sample * 127)));

/** The waveform of mono samples in −1…1 (any sample rate; speech found at that rate). */
export function computeWaveform(samples: Float32Array, sampleRate: number): Waveform {
  const frameSeconds = WAVEFORM_FRAME_MS / 1000;
  const hop = Math.max(1, Math.round(frameSeconds * sampleRate));
  const frames = Math.ceil(samples.length / hop);
  const min = new Int8Array(frames);
  const max = new Int8Array(frames);
  for (let frame = 0; frame < frames; frame++) {
    let low = 0;
    let high = 0;
    const end = Math.min(samples.length, (frame + 1) * hop);
    for (let n = frame * hop; n < end; n++) {
      const sample = samples[n]!;
      if (sample < low) low = sample;
      else if (sample > high) high = sample;
    }
    min[frame] = toPeak(low);
    max[frame] = toPeak(high);
  }
  const { regions } = detectSpeech(samples, sampleRate, { frameSeconds });
  return { frameSeconds, min, max, speech: regions };
}

/** The waveform file's bytes (see the format above). */
export function encodeWaveform(waveform: Waveform): Uint8Array {
  const frames = waveform.min.length;
  const regions = waveform.speech.length;
  const bytes = new Uint8Array(HEADER_BYTES + frames * 2 + regions * 8);
  const view = new DataView(bytes.buffer);
  MAGIC.forEach((byte, i) => view.setUint8(i, byte));
  view.setUint8(4, VERSION);
  view.setUint16(6, Math.round(waveform.frameSeconds * 1000), true);
  view.setUint32(8, frames, true);
  view.setUint32(12, regions, true);
  new Int8Array(bytes.buffer, HEADER_BYTES, frames).set(waveform.max);
  new Int8Array(bytes.buffer, HEADER_BYTES + frames, frames).set(waveform.min);
  const regionsAt = HEADER_BYTES + frames * 2;
  waveform.speech.forEach((region, i) => {
    view.setUint32(regionsAt + i * 8, Math.round(region.startTime * 1000), true);
    view.setUint32(regionsAt + i * 8 + 4, Math.round(region.endTime * 1000), true);
  });
  return bytes;
}

/** A waveform file, or why it cannot be read. */
export type DecodedWaveform =
  | { readonly ok: true; readonly waveform: Waveform }
  | { readonly ok: false; readonly message: string };

/** Read a waveform file (see the format above); never throws. */
export function decodeWaveform(bytes: Uint8Array): DecodedWaveform {
  const fail = (message: string): DecodedWaveform => ({
    ok: false,
    message: `[red-box] waveform file: ${message}; run \`npm run media\` (or \`npm run import\`) again to rewrite it`,
  });
  if (bytes.length < HEADER_BYTES) return fail(`${bytes.length} bytes, shorter than its header`);
  if (MAGIC.some((byte, i) => bytes[i] !== byte)) return fail('not a waveform file (no "RBWF")');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(4);
  if (version !== VERSION) return fail(`version ${version}, this player reads ${VERSION}`);
  const frameMs = view.getUint16(6, true);
  if (frameMs === 0) return fail('0 ms per frame');
  const frames = view.getUint32(8, true);
  const regions = view.getUint32(12, true);
  const expected = HEADER_BYTES + frames * 2 + regions * 8;
  if (bytes.length !== expected)
    return fail(`${bytes.length} bytes where its header says ${expected}`);
  const planes = new Int8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, frames * 2);
  const max = planes.slice(0, frames);
  const min = planes.slice(frames);
  const speech: SpeechRegion[] = [];
  const regionsAt = HEADER_BYTES + frames * 2;
  let previousEnd = 0;
  for (let i = 0; i < regions; i++) {
    const startMs = view.getUint32(regionsAt + i * 8, true);
    const endMs = view.getUint32(regionsAt + i * 8 + 4, true);
    if (startMs < previousEnd || endMs <= startMs)
      return fail(`speech region ${i + 1} (${startMs}–${endMs} ms) is out of order`);
    speech.push({ startTime: startMs / 1000, endTime: endMs / 1000 });
    previousEnd = endMs;
  }
  return { ok: true, waveform: { frameSeconds: frameMs / 1000, min, max, speech } };
}

/**
 * The peaks of frames [from, to) folded into `columns` columns (for drawing at any zoom): each
 * column's lowest min and highest max. Columns past the end are 0.
 */
export function peaksForColumns(
  waveform: Waveform,
  fromTime: Seconds,
  toTime: Seconds,
  columns: number,
): { readonly min: Int8Array; readonly max: Int8Array } {
  const min = new Int8Array(columns);
  const max = new Int8Array(columns);
  const perColumn = (toTime - fromTime) / columns / waveform.frameSeconds;
  const first = fromTime / waveform.frameSeconds;
  const frames = waveform.min.length;
  for (let column = 0; column < columns; column++) {
    const start = Math.max(0, Math.floor(first + column * perColumn));
    const end = Math.min(frames, Math.max(start + 1, Math.floor(first + (column + 1) * perColumn)));
    let low = 0;
    let high = 0;
    for (let frame = start; frame < end; frame++) {
      if (waveform.min[frame]! < low) low = waveform.min[frame]!;
      if (waveform.max[frame]! > high) high = waveform.max[frame]!;
    }
    min[column] = low;
    max[column] = high;
  }
  return { min, max };
}
