/**
 * Re-aligning a stretch for the workspace (`POST <base>api/episodes/<id>/realign`, save-api.ts):
 * the rows' text is timed again inside one window of the episode's sound by the aligner
 * (scripts/align/stretches.ts: ffmpeg decodes only the window, espeak-ng speaks the words, the
 * core's `alignStretch` times them). The answer is each row's spoken words with their times on the
 * episode's clock; the workspace turns them into cue edges and word timestamps (one undo step).
 *
 * Bounded: a stretch of at most MAX_REALIGN_SECONDS, MAX_REALIGN_ROWS rows and MAX_REALIGN_WORDS
 * words, one re-align at a time per server (the machine's cores are the limit), and an answer
 * within REALIGN_TIMEOUT_MS or a 504 (the child processes are stopped).
 */
import path from 'node:path';
import { stat } from 'node:fs/promises';
import { wordsOfText } from '../core/align/published-transcript.ts';
import { ALIGN_SAMPLE_RATE } from '../core/align/aligner.ts';
import {
  AlignInputError,
  decodeArguments,
  execFileBuffer,
  pcm16ToFloat,
} from '../../scripts/align/media-audio.ts';
import { alignStretches } from '../../scripts/align/stretches.ts';
import { ApiRefusal } from './translation-refusal.ts';
import { readIfExists } from './translation-files.ts';

/** The longest stretch re-aligned in one request (seconds): a few rows, not an episode. */
export const MAX_REALIGN_SECONDS = 60;
export const MAX_REALIGN_ROWS = 40;
export const MAX_REALIGN_WORDS = 400;
/** A re-align answers within this time (ms) or is given up with a 504. */
export const REALIGN_TIMEOUT_MS = 60_000;
/** The largest request body (bytes): 40 rows of text with room to spare. */
export const MAX_REALIGN_BODY_BYTES = 64 * 1024;

/** What the workspace sends. */
export interface RealignRequest {
  /** The stretch of the episode's sound, seconds. */
  readonly startTime: number;
  readonly endTime: number;
  /** The rows in order: id and plain text (no markup, no timestamp tags). */
  readonly rows: readonly { readonly id: string; readonly text: string }[];
}

/** One row's answer: a time per spoken word of its text (in `wordsOfText` order), seconds. */
export interface RealignedRow {
  readonly id: string;
  readonly words: readonly {
    readonly text: string;
    readonly startTime: number;
    readonly endTime: number;
  }[];
}

export interface RealignAnswer {
  readonly startTime: number;
  readonly endTime: number;
  readonly rows: readonly RealignedRow[];
  /** How long the work took (ms): decoding, synthesis and alignment together. */
  readonly elapsedMs: number;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/** The request checked, or a 400/413/422 that says what is wrong with it. */
export function checkRealignRequest(value: unknown): RealignRequest {
  const body = value as Partial<RealignRequest> | null;
  const example =
    'Send { "startTime": 12.5, "endTime": 20, "rows": [{ "id": "c004", "text": "…" }] } (seconds).';
  if (!body || typeof body !== 'object') throw new ApiRefusal(400, `No request. ${example}`);
  const { startTime, endTime, rows } = body;
  if (!isFiniteNumber(startTime) || !isFiniteNumber(endTime) || startTime < 0) {
    throw new ApiRefusal(400, `startTime and endTime must be seconds (0 or more). ${example}`);
  }
  if (endTime <= startTime) {
    throw new ApiRefusal(
      400,
      `The stretch ends (${endTime} s) before it starts (${startTime} s): select rows or a region that holds speech.`,
    );
  }
  if (endTime - startTime > MAX_REALIGN_SECONDS) {
    throw new ApiRefusal(
      422,
      `The stretch is ${(endTime - startTime).toFixed(1)} s long; re-align at most ${MAX_REALIGN_SECONDS} s at a time (select fewer rows or a shorter region). For a whole episode use npm run align.`,
    );
  }
  if (!Array.isArray(rows) || rows.length === 0) {
    throw new ApiRefusal(400, `Select at least one row to re-align. ${example}`);
  }
  if (rows.length > MAX_REALIGN_ROWS) {
    throw new ApiRefusal(
      422,
      `${rows.length} rows selected; re-align at most ${MAX_REALIGN_ROWS} at a time.`,
    );
  }
  for (const row of rows) {
    if (!row || typeof row.id !== 'string' || typeof row.text !== 'string') {
      throw new ApiRefusal(400, `Each row needs an "id" and a "text" (strings). ${example}`);
    }
  }
  const words = rows.reduce((sum, row) => sum + spokenWords(row.text).length, 0);
  if (words === 0) {
    throw new ApiRefusal(422, 'The selected rows have no words to align: type their text first.');
  }
  if (words > MAX_REALIGN_WORDS) {
    throw new ApiRefusal(
      422,
      `The selected rows hold ${words} words; re-align at most ${MAX_REALIGN_WORDS} at a time.`,
    );
  }
  return { startTime, endTime, rows: rows.map((row) => ({ id: row.id, text: row.text })) };
}

/** The words of a row's text that are spoken (editor's insertions `[…]` are not). */
function spokenWords(text: string): string[] {
  return wordsOfText(text)
    .filter((word) => word.spoken)
    .map((word) => word.text);
}

/**
 * The local media file whose sound is decoded: the first source that is a file in the episode
 * folder, preferring a single file over an HLS playlist. A 409 when there is none.
 */
export async function episodeMediaFile(folder: string): Promise<string> {
  const bytes = await readIfExists(path.join(folder, 'episode.json'));
  if (!bytes) throw new ApiRefusal(404, 'This episode has no episode.json.');
  let sources: unknown;
  try {
    sources = (JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, '')) as { media?: unknown })
      ?.media;
    sources = (sources as { sources?: unknown } | undefined)?.sources;
  } catch {
    throw new ApiRefusal(409, 'episode.json is not valid JSON: run npm run check and fix it.');
  }
  const candidates = (Array.isArray(sources) ? sources : [])
    .map((source: unknown) => (source as { src?: unknown })?.src)
    .filter((src): src is string => typeof src === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(src))
    .sort((a, b) => Number(a.endsWith('.m3u8')) - Number(b.endsWith('.m3u8')));
  for (const src of candidates) {
    const file = path.resolve(folder, src);
    if (!file.startsWith(folder + path.sep)) continue;
    const isFile = await stat(file).then(
      (info) => info.isFile(),
      () => false,
    );
    if (isFile) return file;
  }
  throw new ApiRefusal(
    409,
    'This episode has no media file in its folder to take the sound from (episode.json media.sources), so nothing can be re-aligned.',
  );
}

/** The sound of `file` from `startTime` for `duration` seconds, 16 kHz mono. */
async function decodeWindow(
  file: string,
  startTime: number,
  duration: number,
  signal: AbortSignal,
): Promise<Float32Array> {
  const { stdout, stderr, code } = await execFileBuffer(
    'ffmpeg',
    decodeArguments(file, { startTime, duration }),
    { signal },
  );
  if (signal.aborted) throw new ApiRefusal(504, timeoutMessage());
  if (code !== 0) {
    throw new ApiRefusal(
      500,
      `ffmpeg could not decode the episode's sound (${stderr.trim().split('\n').pop()}).`,
    );
  }
  return pcm16ToFloat(stdout);
}

const timeoutMessage = (): string =>
  `Re-aligning took longer than ${REALIGN_TIMEOUT_MS / 1000} s and was stopped: select fewer rows or a shorter stretch. Nothing was changed.`;

/** Re-align `request` against the media file's sound. */
export async function realignStretch(
  mediaFile: string,
  request: RealignRequest,
  lang: string,
  timeoutMs = REALIGN_TIMEOUT_MS,
): Promise<RealignAnswer> {
  const began = performance.now();
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const duration = request.endTime - request.startTime;
    const audio = await decodeWindow(mediaFile, request.startTime, duration, controller.signal);
    if (audio.length < ALIGN_SAMPLE_RATE * 0.2) {
      throw new ApiRefusal(
        422,
        `The episode's sound ends before ${request.startTime.toFixed(1)} s + 0.2 s: there is nothing to align to there.`,
      );
    }
    const rowWords = request.rows.map((row) => spokenWords(row.text));
    const words = rowWords.flat();
    const aligned = await Promise.race([
      alignStretches(
        audio,
        [{ startTime: 0, endTime: audio.length / ALIGN_SAMPLE_RATE, words }],
        lang,
      ),
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () =>
          reject(new ApiRefusal(504, timeoutMessage())),
        ),
      ),
    ]).catch((error: unknown) => {
      if (error instanceof AlignInputError) throw new ApiRefusal(503, error.message);
      if (error instanceof RangeError) {
        throw new ApiRefusal(422, `${error.message}: select a longer stretch around the rows.`);
      }
      throw error;
    });
    const times = aligned[0] ?? [];
    let next = 0;
    const round = (seconds: number): number =>
      Math.round((seconds + request.startTime) * 1000) / 1000;
    const rows = request.rows.map((row, i) => ({
      id: row.id,
      words: rowWords[i]!.map((text) => {
        const word = times[next++]!;
        return { text, startTime: round(word.startTime), endTime: round(word.endTime) };
      }),
    }));
    return {
      startTime: request.startTime,
      endTime: request.endTime,
      rows,
      elapsedMs: Math.round(performance.now() - began),
    };
  } finally {
    clearTimeout(timer);
  }
}
