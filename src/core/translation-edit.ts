/**
 * Editing a cue file the way the translator workspace does: one operation per user action, each
 * returning a new document and leaving every untouched cue and block the same object (so undo
 * keeps snapshots cheaply and the row checks re-run only where something changed).
 *
 * Cues are addressed by their index in `document.cues` (file order): ids can be missing or
 * duplicated in a broken file, indexes cannot. Times are seconds; every result is rounded to the
 * millisecond, as files write them.
 */
import type { CueSegment, SpeakerRef, VttBlock } from './cue-model.ts';
import { editedCueText, withEditedText, withMarkup } from './cue-text-edit.ts';
import type { ParsedCue, ParseResult } from './vtt-parse.ts';

/** A parsed cue file as the workspace edits it (the document of `parseVtt`). */
export type CueDocument = ParseResult['document'];

/** The shortest a cue may be made by nudging or splitting (one nudge step). */
export const MIN_EDITED_DURATION = 0.1;

const roundToMs = (seconds: number): number => Math.round(seconds * 1000) / 1000;

/** A copy of `document` with the cue at `index` replaced by `update(cue)` (same object: no-op). */
export function updateCueAt(
  document: CueDocument,
  index: number,
  update: (cue: ParsedCue) => ParsedCue,
): CueDocument {
  const current = document.cues[index];
  if (!current) return document;
  const next = update(current);
  if (next === current) return document;
  let seen = -1;
  const blocks = document.blocks.map((block) =>
    block.type === 'cue' && ++seen === index ? { type: 'cue' as const, cue: next } : block,
  );
  const cues = document.cues.slice();
  cues[index] = next;
  return { ...document, blocks, cues };
}

/** Index in `document.blocks` of the cue at `cueIndex` (−1 when there is none). */
export function blockIndexOfCue(document: Pick<CueDocument, 'blocks'>, cueIndex: number): number {
  let seen = -1;
  return document.blocks.findIndex((block) => block.type === 'cue' && ++seen === cueIndex);
}

/** Rebuild `cues` from `blocks` (after blocks were inserted or removed). */
export function withBlocks(document: CueDocument, blocks: readonly VttBlock[]): CueDocument {
  const cues = blocks.flatMap((block) => (block.type === 'cue' ? [block.cue as ParsedCue] : []));
  return { ...document, blocks, cues };
}

/**
 * A cue whose text is what the translator typed (plain text: `&` and `<` are escaped when
 * written), keeping its voice span so the speaker survives, and every tag and word timestamp
 * around text the translator did not change (cue-text-edit.ts). The voice span is left open at
 * the end of the text, as the project's files write it (`<v Joy>Hello`), which WebVTT allows.
 */
export function withTypedText(cue: ParsedCue, typed: string): ParsedCue {
  return withEditedText(cue, typed);
}

/** Set the text of the cue at `index` to what the translator typed. */
export function setCueText(document: CueDocument, index: number, typed: string): CueDocument {
  return updateCueAt(document, index, (cue) => withTypedText(cue, typed));
}

/** Set the markup of the cue at `index` (inside its speaker's voice span) to what was typed. */
export function setCueMarkup(document: CueDocument, index: number, markup: string): CueDocument {
  return updateCueAt(document, index, (cue) => withMarkup(cue, markup));
}

/**
 * Move the start and/or end of the cue at `index` by `delta` seconds. The cue never starts before
 * 0 s and stays at least `MIN_EDITED_DURATION` long; a nudge that cannot move changes nothing.
 */
export function nudgeCue(
  document: CueDocument,
  index: number,
  edge: 'start' | 'end',
  delta: number,
): CueDocument {
  return updateCueAt(document, index, (cue) => {
    let { startTime, endTime } = cue;
    if (edge === 'start') {
      startTime = roundToMs(
        Math.min(Math.max(0, startTime + delta), endTime - MIN_EDITED_DURATION),
      );
    } else {
      endTime = roundToMs(Math.max(endTime + delta, startTime + MIN_EDITED_DURATION));
    }
    if (startTime === cue.startTime && endTime === cue.endTime) return cue;
    return { ...cue, startTime, endTime };
  });
}

/** Give the cue at `index` exactly these times (rounded to the millisecond). */
export function setCueTiming(
  document: CueDocument,
  index: number,
  startTime: number,
  endTime: number,
): CueDocument {
  return updateCueAt(document, index, (cue) =>
    cue.startTime === roundToMs(startTime) && cue.endTime === roundToMs(endTime)
      ? cue
      : { ...cue, startTime: roundToMs(startTime), endTime: roundToMs(endTime) },
  );
}

/** The cue with its first voice span naming `voice` (or a new voice span around its text). */
function withVoice(cue: ParsedCue, voice: string, speakerId: string): ParsedCue {
  let replaced = false;
  const rename = (segments: readonly CueSegment[]): CueSegment[] =>
    segments.map((segment) => {
      if (replaced || segment.type === 'text' || segment.type === 'timestamp') return segment;
      if (segment.type === 'voice') {
        replaced = true;
        return { ...segment, annotation: voice };
      }
      return { ...segment, children: rename(segment.children) };
    });
  let segments: CueSegment[] = rename(cue.segments);
  if (!replaced) {
    segments = [{ type: 'voice', classes: [], annotation: voice, children: segments }];
  }
  return { ...cue, segments, voice, speakerId, rawText: editedCueText(segments, cue.rawText) };
}

/**
 * Make `speaker` the speaker of the cue at `index`, naming them in its voice span. A following cue
 * without a voice span of its own would inherit the change (Contract 1), so it gets a voice span
 * naming the speaker it had: only this cue changes.
 */
export function setCueSpeaker(
  document: CueDocument,
  index: number,
  speaker: SpeakerRef,
): CueDocument {
  const cue = document.cues[index];
  if (!cue || cue.speakerId === speaker.id) return document;
  const next = document.cues[index + 1];
  let updated = document;
  if (next && next.voice === null && next.speakerId !== null) {
    const keeps = next.speakerId;
    updated = updateCueAt(updated, index + 1, (following) =>
      withVoice(following, voiceNameOf(document, index), keeps),
    );
  }
  return updateCueAt(updated, index, (current) => withVoice(current, speaker.name, speaker.id));
}

/** The voice name the speaker of the cue at `index` is written with (the last voice at or before it). */
function voiceNameOf(document: CueDocument, index: number): string {
  for (let i = index; i >= 0; i--) {
    const voice = document.cues[i]?.voice;
    if (voice) return voice;
  }
  return '';
}

/** A cue id not yet used in `document`: `base-2`, `base-3`, … */
export function unusedCueId(document: Pick<CueDocument, 'cues'>, base: string): string {
  const used = new Set(document.cues.map((cue) => cue.id));
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/**
 * Split the cue at `index` in two at `textOffset` (an offset in its plain text): the first part
 * keeps the id, the second gets a new id and the later share of the time, in proportion to its
 * text. Only the source language is split (translations keep the source's cue structure).
 */
export function splitCue(document: CueDocument, index: number, textOffset: number): CueDocument {
  const cue = document.cues[index];
  if (!cue) return document;
  const text = cue.text;
  const at = Math.max(0, Math.min(textOffset, text.length));
  const first = text.slice(0, at).trim();
  const second = text.slice(at).trim();
  if (first === '' || second === '') return document;
  const duration = cue.endTime - cue.startTime;
  if (duration < 2 * MIN_EDITED_DURATION) return document;
  const headText = withTypedText(cue, first);
  // The second part names the same speaker explicitly, so it reads right on its own.
  const tailBase: ParsedCue = { ...cue, id: unusedCueId(document, cue.id) };
  const tailText = withTypedText(
    cue.voice === null && cue.speakerId !== null
      ? withVoice(tailBase, voiceNameOf(document, index), cue.speakerId)
      : tailBase,
    second,
  );
  // Word timestamps say when the second part starts; without them, time goes by text length.
  const headTimes = timestampsOf(headText.segments);
  const tailTimes = timestampsOf(tailText.segments).filter((time) => !headTimes.includes(time));
  const share = first.length / (first.length + second.length);
  const earliest = Math.max(cue.startTime, ...headTimes) + MIN_EDITED_DURATION;
  const latest = Math.min(cue.endTime - MIN_EDITED_DURATION, (tailTimes[0] ?? Infinity) - 0.001);
  const proportional = cue.startTime + duration * share;
  const cut = roundToMs(
    tailTimes[0] !== undefined && leadingTimestamp(tailText.segments) === tailTimes[0]
      ? tailTimes[0]
      : earliest <= latest
        ? Math.min(Math.max(proportional, earliest), latest)
        : Math.min(
            Math.max(proportional, cue.startTime + MIN_EDITED_DURATION),
            cue.endTime - MIN_EDITED_DURATION,
          ),
  );
  const head = { ...withTimestampsWithin(headText, cue.startTime, cut), endTime: cut };
  const tail = { ...withTimestampsWithin(tailText, cut, cue.endTime), startTime: cut };
  const blockIndex = blockIndexOfCue(document, index);
  const blocks = document.blocks.slice();
  blocks.splice(blockIndex, 1, { type: 'cue', cue: head }, { type: 'cue', cue: tail });
  return withBlocks(document, blocks);
}

/** The times of a cue's word timestamps, in reading order. */
function timestampsOf(segments: readonly CueSegment[]): number[] {
  return segments.flatMap((segment) =>
    segment.type === 'timestamp'
      ? [segment.time]
      : segment.type === 'text'
        ? []
        : timestampsOf(segment.children),
  );
}

/** The time of the timestamp before any text, if there is one (the part starts with a timed word). */
function leadingTimestamp(segments: readonly CueSegment[]): number | undefined {
  for (const segment of segments) {
    if (segment.type === 'timestamp') return segment.time;
    if (segment.type === 'text') return undefined;
    if (segment.children.length > 0) return leadingTimestamp(segment.children);
  }
  return undefined;
}

/**
 * The cue without word timestamps outside (startTime, endTime): after a split, a timestamp of a
 * word now in the other part, or the one the part now starts at (the cue's start times its first
 * word, as the aligner writes it).
 */
export function withTimestampsWithin(
  cue: ParsedCue,
  startTime: number,
  endTime: number,
): ParsedCue {
  const inside = (segments: readonly CueSegment[]): CueSegment[] =>
    segments.flatMap((segment): CueSegment[] => {
      if (segment.type === 'timestamp')
        return segment.time > startTime && segment.time < endTime ? [segment] : [];
      if (segment.type === 'text') return [segment];
      return [{ ...segment, children: inside(segment.children) }];
    });
  const segments = inside(cue.segments);
  if (timestampsOf(segments).length === timestampsOf(cue.segments).length) return cue;
  return { ...cue, segments, rawText: editedCueText(segments, cue.rawText) };
}

/**
 * Merge the cue at `index` with the next one: one cue from the first start to the second end, its
 * text both texts on separate lines, the first id kept. The second cue's block goes, and its note
 * joins the first cue's note.
 */
export function mergeWithNextCue(document: CueDocument, index: number): CueDocument {
  const cue = document.cues[index];
  const next = document.cues[index + 1];
  if (!cue || !next) return document;
  const text = [cue.text, next.text].filter((part) => part.trim() !== '').join('\n');
  const merged = {
    ...withTypedText(cue, text),
    endTime: Math.max(cue.endTime, next.endTime),
  };
  const notes = [cueNoteAt(document, index), cueNoteAt(document, index + 1)].filter(Boolean);
  const withoutNext = removeCue(document, index + 1);
  const mergedDocument = updateCueAt(withoutNext, index, () => merged);
  return setCueNote(mergedDocument, index, notes.join('\n'));
}

/** Remove the cue at `index` (a translated cue the source does not have), and its note. */
export function removeCue(document: CueDocument, index: number): CueDocument {
  const blockIndex = blockIndexOfCue(document, index);
  if (blockIndex < 0) return document;
  const noteIndex = noteBlockIndexBefore(document, blockIndex);
  return withBlocks(
    document,
    document.blocks.filter((_, i) => i !== blockIndex && i !== noteIndex),
  );
}

/**
 * Insert `cue` so that it becomes the cue at `index` (at the end when `index` is past it), before
 * the note of the cue that was there, which stays with its cue.
 */
export function insertCue(document: CueDocument, index: number, cue: ParsedCue): CueDocument {
  const blockIndex = blockIndexOfCue(document, index);
  const blocks = document.blocks.slice();
  if (blockIndex < 0) blocks.push({ type: 'cue', cue });
  else {
    const noteIndex = noteBlockIndexBefore(document, blockIndex);
    blocks.splice(noteIndex >= 0 ? noteIndex : blockIndex, 0, { type: 'cue', cue });
  }
  return withBlocks(document, blocks);
}

// ---------- notes for the reviewer ----------
//
// A row's note is a NOTE block written just before its cue, whose first line names the cue:
//
//   NOTE for c006
//   Is "part-time" the right register here?
//
// Naming the cue keeps a file's own comments (a NOTE at the top, say) from being taken for a
// row's note, and keeps the note readable in a text editor. WebVTT ends a block at an empty line
// and forbids "-->" in a comment, so a note is written without empty lines and with "-->" as "->".

const NOTE_HEADER = /^NOTE for (\S+)[ \t]*$/;

function noteHeaderId(block: VttBlock | undefined): string | null {
  if (block?.type !== 'note') return null;
  const firstLine = block.text.split('\n', 1)[0] ?? '';
  return NOTE_HEADER.exec(firstLine)?.[1] ?? null;
}

/** Index of the note block for the cue block at `blockIndex`, or −1. */
function noteBlockIndexBefore(document: Pick<CueDocument, 'blocks'>, blockIndex: number): number {
  const cueBlock = document.blocks[blockIndex];
  if (cueBlock?.type !== 'cue') return -1;
  const id = noteHeaderId(document.blocks[blockIndex - 1]);
  return id !== null && id === cueBlock.cue.id ? blockIndex - 1 : -1;
}

function noteText(block: VttBlock): string {
  return block.type === 'cue' ? '' : block.text.split('\n').slice(1).join('\n');
}

/** The note for the cue at `index` ("" when it has none). */
export function cueNoteAt(document: Pick<CueDocument, 'blocks'>, index: number): string {
  const noteIndex = noteBlockIndexBefore(document, blockIndexOfCue(document, index));
  return noteIndex < 0 ? '' : noteText(document.blocks[noteIndex]!);
}

/** Every cue's note, by cue index (cues without a note are left out). */
export function cueNotes(document: Pick<CueDocument, 'blocks'>): Map<number, string> {
  const notes = new Map<number, string>();
  let cueIndex = -1;
  document.blocks.forEach((block, blockIndex) => {
    if (block.type !== 'cue') return;
    cueIndex++;
    const noteIndex = noteBlockIndexBefore(document, blockIndex);
    if (noteIndex >= 0) notes.set(cueIndex, noteText(document.blocks[noteIndex]!));
  });
  return notes;
}

/** A note as it can be written in a NOTE block: no empty lines, no "-->", no trailing spaces. */
export function normaliseNote(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/-->/g, '->').replace(/\s+$/u, ''))
    .filter((line) => line.trim() !== '')
    .join('\n');
}

/** Set (or, with empty text, remove) the note for the cue at `index`. */
export function setCueNote(document: CueDocument, index: number, text: string): CueDocument {
  const blockIndex = blockIndexOfCue(document, index);
  if (blockIndex < 0) return document;
  const cue = document.cues[index]!;
  const note = normaliseNote(text);
  const noteIndex = noteBlockIndexBefore(document, blockIndex);
  const current = noteIndex < 0 ? '' : noteText(document.blocks[noteIndex]!);
  if (note === current || cue.id === '') return document;
  const blocks = document.blocks.slice();
  const block: VttBlock = {
    type: 'note',
    text: `NOTE for ${cue.id}\n${note}`,
    line: cue.line,
  };
  if (noteIndex >= 0 && note === '') blocks.splice(noteIndex, 1);
  else if (noteIndex >= 0) blocks[noteIndex] = block;
  else blocks.splice(blockIndex, 0, block);
  return withBlocks(document, blocks);
}
