/**
 * `npm run bench -- --only align`: the aligner (`npm run align`, Contract 7) end to end on
 * recordings with a ground truth (scripts/recordings/), beside a naive baseline in the same run,
 * and on the bundled episode's media with the seed's blog text against its known cue timings.
 *
 * The bars of issue 13 are read from the held-out recordings only (nobody tunes on them); the
 * tuning set is shown beside them. `--tuning` runs the tuning set alone (for tuning runs, which
 * must not see the held-out set; its bars are then marked as tuning figures); `--quick` two short
 * tuning recordings. `--aligner <checkout>` runs the CLI of another checkout (while the aligner is
 * not on this branch yet); by default the bench runs this checkout's.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { readWav } from '../../recordings/audio.ts';
import {
  benchRecordings,
  makeMismatchRecording,
  type CatalogueEntry,
  type RecordingSet,
} from '../../recordings/catalogue.ts';
import { makeRecording } from '../../recordings/recording.ts';
import { probeDuration, run } from '../../media/tools.ts';
import { projectRoot } from '../../../tests/browser/support/servers.ts';
import { compareWithKnownCues, vttDisagreements } from '../align-reference.ts';
import { hasAlignScript, measureStartup, runAligner, type AlignRun } from '../align-run.ts';
import {
  detectSpeech,
  errorFigures,
  evenSpreadStarts,
  scoreAlignment,
  scoreBaseline,
  type AlignerScore,
  type ErrorFigures,
  type Score,
} from '../align-score.ts';
import { EPISODE_ID, type BenchContext, type BenchPart } from '../bench-context.ts';

const ARTIFACTS = path.join(projectRoot, 'tests/.artifacts/align-bench');
const SEED_TEXT = path.join(projectRoot, 'scripts/bench/fixtures', `${EPISODE_ID}.en.txt`);

/** The bars of issue 13, in milliseconds and multiples of real time. */
const BARS = {
  wordMedian: 60,
  wordP90: 150,
  cueMedian: 40,
  cueP95: 120,
  cueMax: 500,
  realTime: 15,
} as const;

interface RecordingResult {
  readonly entry: CatalogueEntry;
  readonly duration: number;
  readonly run: AlignRun;
  readonly aligner: AlignerScore | null;
  readonly baseline: Score | null;
  readonly vttProblems: readonly string[];
}

/** The checkout whose `npm run align` is measured: `--aligner <dir>`, or this one. */
function alignerCheckout(argv: readonly string[]): string {
  const at = argv.indexOf('--aligner');
  return at >= 0 && argv[at + 1] ? path.resolve(argv[at + 1]!) : projectRoot;
}

async function missingTools(): Promise<string[]> {
  const probes: [string, string[]][] = [
    ['festival', ['--version']],
    ['sox', ['--version']],
    ['espeak-ng', ['--version']],
    ['ffmpeg', ['-version']],
  ];
  const missing: string[] = [];
  for (const [program, args] of probes) await run(program, args).catch(() => missing.push(program));
  return missing;
}

/** The aligner's own time inside its process (when its report gives it) and the CPU time used. */
const inProcess = (run: AlignRun) =>
  (typeof run.report?.durations?.total === 'number'
    ? `; ${run.report.durations.total.toFixed(1)} s in the process`
    : '') + (Number.isFinite(run.cpuSeconds) ? `; CPU ${run.cpuSeconds.toFixed(1)} s` : '');

const ms = (value: number, width = 7) =>
  (Number.isFinite(value) ? value.toFixed(0) : '–').padStart(width);
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** `median p90 p95 max` of word starts, `median p95 max` of cue starts, in ms. */
function figuresRow(words: ErrorFigures, cues: ErrorFigures): string {
  return (
    `${ms(words.median)}${ms(words.p90)}${ms(words.p95)}${ms(words.max)}  |` +
    `${ms(cues.median)}${ms(cues.p95)}${ms(cues.max)}  |`
  );
}

/** Row label width: "  baseline (even)   ". */
const LABEL = 20;

const HEADER =
  `${' '.repeat(LABEL)}${'word start error, ms'.padStart(28)}  |${'cue start error, ms'.padStart(21)}  |` +
  `${'timed'.padStart(9)}${'speakers'.padStart(9)}   speed\n` +
  `${' '.repeat(LABEL)}${['median', 'p90', 'p95', 'max'].map((name) => name.padStart(7)).join('')}  |` +
  `${['median', 'p95', 'max'].map((name) => name.padStart(7)).join('')}  |`;

function printResult(result: RecordingResult): void {
  const { entry, run, aligner, baseline } = result;
  console.log(
    `\n${entry.set.padEnd(8)}  ${entry.spec.name}  (${entry.spec.lang}, ${result.duration.toFixed(1)} s: ${entry.conditions})`,
  );
  if (!aligner || !baseline) {
    console.log(
      `  the aligner produced no result (exit ${run.exitCode}, ${run.wallSeconds.toFixed(1)} s)` +
        (run.report?.error ? `: ${run.report.error}` : '') +
        (run.stderrTail ? `\n    ${run.stderrTail.replace(/\n/g, '\n    ')}` : ''),
    );
    return;
  }
  const speed = result.duration / run.wallSeconds;
  console.log(
    `${'  aligner'.padEnd(LABEL)}${figuresRow(errorFigures(aligner.wordErrors), errorFigures(aligner.cueErrors))}` +
      `  ${percent(aligner.wordErrors.length / aligner.spokenWords).padStart(7)}  ${`${aligner.speakersRight}/${aligner.cueCount}`.padStart(7)}   ${speed.toFixed(1)}× (${run.wallSeconds.toFixed(1)} s${inProcess(run)}, load ${run.loadAverage.toFixed(1)})`,
  );
  console.log(
    `${'  baseline (even)'.padEnd(LABEL)}${figuresRow(errorFigures(baseline.wordErrors), errorFigures(baseline.cueErrors))}` +
      `  ${percent(baseline.wordErrors.length / baseline.spokenWords).padStart(7)}`,
  );
  const notes = [
    aligner.worstCue &&
      `furthest cue start: ${aligner.worstCue.id} ${aligner.worstCue.error > 0 ? 'late' : 'early'} by ${Math.abs(aligner.worstCue.error * 1000).toFixed(0)} ms`,
    aligner.wrongSpeakers.length && `wrong speaker in ${aligner.wrongSpeakers.join(', ')}`,
    aligner.unplacedTruthWords &&
      `${aligner.unplacedTruthWords} spoken words are in no reported word (tokenisation differs)`,
    run.report?.mismatch.verdict &&
      `the aligner called this a mismatch (cost ${run.report.mismatch.cost.toFixed(3)} > ${run.report.mismatch.threshold})`,
    result.vttProblems.length && `VTT vs report: ${result.vttProblems.slice(0, 3).join('; ')}`,
    run.stderrTail && `stderr: ${run.stderrTail.split('\n').slice(-2).join(' / ')}`,
  ].filter(Boolean);
  for (const note of notes) console.log(`    note: ${note}`);
}

async function measureRecording(entry: CatalogueEntry, checkout: string): Promise<RecordingResult> {
  const recording = await makeRecording(entry.spec);
  const { truth } = recording;
  const run = await runAligner({
    checkout,
    media: recording.audioFile,
    transcript: recording.transcriptFile,
    lang: recording.lang,
    outBase: path.join(ARTIFACTS, entry.spec.name),
    timeoutSeconds: Math.max(120, truth.duration * 2),
  });
  const report = run.report?.ok ? run.report : null;
  if (!report || !run.vtt) {
    return { entry, duration: truth.duration, run, aligner: null, baseline: null, vttProblems: [] };
  }
  const audio = await readWav(recording.audioFile);
  const baselineStarts = evenSpreadStarts(
    truth.words.map((word) => word.text),
    detectSpeech(audio.samples, audio.rate),
  );
  return {
    entry,
    duration: truth.duration,
    run,
    aligner: scoreAlignment(truth, report),
    baseline: scoreBaseline(truth, baselineStarts, report),
    vttProblems: vttDisagreements(run.vtt, report),
  };
}

/** Pooled figures of one set: every word and cue of its recordings together. */
interface SetSummary {
  readonly set: RecordingSet;
  readonly recordings: number;
  readonly failed: number;
  readonly words: ErrorFigures;
  readonly cues: ErrorFigures;
  readonly baselineWords: ErrorFigures;
  readonly baselineCues: ErrorFigures;
  readonly timedShare: number;
  readonly speakersRight: number;
  readonly cueCount: number;
  /** Audio seconds over wall-clock seconds, all recordings of the set together. */
  readonly realTime: number;
  /** Audio seconds over CPU seconds (all processes of the runs), all recordings together. */
  readonly audioPerCpuSecond: number;
  readonly slowest: number;
  readonly vttProblems: number;
}

function summarise(set: RecordingSet, results: readonly RecordingResult[]): SetSummary {
  const ofSet = results.filter((result) => result.entry.set === set);
  const scored = ofSet.filter((result) => result.aligner && result.baseline);
  const all = <T>(pick: (result: RecordingResult) => readonly T[]) => scored.flatMap(pick);
  const totalSpoken = scored.reduce((sum, result) => sum + result.aligner!.spokenWords, 0);
  return {
    set,
    recordings: ofSet.length,
    failed: ofSet.length - scored.length,
    words: errorFigures(all((result) => result.aligner!.wordErrors)),
    cues: errorFigures(all((result) => result.aligner!.cueErrors)),
    baselineWords: errorFigures(all((result) => result.baseline!.wordErrors)),
    baselineCues: errorFigures(all((result) => result.baseline!.cueErrors)),
    timedShare: all((result) => result.aligner!.wordErrors).length / Math.max(1, totalSpoken),
    speakersRight: scored.reduce((sum, result) => sum + result.aligner!.speakersRight, 0),
    cueCount: scored.reduce((sum, result) => sum + result.aligner!.cueCount, 0),
    realTime:
      ofSet.reduce((sum, result) => sum + result.duration, 0) /
      ofSet.reduce((sum, result) => sum + result.run.wallSeconds, 0),
    audioPerCpuSecond:
      ofSet.reduce((sum, result) => sum + result.duration, 0) /
      ofSet.reduce((sum, result) => sum + result.run.cpuSeconds, 0),
    slowest: Math.min(...ofSet.map((result) => result.duration / result.run.wallSeconds)),
    vttProblems: ofSet.filter((result) => result.vttProblems.length > 0).length,
  };
}

function printSummary(summary: SetSummary): void {
  console.log(
    `\n${summary.set} set, ${summary.recordings} recordings pooled` +
      (summary.failed ? ` (${summary.failed} without a result)` : '') +
      `\n${HEADER}` +
      `\n${'  aligner'.padEnd(LABEL)}${figuresRow(summary.words, summary.cues)}` +
      `  ${percent(summary.timedShare).padStart(7)}  ${`${summary.speakersRight}/${summary.cueCount}`.padStart(7)}   ${summary.realTime.toFixed(1)}× (slowest ${summary.slowest.toFixed(1)}×)` +
      `\n${'  baseline (even)'.padEnd(LABEL)}${figuresRow(summary.baselineWords, summary.baselineCues)}` +
      `\n  baseline / aligner, median word error: ${(summary.baselineWords.median / summary.words.median).toFixed(1)}×` +
      `\n  CPU time: ${summary.audioPerCpuSecond.toFixed(1)} s of audio per CPU second (on an idle machine with ${cpus().length} cores the wall clock can be at best CPU time / ${cpus().length})`,
  );
}

function checkBars(context: BenchContext, summary: SetSummary): void {
  const { words, cues } = summary;
  const scored = summary.failed === 0 && words.count > 0;
  // Only held-out figures judge the aligner; a tuning run's are labelled as what they are.
  const label = summary.set === 'held-out' ? 'held-out' : `${summary.set} set, not the bar`;
  const bar = (name: string, ok: boolean, detail: string) =>
    context.check(`align (${label}): ${name}`, scored && ok, scored ? detail : 'no result');
  bar(
    'word starts median ≤ 60 ms',
    words.median <= BARS.wordMedian,
    `${words.median.toFixed(1)} ms`,
  );
  bar('word starts p90 ≤ 150 ms', words.p90 <= BARS.wordP90, `${words.p90.toFixed(1)} ms`);
  bar('cue starts median ≤ 40 ms', cues.median <= BARS.cueMedian, `${cues.median.toFixed(1)} ms`);
  bar('cue starts p95 ≤ 120 ms', cues.p95 <= BARS.cueP95, `${cues.p95.toFixed(1)} ms`);
  bar('no cue start over 500 ms', cues.max <= BARS.cueMax, `max ${cues.max.toFixed(1)} ms`);
  bar(
    'every speaker right',
    summary.speakersRight === summary.cueCount,
    `${summary.speakersRight}/${summary.cueCount} cues`,
  );
  bar(
    'at least 15× real time end to end',
    summary.slowest >= BARS.realTime,
    `slowest recording ${summary.slowest.toFixed(1)}×, all together ${summary.realTime.toFixed(1)}×`,
  );
  bar(
    'the VTT says what the report says',
    summary.vttProblems === 0,
    `${summary.recordings - summary.vttProblems}/${summary.recordings} recordings`,
  );
}

/** Korean speech with its English transcript: the aligner should refuse it as a mismatch. */
async function measureMismatch(context: BenchContext, checkout: string): Promise<void> {
  const mismatch = await makeMismatchRecording();
  const run = await runAligner({
    checkout,
    media: mismatch.spoken.audioFile,
    transcript: mismatch.transcriptFile,
    lang: mismatch.lang,
    outBase: path.join(ARTIFACTS, 'mismatch'),
    timeoutSeconds: 300,
  });
  const verdict = run.report?.mismatch;
  console.log(
    `\nMismatch (issue 14): Korean speech (${mismatch.spoken.truth.duration.toFixed(1)} s) with its English transcript` +
      `\n  exit ${run.exitCode}; verdict ${verdict ? `${verdict.verdict} (cost ${verdict.cost.toFixed(3)}, threshold ${verdict.threshold})` : 'none (no report)'}`,
  );
  context.record('align mismatch', { exitCode: run.exitCode, mismatch: verdict ?? null });
  context.check(
    'align: English text over Korean speech is called a mismatch',
    verdict?.verdict === true,
    verdict ? `cost ${verdict.cost.toFixed(3)} vs threshold ${verdict.threshold}` : 'no report',
  );
}

/** The bundled episode's media with the seed's blog text, against the episode's known cues. */
async function measureBundledEpisode(context: BenchContext, checkout: string): Promise<void> {
  // The measured checkout's episode: its cue file may carry word timestamps this one lacks.
  const episodeDir = path.join(checkout, 'episodes', EPISODE_ID);
  const media = path.join(episodeDir, 'media/episode.webm');
  const known = readFileSync(path.join(episodeDir, 'transcript.en.vtt'), 'utf8');
  const duration = await probeDuration(media);
  const result = await runAligner({
    checkout,
    media,
    transcript: SEED_TEXT,
    lang: 'en',
    outBase: path.join(ARTIFACTS, EPISODE_ID),
    timeoutSeconds: Math.max(120, duration * 2),
  });
  console.log(
    `\nBundled episode: ${path.relative(checkout, media)} (${duration.toFixed(1)} s, espeak-ng voices, bracketed insertions spoken)` +
      ` with the seed's blog text (${path.relative(projectRoot, SEED_TEXT)}),\nagainst the known cue timings of transcript.en.vtt (cues matched by text)`,
  );
  if (!result.report?.ok) {
    console.log(
      `  no result (exit ${result.exitCode}): ${result.report?.error ?? result.stderrTail}`,
    );
    context.record('align bundled episode', { exitCode: result.exitCode });
    return;
  }
  const errors = compareWithKnownCues(known, result.report.cues);
  const cues = errorFigures(errors.cueErrors);
  const words = errorFigures(errors.wordErrors);
  console.log(
    `  cue starts: median ${cues.median.toFixed(1)} ms, p95 ${cues.p95.toFixed(1)} ms, max ${cues.max.toFixed(1)} ms` +
      ` over ${cues.count} of ${errors.cueCount} cues (${errors.cuesUnmatched} not matched by text)` +
      `; speed ${(duration / result.wallSeconds).toFixed(1)}× real time (${result.wallSeconds.toFixed(1)} s${inProcess(result)}, load ${result.loadAverage.toFixed(1)})`,
  );
  if (words.count > 0) {
    console.log(
      `  word starts (timestamp tags of transcript.en.vtt): median ${words.median.toFixed(1)} ms, p90 ${words.p90.toFixed(1)} ms, p95 ${words.p95.toFixed(1)} ms, max ${words.max.toFixed(1)} ms over ${words.count} words` +
        "\n  (npm run media made those tags with the aligner's own core, timing each cue's words inside its" +
        '\n  known window, on espeak-ng speech: this is agreement between two uses of the aligner, not accuracy)',
    );
  } else console.log('  word starts: transcript.en.vtt has no timestamp tags to compare with');
  context.record('align bundled episode', {
    duration,
    wallSeconds: result.wallSeconds,
    cues,
    words,
    cuesUnmatched: errors.cuesUnmatched,
  });
}

async function alignBench(context: BenchContext): Promise<void> {
  const checkout = alignerCheckout(context.argv);
  console.log(
    `\nAligner: npm run align in ${checkout}` +
      `\nSpeed is wall-clock time on a shared machine (${cpus().length} cores): each run prints the load average (1 min) as it ended.`,
  );
  if (!hasAlignScript(checkout)) {
    console.log('  this checkout has no "align" script in package.json: nothing to measure');
    context.check('align: npm run align exists', false, `no align script in ${checkout}`);
    return;
  }
  const missing = await missingTools();
  if (missing.length) {
    const hint =
      'apt-get install -y --no-install-recommends festival festvox-kallpc16k sox espeak-ng ffmpeg';
    console.log(`  missing ${missing.join(', ')}: install with ${hint}`);
    context.check('align: recording tools present', false, `missing ${missing.join(', ')}`);
    return;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const startup = await measureStartup(checkout);
  console.log(
    `Start-up alone (npm run align without arguments, exit ${startup.exitCode}): ${startup.wallSeconds.toFixed(1)} s` +
      ` (CPU ${startup.cpuSeconds.toFixed(1)} s, load ${startup.loadAverage.toFixed(1)}): part of every run's wall clock below.`,
  );
  context.record('align start-up', startup);
  const tuningOnly = context.argv.includes('--tuning');
  const entries = benchRecordings({ quick: context.quick, tuningOnly });
  console.log(
    `Recordings with ground truth (festival for English, espeak-ng word by word for Korean; made once, cached in tests/.artifacts/recordings).` +
      `\nThe baseline spreads the words at one even pace (by letters) over the speech an energy detector finds.` +
      `\nOutputs in ${path.relative(projectRoot, ARTIFACTS)}/.\n${HEADER}`,
  );
  const results: RecordingResult[] = [];
  for (const entry of entries) {
    const result = await measureRecording(entry, checkout);
    printResult(result);
    results.push(result);
  }
  const summaries = (['held-out', 'tuning'] as const)
    .map((set) => summarise(set, results))
    .filter((summary) => summary.recordings > 0);
  summaries.forEach(printSummary);
  context.record(
    'align',
    results.map((result) => ({
      name: result.entry.spec.name,
      set: result.entry.set,
      duration: result.duration,
      wallSeconds: result.run.wallSeconds,
      exitCode: result.run.exitCode,
      words: result.aligner && errorFigures(result.aligner.wordErrors),
      cues: result.aligner && errorFigures(result.aligner.cueErrors),
      baselineWords: result.baseline && errorFigures(result.baseline.wordErrors),
      baselineCues: result.baseline && errorFigures(result.baseline.cueErrors),
      speakersRight: result.aligner?.speakersRight,
      cueCount: result.aligner?.cueCount,
      vttProblems: result.vttProblems,
    })),
  );
  checkBars(context, summaries.find((summary) => summary.set === 'held-out') ?? summaries[0]!);
  if (!context.quick && !tuningOnly) {
    await measureMismatch(context, checkout);
    await measureBundledEpisode(context, checkout);
  }
}

export const alignPart: BenchPart = { name: 'align', run: alignBench };
