/**
 * The parser worker's reply: a parse result sent without the segments the page can read again
 * from each cue's raw text must arrive (through a structured clone, as postMessage sends it) equal
 * to the result parsed on the spot, for timed and untimed cues, markup the fast path leaves to
 * the library, and chapters.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { writeLongEpisode } from '../../scripts/bench/long-episode.ts';
import { parseResultReceived, parseResultToSend } from '../../src/core/parse-transfer.ts';
import { parseVtt, type ParseOptions } from '../../src/core/vtt-parse.ts';

function sentAndReceived(text: string, options: ParseOptions) {
  const sent = parseResultToSend(parseVtt(text, options), options);
  return { sent, received: parseResultReceived(structuredClone(sent), options) };
}

const MIXED = `WEBVTT

NOTE kept verbatim

c1
00:00:02.500 --> 00:00:04.105
<v Joy>Welcome <00:00:02.975>to <00:00:03.150>the <00:00:03.270>Red <00:00:03.485>Box!</v>

c2
00:00:04.500 --> 00:00:06.000 align:start
<v Park Eunhee>Settings <00:00:05.000>and words

c3
00:00:06.000 --> 00:00:08.000
<i>Markup</i> <00:00:07.000>&amp; an entity

c4
00:00:08.000 --> 00:00:10.000
A tag <00:00:11.000>out of the cue

c5
00:00:10.000 --> 00:00:12.000
Plain text
`;

describe(parseResultToSend.name, () => {
  it('arrives equal to the parse, with the cues in blocks still the cues', () => {
    for (const options of [
      { file: 'x.vtt' },
      { file: 'x.vtt', speakers: [{ id: 'joy', name: 'Joy' }] },
      { file: 'x.vtt', kind: 'chapters' as const },
    ]) {
      const { received } = sentAndReceived(MIXED, options);
      expect(received).toEqual(parseVtt(MIXED, options));
      const cueBlocks = received.document.blocks.flatMap((b) => (b.type === 'cue' ? [b.cue] : []));
      expect(cueBlocks).toHaveLength(received.document.cues.length);
      cueBlocks.forEach((cue, i) => expect(cue).toBe(received.document.cues[i]));
    }
  });

  it('leaves out only the segments the fast path reads again', () => {
    const { sent } = sentAndReceived(MIXED, {});
    expect(sent.document.cues.map((cue) => cue.segments !== undefined)).toEqual([
      false, // aligned words
      false, // settings on the timing line do not matter to the text
      true, // markup and an entity: the library's
      true, // a tag outside the cue: the library's (it reports it)
      true, // no tag: one text segment, nothing to save
    ]);
  });

  it('reads segments once, when first asked for', () => {
    const { received } = sentAndReceived(MIXED, {});
    const cue = received.document.cues[0]!;
    expect(cue.segments).toBe(cue.segments);
  });

  it('sends a long timed transcript in under half the bytes, arriving equal', () => {
    const folder = writeLongEpisode(mkdtempSync(path.join(tmpdir(), 'transfer-')), {
      words: true,
      cueCount: 2_000,
    });
    const text = readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8');
    const parsed = parseVtt(text);
    const { sent, received } = sentAndReceived(text, {});
    expect(serialize(sent).length).toBeLessThan(serialize(parsed).length / 2);
    expect(received).toEqual(parsed);
  });
});
