/// <reference lib="webworker" />
/**
 * Parses WebVTT off the main thread: a 10,000-cue file takes the library a few hundred
 * milliseconds, during which the video and the page would otherwise stutter.
 */
import { transcriptWordTables, type TranscriptWordTables } from '../core/cue-words.ts';
import { parseResultToSend, type SentParseResult } from '../core/parse-transfer.ts';
import { timeIndexTables, type TimeIndexTables } from '../core/time-index.ts';
import { parseVtt, type ParseOptions } from '../core/vtt-parse.ts';

export interface ParseRequest {
  readonly id: number;
  readonly text: string;
  readonly options: ParseOptions;
}

export interface ParseReply {
  readonly id: number;
  /** The result without the segments the page reads again from each cue's raw text. */
  readonly result?: SentParseResult;
  readonly index?: TimeIndexTables;
  /** The timed words' tables; null when the file has no word timings. */
  readonly words?: TranscriptWordTables | null;
  readonly error?: string;
}

self.onmessage = (event: MessageEvent<ParseRequest>) => {
  const { id, text, options } = event.data;
  try {
    const result = parseVtt(text, options);
    // The time index too: built here, it costs the page's first render nothing.
    const index = timeIndexTables(result.document.cues);
    // And the word tables (~100,000 words in three hours): built here, never in a render.
    const words = transcriptWordTables(result.document.cues);
    // Timed cues' segments (two objects a word) stay here: cloning them cost the page ~1 s.
    const reply: ParseReply = { id, result: parseResultToSend(result, options), index, words };
    const transfer = [index.spans.buffer, index.current.buffer, index.recent.buffer];
    if (words) {
      const { startTimes, endTimes, cueOf, firstWord, index: wordIndex } = words;
      transfer.push(startTimes.buffer, endTimes.buffer, cueOf.buffer, firstWord.buffer);
      transfer.push(wordIndex.spans.buffer, wordIndex.current.buffer, wordIndex.recent.buffer);
    }
    self.postMessage(reply, transfer);
  } catch (error) {
    const reply: ParseReply = { id, error: error instanceof Error ? error.message : String(error) };
    self.postMessage(reply);
  }
};
