/**
 * episode.json (Contract 1): its schema, the rules that span fields, and findings that point at
 * the line and column of the offending value in the JSON text.
 *
 * Only the contract's required fields are required; every other field is optional, and fields
 * this schema does not know are allowed and kept (anything added later must be optional).
 */
import * as v from 'valibot';
import type { Finding } from './cue-model.ts';
import { EPISODE_ID_PATTERN, type Episode } from './episode-model.ts';
import { listSome, shorten } from './finding-bounds.ts';
import { parseJsonWithPositions, type JsonPathItem } from './json-position.ts';
import type { TextPosition } from './text-position.ts';
import { isWellFormedLanguageTag } from './language-tag.ts';

/** Speaker ids follow the same shape as episode ids: lowercase letters, digits and '-'. */
export const SPEAKER_ID_PATTERN = EPISODE_ID_PATTERN;

const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
const HTTPS_URL = /^https:\/\/[^\s/?#]+[^\s]*$/i;
const HTTP_URL = /^https?:\/\/[^\s/?#]+[^\s]*$/i;
const URL_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * True for a path inside the episode folder (relative, no `..` segment, no leading `/` or `\`,
 * no URL scheme) or an https URL.
 */
export function isEpisodeResourcePath(src: string): boolean {
  if (HTTPS_URL.test(src)) return true;
  if (src.trim() === '' || src !== src.trim()) return false;
  if (src.startsWith('/') || src.startsWith('\\') || URL_SCHEME.test(src)) return false;
  return !src.split(/[/\\]/).some((segment) => segment === '..');
}

const text = () =>
  v.pipe(
    v.string(),
    v.check((s) => s.trim() !== '', 'must not be empty'),
  );

const resourcePath = () =>
  v.pipe(
    v.string(),
    v.check(
      isEpisodeResourcePath,
      'must be a path inside the episode folder (no "..", no leading "/") or an https URL',
    ),
  );

const languageTag = () =>
  v.pipe(
    v.string(),
    v.check(
      isWellFormedLanguageTag,
      (issue) =>
        `"${shorten(String(issue.input))}" is not a well-formed BCP 47 language tag (e.g. "en", "ko", "pt-BR")`,
    ),
  );

const positive = () => v.pipe(v.number(), v.gtValue(0, 'must be more than 0'));

const MediaSourceSchema = v.looseObject({ src: resourcePath(), type: text() });

const SpeakerSchema = v.looseObject({
  id: v.pipe(
    v.string(),
    v.regex(
      SPEAKER_ID_PATTERN,
      (issue) => `"${shorten(String(issue.input))}" is not a valid speaker id`,
    ),
  ),
  name: text(),
  portrait: v.optional(resourcePath()),
  anonymous: v.optional(v.boolean()),
  color: v.optional(
    v.pipe(
      v.string(),
      v.regex(
        COLOR_PATTERN,
        (issue) => `"${shorten(String(issue.input))}" is not a colour as #rrggbb`,
      ),
    ),
  ),
});

const TrackSchema = v.looseObject({
  lang: languageTag(),
  label: text(),
  transcript: v.string(),
  chapters: v.optional(v.string()),
});

const CreditSchema = v.looseObject({
  role: text(),
  name: text(),
  url: v.optional(
    v.pipe(
      v.string(),
      v.regex(HTTP_URL, (issue) => `"${shorten(String(issue.input))}" is not an http(s) URL`),
    ),
  ),
});

/** The valibot schema of episode.json: field shapes only (see `validateEpisodeJson` for the rest). */
export const EpisodeSchema = v.looseObject({
  id: v.pipe(
    v.string(),
    v.regex(
      EPISODE_ID_PATTERN,
      (issue) => `"${shorten(String(issue.input))}" is not a valid episode id`,
    ),
  ),
  title: text(),
  published: v.pipe(
    v.string(),
    v.check(
      isRealDate,
      (issue) => `"${shorten(String(issue.input))}" is not a real date as YYYY-MM-DD`,
    ),
  ),
  sourceLanguage: languageTag(),
  media: v.looseObject({
    sources: v.pipe(v.array(MediaSourceSchema), v.minLength(1, 'must list at least one source')),
    poster: v.optional(resourcePath()),
    duration: v.optional(positive()),
    frameRate: v.optional(positive()),
    waveform: v.optional(resourcePath()),
    note: v.optional(v.string()),
  }),
  speakers: v.pipe(v.array(SpeakerSchema), v.minLength(1, 'must list at least one speaker')),
  tracks: v.pipe(v.array(TrackSchema), v.minLength(1, 'must list at least one track')),
  series: v.optional(v.string()),
  summary: v.optional(v.string()),
  credits: v.optional(v.array(CreditSchema)),
});

/** What to write, by field path with array indices as `[]` (the "what to do" of a finding). */
const FIELD_HINTS: Record<string, string> = {
  '': 'episode.json holds one object with "id", "title", "published", "sourceLanguage", "media", "speakers" and "tracks" (Contract 1)',
  id: 'give the episode id in lowercase letters, digits and "-", the same as the folder name, e.g. "misunderstandings-and-stereotypes"',
  title: 'give the episode title, e.g. "Misunderstandings and Stereotypes about North Koreans"',
  published: 'give the publication date as YYYY-MM-DD, e.g. "2024-09-12"',
  sourceLanguage: 'give the language tag of the track whose timings are authoritative, e.g. "en"',
  media:
    'give an object with the media sources, e.g. { "sources": [ { "src": "media/episode.webm", "type": "video/webm" } ] }',
  'media.sources':
    'list the media files, e.g. [ { "src": "media/episode.webm", "type": "video/webm" } ]',
  'media.sources[]': 'give an object such as { "src": "media/episode.webm", "type": "video/webm" }',
  'media.sources[].src':
    'give a path relative to the episode folder or an https URL, e.g. "media/episode.webm"',
  'media.sources[].type': 'give the MIME type, e.g. "video/webm" or "video/mp4"',
  'media.poster':
    'give an image path relative to the episode folder or an https URL, or leave it out',
  'media.duration': 'give the length in seconds, or leave it out while it is unknown',
  'media.frameRate': 'give frames per second, e.g. 25, or leave it out (25 is assumed)',
  'media.waveform':
    'give the path of the waveform file made by `npm run waveform` (e.g. "media/waveform.bin"), or leave it out',
  'media.note': 'give a sentence as text, or leave it out',
  speakers: 'list the speakers, e.g. [ { "id": "joy", "name": "Joy" } ]',
  'speakers[]': 'give an object such as { "id": "joy", "name": "Joy" }',
  'speakers[].id': 'give an id in lowercase letters, digits and "-", e.g. "joy"',
  'speakers[].name':
    'give the name shown for this speaker (for an anonymous speaker, the pseudonym), e.g. "Joy"',
  'speakers[].portrait':
    'give an image path relative to the episode folder or an https URL, or leave it out',
  'speakers[].anonymous': 'write true or false, or leave it out',
  'speakers[].color': 'write a colour as "#rrggbb", e.g. "#c47a12", or leave it out',
  tracks:
    'list the languages, e.g. [ { "lang": "en", "label": "English", "transcript": "transcript.en.vtt" } ]',
  'tracks[]':
    'give an object such as { "lang": "en", "label": "English", "transcript": "transcript.en.vtt" }',
  'tracks[].lang': 'give a BCP 47 language tag such as "en", "ko" or "pt-BR"',
  'tracks[].label': 'give the language name shown in the language menu, e.g. "English"',
  'tracks[].transcript': 'give the file name transcript.<lang>.vtt, e.g. "transcript.en.vtt"',
  'tracks[].chapters':
    'give the file name chapters.<lang>.vtt, e.g. "chapters.en.vtt", or leave it out',
  series: 'give the series name as text, e.g. "The Red Box", or leave it out',
  summary: 'give the summary as text, or leave it out',
  credits: 'list credits such as [ { "role": "Publisher", "name": "LiNK" } ], or leave it out',
  'credits[]': 'give an object such as { "role": "Publisher", "name": "LiNK", "url": "https://…" }',
  'credits[].role': 'give the role as text, e.g. "Publisher"',
  'credits[].name': 'give the name as text',
  'credits[].url': 'give an http(s) URL, or leave it out',
};

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  Object: 'an object',
  Array: 'a list (an array)',
};

/** The result of validating episode.json. */
export interface EpisodeValidation {
  /** The episode, when the file is valid (no findings). */
  readonly episode?: Episode;
  /** Schema findings, sorted by position. */
  readonly findings: Finding[];
  /** The parsed JSON, valid or not (undefined when the text is not JSON). */
  readonly value?: unknown;
  /** Where the value at a path was written (1:1 when the text is not JSON). */
  readonly locate: (path: readonly JsonPathItem[]) => TextPosition;
}

export interface ValidateOptions {
  /** How findings name the file. */
  readonly file: string;
  /** The episode folder's name, when known: the id must equal it. */
  readonly folderName?: string;
}

/** Validate episode.json text. Never throws on bad input: every problem is a 'schema' finding. */
export function validateEpisodeJson(text: string, options: ValidateOptions): EpisodeValidation {
  const { file } = options;
  const parsed = parseJsonWithPositions(text);
  if (!parsed.ok) {
    return {
      findings: [
        {
          rule: 'schema',
          severity: 'error',
          file,
          line: parsed.error.line,
          col: parsed.error.col,
          message: `episode.json is not valid JSON: ${parsed.error.message}`,
        },
      ],
      locate: () => ({ line: 1, col: 1 }),
    };
  }
  const { value, locate } = parsed;
  const findings: Finding[] = [];
  const report = (path: readonly JsonPathItem[], message: string): void => {
    const at = locate(path);
    findings.push({ rule: 'schema', severity: 'error', file, ...at, message });
  };

  const result = v.safeParse(EpisodeSchema, value);
  const listsAsObjects = new Set<string>();
  for (const issue of result.issues ?? []) {
    const path = (issue.path ?? []).map((item) => item.key as JsonPathItem);
    const last = issue.path?.[issue.path.length - 1];
    const missing = last?.origin === 'key';
    if (missing && Array.isArray(last.input)) {
      // valibot takes an array for an object and reports each key missing: say it once.
      const parent = path.slice(0, -1);
      const where = formatJsonPath(parent);
      if (listsAsObjects.has(where)) continue;
      listsAsObjects.add(where);
      report(parent, `${where}: expected an object, got a list: ${hintFor(parent)}.`);
      continue;
    }
    report(path, describeIssue(issue, path, missing));
  }
  for (const problem of crossFieldProblems(value, options.folderName)) {
    report(problem.path, problem.message);
  }

  findings.sort((a, b) => a.line - b.line || a.col - b.col);
  if (findings.length > 0 || !result.success) return { findings, value, locate };
  const episode: Episode = result.output;
  return { episode, findings, value, locate };
}

/** `['speakers', 2, 'name']` → `speakers[2].name`; the top level is "(top level)". */
export function formatJsonPath(path: readonly JsonPathItem[]): string {
  let out = '';
  for (const item of path) {
    if (typeof item === 'number') out += `[${item}]`;
    else out += out === '' ? item : `.${item}`;
  }
  return out === '' ? '(top level)' : out;
}

function hintFor(path: readonly JsonPathItem[]): string {
  const key = path
    .map((item) => (typeof item === 'number' ? '[]' : `.${item}`))
    .join('')
    .replace(/^\./, '');
  return FIELD_HINTS[key] ?? 'see Contract 1 for what this field holds';
}

function describeIssue(
  issue: v.BaseIssue<unknown>,
  path: readonly JsonPathItem[],
  missing: boolean,
): string {
  const where = formatJsonPath(path);
  const hint = hintFor(path);
  if (missing) return `${where}: missing (it is required): ${hint}.`;
  if (issue.kind === 'schema') {
    const expected = EXPECTED[issue.expected ?? ''] ?? issue.expected ?? 'another value';
    return `${where}: expected ${expected}, got ${describeValue(issue.input)}: ${hint}.`;
  }
  return `${where}: ${issue.message}: ${hint}.`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    return JSON.stringify(shorten(value));
  }
  return String(value);
}

interface Problem {
  readonly path: readonly JsonPathItem[];
  readonly message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Rules that span fields. They run on the raw value, defensively, so that a file with shape
 * errors still gets every other problem reported in one pass.
 */
function crossFieldProblems(value: unknown, folderName: string | undefined): Problem[] {
  const problems: Problem[] = [];
  if (!isRecord(value)) return problems;

  const id = value.id;
  if (
    folderName !== undefined &&
    typeof id === 'string' &&
    EPISODE_ID_PATTERN.test(id) &&
    id !== folderName
  ) {
    problems.push({
      path: ['id'],
      message: `id: "${shorten(id)}" differs from the folder name "${shorten(folderName)}": the id must equal the folder name (rename one of them).`,
    });
  }

  const speakers = Array.isArray(value.speakers) ? value.speakers : [];
  const speakerIds = new Map<string, number>();
  speakers.forEach((speaker, index) => {
    if (!isRecord(speaker) || typeof speaker.id !== 'string') return;
    const first = speakerIds.get(speaker.id);
    if (first !== undefined) {
      problems.push({
        path: ['speakers', index, 'id'],
        message: `speakers[${index}].id: "${shorten(speaker.id)}" is already the id of speakers[${first}]: give every speaker its own id.`,
      });
    } else speakerIds.set(speaker.id, index);
  });

  const tracks = Array.isArray(value.tracks) ? value.tracks : [];
  const langs = new Map<string, number>();
  tracks.forEach((track, index) => {
    if (!isRecord(track) || typeof track.lang !== 'string') return;
    const lang = track.lang;
    const first = langs.get(lang.toLowerCase());
    if (first !== undefined) {
      problems.push({
        path: ['tracks', index, 'lang'],
        message: `tracks[${index}].lang: "${shorten(lang)}" is already the language of tracks[${first}] (languages are matched ignoring case): keep one track per language.`,
      });
    } else langs.set(lang.toLowerCase(), index);
    // A malformed tag is reported already; the file names could not match it anyway.
    if (!isWellFormedLanguageTag(lang)) return;
    for (const field of ['transcript', 'chapters'] as const) {
      const name = track[field];
      if (typeof name !== 'string') continue;
      if (!isTrackFileName(name, field, lang)) {
        problems.push({
          path: ['tracks', index, field],
          message: `tracks[${index}].${field}: "${shorten(name)}" must be named "${field}.${shorten(lang)}.vtt" (its language matched ignoring case): rename the file and this entry.`,
        });
      }
    }
  });

  const source = value.sourceLanguage;
  if (typeof source === 'string' && isWellFormedLanguageTag(source) && tracks.length > 0) {
    if (!langs.has(source.toLowerCase())) {
      const listed = [...tracks]
        .filter(isRecord)
        .map((track) => track.lang)
        .filter((lang): lang is string => typeof lang === 'string');
      problems.push({
        path: ['sourceLanguage'],
        message: `sourceLanguage: "${shorten(source)}" has no track (the tracks are ${listSome(listed.map((lang) => `"${lang}"`)) || 'none'}): add a track for it or name one of those languages.`,
      });
    }
  }
  return problems;
}

/** True when `name` is `transcript.<lang>.vtt` (or `chapters.<lang>.vtt`), the lang ignoring case. */
export function isTrackFileName(
  name: string,
  kind: 'transcript' | 'chapters',
  lang: string,
): boolean {
  const prefix = `${kind}.`;
  const suffix = '.vtt';
  return (
    name.startsWith(prefix) &&
    name.endsWith(suffix) &&
    name.length === prefix.length + lang.length + suffix.length &&
    name.slice(prefix.length, name.length - suffix.length).toLowerCase() === lang.toLowerCase()
  );
}
