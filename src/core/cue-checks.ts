/**
 * The cue checks of Contract 6 over whole files and episodes. The structural errors (syntax, ids,
 * speakers, raw `&`/`<`) come from parsing (vtt-parse.ts); this adds the rest: reading speed, line
 * length and count, duration, gaps, overlaps, chapter overlaps, and the translation rules.
 *
 * The per-cue rules live in checks/cue-rules.ts so the translator workspace can run them per row.
 */
import type { Finding, SpeakerRef } from './cue-model.ts';
import {
  checkAgainstSource,
  checkCueText,
  checkDuration,
  checkGap,
  checkOverlap,
  type CueCheckContext,
} from './checks/cue-rules.ts';
import {
  linesWhenNeeded,
  timingColumns,
  writtenLines,
  type CheckedCue,
  type FileLines,
} from './checks/positions.ts';
import { profileFor, type ProfileOptions, type ReadingProfile } from './reading-profile.ts';
import { appendAll, shorten } from './finding-bounds.ts';
import { formatTimestamp } from './vtt-serialize.ts';

/** A parsed cue file as the checks need it (a `ParseResult` plus its name and text fits). */
export interface CueFile {
  /** How findings name the file. */
  readonly file: string;
  readonly document: { readonly cues: readonly CheckedCue[] };
  /** The file's text, when known: timing findings then point at the timestamp itself. */
  readonly text?: string;
}

const EPSILON = 1e-6;
/** Timings equal to the millisecond. */
const SAME_TIME = 0.0005;

/** Order findings by file, then line, then column (stable for equal positions). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col,
  );
}

function linesOf(file: CueFile): FileLines | undefined {
  return file.text === undefined ? undefined : linesWhenNeeded(file.text);
}

/** First cue per id (duplicates are an error already; alignment uses the first). */
function cuesById(cues: readonly CheckedCue[]): Map<string, CheckedCue> {
  const byId = new Map<string, CheckedCue>();
  for (const cue of cues) if (cue.id !== '' && !byId.has(cue.id)) byId.set(cue.id, cue);
  return byId;
}

function sameTiming(a: CheckedCue, b: CheckedCue | undefined): boolean {
  return (
    b !== undefined &&
    Math.abs(a.startTime - b.startTime) < SAME_TIME &&
    Math.abs(a.endTime - b.endTime) < SAME_TIME
  );
}

export interface TranscriptCheckOptions {
  readonly profile: ReadingProfile;
  /**
   * The source-language transcript, when this file is a translation. Timing warnings (duration,
   * gap, overlap) are then reported only for cues whose timings differ from their source cue's:
   * the source's timings are authoritative and are checked in the source file.
   */
  readonly source?: CueFile;
}

/**
 * The warnings of a transcript file: reading speed, line length, line count, duration, gaps and
 * overlapping cues. Structural errors come from `parseVtt`.
 */
export function checkTranscript(file: CueFile, options: TranscriptCheckOptions): Finding[] {
  const context: CueCheckContext = {
    file: file.file,
    profile: options.profile,
    lines: linesOf(file),
  };
  const sourceById = options.source ? cuesById(options.source.document.cues) : undefined;
  const ownTiming = (cue: CheckedCue): boolean =>
    !sourceById || !sameTiming(cue, sourceById.get(cue.id));

  const findings: Finding[] = [];
  const cues = file.document.cues;
  // The cue that ends last so far: a later cue starting before it ends overlaps it, and the gap
  // before the next cue is measured from it.
  let latest: CheckedCue | undefined;
  for (const cue of cues) {
    appendAll(findings, checkCueText(cue, context));
    if (ownTiming(cue)) appendAll(findings, checkDuration(cue, context));
    if (latest) {
      const timed = ownTiming(cue) || ownTiming(latest);
      if (cue.startTime < latest.endTime - EPSILON) {
        if (timed) appendAll(findings, checkOverlap(latest, cue, context));
      } else if (timed) appendAll(findings, checkGap(latest, cue, context));
    }
    if (!latest || cue.endTime > latest.endTime) latest = cue;
  }
  return sortFindings(findings);
}

/** The errors of a chapters file beyond parsing: chapters that overlap (touching is fine). */
export function checkChapters(file: CueFile): Finding[] {
  const lines = linesOf(file);
  const findings: Finding[] = [];
  const chapters = [...file.document.cues].sort((a, b) => a.startTime - b.startTime);
  let latest: CheckedCue | undefined;
  for (const chapter of chapters) {
    if (latest && chapter.startTime < latest.endTime - EPSILON) {
      findings.push({
        rule: 'chapter-overlap',
        severity: 'error',
        file: file.file,
        line: chapter.timingLine,
        col: timingColumns(lines, chapter.timingLine).start,
        message: `This chapter starts at ${formatTimestamp(chapter.startTime)}, before chapter ${
          latest.id ? `"${shorten(latest.id)}"` : `on line ${latest.line}`
        } ends at ${formatTimestamp(latest.endTime)}: chapters must not overlap; end the earlier chapter at or before ${formatTimestamp(chapter.startTime)}.`,
        cueId: chapter.id || undefined,
      });
    }
    if (!latest || chapter.endTime > latest.endTime) latest = chapter;
  }
  return sortFindings(findings);
}

export interface TranslationCheckOptions {
  readonly kind?: 'transcript' | 'chapters';
  /** The cast, to name speakers in messages. */
  readonly speakers?: readonly SpeakerRef[];
}

/**
 * A translation against its source (transcript or chapters): ids missing from the translation
 * (errors, placed where the cue would belong), ids the source lacks (errors, at that cue), and
 * per cue timing drift past 0.5 s, a changed speaker and empty cues (warnings).
 */
export function checkTranslation(
  source: CueFile,
  translation: CueFile,
  options: TranslationCheckOptions = {},
): Finding[] {
  const kind = options.kind ?? 'transcript';
  const what = kind === 'chapters' ? 'chapter' : 'cue';
  const lines = linesOf(translation);
  const findings: Finding[] = [];
  const sourceById = cuesById(source.document.cues);
  const translatedById = cuesById(translation.document.cues);
  const translated = translation.document.cues;

  // Missing ids: placed before the next source cue that the translation has, else at the end.
  // That next cue is found for every id in one pass from the end (not one search per id).
  const sourceIds = [...sourceById.keys()];
  const nextPresent: Array<CheckedCue | undefined> = [];
  for (let index = sourceIds.length - 1, next: CheckedCue | undefined; index >= 0; index--) {
    nextPresent[index] = next;
    next = translatedById.get(sourceIds[index]!) ?? next;
  }
  const last = translated[translated.length - 1];
  // The last line of the translation's last cue, where an id missing at the end is placed.
  const endLine = last ? last.timingLine + writtenLines(last).length : 1;
  sourceIds.forEach((id, index) => {
    if (translatedById.has(id)) return;
    const sourceCue = sourceById.get(id)!;
    const before = nextPresent[index];
    // Before the next cue the translation has; else on the last line of its last cue.
    const line = before ? before.line : endLine;
    const where = before
      ? `before ${what} "${shorten(before.id)}"`
      : last
        ? 'at the end of the file'
        : 'to this file';
    findings.push({
      rule: 'missing-translation',
      severity: 'error',
      file: translation.file,
      line,
      col: 1,
      message: `The source ${what} "${shorten(id)}" (${source.file} line ${sourceCue.line}, ${formatTimestamp(sourceCue.startTime)}) is missing from this translation: add a ${what} with the id "${shorten(id)}" and the source's timing ${where}.`,
      cueId: id,
    });
  });

  for (const cue of translated) {
    if (cue.id === '') continue;
    const sourceCue = sourceById.get(cue.id);
    if (!sourceCue) {
      if (translatedById.get(cue.id) !== cue) continue; // a duplicate id is reported already
      findings.push({
        rule: 'extra-translation',
        severity: 'error',
        file: translation.file,
        line: cue.line,
        col: 1,
        message: `The source (${source.file}) has no ${what} with the id "${shorten(cue.id)}": ids align the languages, so give this ${what} the id of the source ${what} it translates, or remove it.`,
        cueId: cue.id,
      });
      continue;
    }
    if (translatedById.get(cue.id) !== cue) continue;
    appendAll(
      findings,
      checkAgainstSource(cue, sourceCue, {
        file: translation.file,
        lines,
        sourceFile: source.file,
        speakers: options.speakers,
        kind,
      }),
    );
  }
  return sortFindings(findings);
}

/** The cue files of one language, parsed. */
export interface TrackFiles {
  readonly transcript?: CueFile;
  readonly chapters?: CueFile;
}

/** What of an episode the checks need (an `Episode` fits). */
export interface EpisodeCheckShape {
  readonly sourceLanguage?: string;
  readonly media?: { readonly frameRate?: number };
  readonly speakers?: readonly SpeakerRef[];
}

/**
 * Every check beyond parsing, over an episode's parsed files: per language the transcript and
 * chapter checks, and for each language other than the source its translation checks against
 * the source-language files. `tracks` is keyed by language tag (matched ignoring case).
 */
export function checkEpisode(
  episode: EpisodeCheckShape,
  tracks: ReadonlyMap<string, TrackFiles>,
  options: Omit<ProfileOptions, 'frameRate'> = {},
): Finding[] {
  const entries = [...tracks.entries()];
  const sourceLang = episode.sourceLanguage;
  const sourceEntry = entries.find(
    ([lang]) => sourceLang !== undefined && lang.toLowerCase() === sourceLang.toLowerCase(),
  );
  const sourceFiles = sourceEntry?.[1];

  const findings: Finding[] = [];
  for (const [lang, files] of entries) {
    const isSource = files === sourceFiles;
    const profile = profileFor(lang, { ...options, frameRate: episode.media?.frameRate });
    if (files.transcript) {
      const translationOf = isSource ? undefined : sourceFiles?.transcript;
      appendAll(findings, checkTranscript(files.transcript, { profile, source: translationOf }));
      if (translationOf) {
        appendAll(
          findings,
          checkTranslation(translationOf, files.transcript, {
            kind: 'transcript',
            speakers: episode.speakers,
          }),
        );
      }
    }
    if (files.chapters) {
      appendAll(findings, checkChapters(files.chapters));
      const translationOf = isSource ? undefined : sourceFiles?.chapters;
      if (translationOf) {
        appendAll(findings, checkTranslation(translationOf, files.chapters, { kind: 'chapters' }));
      }
    }
  }
  return sortFindings(findings);
}
