/**
 * Editing a cue's plain text without losing its markup (issue 18): tags and word timestamps around
 * text the translator did not change stay, as written; the markup can be edited as cue text.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  editTextRuns,
  markupOf,
  parseMarkup,
  withEditedText,
  withMarkup,
} from '../../src/core/cue-text-edit.ts';
import { parseVtt, plainText } from '../../src/core/vtt-parse.ts';
import {
  normaliseTypedText,
  replaceCues,
  segmentsToCueText,
  serializeVtt,
} from '../../src/core/vtt-serialize.ts';

const firstCue = (cueText: string, timing = '00:00:01.000 --> 00:00:09.000') =>
  parseVtt(`WEBVTT\n\nq1\n${timing}\n${cueText}\n`).document.cues[0]!;

/** Edit the cue's plain text and give the cue text a file would get. */
const edit = (cueText: string, typed: string) => withEditedText(firstCue(cueText), typed).rawText;

const MARKED =
  '<v Joy><i>I thought</i> it was <00:02.000><b>fine</b>, <c.loud>really</c> <lang ko>정말</lang>';
const TIMED = '<v Joy>Hello <00:01.500>there <00:00:02.250>my <00:03.000>friend';

/** [what the edit shows, the cue text as written, the text typed, the cue text written after]. */
const EDITS: ReadonlyArray<readonly [string, string, string, string]> = [
  [
    'keeps italics, bold, classes, lang spans and word timestamps around a changed word',
    MARKED,
    'I thought it was good, really 정말',
    '<v Joy><i>I thought</i> it was <00:02.000><b>good</b>, <c.loud>really</c> <lang ko>정말</lang>',
  ],
  [
    'grows the span typed into, and extends the last run with text typed at the end',
    MARKED,
    'I really thought it was fine, really 정말!',
    '<v Joy><i>I really thought</i> it was <00:02.000><b>fine</b>, <c.loud>really</c> <lang ko>정말!</lang>',
  ],
  [
    'keeps every timestamp as written, short or long',
    TIMED,
    'Hello there my good friend',
    '<v Joy>Hello <00:01.500>there <00:00:02.250>my good <00:03.000>friend',
  ],
  [
    'keeps the timestamp in front of a retyped word',
    TIMED,
    'Hello there our friend',
    '<v Joy>Hello <00:01.500>there <00:00:02.250>our <00:03.000>friend',
  ],
  [
    'drops a timestamp and a tag whose text was all deleted',
    '<v Joy>Hello <00:01.500>there <i>my</i> <00:03.000>friend',
    'Hello friend',
    '<v Joy>Hello <00:03.000>friend',
  ],
  [
    'keeps a tag and a timestamp that held no text before',
    '<v Joy>a <i></i>b<00:05.000>',
    'a c',
    '<v Joy>a <i></i>c<00:05.000>',
  ],
  [
    'keeps the speaker’s voice span, and the spans around it, when all text goes',
    '<i><v Park Eunhee>old</v></i>',
    '',
    '<i><v Park Eunhee></v></i>',
  ],
  ['drops the other spans when all text goes', '<v Joy><b>all bold</b>', '', '<v Joy>'],
  [
    'keeps the markup between separate changes made at once (a replace all)',
    '<v Joy><i>big</i> cat and <b>big</b> dog',
    'small cat and small dog',
    '<v Joy><i>small</i> cat and <b>small</b> dog',
  ],
  [
    'puts a whole new text where the old one began, dropping what it replaced',
    '<v.loud.fast Joy>Old <i>text</i></v>',
    'Tom & Jerry <3 --> 한국',
    '<v.loud.fast Joy>Tom &amp; Jerry &lt;3 --&gt; 한국',
  ],
  ['keeps a span around a whole new text', '<b>old</b>', 'a & b', '<b>a &amp; b</b>'],
  ['types into the speaker’s voice span of an empty row', '<v Joy>', 'Bonjour', '<v Joy>Bonjour'],
  ['types into an empty cue without a voice span', '', 'Bonjour', 'Bonjour'],
];

describe(withEditedText.name, () => {
  it.each(EDITS)('%s', (_, written, typed, expected) => {
    expect(edit(written, typed)).toBe(expected);
  });

  it('leaves ruby annotations alone and keeps a ruby whose base text remains', () => {
    expect(edit('<v Joy><ruby>漢字<rt>kanji</rt></ruby>です', '漢字だ')).toBe(
      '<v Joy><ruby>漢字<rt>kanji</rt></ruby>だ',
    );
  });

  it('escapes what was typed, keeps the voice span, and reads back as edited', () => {
    const cue = firstCue('<v.loud.fast Joy>Old <i>text</i></v>');
    const edited = withEditedText(cue, 'Old <b> & text');
    expect(edited.text).toBe('Old <b> & text');
    expect(edited.voice).toBe('Joy');
    expect(edited.rawText).toBe('<v.loud.fast Joy>Old &lt;b> &amp; <i>text</i>');
    const reread = firstCue(edited.rawText!);
    expect(reread.segments).toEqual(edited.segments);
    expect(reread.text).toBe(edited.text);
  });

  it('returns the same cue when the text did not change', () => {
    const cue = firstCue('<v Joy>same <i>text</i></v>');
    expect(withEditedText(cue, 'same text')).toBe(cue);
    expect(withEditedText(cue, 'same text  \n\n')).toBe(cue);
  });

  it('drops empty lines and trailing spaces, folds CRLF', () => {
    const edited = withEditedText(firstCue('<v Joy>x'), 'one  \r\n\r\n  two\n\n');
    expect(edited.text).toBe('one\n  two');
    expect(normaliseTypedText('a \n \n\nb')).toBe('a\nb');
  });

  it('reads back, after a save, exactly as typed', () => {
    const fixture = readFileSync(
      fileURLToPath(new URL('../fixtures/vtt/blocks.vtt', import.meta.url)),
      'utf8',
    );
    const document = parseVtt(fixture).document;
    const edited = replaceCues(document, (cue) => withEditedText(cue, `${cue.id}: R&D <&> -->`));
    const reread = parseVtt(serializeVtt(edited));
    expect(reread.document.cues.map((cue) => [cue.text, cue.voice])).toEqual([
      ['q1-1: R&D <&> -->', 'Joy'],
      ['q1-2: R&D <&> -->', 'Joy'],
      ['q1-3: R&D <&> -->', null],
    ]);
    expect(reread.findings).toEqual([]);
  });
});

describe(editTextRuns.name, () => {
  it('gives segments whose plain text is the new text, for any edit of a marked-up cue', () => {
    const segments = firstCue(
      '<v Joy><i>One <b>two</b></i> three<00:04.000> four <c.x>five <u>six</u></c>',
    ).segments;
    const texts = [
      '',
      'One two three four five six',
      'Zero One two three four five six seven',
      'One three five',
      'two four six',
      'six five four three two One',
      'One\ntwo three four five six',
      '완전히 다른 문장',
    ];
    for (const text of texts) {
      const edited = editTextRuns(segments, text);
      expect(plainText(edited)).toBe(text);
      // What is written reads back as the same segments.
      expect(firstCue(segmentsToCueText(edited)).segments).toEqual(edited);
    }
  });
});

describe('markup edited deliberately', () => {
  it('shows the markup inside the speaker’s voice span, with timestamps as written', () => {
    expect(markupOf(firstCue('<v Joy><i>Hi</i> <00:02.500>there &amp; &lt;'))).toEqual({
      text: '<i>Hi</i> <00:02.500>there &amp; &lt;',
      editable: true,
      hasMarkup: true,
    });
    expect(markupOf(firstCue('<v Joy>plain'))).toMatchObject({ text: 'plain', hasMarkup: false });
    // Voice spans inside the markup belong to the speaker menu: shown, not edited here.
    expect(markupOf(firstCue('<v Joy>Hi</v> <v Dasom>Hello'))).toMatchObject({ editable: false });
  });

  it('reads tags WebVTT knows as markup, and any other & and < as text', () => {
    expect(segmentsToCueText(parseMarkup('<i>a</i> < b & c &amp; <3 <x>y</x> &nope'))).toBe(
      '<i>a</i> &lt; b &amp; c &amp; &lt;3 &lt;x>y&lt;/x> &amp;nope',
    );
    // Voice spans are the speaker menu's: typed here they are text.
    expect(plainText(parseMarkup('<v Joy>hi</v>'))).toBe('<v Joy>hi</v>');
  });

  it('replaces the markup inside the voice span, keeping the speaker', () => {
    const cue = firstCue('<v.loud Joy>Hello there');
    const edited = withMarkup(cue, '<i>Hello</i> <00:03.000>there & more');
    expect(edited.rawText).toBe('<v.loud Joy><i>Hello</i> <00:03.000>there &amp; more');
    expect(edited.text).toBe('Hello there & more');
    expect(edited.voice).toBe('Joy');
    expect(withMarkup(cue, 'Hello there')).toBe(cue);
  });
});
