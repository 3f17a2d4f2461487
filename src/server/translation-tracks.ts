/**
 * Starting a translation on disk: the files of a new language, made from the source language
 * (same ids, timings and speakers, empty text), and the track added to episode.json. A file that
 * already exists under the new name is adopted, never overwritten (it may be someone's work).
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { addTrackToEpisodeJson, type NewTrack } from '../core/episode-json-edit.ts';
import { findTrack, sourceTrack, type Track } from '../core/episode-model.ts';
import { createTranslation } from '../core/translation-align.ts';
import { parseVtt } from '../core/vtt-parse.ts';
import { serializeVtt } from '../core/vtt-serialize.ts';
import {
  assertPlainFileOrAbsent,
  contentEtag,
  keepBackup,
  readIfExists,
  writeFileAtomic,
} from './translation-files.ts';
import { ApiRefusal } from './translation-refusal.ts';

/** What the save API needs of episode.json; read without the full schema (the CLI checks that). */
export interface EpisodeTracks {
  readonly sourceLanguage: string;
  readonly tracks: readonly Track[];
  readonly speakers: readonly { readonly id: string; readonly name: string }[];
}

/** Read episode.json's tracks, or refuse with a message that says what is wrong with it. */
export async function readEpisodeTracks(
  folder: string,
): Promise<{ text: string; episode: EpisodeTracks }> {
  const bytes = await readIfExists(path.join(folder, 'episode.json'));
  if (!bytes) throw new ApiRefusal(404, 'This episode has no episode.json.');
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ApiRefusal(
      409,
      'episode.json is not valid JSON: run npm run check to see where, and fix it first.',
    );
  }
  const episode = value as Partial<EpisodeTracks>;
  const tracks = Array.isArray(episode.tracks)
    ? episode.tracks.filter(
        (track): track is Track =>
          typeof track === 'object' &&
          track !== null &&
          typeof track.lang === 'string' &&
          typeof track.transcript === 'string',
      )
    : [];
  if (typeof episode.sourceLanguage !== 'string' || tracks.length === 0) {
    throw new ApiRefusal(
      409,
      'episode.json has no sourceLanguage or no tracks: run npm run check and fix it first.',
    );
  }
  const speakers = Array.isArray(episode.speakers)
    ? episode.speakers.filter(
        (speaker) => typeof speaker?.id === 'string' && typeof speaker?.name === 'string',
      )
    : [];
  return { text, episode: { sourceLanguage: episode.sourceLanguage, tracks, speakers } };
}

export interface CreatedFile {
  readonly file: string;
  readonly etag: string;
  /** False when a file of that name existed and was adopted as it is. */
  readonly created: boolean;
}

export interface CreatedTrack {
  readonly track: Track;
  readonly transcript: CreatedFile;
  readonly chapters?: CreatedFile;
}

/** Check a language label: what the language menu shows ("Français", "Português (Brasil)"). */
export function checkLabel(label: unknown): string {
  if (typeof label !== 'string' || label.trim() === '') {
    throw new ApiRefusal(
      400,
      'Give the language a label, as its speakers write its name (e.g. "Français").',
    );
  }
  // Control characters would corrupt the menu and the JSON a person reads.
  if (label.length > 80 || /\p{Cc}/u.test(label)) {
    throw new ApiRefusal(400, 'The label must be one line of at most 80 characters.');
  }
  return label.trim();
}

/**
 * Add language `lang` (already checked well-formed) to the episode in `folder`: create its files
 * from the source language and add the track to episode.json.
 */
export async function createTrack(
  folder: string,
  lang: string,
  label: string,
): Promise<CreatedTrack> {
  const { text: episodeText, episode } = await readEpisodeTracks(folder);
  const existing = findTrack(episode, lang);
  if (existing) {
    throw new ApiRefusal(
      409,
      `This episode already has a "${existing.lang}" track (${existing.label ?? existing.lang}): open /translate/<episode>/${existing.lang} to work on it.`,
    );
  }
  const source = sourceTrack(episode);
  if (!source) {
    throw new ApiRefusal(
      409,
      `episode.json has no track for its sourceLanguage "${episode.sourceLanguage}": a translation is made from it.`,
    );
  }

  const makeFile = async (
    kind: 'transcript' | 'chapters',
    sourceName: string,
  ): Promise<CreatedFile> => {
    const file = `${kind}.${lang}.vtt`;
    const target = path.join(folder, file);
    await assertPlainFileOrAbsent(target);
    const present = await readIfExists(target);
    if (present) return { file, etag: contentEtag(present), created: false };
    const sourceBytes = await readIfExists(path.join(folder, sourceName));
    if (!sourceBytes) {
      throw new ApiRefusal(
        409,
        `The source file ${sourceName} is missing: it is what a translation starts from.`,
      );
    }
    const parsed = parseVtt(sourceBytes.toString('utf8'), { kind, speakers: episode.speakers });
    const comment = `${label} (${lang}) translation of ${sourceName}: the same ${
      kind === 'chapters' ? 'chapter ids and timings' : 'cue ids, speakers and timings'
    }. Empty cues are still to be translated.`;
    const text = serializeVtt(createTranslation(parsed.document, comment));
    await writeFileAtomic(target, text);
    return { file, etag: contentEtag(text), created: true };
  };

  const transcript = await makeFile('transcript', source.transcript);
  const chapters = source.chapters ? await makeFile('chapters', source.chapters) : undefined;
  const track: NewTrack = {
    lang,
    label,
    transcript: transcript.file,
    ...(chapters ? { chapters: chapters.file } : {}),
  };
  const edit = addTrackToEpisodeJson(episodeText, track);
  if (!edit.ok) throw new ApiRefusal(409, edit.message);
  try {
    await keepBackup(folder, 'episode.json', Buffer.from(episodeText, 'utf8'));
    await writeFileAtomic(path.join(folder, 'episode.json'), edit.text);
  } catch (error) {
    // Without the track the new files would be orphans: take back the ones this call made.
    for (const made of [transcript, chapters]) {
      if (made?.created) await rm(path.join(folder, made.file), { force: true });
    }
    throw error;
  }
  return { track: track as Track, transcript, chapters };
}
