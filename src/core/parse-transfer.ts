/**
 * A parse result made cheap to send between threads. A timed transcript's cues hold a segment
 * per word and per timestamp (about 200,000 objects for 100,000 words): structured cloning them
 * cost the parser worker's reply 12× the time of the same file without word timings, on the
 * page's main thread, and then the collector's time to clean them up.
 *
 * Most of those segments can be read again from the cue's own `rawText` by the fast path, which
 * gives exactly what the parse gave (vtt-fast-path.ts; its tests compare it with the library on
 * generated and hostile input). So the sender leaves them out, and the receiver puts back a
 * property that reads them on first use: the virtualized panel asks only for the rows it shows.
 * Cues the fast path cannot read (other markup, entities, broken tags) keep their segments.
 */
import type { Cue, CueSegment, VerbatimBlock } from './cue-model.ts';
import { fastSegments } from './vtt-fast-path.ts';
import type { ParsedCue, ParseOptions, ParseResult } from './vtt-parse.ts';

/** A parsed cue as sent: `segments` is absent when the receiver can read them from `rawText`. */
export type SentCue = Omit<ParsedCue, 'segments'> & { readonly segments?: readonly CueSegment[] };

/** A parse result as sent between threads (see the module comment). */
export interface SentParseResult {
  readonly document: Omit<ParseResult['document'], 'cues' | 'blocks'> & {
    readonly cues: readonly SentCue[];
    readonly blocks: ReadonlyArray<
      VerbatimBlock | { readonly type: 'cue'; readonly cue: SentCue | Cue }
    >;
  };
  readonly findings: ParseResult['findings'];
}

function segmentMode(options: ParseOptions): 'subtitles' | 'chapters' {
  return options.kind === 'chapters' ? 'chapters' : 'subtitles';
}

/** Whether the fast path reads `cue`'s segments from its raw text (then they need not be sent). */
function rereadable(cue: ParsedCue, mode: 'subtitles' | 'chapters'): boolean {
  // A cue whose text holds no `<` has at most one text segment: nothing to save by leaving it out.
  return cue.rawText.includes('<') && fastSegments(cue.rawText, mode, cue) !== null;
}

/**
 * The result with the segments the receiver can read again left out. The cues in `blocks` stay
 * the same objects as in `cues`, so a structured clone keeps them shared.
 */
export function parseResultToSend(result: ParseResult, options: ParseOptions): SentParseResult {
  const mode = segmentMode(options);
  const sent = new Map<ParsedCue, SentCue>();
  const cues = result.document.cues.map((cue) => {
    if (!rereadable(cue, mode)) return cue;
    const { segments: _rereadOnArrival, ...rest } = cue;
    sent.set(cue, rest);
    return rest;
  });
  const blocks = result.document.blocks.map((block) =>
    block.type === 'cue'
      ? { type: 'cue' as const, cue: sent.get(block.cue as ParsedCue) ?? block.cue }
      : block,
  );
  return { document: { ...result.document, cues, blocks }, findings: result.findings };
}

/**
 * The result received, made whole again in place: each cue sent without segments gets a
 * `segments` property that reads them from its raw text on first use and keeps them. One getter
 * serves every cue of the file, so the cues keep sharing one shape (a getter per cue would give
 * each its own, and every loop over the cues would slow down).
 */
export function parseResultReceived(received: SentParseResult, options: ParseOptions): ParseResult {
  const mode = segmentMode(options);
  const readAgain = {
    enumerable: true,
    configurable: true,
    get(this: SentCue): readonly CueSegment[] {
      const segments = fastSegments(this.rawText, mode, this);
      if (!segments) {
        throw new Error(
          `Cue ${this.id || this.line} was sent without its segments but cannot be read again`,
        );
      }
      Object.defineProperty(this, 'segments', { value: segments, enumerable: true });
      return segments;
    },
  };
  for (const cue of received.document.cues) {
    if (cue.segments === undefined) Object.defineProperty(cue, 'segments', readAgain);
  }
  return received as ParseResult;
}
