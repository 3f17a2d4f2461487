import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/cue-model.ts';
import { checkTranscript, checkTranslation, sortFindings } from '../../src/core/cue-checks.ts';
import { splitLines } from '../../src/core/checks/positions.ts';
import { profileFor } from '../../src/core/reading-profile.ts';
import { createRowChecker, findingsByCue } from '../../src/core/translation-checks.ts';
import { setCueText, setCueTiming } from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';

const fixtureDir = new URL('../fixtures/check/episodes/warning-episode/', import.meta.url);
const read = (name: string) => readFileSync(fileURLToPath(new URL(name, fixtureDir)), 'utf8');
const speakers = [
  { id: 'joy', name: 'Joy' },
  { id: 'dasom', name: 'Dasom' },
];

const sourceText = read('transcript.en.vtt');
const translationText = read('transcript.ko.vtt');
const source = parseVtt(sourceText, { file: 'transcript.en.vtt', speakers });
const translation = parseVtt(translationText, { file: 'transcript.ko.vtt', speakers });

const key = (finding: Finding) =>
  `${finding.line}:${finding.col} ${finding.rule} ${finding.cueId} ${finding.message}`;

function koChecker(lines?: readonly string[]) {
  return createRowChecker({
    file: 'transcript.ko.vtt',
    kind: 'transcript',
    profile: profileFor('ko', { frameRate: 25 }),
    source: { file: 'transcript.en.vtt', document: source.document },
    speakers,
    lines,
  });
}

describe(createRowChecker.name, () => {
  it('finds exactly what npm run check finds in a translation, rule, place and message', () => {
    const profile = profileFor('ko', { frameRate: 25 });
    const sourceFile = { file: 'transcript.en.vtt', document: source.document, text: sourceText };
    const translationFile = {
      file: 'transcript.ko.vtt',
      document: translation.document,
      text: translationText,
    };
    const expected = sortFindings([
      ...checkTranscript(translationFile, { profile, source: sourceFile }),
      ...checkTranslation(sourceFile, translationFile, { speakers }),
    ]);
    const rows = koChecker(splitLines(translationText)).check(translation.document);
    expect(sortFindings(rows.all).map(key)).toEqual(expected.map(key));
    // Timing rules are the source's business while a translation keeps the source's timings.
    expect(new Set(expected.map((finding) => finding.rule))).toEqual(
      new Set(['untranslated', 'speaker-changed', 'timing-drift']),
    );
  });

  it('finds exactly what npm run check finds in a source file', () => {
    const profile = profileFor('en', { frameRate: 25 });
    const expected = checkTranscript(
      { file: 'transcript.en.vtt', document: source.document, text: sourceText },
      { profile },
    );
    const rows = createRowChecker({
      file: 'transcript.en.vtt',
      kind: 'transcript',
      profile,
      lines: splitLines(sourceText),
    }).check(source.document);
    expect(sortFindings(rows.all).map(key)).toEqual(expected.map(key));
    expect(new Set(expected.map((finding) => finding.rule))).toEqual(
      new Set(['reading-speed', 'line-length', 'line-count', 'duration', 'gap', 'cue-overlap']),
    );
  });

  it('puts each finding on its row: a gap on the cue before it, an overlap on the later cue', () => {
    // c3 overlaps c2 as in the source, and c2 gets timing of its own: now timing rules apply.
    const retimed = setCueTiming(translation.document, 1, 1.5, 3.9);
    const gapped = setCueTiming(retimed, 4, 8.3, 17);
    const rows = koChecker().check(gapped);
    const rulesOf = (index: number) => rows.byRow[index]!.map((finding) => finding.rule);
    expect(rulesOf(2)).toEqual(expect.arrayContaining(['cue-overlap', 'speaker-changed']));
    expect(rulesOf(3)).toEqual(['untranslated', 'gap']); // c4 is empty and ends 0.3 s before c5
    expect(rulesOf(4)).toEqual(['duration', 'timing-drift']); // c5 is 8.7 s long, starts 0.7 s early
    expect(rulesOf(5)).toEqual(['timing-drift']); // c6 ends 0.6 s after its source cue
  });

  it("drops a finding when the row is fixed, and keeps the other rows' arrays", () => {
    const checker = koChecker();
    const before = checker.check(translation.document);
    const fixed = setCueText(translation.document, 3, '밤새 얘기했어요.');
    const after = checker.check(fixed);
    expect(after.byRow[3]!.map((finding) => finding.rule)).not.toContain('untranslated');
    expect(after.byRow[5]).toBe(before.byRow[5]);
    expect(after.byRow[2]).toBe(before.byRow[2]);
    const drifted = setCueTiming(fixed, 5, 18, 19);
    expect(checker.check(drifted).byRow[5]!.map((f) => f.rule)).not.toContain('timing-drift');
  });

  it('keeps parse findings on a row until its cue is edited', () => {
    const broken = parseVtt('WEBVTT\n\nc1\n00:00:01.000 --> 00:00:03.000\n<v Joy>A & B\n', {
      file: 'transcript.ko.vtt',
      speakers,
    });
    const structural = findingsByCue(broken.document, broken.findings);
    const checker = createRowChecker({
      file: 'transcript.ko.vtt',
      kind: 'transcript',
      profile: profileFor('ko'),
    });
    expect(checker.check(broken.document, structural).byRow[0]!.map((f) => f.rule)).toContain(
      'raw-ampersand',
    );
    const edited = setCueText(broken.document, 0, 'A & B!');
    expect(checker.check(edited, structural).byRow[0]!.map((f) => f.rule)).not.toContain(
      'raw-ampersand',
    );
  });

  it('reports source ids missing from the file, and ids the source lacks', () => {
    const partial = parseVtt(
      'WEBVTT\n\nc1\n00:00:01.000 --> 00:00:01.500\n<v Joy>안녕!\n\nzz\n00:00:30.000 --> 00:00:31.000\n<v Joy>x\n',
      {
        file: 'transcript.ko.vtt',
        speakers,
      },
    );
    const rows = koChecker().check(partial.document);
    expect(rows.all.filter((f) => f.rule === 'missing-translation').map((f) => f.cueId)).toEqual([
      'c2',
      'c3',
      'c4',
      'c5',
      'c6',
    ]);
    expect(rows.byRow[1]!.map((f) => f.rule)).toEqual(['extra-translation']);
  });

  // How fast this is lives in the bench; here: a long file is checked, and one edit re-checks
  // only what it touched (the other rows' findings are the very same objects).
  it('checks a 3,000-row file and re-checks only the rows an edit touched', () => {
    const lines = ['WEBVTT', ''];
    for (let i = 0; i < 3000; i++) {
      const start = i * 3;
      const stamp = (s: number) =>
        `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}.000`;
      lines.push(
        `c${i}`,
        `${stamp(start)} --> ${stamp(start + 2)}`,
        // Too much to read in two seconds: every row has a finding of its own.
        `<v Joy>Line number ${i} of a long file, far more than anyone reads in two seconds`,
        '',
      );
    }
    const big = parseVtt(lines.join('\n'), { speakers }).document;
    const checker = createRowChecker({
      file: 'big.ko.vtt',
      kind: 'transcript',
      profile: profileFor('ko'),
      source: { file: 'big.en.vtt', document: big },
      speakers,
    });
    const before = checker.check(big);
    expect(before.byRow).toHaveLength(3000);
    expect(before.byRow.every((findings) => findings.length > 0)).toBe(true);
    const edited = setCueTiming(setCueText(big, 1500, 'Changed text'), 1500, 4500, 4502.7);
    const rows = checker.check(edited);
    expect(rows.byRow[1500]!.map((f) => f.rule)).toContain('timing-drift');
    expect(rows.byRow[10]).toBe(before.byRow[10]);
    expect(rows.byRow[2900]).toBe(before.byRow[2900]);
    expect(rows.byRow[1500]).not.toBe(before.byRow[1500]);
  });
});
