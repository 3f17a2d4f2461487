/**
 * npm run check [path] (Contract 6): check episodes and cue files, print one line per finding.
 *
 *   npm run check                          every episode under the project's episodes/
 *   npm run check path/to/episodes         every subfolder holding an episode.json
 *   npm run check path/to/episode          one episode folder (also outside the project)
 *   npm run check path/to/transcript.ko.vtt  one cue file: in its episode's context when it sits
 *                                          in an episode folder, otherwise on its own
 *
 * Options: --quiet (errors only), --format json, --english-template (17 CPS for English).
 * Exit status: 0 without errors (warnings allowed), 1 with errors, 2 when nothing could be
 * checked (no such path, bad arguments).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Finding } from '../src/core/cue-model.ts';
import { findTrack, sourceTrack } from '../src/core/episode-model.ts';
import { checkCueFile, loadEpisode, type LoadedEpisode } from '../src/core/episode-load.ts';
import { isWellFormedLanguageTag } from '../src/core/language-tag.ts';
import type { ProfileOptions } from '../src/core/reading-profile.ts';
import { fsEpisodeSource } from '../src/server/episode-files.ts';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const USAGE = `Usage: npm run check -- [path] [--quiet] [--format text|json] [--english-template]

  path   the episodes folder (default: episodes/ of the project), one episode folder,
         or one cue file (.vtt)`;

interface Options {
  readonly target: string;
  readonly quiet: boolean;
  readonly format: 'text' | 'json';
  readonly profile: Omit<ProfileOptions, 'frameRate'>;
}

class UsageError extends Error {}
class HelpRequested extends Error {}

function parseArguments(args: readonly string[]): Options {
  let target: string | undefined;
  let quiet = false;
  let format: 'text' | 'json' = 'text';
  let englishTemplate = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') throw new HelpRequested();
    if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--english-template') englishTemplate = true;
    else if (arg === '--format' || arg.startsWith('--format=')) {
      const value = arg === '--format' ? args[++i] : arg.slice('--format='.length);
      if (value !== 'text' && value !== 'json') {
        throw new UsageError(
          `--format takes "text" or "json", not ${JSON.stringify(value ?? '')}.`,
        );
      }
      format = value;
    } else if (arg === '--') continue;
    else if (arg.startsWith('-') && arg !== '-') throw new UsageError(`Unknown option ${arg}.`);
    else if (target !== undefined) throw new UsageError('Give one path at most.');
    else target = arg;
  }
  return {
    target: path.resolve(target ?? path.join(PROJECT_ROOT, 'episodes')),
    quiet,
    format,
    profile: { englishTemplate },
  };
}

/** How findings name a file: relative to the current directory. */
function label(absolute: string): string {
  return path.relative(process.cwd(), absolute) || absolute;
}

async function isFile(file: string): Promise<boolean> {
  return stat(file).then(
    (s) => s.isFile(),
    () => false,
  );
}

interface Report {
  readonly findings: Finding[];
  readonly files: number;
  readonly notes: string[];
}

async function checkEpisodeFolder(folder: string, options: Options): Promise<LoadedEpisode> {
  return loadEpisode(fsEpisodeSource(folder), {
    folderName: path.basename(folder),
    fileLabel: (relative) => label(path.join(folder, relative)),
    profile: options.profile,
  });
}

async function checkEpisodesFolder(folder: string, options: Options): Promise<Report | null> {
  const entries = await readdir(folder, { withFileTypes: true });
  const episodes: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (!entry.isDirectory()) continue;
    const candidate = path.join(folder, entry.name);
    if (await isFile(path.join(candidate, 'episode.json'))) episodes.push(candidate);
  }
  if (episodes.length === 0) return null;
  const loaded = await Promise.all(episodes.map((episode) => checkEpisodeFolder(episode, options)));
  return {
    findings: loaded.flatMap((episode) => episode.findings),
    files: loaded.reduce((sum, episode) => sum + episode.files.length, 0),
    notes: [],
  };
}

const CUE_FILE_NAME = /^(transcript|chapters)\.([^.]+)\.vtt$/i;

/** One .vtt file: in its episode's context when its folder holds an episode.json. */
async function checkOneCueFile(file: string, options: Options): Promise<Report> {
  const folder = path.dirname(file);
  const name = path.basename(file);
  const fileLabel = label(file);
  const match = CUE_FILE_NAME.exec(name);
  const kind = match?.[1]?.toLowerCase() === 'chapters' ? 'chapters' : 'transcript';
  const suffixLang = /\.([A-Za-z0-9-]+)\.vtt$/i.exec(name)?.[1];
  const lang = suffixLang && isWellFormedLanguageTag(suffixLang) ? suffixLang : '';
  const text = await readFile(file, 'utf8');

  if (!(await isFile(path.join(folder, 'episode.json')))) {
    const { findings } = checkCueFile(text, {
      file: fileLabel,
      kind,
      lang,
      profile: options.profile,
    });
    return { findings, files: 1, notes: [] };
  }

  const loaded = await checkEpisodeFolder(folder, options);
  const notes: string[] = [];
  const episodeErrors = loaded.findings.filter(
    (finding) =>
      finding.severity === 'error' && finding.file === label(path.join(folder, 'episode.json')),
  ).length;
  if (episodeErrors > 0) {
    notes.push(
      `note: ${label(path.join(folder, 'episode.json'))} has ${plural(episodeErrors, 'error')}; run npm run check ${label(folder) || '.'} to see them.`,
    );
  }
  const named = [...loaded.tracks.values()].some(
    (track) => track.transcript?.file === fileLabel || track.chapters?.file === fileLabel,
  );
  if (named) {
    return { findings: loaded.findings.filter((f) => f.file === fileLabel), files: 1, notes };
  }

  // A file no track names (yet): checked with the episode's cast and, when it is a translation,
  // against the source-language file of the same kind.
  const episode = loaded.episode;
  const source = episode ? sourceTrack(episode) : undefined;
  const isSource = source !== undefined && lang !== '' && findTrack({ tracks: [source] }, lang);
  const sourceFiles = source && !isSource ? loaded.tracks.get(source.lang) : undefined;
  const { findings } = checkCueFile(text, {
    file: fileLabel,
    kind,
    lang,
    speakers: episode?.speakers,
    frameRate: episode?.media.frameRate,
    source: kind === 'chapters' ? sourceFiles?.chapters : sourceFiles?.transcript,
    profile: options.profile,
  });
  notes.push(`note: no track of ${label(path.join(folder, 'episode.json'))} names ${name}.`);
  return { findings, files: 1, notes };
}

async function run(options: Options): Promise<Report | string> {
  const info = await stat(options.target).catch(() => null);
  if (!info) return `no such file or directory: ${label(options.target)}`;
  if (info.isDirectory()) {
    if (await isFile(path.join(options.target, 'episode.json'))) {
      const loaded = await checkEpisodeFolder(options.target, options);
      return { findings: loaded.findings, files: loaded.files.length, notes: [] };
    }
    return (
      (await checkEpisodesFolder(options.target, options)) ??
      `${label(options.target)} holds no episode.json and no folder with one: pass the episodes folder, an episode folder or a .vtt file.`
    );
  }
  if (path.basename(options.target) === 'episode.json') {
    const loaded = await checkEpisodeFolder(path.dirname(options.target), options);
    return { findings: loaded.findings, files: loaded.files.length, notes: [] };
  }
  if (options.target.toLowerCase().endsWith('.vtt'))
    return checkOneCueFile(options.target, options);
  return `${label(options.target)} is not a .vtt file, an episode folder or an episodes folder.`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function print(report: Report, options: Options): number {
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  const warnings = report.findings.length - errors.length;
  const shown = options.quiet ? errors : report.findings;
  if (options.format === 'json') {
    const output = {
      findings: shown,
      errors: errors.length,
      warnings,
      files: report.files,
    };
    process.stdout.write(JSON.stringify(output, null, 2) + '\n');
  } else {
    const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;
    const paint = (code: string, text: string): string =>
      colour ? `\u001b[${code}m${text}\u001b[0m` : text;
    const lines = shown.map((finding) => {
      const severity = paint(finding.severity === 'error' ? '31' : '33', finding.severity);
      const where = paint('2', `${finding.file}:${finding.line}:${finding.col}`);
      return `${where}  ${severity}  ${finding.rule}  ${finding.message}`;
    });
    const summary = `${plural(errors.length, 'error')}, ${plural(warnings, 'warning')} in ${plural(report.files, 'file')}`;
    process.stdout.write([...lines, summary].join('\n') + '\n');
  }
  for (const note of report.notes) process.stderr.write(note + '\n');
  return errors.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArguments(process.argv.slice(2));
  } catch (error) {
    if (error instanceof HelpRequested) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`check: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  const result = await run(options);
  if (typeof result === 'string') {
    process.stderr.write(`check: ${result}\n`);
    return 2;
  }
  return print(result, options);
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A fault of this tool, never of the files (those are findings): say so without a stack
    // trace, unless asked for one.
    const detail =
      error instanceof Error
        ? process.env.RED_BOX_DEBUG
          ? error.stack
          : error.message
        : String(error);
    process.stderr.write(
      `check: could not run: ${detail}\nThis is a fault in the check itself: please report it with the file that caused it (RED_BOX_DEBUG=1 shows where it happened).\n`,
    );
    process.exitCode = 2;
  },
);
