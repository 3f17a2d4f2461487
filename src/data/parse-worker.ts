/// <reference lib="webworker" />
/**
 * Parses WebVTT off the main thread: a 10,000-cue file takes the library a few hundred
 * milliseconds, during which the video and the page would otherwise stutter.
 */
import { timeIndexTables, type TimeIndexTables } from '../core/time-index.ts';
import { parseVtt, type ParseOptions, type ParseResult } from '../core/vtt-parse.ts';

export interface ParseRequest {
  readonly id: number;
  readonly text: string;
  readonly options: ParseOptions;
}

export interface ParseReply {
  readonly id: number;
  readonly result?: ParseResult;
  readonly index?: TimeIndexTables;
  readonly error?: string;
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, text, options } = event.data;
  try {
    const result = parseVtt(text, options);
    // The time index too: built here, it costs the page's first render nothing.
    const index = timeIndexTables(result.document.cues);
    const reply: ParseReply = { id, result, index };
    self.postMessage(reply, [index.spans.buffer, index.current.buffer, index.recent.buffer]);
  } catch (error) {
    const reply: ParseReply = { id, error: error instanceof Error ? error.message : String(error) };
    self.postMessage(reply);
  }
};
