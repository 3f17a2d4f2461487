/**
 * npm run import -- <episode-id> --media <video> --transcript <text> [--captions <file.srt|.vtt> …]
 *   [--lang <tag>] [--title …] [--published YYYY-MM-DD] [--question "<text>" …]
 *   [--anonymous "<name>" …] [--poster <image>] [--no-hls] [--report <file.md>]
 *
 * Contract 8: from what a publisher has (the video, the transcript as published, caption files if
 * any) to an episode folder that passes `npm run check` and plays at /watch/<id>. Thin: the
 * matching is src/core/import, the timing `npm run align` (spawned) or the aligner's stretches,
 * the media ffmpeg. Everything is built in a hidden folder beside the episodes and moved into
 * place only when complete, so a failure leaves nothing half-written; an existing folder is never
 * touched.
 *
 * Exit status: 0 when the episode was made (it may still list things to review), 1 when it could
 * not be (the message says why and what to give instead), 2 for a bad command line.
 */
import { execFile } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { AlignReport } from '../../src/core/align/align-report.ts';
import { alignedCuesToVtt } from '../../src/core/align/aligned-cues.ts';
import { formatAlignFinding, type AlignFinding } from '../../src/core/align/align-finding.ts';
import { recordingActivity } from '../../src/core/align/aligner.ts';
import type { SpeechRegion } from '../../src/core/align/speech-activity.ts';
import { parsePublishedTranscript } from '../../src/core/align/published-transcript.ts';
import { EPISODE_ID_PATTERN, type MediaSource } from '../../src/core/episode-model.ts';
import { isRealDate } from '../../src/core/episode-schema.ts';
import { loadEpisode } from '../../src/core/episode-load.ts';
import { readSubtitleFile, type ImportedFile } from '../../src/core/import-match.ts';
import {
  buildCaptionCues,
  captionStretches,
  planCaptionCues,
  type WordTime,
} from '../../src/core/import/caption-cues.ts';
import { captionMismatch } from '../../src/core/import/caption-mismatch.ts';
import { languageFromFileName } from '../../src/core/import/caption-language.ts';
import { lineUpTranslation, translationToVtt } from '../../src/core/import/caption-translations.ts';
import { castFromTranscript } from '../../src/core/import/cast.ts';
import {
  chaptersFileName,
  episodeManifest,
  isoDate,
  titleFromFileName,
  transcriptFileName,
} from '../../src/core/import/episode-manifest.ts';
import {
  formatReviewLine,
  reviewMarkdown,
  type ReviewItem,
} from '../../src/core/import/import-report.ts';
import {
  chaptersOf,
  chaptersToVtt,
  findQuestions,
} from '../../src/core/import/question-chapters.ts';
import { isWellFormedLanguageTag } from '../../src/core/language-tag.ts';
import { sameLanguage } from '../../src/core/language.ts';
import { profileFor } from '../../src/core/reading-profile.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { episodesDirectory } from '../../src/server/episode-catalog.ts';
import { fsEpisodeSource } from '../../src/server/episode-files.ts';
import { AlignInputError, decodeAudio } from '../align/media-audio.ts';
import { alignStretchesChecked } from '../align/stretches.ts';
import { encodeHlsLadder, HlsEncodeError, hlsSource } from '../media/hls.ts';
import { encodeWebMp4, ImportError, makePoster, probeVideo, type VideoInfo } from './media.ts';

const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

const USAGE = `Usage: npm run import -- <episode-id> --media <video> --transcript <text> [options]

  episode-id     the new folder's name: lowercase letters, digits and '-'
  --media        the episode's video as it left editing (any format ffmpeg reads)
  --transcript   the transcript as published: "Name: text" paragraphs separated by blank lines
  --captions     a caption file (.srt or .vtt) a subtitle editor or YouTube Studio exported;
                 its language from its name (captions.ko.srt) or --lang; repeat for more languages
  --lang         the transcript's language (BCP 47: en, ko …; default en)
  --title        the episode's title (default: from the transcript's file name)
  --published    the publication date, YYYY-MM-DD (default: today, flagged for review)
  --question     a question from the box, as it is read out; repeat for each
  --anonymous    a speaker name (as in the transcript) that is a pseudonym; repeat for each
  --poster       an image for the poster (default: the series' title card, never a video frame)
  --no-hls       make only the MP4 (quicker), no HLS ladder
  --report       also write the review report here (it is always in <episode>/.backup/)

The episode is written to episodes/<episode-id>/ (RED_BOX_EPISODES_DIR where set).`;

class UsageError extends Error {}

interface Options {
  readonly id: string;
  readonly media: string;
  readonly transcript: string;
  readonly captions: readonly string[];
  readonly lang: string | null;
  readonly title: string | null;
  readonly published: string | null;
  readonly questions: readonly string[];
  readonly anonymous: readonly string[];
  readonly poster: string | null;
  readonly hls: boolean;
  readonly report: string | null;
}

const REPEATABLE = new Set(['--captions', '--question', '--anonymous']);
const SINGLE = new Set([
  '--media',
  '--transcript',
  '--lang',
  '--title',
  '--published',
  '--poster',
  '--report',
]);

function parseArguments(args: readonly string[]): Options {
  const positional: string[] = [];
  const single = new Map<string, string>();
  const repeated = new Map<string, string[]>();
  let hls = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') throw new UsageError('');
    if (arg === '--no-hls') {
      hls = false;
      continue;
    }
    if (arg === '--') continue;
    const [name, inline] = arg.startsWith('--') ? splitInline(arg) : [arg, undefined];
    if (REPEATABLE.has(name) || SINGLE.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--')))
        throw new UsageError(`${name} needs a value.`);
      if (SINGLE.has(name)) {
        if (single.has(name)) throw new UsageError(`${name} is given twice.`);
        single.set(name, value);
      } else repeated.set(name, [...(repeated.get(name) ?? []), value]);
    } else if (arg.startsWith('-')) throw new UsageError(`Unknown option ${arg}.`);
    else positional.push(arg);
  }
  if (positional.length !== 1)
    throw new UsageError(
      positional.length === 0
        ? 'Give the new episode id first (e.g. first-winter).'
        : `Give one episode id (got ${positional.join(', ')}).`,
    );
  const media = single.get('--media');
  const transcript = single.get('--transcript');
  if (!media) throw new UsageError('Give the video with --media.');
  if (!transcript) throw new UsageError('Give the published transcript with --transcript.');
  return {
    id: positional[0]!,
    media,
    transcript,
    captions: repeated.get('--captions') ?? [],
    lang: single.get('--lang') ?? null,
    title: single.get('--title') ?? null,
    published: single.get('--published') ?? null,
    questions: repeated.get('--question') ?? [],
    anonymous: repeated.get('--anonymous') ?? [],
    poster: single.get('--poster') ?? null,
    hls,
    report: single.get('--report') ?? null,
  };
}

function splitInline(arg: string): [string, string | undefined] {
  const at = arg.indexOf('=');
  return at < 0 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}

/** Progress on stderr: rewritten in place on a terminal, a line per tenth in logs. */
function progressLine(stage: string): (fraction: number) => void {
  let last = -1;
  return (fraction) => {
    const percent = Math.floor(fraction * 100);
    if (percent === last) return;
    last = percent;
    if (process.stderr.isTTY) {
      process.stderr.write(`\rimport: ${stage} ${String(percent).padStart(3)}%`);
      if (percent === 100) process.stderr.write('\n');
    } else if (percent % 10 === 0) process.stderr.write(`import: ${stage} ${percent}%\n`);
  };
}

const say = (message: string): void => void process.stderr.write(`import: ${message}\n`);

/** A caption file, read, with its language. */
interface CaptionFile {
  readonly file: string;
  readonly lang: string;
  readonly read: ImportedFile;
}

/** The language a caption file is in: `name.<lang>.srt` (a known language), else --lang. */
function captionLanguage(file: string, lang: string | null): string {
  const named = languageFromFileName(file);
  if (named) return named;
  if (lang) return lang;
  const parts = path.basename(file).split('.');
  const part = parts.length >= 3 ? parts[parts.length - 2]! : null;
  throw new ImportError(
    `${file}: cannot tell its language${part ? ` ("${part}" before the extension is not a language tag this project knows)` : ''}. Name it with a BCP 47 language tag just before the extension (captions.en.srt, captions.ko.srt, captions.pt-BR.vtt), or give --lang <tag> for the caption file in the transcript's language.`,
  );
}

async function readText(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(
      code === 'ENOENT'
        ? `${file}: no such file. Give ${what}.`
        : `${file}: cannot be read (${code ?? (error as Error).message}).`,
    );
  }
}

async function readCaptions(options: Options, info: VideoInfo): Promise<CaptionFile[]> {
  const files: CaptionFile[] = [];
  for (const file of options.captions) {
    const text = await readText(file, 'the caption file (.srt or .vtt)');
    const lang = captionLanguage(file, options.lang);
    const read = readSubtitleFile(text, file);
    const firstError = read.findings.find((finding) => finding.severity === 'error');
    if (read.cues.length === 0) {
      const at = firstError ? `:${firstError.line}:${firstError.col}` : '';
      throw new ImportError(
        `${file}${at}: no captions could be read from it${firstError ? ` (${firstError.message})` : ''}. Give an SRT or WebVTT file as the subtitle editor exported it.`,
      );
    }
    // A caption past the end of the video belongs to another cut of it.
    const late = read.cues.find((cue) => cue.endTime > info.duration + 1);
    if (late) {
      throw new ImportError(
        `${file}:${late.line}:1: this caption ends at ${late.endTime.toFixed(3)} s, after the video ends (${info.duration.toFixed(3)} s). The captions belong to another cut of the video: export them again from the final edit.`,
      );
    }
    const twin = files.find((other) => sameLanguage(other.lang, lang));
    if (twin) {
      throw new ImportError(
        `${file}: a second caption file in "${lang}" (the first is ${twin.file}). Give one file per language.`,
      );
    }
    files.push({ file, lang, read });
  }
  return files;
}

/** The source transcript's text made by the aligner (npm run align, spawned), and what it found. */
async function alignWithoutCaptions(
  options: Options,
  lang: string,
  workDir: string,
): Promise<{ vtt: string; findings: readonly AlignFinding[] }> {
  const out = path.join(workDir, 'aligned.vtt');
  const json = path.join(workDir, 'aligned.json');
  const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
  say('aligning the transcript to the speech (npm run align) …');
  const child = promisify(execFile)(
    tsx,
    [
      path.join(PROJECT_ROOT, 'scripts/align/align.ts'),
      options.media,
      options.transcript,
      '--lang',
      lang,
      '--out',
      out,
      '--json',
      json,
    ],
    { cwd: PROJECT_ROOT, maxBuffer: 64 << 20 },
  );
  await child.catch(() => undefined); // the report says what happened
  const report = JSON.parse(await readFile(json, 'utf8').catch(() => 'null')) as AlignReport | null;
  if (!report)
    throw new ImportError('npm run align stopped without a report (see its output above).');
  if (!report.ok) {
    const mismatch = report.findings.find((finding) => finding.rule === 'align-mismatch');
    const errors = report.findings.filter((finding) => finding.severity === 'error');
    throw new ImportError(
      [
        ...errors.map(formatAlignFinding),
        mismatch
          ? `The transcript is not what is spoken in ${options.media}: caption files timed to the video (--captions), in the transcript's language or others, or a transcript in the spoken language are needed instead.`
          : (report.error ?? 'the aligner could not time the transcript.'),
      ].join('\n'),
    );
  }
  return { vtt: await readFile(out, 'utf8'), findings: report.findings };
}

/** Findings of the aligner as review items. */
function alignmentItems(findings: readonly AlignFinding[]): ReviewItem[] {
  return findings
    .filter((finding) => finding.severity === 'warning')
    .map((finding) => ({
      topic:
        finding.rule === 'align-low-confidence' || finding.rule === 'align-unplaced'
          ? 'alignment'
          : 'transcript',
      where: `${finding.file}:${finding.line}:${finding.col}`,
      message: finding.message,
    }));
}

/** The source transcript from captions in its language: caption timings, transcript speakers. */
async function sourceFromCaptions(
  options: Options,
  captions: CaptionFile,
  transcript: ReturnType<typeof parsePublishedTranscript>['transcript'],
  lang: string,
  info: VideoInfo,
): Promise<{ vtt: string; review: ReviewItem[]; summary: string | null }> {
  const plan = planCaptionCues(transcript, captions.read.cues);
  if (plan.matchedShare < 0.5) {
    throw new ImportError(
      `${captions.file}: only ${Math.round(plan.matchedShare * 100)} % of its words are in ${options.transcript}. The captions and the transcript do not say the same thing: give the captions of this video in the transcript's language (--lang ${lang}), or name the caption file's language if it is another (captions.ko.srt).`,
    );
  }
  const review: ReviewItem[] = [];
  const stretches = captionStretches(plan, true);
  let timings: Array<readonly WordTime[]> = [];
  let speech: readonly SpeechRegion[] = [];
  let summary: string | null = null;
  say('timing words and speaker changes inside the captions …');
  try {
    const audio = await decodeAudio(options.media);
    const aligned = await alignStretchesChecked(audio, stretches, lang);
    speech = recordingActivity(audio).regions;
    // Words timed against speech they are not (captions in another language than the speech)
    // would be nonsense: those stretches keep the captions' timings and get no word tags.
    const mismatch = captionMismatch(plan, aligned);
    timings = aligned.map((stretch, c) => (mismatch.dropWords[c] ? [] : stretch.words));
    for (const turn of mismatch.turns) {
      review.push({
        topic: 'alignment',
        where: `${captions.file}:${turn.fromLine}:1`,
        message: `${turn.speaker}'s turn (captions at lines ${turn.fromLine}–${turn.toLine}, ${turn.startTime.toFixed(1)}–${turn.endTime.toFixed(1)} s): ${mismatch.fileMismatch ? 'the captions as a whole do' : 'its text does'} not sound like what is spoken there (alignment contrast ${(mismatch.fileMismatch ? mismatch.fileContrast : turn.contrast).toFixed(3)} against a limit of ${mismatch.threshold}). The captions' timings were kept but no word timestamps were added${turn.captions.some((c) => plan.captions[c]!.runs.length > 1) ? ', and a caption spanning two speakers was divided in proportion to its text' : ''}: check that the captions are this video's and in the spoken language (--lang ${lang}).`,
      });
    }
    if (mismatch.turns.length)
      summary = `Word timestamps: left out for ${mismatch.turns.length} turn${mismatch.turns.length === 1 ? '' : 's'} whose caption text does not sound like the speech (listed for review).`;
  } catch (error) {
    if (!(error instanceof AlignInputError)) throw error;
    review.push({
      topic: 'alignment',
      where: null,
      message: `The aligner could not run (${error.message}): captions spanning two speakers were divided in proportion to their text, and no word timestamps were added.`,
    });
  }
  const cues = buildCaptionCues(
    plan,
    timings,
    profileFor(lang, { frameRate: info.frameRate }),
    speech,
  );
  for (const item of plan.unmatched) {
    review.push({
      topic: 'captions',
      where: `${captions.file}:${item.line}:1`,
      message: `"${item.text}" is not in the transcript (kept out of the cue text, or kept as the cue's text where nothing else was there).`,
    });
  }
  for (const item of plan.missing) {
    review.push({
      topic: 'transcript',
      where: `${options.transcript}:${item.line}:${item.col}`,
      message: `"${item.text}" is in no caption: placed with the words around it, check the cue it landed in.`,
    });
  }
  const splits = plan.captions.filter((caption) => caption.runs.length > 1);
  for (const caption of splits) {
    review.push({
      topic: 'alignment',
      where: `${captions.file}:${caption.line}:1`,
      message: `This caption spans ${caption.runs.length} speakers (${caption.runs.map((run) => plan.speakers[run.turn]).join(', ')}) and was split where the aligner heard the change: check the time.`,
    });
  }
  return { vtt: alignedCuesToVtt(cues), review, summary };
}

interface Outcome {
  readonly folder: string;
  readonly review: readonly ReviewItem[];
  readonly summary: readonly string[];
}

async function importEpisode(
  options: Options,
  building: string,
  workDir: string,
): Promise<Outcome> {
  const review: ReviewItem[] = [];
  const summary: string[] = [];
  if (options.lang && !isWellFormedLanguageTag(options.lang))
    throw new ImportError(`--lang "${options.lang}" is not a language tag (en, ko, pt-BR …).`);
  if (options.published && !isRealDate(options.published))
    throw new ImportError(`--published "${options.published}" is not a real date as YYYY-MM-DD.`);
  const lang = options.lang ?? 'en';
  if (!options.lang)
    review.push({
      topic: 'defaults',
      where: null,
      message: 'No --lang: the transcript was taken to be English (en).',
    });

  // The transcript: speakers and text.
  const transcriptText = await readText(
    options.transcript,
    'the transcript as published (a UTF-8 text file)',
  );
  const parsed = parsePublishedTranscript(transcriptText, { file: options.transcript });
  const transcriptErrors = parsed.findings.filter((finding) => finding.severity === 'error');
  if (transcriptErrors.length)
    throw new ImportError(transcriptErrors.map(formatAlignFinding).join('\n'));
  review.push(...alignmentItems(parsed.findings));
  const cast = castFromTranscript(parsed.transcript, options.anonymous);
  if (cast.unknownAnonymous.length) {
    throw new ImportError(
      `--anonymous ${cast.unknownAnonymous.map((name) => `"${name}"`).join(', ')}: no speaker of that name in ${options.transcript} (its speakers: ${cast.speakers.map((speaker) => speaker.name).join(', ')}). Give the name as the transcript writes it.`,
    );
  }

  // The video.
  const existsMedia = existsSync(options.media);
  if (!existsMedia)
    throw new ImportError(`${options.media}: no such file. Give the episode's video.`);
  const info = await probeVideo(options.media);
  if (!info.hasAudio)
    throw new ImportError(
      `${options.media}: has no audio stream. Give the video with its sound (the transcript is timed to the speech).`,
    );
  summary.push(
    `Video: ${info.width}×${info.height}, ${info.frameRate.toFixed(3).replace(/\.?0+$/, '')} fps, ${info.duration.toFixed(1)} s.`,
  );

  // Captions and the source transcript.
  const captionFiles = await readCaptions(options, info);
  const sourceCaptions = captionFiles.find((file) => sameLanguage(file.lang, lang));
  const source = sourceCaptions
    ? await sourceFromCaptions(options, sourceCaptions, parsed.transcript, lang, info)
    : await alignWithoutCaptions(options, lang, workDir).then(({ vtt, findings }) => ({
        vtt,
        summary: null,
        review: alignmentItems(
          findings.filter(
            (finding) =>
              finding.file === options.transcript &&
              !parsed.findings.some(
                (known) => known.line === finding.line && known.rule === finding.rule,
              ),
          ),
        ),
      }));
  review.push(...source.review);
  summary.push(
    sourceCaptions
      ? `Source transcript (${lang}): timings from ${sourceCaptions.file}, speakers and text from ${options.transcript}.`
      : `Source transcript (${lang}): timed by the aligner from ${options.transcript}.`,
  );
  if (source.summary) summary.push(source.summary);
  const sourceCues = parseVtt(source.vtt).document.cues;

  // Other languages.
  const trackLangs: Array<{ lang: string; chapters: boolean }> = [];
  const files = new Map<string, string>([[transcriptFileName(lang), source.vtt]]);
  for (const file of captionFiles) {
    if (file === sourceCaptions) continue;
    const lineUp = lineUpTranslation(
      sourceCues.map((cue) => ({
        id: cue.id,
        startTime: cue.startTime,
        endTime: cue.endTime,
        voice: cue.voice,
      })),
      file.read.cues,
    );
    const note = lineUp.oneToOne
      ? `Imported from ${path.basename(file.file)}: its captions line up one to one with the ${lang} cues.`
      : `Imported from ${path.basename(file.file)}: its captions did not line up one to one with the ${lang} cues, so each cue got the captions that overlap it most. Review before publishing.`;
    files.set(transcriptFileName(file.lang), translationToVtt(lineUp.cues, note));
    trackLangs.push({ lang: file.lang, chapters: false });
    summary.push(
      `Translation (${file.lang}) from ${file.file}: ${lineUp.oneToOne ? 'lined up one to one' : 'NOT lined up one to one (review)'}.`,
    );
    if (!lineUp.oneToOne) {
      review.push({
        topic: 'translations',
        where: file.file,
        message: `${file.read.cues.length} captions against ${sourceCues.length} ${lang} cues: each cue got the text of the captions overlapping it most${lineUp.mergedIds.length ? `; ${lineUp.mergedIds.length} cues got more than one (${lineUp.mergedIds.slice(0, 8).join(', ')}${lineUp.mergedIds.length > 8 ? ' …' : ''})` : ''}${lineUp.emptyIds.length ? `; ${lineUp.emptyIds.length} cues got none (${lineUp.emptyIds.slice(0, 8).join(', ')}${lineUp.emptyIds.length > 8 ? ' …' : ''})` : ''}. The file as exported is kept in .backup/. Review it at /translate/${options.id}/${file.lang}.`,
      });
    }
    for (const line of lineUp.unplacedLines) {
      review.push({
        topic: 'translations',
        where: `${file.file}:${line}:1`,
        message: 'This caption overlaps no cue and was left out.',
      });
    }
  }

  // Questions → chapters.
  const found = findQuestions(
    options.questions,
    sourceCues.map((cue) => ({ id: cue.id, startTime: cue.startTime, text: cue.text })),
  );
  const end = Math.max(info.duration, sourceCues[sourceCues.length - 1]?.endTime ?? 0);
  const { chapters, clashes } = chaptersOf(found, sourceCues, end);
  for (const question of found.filter((question) => question.cueIndex < 0)) {
    review.push({
      topic: 'questions',
      where: null,
      message: `"${question.question}" was not found in the transcript (best match ${Math.round(question.score * 100)} % of its words): no chapter was made for it. Give it as it is read out.`,
    });
  }
  for (const question of clashes) {
    review.push({
      topic: 'questions',
      where: null,
      message: `"${question.question}" was found at the same cue as another question: left out.`,
    });
  }
  if (chapters.length) files.set(chaptersFileName(lang), chaptersToVtt(chapters));
  if (options.questions.length)
    summary.push(`Chapters: ${chapters.length} of ${options.questions.length} questions found.`);

  // Defaults for what was not given.
  const title = options.title ?? titleFromFileName(options.transcript);
  if (!options.title)
    review.push({
      topic: 'defaults',
      where: null,
      message: `No --title: the title "${title}" was made from the transcript's file name.`,
    });
  const published = options.published ?? isoDate(new Date());
  if (!options.published)
    review.push({
      topic: 'defaults',
      where: null,
      message: `No --published: today's date (${published}) was used; set the real publication date in episode.json.`,
    });
  for (const speaker of cast.speakers.filter((speaker) => speaker.anonymous))
    summary.push(`${speaker.name}: anonymous (a pseudonym and a silhouette; no portrait).`);

  // Media.
  await mkdir(path.join(building, 'media'), { recursive: true });
  const sources: MediaSource[] = [];
  say(`encoding the web MP4 (${Math.min(info.height, 1080)}p) …`);
  await encodeWebMp4(
    options.media,
    path.join(building, 'media/episode.mp4'),
    info,
    progressLine('MP4'),
  );
  sources.push({ src: 'media/episode.mp4', type: 'video/mp4' });
  if (options.hls) {
    say('encoding the HLS ladder …');
    const showProgress = progressLine('HLS');
    try {
      const ladder = await encodeHlsLadder({
        input: options.media,
        outDir: path.join(building, 'media/hls'),
        sourceHeight: info.height,
        onProgress: (progress) => showProgress(progress.fraction),
      });
      // The ladder first: players that can stream it pick it; the MP4 is the fallback.
      sources.unshift(hlsSource(building, ladder));
      summary.push(
        `HLS ladder: ${ladder.renditions.map((rendition) => `${rendition.height}p`).join(', ')}, segments ≤ ${Math.max(...ladder.renditions.map((rendition) => rendition.longestSegment)).toFixed(1)} s.`,
      );
    } catch (error) {
      if (!(error instanceof HlsEncodeError)) throw error;
      throw new ImportError(`the HLS ladder could not be made: ${error.message}`);
    }
  }
  const manifestFor = (poster: string) =>
    episodeManifest({
      id: options.id,
      title,
      published,
      sourceLanguage: lang,
      sources,
      poster,
      duration: info.duration,
      frameRate: info.frameRate,
      speakers: cast.speakers,
      tracks: [{ lang, chapters: chapters.length > 0 }, ...trackLangs],
    });
  say(options.poster ? 'poster from --poster …' : 'poster: the title card …');
  await makePoster(path.join(building, 'media/poster.jpg'), {
    image: options.poster,
    episode: manifestFor('media/poster.jpg'),
    workDir,
  });

  // Files.
  await writeFile(
    path.join(building, 'episode.json'),
    JSON.stringify(manifestFor('media/poster.jpg'), null, 2) + '\n',
  );
  for (const [name, text] of files) await writeFile(path.join(building, name), text);
  await mkdir(path.join(building, '.backup'), { recursive: true });
  for (const file of captionFiles) {
    await writeFile(
      path.join(building, '.backup', `captions.${file.lang}${path.extname(file.file)}`),
      await readFile(file.file),
    );
  }

  // The same checks as npm run check: an error here is the import's bug, never the publisher's.
  const loaded = await loadEpisode(fsEpisodeSource(building), {
    folderName: options.id,
    fileLabel: (relative) => relative,
  });
  const errors = loaded.findings.filter((finding) => finding.severity === 'error');
  if (errors.length) {
    throw new Error(
      `the episode made does not pass the checks:\n${errors.map((f) => `${f.file}:${f.line}:${f.col}  ${f.rule}  ${f.message}`).join('\n')}`,
    );
  }
  const warnings = loaded.findings.length;
  summary.push(
    `npm run check: no errors, ${warnings} warning${warnings === 1 ? '' : 's'} (reading speed, line length, gaps …).`,
  );
  return { folder: building, review, summary };
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`import: ${error.message}\n\n`);
    process.stderr.write(USAGE + '\n');
    return error.message ? 2 : 0;
  }
  if (!EPISODE_ID_PATTERN.test(options.id)) {
    say(
      `"${options.id}" is not a valid episode id: use lowercase letters, digits and '-' (e.g. first-winter).`,
    );
    return 1;
  }
  const episodesDir = episodesDirectory(PROJECT_ROOT);
  const target = path.join(episodesDir, options.id);
  if (existsSync(target)) {
    say(
      `${target} already exists: an import never overwrites an episode. Choose another id, or remove the folder first.`,
    );
    return 1;
  }
  await mkdir(episodesDir, { recursive: true });
  // Hidden (a leading dot): the dev server and the build skip it until it is moved into place.
  const building = path.join(episodesDir, `.import-${options.id}-${process.pid}`);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'red-box-import-'));
  const cleanUp = () => {
    rmSync(building, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  };
  const interrupted = () => {
    cleanUp();
    process.stderr.write('\nimport: interrupted; nothing was written.\n');
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await mkdir(building);
    const outcome = await importEpisode(options, building, workDir);
    const report = reviewMarkdown(options.id, outcome.summary, outcome.review);
    await writeFile(path.join(building, '.backup/import-report.md'), report);
    if (existsSync(target))
      throw new ImportError(`${target} appeared while importing: nothing was overwritten.`);
    await rename(building, target);
    if (options.report) await writeFile(options.report, report);
    process.stderr.write(`\nimport: made ${path.relative(process.cwd(), target) || target}\n`);
    for (const line of outcome.summary) process.stderr.write(`  ${line}\n`);
    if (outcome.review.length) {
      process.stderr.write(
        `\nTo review (${outcome.review.length}; also in ${path.join(path.relative(process.cwd(), target), '.backup/import-report.md')}):\n`,
      );
      for (const item of outcome.review) process.stderr.write(`  ${formatReviewLine(item)}\n`);
    } else process.stderr.write('\nNothing needs review.\n');
    process.stderr.write(`\nPlay it: npm start, then /watch/${options.id}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ImportError || error instanceof AlignInputError) {
      say(error.message);
      say('nothing was written.');
      return 1;
    }
    throw error;
  } finally {
    await rm(building, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Anything else is a bug: one line, never a stack trace for the publisher.
    process.stderr.write(
      `import: unexpected failure: ${error instanceof Error ? error.message : String(error)}\nimport: nothing was written.\n`,
    );
    process.exitCode = 1;
  },
);
