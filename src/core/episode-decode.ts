/**
 * A light reader for episode.json on the viewer's path, where the full schema (valibot, with
 * every rule of Contract 6) would cost the embed its weight budget. It checks only what the
 * player needs to work and says which field is wrong; `npm run check` and the build run the full
 * schema, so files that reach a browser have normally passed it already.
 */
import type { Episode } from './episode-model.ts';

/** episode.json is not usable: `path` names the field (`speakers[2].name`). */
export class EpisodeFormatError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`episode.json: ${path ? path + ': ' : ''}${problem}`);
    this.name = 'EpisodeFormatError';
  }
}

type Json = unknown;

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function need<T>(ok: boolean, value: T, path: string, problem: string): T {
  if (!ok) throw new EpisodeFormatError(path, problem);
  return value;
}

function text(object: Record<string, Json>, key: string, path: string): string {
  const value = object[key];
  return need(
    typeof value === 'string' && value.trim() !== '',
    value as string,
    path + key,
    'expected a non-empty string',
  );
}

function list(object: Record<string, Json>, key: string, path: string): Json[] {
  const value = object[key];
  return need(
    Array.isArray(value) && value.length > 0,
    value as Json[],
    path + key,
    'expected a non-empty list',
  );
}

/** Check the fields the player relies on and return the episode; throws EpisodeFormatError. */
export function decodeEpisode(json: Json): Episode {
  need(isObject(json), null, '', 'expected a JSON object');
  const root = json as Record<string, Json>;
  text(root, 'id', '');
  text(root, 'title', '');
  text(root, 'published', '');
  text(root, 'sourceLanguage', '');
  const media = root.media;
  need(isObject(media), null, 'media', 'expected an object with "sources"');
  list(media as Record<string, Json>, 'sources', 'media.').forEach((source, i) => {
    need(isObject(source), null, `media.sources[${i}]`, 'expected { src, type }');
    text(source as Record<string, Json>, 'src', `media.sources[${i}].`);
  });
  list(root, 'speakers', '').forEach((speaker, i) => {
    need(isObject(speaker), null, `speakers[${i}]`, 'expected { id, name }');
    text(speaker as Record<string, Json>, 'id', `speakers[${i}].`);
    text(speaker as Record<string, Json>, 'name', `speakers[${i}].`);
  });
  list(root, 'tracks', '').forEach((track, i) => {
    need(isObject(track), null, `tracks[${i}]`, 'expected { lang, label, transcript }');
    for (const key of ['lang', 'label', 'transcript']) {
      text(track as Record<string, Json>, key, `tracks[${i}].`);
    }
  });
  return json as unknown as Episode;
}
