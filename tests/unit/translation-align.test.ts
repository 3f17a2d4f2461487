import { describe, expect, it } from 'vitest';
import {
  completeTranslation,
  createTranslation,
  diffRows,
  mergeRows,
  suggestedChoice,
  type RowChoice,
} from '../../src/core/translation-align.ts';
import { cueNoteAt, setCueNote, setCueText } from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';

const speakers = [
  { id: 'joy', name: 'Joy' },
  { id: 'all', name: 'All' },
];
const parse = (text: string) => parseVtt(text, { speakers }).document;

const SOURCE = parse(`WEBVTT

NOTE source comment

c1
00:00:01.000 --> 00:00:02.000 line:90%
<v All>Welcome!

c2
00:00:02.500 --> 00:00:04.000
<v Joy>When I came

c3
00:00:04.500 --> 00:00:06.000
to the South.
`);

describe(createTranslation.name, () => {
  it('keeps ids, timings, settings and speakers, with empty text and its own comment', () => {
    const translation = createTranslation(SOURCE, 'French translation.');
    const text = serializeVtt(translation);
    expect(text).toBe(
      'WEBVTT\n\nNOTE\nFrench translation.\n\nc1\n00:00:01.000 --> 00:00:02.000 line:90%\n<v All>\n\n' +
        'c2\n00:00:02.500 --> 00:00:04.000\n<v Joy>\n\nc3\n00:00:04.500 --> 00:00:06.000\n',
    );
    const again = parse(text);
    expect(again.cues.map((cue) => [cue.id, cue.text, cue.speakerId])).toEqual([
      ['c1', '', 'all'],
      ['c2', '', 'joy'],
      ['c3', '', 'joy'],
    ]);
  });
});

describe(completeTranslation.name, () => {
  it('adds missing source ids as empty cues where they belong, before a following note', () => {
    const partial = parse(`WEBVTT

NOTE for c3
a note

c3
00:00:04.500 --> 00:00:06.000
<v Joy>au Sud.
`);
    const { document, added } = completeTranslation(SOURCE, partial);
    expect(added).toEqual(['c1', 'c2']);
    expect(document.cues.map((cue) => [cue.id, cue.text])).toEqual([
      ['c1', ''],
      ['c2', ''],
      ['c3', 'au Sud.'],
    ]);
    expect(cueNoteAt(document, 2)).toBe('a note');
  });

  it('changes nothing when every id is present', () => {
    const whole = createTranslation(SOURCE, '');
    expect(completeTranslation(SOURCE, whole).document).toBe(whole);
  });
});

describe(diffRows.name, () => {
  it('lists the rows that differ, with what differs', () => {
    const base = createTranslation(SOURCE, '');
    const mine = setCueNote(setCueText(base, 0, 'Bienvenue !'), 2, 'check');
    const theirs = setCueText(base, 1, 'Quand je suis arrivé');
    expect(diffRows(mine, theirs).map((row) => [row.id, row.fields])).toEqual([
      ['c1', ['text']],
      ['c2', ['text']],
      ['c3', ['note']],
    ]);
    expect(diffRows(base, base)).toEqual([]);
  });
});

describe(suggestedChoice.name, () => {
  it('suggests the side that changed a row', () => {
    const base = createTranslation(SOURCE, '');
    const mine = setCueText(base, 0, 'mine');
    const theirs = setCueText(base, 1, 'theirs');
    const [c1, c2] = diffRows(mine, theirs);
    expect(suggestedChoice(c1!, base)).toBe('mine');
    expect(suggestedChoice(c2!, base)).toBe('theirs');
  });
});

describe(mergeRows.name, () => {
  it("takes each row from the side chosen and keeps the file's header and comments", () => {
    const base = createTranslation(SOURCE, 'comment');
    const mine = setCueNote(setCueText(setCueText(base, 0, 'mine 1'), 1, 'mine 2'), 1, 'my note');
    const theirs = setCueText(setCueText(base, 0, 'theirs 1'), 1, 'theirs 2');
    const choices = new Map<string, RowChoice>([
      ['c1', 'theirs'],
      ['c2', 'mine'],
    ]);
    const merged = mergeRows(mine, theirs, choices);
    expect(merged.cues.map((cue) => cue.text)).toEqual(['theirs 1', 'mine 2', '']);
    expect(cueNoteAt(merged, 1)).toBe('my note');
    expect(serializeVtt(merged)).toContain('NOTE\ncomment');
  });

  it('keeps a row only mine has, in place, and drops a row only theirs has when mine is chosen', () => {
    const base = createTranslation(SOURCE, '');
    const mine = base;
    const theirs = parse(
      serializeVtt(base).replace(
        /c2\n[^\n]+\n<v Joy>\n\n/,
        'x9\n00:00:09.000 --> 00:00:10.000\nextra\n\n',
      ),
    );
    const merged = mergeRows(
      mine,
      theirs,
      new Map<string, RowChoice>([
        ['c2', 'mine'],
        ['x9', 'mine'],
      ]),
    );
    expect(merged.cues.map((cue) => cue.id)).toEqual(['c1', 'c2', 'c3']);
  });
});
