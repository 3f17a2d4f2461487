/// <reference lib="webworker" />
/**
 * Parses WebVTT off the main thread: a 10,000-cue file takes the library a few hundred
 * milliseconds, during which the video and the page would otherwise stutter.
 */
import { parseVtt, type ParseOptions } from '../core/vtt-parse.ts';

export interface ParseRequest {
  readonly id: number;
  readonly text: string;
  readonly options: ParseOptions;
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, text, options } = event.data;
  try {
    self.postMessage({ id, result: parseVtt(text, options) });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
