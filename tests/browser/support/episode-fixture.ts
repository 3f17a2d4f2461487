/** The bundled episode as tests see it: its id and its parsed cue files, read from disk. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseVtt, type ParsedCue } from '../../../src/core/vtt-parse.ts';
import type { Episode } from '../../../src/core/episode-model.ts';
import { projectRoot } from './servers.ts';

export const EPISODE_ID = 'misunderstandings-and-stereotypes';

export function episodeFolder(id = EPISODE_ID, root = path.join(projectRoot, 'episodes')): string {
  return path.join(root, id);
}

export function readEpisode(id = EPISODE_ID): Episode {
  return JSON.parse(readFileSync(path.join(episodeFolder(id), 'episode.json'), 'utf8')) as Episode;
}

export function readCues(file: string, id = EPISODE_ID): ParsedCue[] {
  const episode = readEpisode(id);
  const text = readFileSync(path.join(episodeFolder(id), file), 'utf8');
  return [...parseVtt(text, { speakers: episode.speakers }).document.cues];
}
