import { describe, expect, it } from 'vitest';
import {
  cueNoteAt,
  cueNotes,
  insertCue,
  mergeWithNextCue,
  nudgeCue,
  removeCue,
  setCueNote,
  setCueSpeaker,
  setCueText,
  splitCue,
  unusedCueId,
  withTypedText,
} from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';

const speakers = [
  { id: 'joy', name: 'Joy' },
  { id: 'dasom', name: 'Dasom' },
];

const FILE = `WEBVTT

NOTE
A file comment that belongs to no row.

c1
00:00:01.000 --> 00:00:03.000 align:start
<v Joy>Hello there

c2
00:00:03.500 --> 00:00:05.000
and more

c3
00:00:06.000 --> 00:00:08.000
<v.loud Dasom>Yes.
`;

const parse = (text = FILE) => parseVtt(text, { speakers }).document;
const reparse = (document: ReturnType<typeof parse>) => parse(serializeVtt(document));

describe(withTypedText.name, () => {
  it('escapes & and < when written and gets them back unchanged when parsed', () => {
    const document = setCueText(parse(), 0, 'a < b & c --> d');
    expect(serializeVtt(document)).toContain('<v Joy>a &lt; b &amp; c --&gt; d\n');
    expect(reparse(document).cues[0]!.text).toBe('a < b & c --> d');
  });

  it('keeps the voice span (name and classes) so the speaker survives', () => {
    const document = setCueText(parse(), 2, '네.');
    const cue = reparse(document).cues[2]!;
    expect(cue.speakerId).toBe('dasom');
    expect(serializeVtt(document)).toContain('<v.loud Dasom>네.\n');
  });

  it('returns the same cue when the typed text normalises to the current text', () => {
    const cue = parse().cues[0]!;
    expect(withTypedText(cue, 'Hello there  \n\n')).toBe(cue);
  });
});

describe(setCueText.name, () => {
  it('keeps every other cue and block the same object, and ids, order, NOTEs and settings', () => {
    const original = parse();
    const edited = setCueText(original, 1, 'changed');
    expect(edited.cues[0]).toBe(original.cues[0]);
    expect(edited.cues[2]).toBe(original.cues[2]);
    expect(edited.blocks[0]).toBe(original.blocks[0]);
    const text = serializeVtt(edited);
    expect(text).toContain('NOTE\nA file comment that belongs to no row.');
    expect(text).toContain('c1\n00:00:01.000 --> 00:00:03.000 align:start\n<v Joy>Hello there');
    expect(reparse(edited).cues.map((cue) => cue.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('parse → save → parse gives the same cues', () => {
    const edited = setCueText(setCueText(parse(), 0, 'One\ntwo'), 2, '');
    const again = reparse(edited);
    const facts = (document: ReturnType<typeof parse>) =>
      document.cues.map(({ id, startTime, endTime, text, speakerId, settings }) => [
        id,
        startTime,
        endTime,
        text,
        speakerId,
        settings,
      ]);
    expect(facts(again)).toEqual(facts(edited));
    expect(serializeVtt(again)).toBe(serializeVtt(edited));
  });
});

describe('inline markup (issue 18)', () => {
  const MARKED = `WEBVTT

c1
00:00:01.000 --> 00:00:06.000
<v Joy><i>Hello</i> <00:02.500>there, <c.loud>my</c> <00:03.500><lang ko>친구</lang>
`;

  it('keeps the tags and word timestamps of a row whose text is edited', () => {
    const edited = setCueText(parse(MARKED), 0, 'Hello there, my good 친구');
    expect(serializeVtt(edited)).toContain(
      '<v Joy><i>Hello</i> <00:02.500>there, <c.loud>my</c> good <00:03.500><lang ko>친구</lang>\n',
    );
    expect(reparse(edited).cues[0]!.text).toBe('Hello there, my good 친구');
  });

  it('keeps each part’s markup when a row is split, and its timestamps within its time', () => {
    const split = splitCue(parse(MARKED), 0, 'Hello there,'.length);
    const written = serializeVtt(split);
    expect(written).toContain('<v Joy><i>Hello</i> <00:02.500>there,\n');
    expect(written).toContain('<v Joy><c.loud>my</c> <00:03.500><lang ko>친구</lang>\n');
    // "my" is timed by nothing of its own: the cut falls before the next timed word.
    expect(split.cues[1]!.startTime).toBeLessThan(3.5);
    expect(split.cues[1]!.startTime).toBeGreaterThan(2.5);
    expect(reparse(split).cues.map((cue) => cue.text)).toEqual(['Hello there,', 'my 친구']);
  });

  it('splits a timed row where its next word starts, as the aligner timed it', () => {
    const split = splitCue(parse(MARKED), 0, 'Hello there, my '.length);
    expect(split.cues.map(({ startTime, endTime }) => [startTime, endTime])).toEqual([
      [1, 3.5],
      [3.5, 6],
    ]);
    expect(serializeVtt(split)).toContain(
      'c1-2\n00:00:03.500 --> 00:00:06.000\n<v Joy><lang ko>친구</lang>\n',
    );
  });
});

describe(nudgeCue.name, () => {
  it('moves the start or the end by the step, to the millisecond', () => {
    const document = nudgeCue(nudgeCue(parse(), 0, 'start', 0.1), 0, 'end', -0.1);
    expect(document.cues[0]).toMatchObject({ startTime: 1.1, endTime: 2.9 });
    expect(nudgeCue(document, 0, 'start', -0.1).cues[0]!.startTime).toBe(1);
  });

  it('never starts before 0 or makes a cue shorter than 0.1 s; a nudge that cannot move is a no-op', () => {
    const zero = parse('WEBVTT\n\na\n00:00:00.000 --> 00:00:00.100\nx\n');
    expect(nudgeCue(zero, 0, 'start', -0.1)).toBe(zero);
    expect(nudgeCue(zero, 0, 'end', -0.1)).toBe(zero);
    expect(nudgeCue(zero, 0, 'start', 0.1)).toBe(zero);
  });
});

describe(setCueSpeaker.name, () => {
  it('renames the voice span and keeps the following cue with its own speaker', () => {
    const document = setCueSpeaker(parse(), 0, speakers[1]!);
    const again = reparse(document);
    expect(again.cues.map((cue) => cue.speakerId)).toEqual(['dasom', 'joy', 'dasom']);
    expect(serializeVtt(document)).toContain('<v Dasom>Hello there');
    expect(serializeVtt(document)).toContain('<v Joy>and more');
  });

  it('adds a voice span to a cue that had none', () => {
    const document = setCueSpeaker(parse(), 1, speakers[1]!);
    expect(reparse(document).cues.map((cue) => cue.speakerId)).toEqual(['joy', 'dasom', 'dasom']);
  });
});

describe('notes', () => {
  it('writes a note as "NOTE for <id>" just before its cue and reads it back', () => {
    const document = setCueNote(parse(), 1, 'Check the register\n\nsecond --> line');
    const text = serializeVtt(document);
    expect(text).toContain('NOTE for c2\nCheck the register\nsecond -> line\n\nc2\n');
    const again = reparse(document);
    expect(cueNoteAt(again, 1)).toBe('Check the register\nsecond -> line');
    expect([...cueNotes(again)]).toEqual([[1, 'Check the register\nsecond -> line']]);
  });

  it('does not take a file comment above the first cue for its note', () => {
    expect(cueNoteAt(parse(), 0)).toBe('');
    expect(cueNotes(parse()).size).toBe(0);
  });

  it('replaces and removes a note, leaving the file comment alone', () => {
    const once = setCueNote(parse(), 0, 'first');
    const twice = setCueNote(once, 0, 'second');
    expect(cueNoteAt(twice, 0)).toBe('second');
    const removed = setCueNote(twice, 0, '');
    expect(serializeVtt(removed)).toBe(serializeVtt(parse()));
  });

  it('keeps a note with its cue when a cue is inserted before it or the cue is removed', () => {
    const noted = setCueNote(parse(), 1, 'keep me');
    const inserted = insertCue(noted, 1, { ...noted.cues[0]!, id: 'new' });
    expect(inserted.cues.map((cue) => cue.id)).toEqual(['c1', 'new', 'c2', 'c3']);
    expect(cueNoteAt(inserted, 2)).toBe('keep me');
    const removed = removeCue(noted, 1);
    expect(serializeVtt(removed)).not.toContain('keep me');
  });
});

describe(splitCue.name, () => {
  it('splits the text at the offset and the time in proportion, with a new unique id', () => {
    const document = splitCue(parse(), 0, 'Hello'.length);
    expect(document.cues.map((cue) => cue.id)).toEqual(['c1', 'c1-2', 'c2', 'c3']);
    const [head, tail] = document.cues;
    expect(head).toMatchObject({ text: 'Hello', startTime: 1 });
    expect(tail).toMatchObject({ text: 'there', endTime: 3, speakerId: 'joy' });
    expect(head!.endTime).toBe(tail!.startTime);
    expect(head!.endTime).toBeCloseTo(1 + 2 * (5 / 10), 3);
    expect(reparse(document).cues[1]!.speakerId).toBe('joy');
  });

  it('refuses a split that would leave an empty part', () => {
    const document = parse();
    expect(splitCue(document, 0, 0)).toBe(document);
  });
});

describe(mergeWithNextCue.name, () => {
  it('joins text and time, keeps the first id, and joins the notes', () => {
    const noted = setCueNote(setCueNote(parse(), 0, 'one'), 1, 'two');
    const merged = mergeWithNextCue(noted, 0);
    expect(merged.cues.map((cue) => cue.id)).toEqual(['c1', 'c3']);
    expect(merged.cues[0]).toMatchObject({
      text: 'Hello there\nand more',
      startTime: 1,
      endTime: 5,
    });
    expect(cueNoteAt(merged, 0)).toBe('one\ntwo');
    expect(serializeVtt(merged)).not.toContain('NOTE for c2');
  });
});

describe(unusedCueId.name, () => {
  it('counts up past ids in use', () => {
    const document = parse(
      'WEBVTT\n\na\n00:01.000 --> 00:02.000\nx\n\na-2\n00:02.000 --> 00:03.000\ny\n',
    );
    expect(unusedCueId(document, 'a')).toBe('a-3');
  });
});
