import { describe, expect, it } from 'vitest';
import {
  parsePublishedTranscript,
  transcriptWords,
} from '../../../src/core/align/published-transcript.ts';

const SEED_STYLE = [
  'All: Welcome to the Red Box!',
  '',
  'Jeongyol:\u00a0',
  '',
  'Are there any misunderstandings?',
  '',
  'Ilhyeok:\u00a0Misunderstandings?',
  '',
  'Joy: When I first came — it’s the same… “Welcome!”',
  '',
  '',
  'In South Korea, people greet.',
  '',
  'Speaker K: I might’ve lived there [in North Korea].',
].join('\n');

describe(parsePublishedTranscript.name, () => {
  const { transcript, findings } = parsePublishedTranscript(SEED_STYLE, { file: 't.txt' });

  it('reads turns: Name: text, a name alone on its line, names with spaces, continued paragraphs', () => {
    expect(findings).toEqual([]);
    expect(
      transcript.turns.map((turn) => [turn.speaker, turn.line, turn.col, turn.paragraphs.length]),
    ).toEqual([
      ['All', 1, 1, 1],
      ['Jeongyol', 3, 1, 1],
      ['Ilhyeok', 7, 1, 1],
      ['Joy', 9, 1, 2],
      ['Speaker K', 14, 1, 1],
    ]);
  });

  it('gives every word its 1-based line and column in code points', () => {
    const words = transcriptWords(transcript);
    const at = (text: string) => words.find((word) => word.text === text)!;
    expect([at('Welcome').line, at('Welcome').col]).toEqual([1, 6]);
    expect([at('Misunderstandings?').line, at('Misunderstandings?').col]).toEqual([7, 10]);
    expect([at('In').line, at('In').col]).toEqual([12, 1]);
    // After "—" and "…", columns still count code points.
    expect([at('“Welcome!”').line, at('“Welcome!”').col]).toEqual([9, 41]);
  });

  it('attaches punctuation standing alone to the word before it', () => {
    const texts = transcriptWords(transcript).map((word) => word.text);
    expect(texts).toContain('came —');
    expect(texts).not.toContain('—');
  });

  it('keeps editor’s insertions as unspoken words, punctuation after them included', () => {
    const last = transcript.turns[4]!.paragraphs[0]!.words;
    expect(last.map((word) => [word.text, word.spoken])).toEqual([
      ['I', true],
      ['might’ve', true],
      ['lived', true],
      ['there', true],
      ['[in', false],
      ['North', false],
      ['Korea].', false],
    ]);
    expect(last[6]!.boundary).toBe('sentence');
  });

  it('marks sentence and clause ends', () => {
    const joy = transcript.turns[3]!.paragraphs[1]!.words;
    expect(joy.map((word) => word.boundary)).toEqual([null, null, 'clause', null, 'sentence']);
  });

  it('reads Korean names and text', () => {
    const korean = parsePublishedTranscript(
      '지혜: 안녕하세요. 저는 북한에서 왔어요.\n\n민수: 반가워요!',
    );
    expect(korean.findings).toEqual([]);
    expect(korean.transcript.turns.map((turn) => turn.speaker)).toEqual(['지혜', '민수']);
    expect(transcriptWords(korean.transcript).map((word) => word.text)).toEqual([
      '안녕하세요.',
      '저는',
      '북한에서',
      '왔어요.',
      '반가워요!',
    ]);
  });
});

describe('transcript findings', () => {
  it('reports a paragraph with no speaker before it, where it starts', () => {
    const { findings } = parsePublishedTranscript('\n  just some text\n\nJoy: hi', {
      file: 'a.txt',
    });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'align-no-speaker',
        severity: 'error',
        file: 'a.txt',
        line: 2,
        col: 3,
      }),
    ]);
  });

  it('reports an empty transcript', () => {
    for (const text of ['', '\n\n  \n', 'Joy:\n\n']) {
      const { findings } = parsePublishedTranscript(text);
      expect(findings.map((finding) => finding.rule)).toContain('align-empty-transcript');
    }
  });

  it('reports a bracket never closed and a name with no text', () => {
    const { findings, transcript } = parsePublishedTranscript(
      'Joy: one [two three\n\nMin:\n\nDasom: four',
    );
    expect(findings.map((finding) => [finding.rule, finding.line, finding.col])).toEqual([
      ['align-bracket', 1, 10],
      ['align-name-without-text', 3, 1],
    ]);
    expect(transcript.turns[0]!.paragraphs[0]!.words.map((word) => word.spoken)).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('does not take a lower-case clause before a colon for a name', () => {
    const { transcript } = parsePublishedTranscript('Joy: hi\n\nand then he said: no');
    expect(transcript.turns).toHaveLength(1);
    expect(transcript.turns[0]!.paragraphs).toHaveLength(2);
  });
});
