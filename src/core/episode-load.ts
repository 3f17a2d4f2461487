/**
 * Loading an episode: one model for the CLI and the build (files on disk) and the browser (files
 * over HTTP). A source only reads text; this validates episode.json, reads and parses every cue
 * file the tracks name, and runs every check, returning problems as findings.
 */
import type { Finding, SpeakerRef } from './cue-model.ts';
import {
  checkEpisode,
  checkTranscript,
  checkTranslation,
  checkChapters,
  sortFindings,
} from './cue-checks.ts';
import type { Episode } from './episode-model.ts';
import { validateEpisodeJson } from './episode-schema.ts';
import type { JsonPathItem } from './json-position.ts';
import type { TextPosition } from './text-position.ts';
import { profileFor, type ProfileOptions } from './reading-profile.ts';
import { appendAll } from './finding-bounds.ts';
import { missingSpeakerFinding, parseVtt, type ParseResult } from './vtt-parse.ts';

/** Where an episode's files come from: a folder on disk, or a URL prefix over HTTP. */
export interface EpisodeSource {
  /**
   * The text of a file in the episode folder, by its path relative to the folder. Resolves to
   * null when there is no such file (HTTP 404, ENOENT); rejects only for real failures (I/O
   * errors, network errors, a path that leaves the folder).
   */
  readText(relativePath: string): Promise<string | null>;
}

/** A parsed cue file with its name (as findings name it) and its text. */
export interface LoadedCueFile extends ParseResult {
  readonly file: string;
  readonly text: string;
}

/** The parsed files of one language. */
export interface LoadedTrack {
  readonly transcript?: LoadedCueFile;
  readonly chapters?: LoadedCueFile;
}

export interface LoadedEpisode {
  /** The episode, when episode.json is valid. */
  readonly episode?: Episode;
  /** Parsed files by language tag, as written in episode.json. */
  readonly tracks: Map<string, LoadedTrack>;
  /** Every finding, sorted by file, line and column. */
  readonly findings: Finding[];
  /** The files that were read, as findings name them (episode.json first). */
  readonly files: string[];
}

export interface LoadOptions {
  /** The episode folder's name, when known: episode.json's id must equal it. */
  readonly folderName?: string;
  /** How findings name a file of the episode (a path for the CLI, a URL path in the browser). */
  readonly fileLabel: (relativePath: string) => string;
  /** Reading-profile options (the frame rate comes from episode.json). */
  readonly profile?: Omit<ProfileOptions, 'frameRate'>;
}

/** What the loader needs of an episode; taken from a valid episode, or salvaged from a broken one. */
interface EpisodeShape {
  readonly sourceLanguage?: string;
  readonly media?: { readonly frameRate?: number };
  readonly speakers: readonly SpeakerRef[];
  readonly tracks: readonly TrackShape[];
}

interface TrackShape {
  readonly lang: string;
  readonly transcript: string;
  readonly chapters?: string;
  /** Index in episode.json's tracks, for finding positions. */
  readonly index: number;
}

const EPISODE_FILE = 'episode.json';

/**
 * Load an episode through `source`: schema, every cue file its tracks name, parse and all checks
 * (translations against the source-language track). Never rejects for problems in the files;
 * those are findings (an unreadable file is an 'unreadable-file' finding).
 */
export async function loadEpisode(
  source: EpisodeSource,
  options: LoadOptions,
): Promise<LoadedEpisode> {
  const label = options.fileLabel;
  const episodeFile = label(EPISODE_FILE);
  const tracks = new Map<string, LoadedTrack>();
  const files = [episodeFile];

  const read = await readSafely(source, EPISODE_FILE);
  if (read.text === null) {
    return {
      tracks,
      files,
      findings: [
        {
          rule: 'unreadable-file',
          severity: 'error',
          file: episodeFile,
          line: 1,
          col: 1,
          message: read.error
            ? `episode.json cannot be read (${read.error}): check the file's permissions.`
            : 'episode.json is missing: every episode folder holds one (Contract 1).',
        },
      ],
    };
  }

  const validation = validateEpisodeJson(read.text, {
    file: episodeFile,
    folderName: options.folderName,
  });
  const findings: Finding[] = [...validation.findings];
  const shape = validation.episode ? shapeOf(validation.episode) : salvage(validation.value);

  const unreadable = (position: TextPosition, name: string, error: string | undefined): void => {
    findings.push({
      rule: 'unreadable-file',
      severity: 'error',
      file: episodeFile,
      ...position,
      message: error
        ? `${name} cannot be read (${error}): check the file.`
        : `${name} is not in the episode folder: create it, or correct the file name here.`,
    });
  };

  const loadFile = async (
    track: TrackShape,
    kind: 'transcript' | 'chapters',
  ): Promise<LoadedCueFile | undefined> => {
    const name = kind === 'transcript' ? track.transcript : track.chapters;
    if (name === undefined) return undefined;
    const path: JsonPathItem[] = ['tracks', track.index, kind];
    const result = await readSafely(source, name);
    if (result.text === null) {
      unreadable(validation.locate(path), name, result.error);
      return undefined;
    }
    const file = label(name);
    // Chapters name no speakers: only transcripts resolve voices against the cast.
    const speakers = kind === 'transcript' ? shape.speakers : undefined;
    const parsed = parseVtt(result.text, { file, kind, speakers });
    appendAll(findings, parsed.findings);
    return { ...parsed, file, text: result.text };
  };

  // Read every file at once; a browser fetches them in parallel.
  const loaded = await Promise.all(
    shape.tracks.map(async (track) => {
      const [transcript, chapters] = await Promise.all([
        loadFile(track, 'transcript'),
        loadFile(track, 'chapters'),
      ]);
      return { track, transcript, chapters };
    }),
  );
  // In episode.json's order, whatever order the reads finished in.
  for (const { track, transcript, chapters } of loaded) {
    tracks.set(track.lang, { transcript, chapters });
    if (transcript) files.push(transcript.file);
    if (chapters) files.push(chapters.file);
  }
  appendAll(findings, checkEpisode(shape, tracks, options.profile));

  return { episode: validation.episode, tracks, findings: sortFindings(findings), files };
}

async function readSafely(
  source: EpisodeSource,
  path: string,
): Promise<{ text: string | null; error?: string }> {
  try {
    return { text: await source.readText(path) };
  } catch (error) {
    return { text: null, error: error instanceof Error ? error.message : String(error) };
  }
}

function shapeOf(episode: Episode): EpisodeShape {
  return {
    sourceLanguage: episode.sourceLanguage,
    media: episode.media,
    speakers: episode.speakers,
    tracks: episode.tracks.map((track, index) => ({ ...track, index })),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A plain file name in the episode folder (the schema reports anything else). */
const isPlainVttName = (name: unknown): name is string =>
  typeof name === 'string' && /^[^/\\]+\.vtt$/i.test(name) && !name.startsWith('..');

/**
 * What can still be checked when episode.json has schema errors: the well-formed speakers and
 * tracks. Its findings are reported already; the cue files get checked too, so one run shows
 * every problem.
 */
function salvage(value: unknown): EpisodeShape {
  if (!isRecord(value)) return { speakers: [], tracks: [] };
  const speakers = (Array.isArray(value.speakers) ? value.speakers : []).flatMap((speaker) =>
    isRecord(speaker) && typeof speaker.id === 'string' && typeof speaker.name === 'string'
      ? [{ id: speaker.id, name: speaker.name }]
      : [],
  );
  const seen = new Set<string>();
  const tracks: TrackShape[] = [];
  (Array.isArray(value.tracks) ? value.tracks : []).forEach((track, index) => {
    if (!isRecord(track) || typeof track.lang !== 'string' || !isPlainVttName(track.transcript)) {
      return;
    }
    if (seen.has(track.lang.toLowerCase())) return;
    seen.add(track.lang.toLowerCase());
    tracks.push({
      lang: track.lang,
      transcript: track.transcript,
      chapters: isPlainVttName(track.chapters) ? track.chapters : undefined,
      index,
    });
  });
  const media = isRecord(value.media) ? value.media : {};
  const frameRate =
    typeof media.frameRate === 'number' && media.frameRate > 0 ? media.frameRate : undefined;
  return {
    sourceLanguage: typeof value.sourceLanguage === 'string' ? value.sourceLanguage : undefined,
    media: { frameRate },
    speakers,
    tracks,
  };
}

export interface CueFileCheckOptions {
  /** How findings name the file. */
  readonly file: string;
  readonly kind: 'transcript' | 'chapters';
  /** The file's language ("" or absent: the default profile). */
  readonly lang?: string;
  /** The episode's cast; without it speakers are not resolved, but a first cue still needs one. */
  readonly speakers?: readonly SpeakerRef[];
  /** `media.frameRate` (25 when absent). */
  readonly frameRate?: number;
  /** The source-language file of the same kind, when this file is a translation. */
  readonly source?: LoadedCueFile;
  readonly profile?: Omit<ProfileOptions, 'frameRate'>;
}

/**
 * Parse and check one cue file on its own (or as a translation of `source`): the `npm run check
 * file.vtt` case, and a file no track names yet.
 */
export function checkCueFile(
  text: string,
  options: CueFileCheckOptions,
): { file: LoadedCueFile; findings: Finding[] } {
  const { kind } = options;
  const speakers = kind === 'transcript' ? options.speakers : undefined;
  const parsed = parseVtt(text, { file: options.file, kind, speakers });
  const file: LoadedCueFile = { ...parsed, file: options.file, text };
  const findings: Finding[] = [...parsed.findings];
  const first = parsed.document.cues[0];
  if (kind === 'transcript' && !options.speakers && first && first.voice === null) {
    // parseVtt checks this only against a cast; without one the rule still holds.
    findings.push(missingSpeakerFinding(first, options.file));
  }
  if (kind === 'transcript') {
    const profile = profileFor(options.lang ?? '', {
      ...options.profile,
      frameRate: options.frameRate,
    });
    appendAll(findings, checkTranscript(file, { profile, source: options.source }));
  } else {
    appendAll(findings, checkChapters(file));
  }
  if (options.source) {
    appendAll(
      findings,
      checkTranslation(options.source, file, { kind, speakers: options.speakers }),
    );
  }
  return { file, findings: sortFindings(findings) };
}
