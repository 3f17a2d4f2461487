/**
 * A page's served files are decoded and parsed before React's first render, each in a task of its
 * own, and the queries then find them made (issue 19: parsed in `initialData`, they were part of
 * the first render's first slice, which cannot be cut).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, expect, test } from 'vitest';
import {
  castOf,
  cueFileQueryOptions,
  episodeQueryOptions,
  prepareServedQueries,
} from '../../src/data/episode-queries.ts';
import { MARKS } from '../../src/data/performance-marks.ts';
import { resetServedPageData, SERVED_DATA_ELEMENT_ID } from '../../src/data/served-page-data.ts';
import type { Episode } from '../../src/core/episode-model.ts';

const EPISODE_ID = 'misunderstandings-and-stereotypes';
const folder = path.resolve(import.meta.dirname, '../../episodes', EPISODE_ID);
const read = (file: string) => readFileSync(path.join(folder, file), 'utf8');

afterEach(() => {
  document.getElementById(SERVED_DATA_ELEMENT_ID)?.remove();
  resetServedPageData();
  performance.clearMarks(MARKS.fileParsed);
});

const parses = () => performance.getEntriesByName(MARKS.fileParsed, 'mark').length;
const initial = <T>(data: T | (() => T | undefined) | undefined): T | undefined =>
  typeof data === 'function' ? (data as () => T | undefined)() : data;

test('parses the served cue files before the render, one per task, and the queries find them made', async () => {
  const files = ['episode.json', 'transcript.en.vtt', 'chapters.en.vtt'];
  const element = document.createElement('script');
  element.type = 'application/json';
  element.id = SERVED_DATA_ELEMENT_ID;
  element.textContent = JSON.stringify({
    episodeId: EPISODE_ID,
    files: Object.fromEntries(files.map((file) => [file, read(file)])),
  });
  document.body.append(element);

  const prepared = prepareServedQueries();
  // Nothing parsed in the task that started it: the first parse waits for a task of its own.
  expect(parses()).toBe(0);
  await prepared;
  // The two served cue files, once each (the Korean files were not served: not parsed).
  expect(parses()).toBe(2);

  const episode = initial(episodeQueryOptions(EPISODE_ID).initialData) as Episode;
  expect(episode.id).toBe(EPISODE_ID);
  const transcript = initial(
    cueFileQueryOptions(EPISODE_ID, 'transcript.en.vtt', 'transcript', castOf(episode)).initialData,
  );
  const chapters = initial(
    cueFileQueryOptions(EPISODE_ID, 'chapters.en.vtt', 'chapters', []).initialData,
  );
  expect(transcript?.document.cues.length).toBeGreaterThan(10);
  expect(chapters?.document.cues.length).toBeGreaterThan(0);
  // The queries' initial data is what was made ahead: no second parse.
  expect(parses()).toBe(2);
  expect(
    initial(
      cueFileQueryOptions(EPISODE_ID, 'transcript.en.vtt', 'transcript', castOf(episode))
        .initialData,
    ),
  ).toBe(transcript);
});
