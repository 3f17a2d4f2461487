import { describe, expect, it } from 'vitest';
import { matchImportedCues, readSubtitleFile } from '../../src/core/import-match.ts';

const source = [
  { id: 'c1', startTime: 1, endTime: 3 },
  { id: 'c2', startTime: 3.5, endTime: 6 },
  { id: 'c3', startTime: 6.5, endTime: 9 },
  { id: 'c4', startTime: 12, endTime: 14 },
];

describe(readSubtitleFile.name, () => {
  it('reads SRT from another tool, without taking its counters for ids', () => {
    const file = readSubtitleFile(
      '\uFEFF1\r\n00:00:01,100 --> 00:00:02,900\r\n<i>Bonjour</i>\r\n\r\n2\r\n00:00:03,600 --> 00:00:05,900\r\nQuand je suis\r\narrivé\r\n',
      'from-subtitle-edit.srt',
    );
    expect(file.format).toBe('srt');
    expect(file.cues.map((cue) => [cue.id, cue.startTime, cue.text])).toEqual([
      ['', 1.1, 'Bonjour'],
      ['', 3.6, 'Quand je suis\narrivé'],
    ]);
  });

  it('reads WebVTT with its ids', () => {
    const file = readSubtitleFile(
      'WEBVTT\n\nc2\n00:00:20.000 --> 00:00:21.000\n<v Joy>Salut\n',
      'x.vtt',
    );
    expect(file.format).toBe('vtt');
    expect(file.cues.map((cue) => [cue.id, cue.text])).toEqual([['c2', 'Salut']]);
  });
});

describe(matchImportedCues.name, () => {
  const imported = (id: string, startTime: number, endTime: number, text: string, line = 1) => ({
    id,
    startTime,
    endTime,
    text,
    line,
  });

  it('puts each imported cue on the source cue it overlaps longest', () => {
    const match = matchImportedCues(source, [
      imported('', 1.2, 2.8, 'un'),
      imported('', 3.0, 6.2, 'deux'), // overlaps c2 by 2.5 s and c3 by 0 s
      imported('', 8.5, 12.5, 'trois'), // c3 by 0.5 s, c4 by 0.5 s: the earlier wins
    ]);
    expect(match.proposals.map((p) => [p.sourceId, p.text, p.kind])).toEqual([
      ['c1', 'un', 'time'],
      ['c2', 'deux', 'time'],
      ['c3', 'trois', 'time'],
    ]);
    expect(match.unmatched).toEqual([]);
  });

  it('joins several imported cues that fall on one source cue, in time order', () => {
    const match = matchImportedCues(source, [
      imported('', 4.8, 6, 'second half'),
      imported('', 3.5, 4.7, 'first half'),
    ]);
    expect(match.proposals).toHaveLength(1);
    expect(match.proposals[0]).toMatchObject({ sourceId: 'c2', text: 'first half\nsecond half' });
    expect(match.proposals[0]!.overlap).toBeCloseTo(2.4 / 2.5);
  });

  it('prefers a WebVTT id the source has, even when the timing moved', () => {
    const match = matchImportedCues(source, [imported('c4', 1, 3, 'by id')]);
    expect(match.proposals.map((p) => [p.sourceId, p.kind])).toEqual([['c4', 'id']]);
  });

  it('leaves cues that overlap nothing unmatched', () => {
    const match = matchImportedCues(source, [
      imported('', 20, 21, 'late'),
      imported('zz', 9.5, 11, 'gap'),
    ]);
    expect(match.proposals).toEqual([]);
    expect(match.unmatched).toEqual([0, 1]);
  });

  // Its speed is a bench figure; here, that a long file is matched cue for cue.
  it('matches 3,000 cues, each to its own source cue', () => {
    const many = Array.from({ length: 3000 }, (_, i) => ({
      id: `c${i}`,
      startTime: i * 2,
      endTime: i * 2 + 1.5,
    }));
    const shifted = many.map((cue, i) =>
      imported('', cue.startTime + 0.2, cue.endTime + 0.2, `t${i}`),
    );
    const match = matchImportedCues(many, shifted);
    expect(match.proposals).toHaveLength(3000);
    expect(match.proposals.every((proposal, i) => proposal.sourceId === `c${i}`)).toBe(true);
    expect(match.proposals[1234]).toMatchObject({ sourceId: 'c1234', text: 't1234' });
  });
});
