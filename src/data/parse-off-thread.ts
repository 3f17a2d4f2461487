/**
 * Parse big cue files in a worker, small ones right here. The result is the same either way
 * (the worker runs the same core parser); where workers are missing or fail, parsing falls back
 * to the main thread rather than failing the page.
 */
import type { Cue } from '../core/cue-model.ts';
import {
  transcriptWords,
  transcriptWordsFromTables,
  type TranscriptWords,
} from '../core/cue-words.ts';
import {
  buildTimeIndex,
  timeIndexFromTables,
  type TimeIndex,
  type TimeRange,
} from '../core/time-index.ts';
import { parseResultReceived } from '../core/parse-transfer.ts';
import { parseVtt, type ParseOptions, type ParseResult } from '../core/vtt-parse.ts';
import type { ParseReply, ParseRequest } from './parse-worker.ts';

/** Files smaller than this (about 1,000 cues) parse faster than a worker round trip. */
const WORKER_FROM_CHARS = 100_000;

let worker: Worker | null | undefined;
/** Time indexes the worker built, by the cue list they index. */
const builtIndexes = new WeakMap<readonly TimeRange[], TimeIndex>();
/** Timed words by cue list: the worker's, or built here once per list (null: none). */
const builtWords = new WeakMap<readonly Cue[], TranscriptWords | null>();
let nextId = 0;
const pending = new Map<
  number,
  {
    options: ParseOptions;
    resolve: (result: ParseResult) => void;
    reject: (error: Error) => void;
  }
>();

function parser(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ParseReply>) => {
      const { id, result: sent, index, words } = event.data;
      const request = pending.get(id);
      pending.delete(id);
      const result = sent && request && parseResultReceived(sent, request.options);
      if (result && index) builtIndexes.set(result.document.cues, timeIndexFromTables(index));
      if (result && words !== undefined) {
        builtWords.set(result.document.cues, words && transcriptWordsFromTables(words));
      }
      if (result) request?.resolve(result);
      else request?.reject(new Error(event.data.error ?? 'the parser worker failed'));
    };
    worker.onerror = () => {
      // The worker could not start (blocked, unsupported): everything parses here from now on.
      worker = null;
      for (const request of pending.values())
        request.reject(new Error('parser worker unavailable'));
      pending.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** Parse a cue file, in a worker when it is big. */
export async function parseCueFile(text: string, options: ParseOptions): Promise<ParseResult> {
  const target = text.length >= WORKER_FROM_CHARS && typeof Worker === 'function' ? parser() : null;
  if (!target) return parseVtt(text, options);
  const id = nextId++;
  try {
    return await new Promise<ParseResult>((resolve, reject) => {
      pending.set(id, { options, resolve, reject });
      const request: ParseRequest = { id, text, options };
      target.postMessage(request);
    });
  } catch {
    return parseVtt(text, options);
  }
}

/** The time index over `items`: the one the parser worker built with them, or a new one. */
export function timeIndexOf(items: readonly TimeRange[]): TimeIndex {
  return builtIndexes.get(items) ?? buildTimeIndex(items);
}

/**
 * The timed words of `cues` (null without word timings): the tables the parser worker built with
 * them, or built here once per list (small files, parsed on this thread, have few words).
 */
export function transcriptWordsOf(cues: readonly Cue[]): TranscriptWords | null {
  if (!builtWords.has(cues)) builtWords.set(cues, transcriptWords(cues));
  return builtWords.get(cues)!;
}
