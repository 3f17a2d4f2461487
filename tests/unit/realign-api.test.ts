/**
 * `POST /api/episodes/<id>/realign` (re-align a stretch, Contract 5's "Re-align selected rows"):
 * the same origin and host rules as the save API, bounded stretches and bodies, clear refusals,
 * and a real re-align of a bundled cue (ffmpeg and espeak-ng) that finds its words where the
 * episode was made to say them.
 */
import { cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { withoutTimestamps } from '../../src/core/align/word-timestamps.ts';
import { parseVtt, plainText } from '../../src/core/vtt-parse.ts';
import { MAX_REALIGN_SECONDS } from '../../src/server/realign-stretch.ts';
import { createSaveApiHandler } from '../../src/server/save-api.ts';
import {
  apiUrl as url,
  bundledEpisode,
  copyEpisode,
  sendRequest,
  startApiServer,
  type ApiServer,
} from './save-api-testbed.ts';

let server: ApiServer;
let handler: ReturnType<typeof createSaveApiHandler>;
let folder: string;

const json = { 'Content-Type': 'application/json' };
const post = (body: unknown, headers: Record<string, string> = json) =>
  sendRequest(server.port, 'POST', url('realign'), {
    headers,
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const cues = parseVtt(readFileSync(path.join(bundledEpisode, 'transcript.en.vtt'), 'utf8')).document
  .cues;
const rowOf = (index: number) => ({
  id: cues[index]!.id,
  text: plainText(withoutTimestamps(cues[index]!.segments)),
});

beforeAll(async () => {
  server = await startApiServer(() => handler);
});
afterAll(() => server.close());

beforeEach(() => {
  const copy = copyEpisode();
  folder = copy.folder;
  // The copy leaves the media out; re-aligning needs the sound (the MP4 only: it is enough).
  cpSync(
    path.join(bundledEpisode, 'media', 'episode.mp4'),
    path.join(folder, 'media', 'episode.mp4'),
  );
  handler = createSaveApiHandler({ episodesDir: copy.episodesDir });
  return copy.remove;
});

describe('POST …/realign', () => {
  it('times the rows again inside the stretch: a cue shifted by 0.4 s comes back within 40 ms', async () => {
    const index = 20;
    const cue = cues[index]!;
    const reply = await post({
      startTime: cues[index - 1]!.endTime,
      endTime: cue.endTime + 0.4 + 1,
      rows: [rowOf(index)],
    });
    expect(reply.status, reply.body).toBe(200);
    const answer = JSON.parse(reply.body) as {
      rows: { id: string; words: { text: string; startTime: number; endTime: number }[] }[];
    };
    expect(answer.rows.map((row) => row.id)).toEqual([cue.id]);
    const words = answer.rows[0]!.words;
    expect(words.map((word) => word.text).join(' ')).toBe(rowOf(index).text.replace(/\s+/g, ' '));
    expect(Math.abs(words[0]!.startTime - cue.startTime)).toBeLessThan(0.04);
    for (let k = 1; k < words.length; k++)
      expect(words[k]!.startTime).toBeGreaterThanOrEqual(words[k - 1]!.startTime);
  });

  it('refuses a stretch that is too long, backwards, without rows or without words, saying why', async () => {
    const tooLong = await post({
      startTime: 0,
      endTime: MAX_REALIGN_SECONDS + 1,
      rows: [rowOf(3)],
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body).toMatch(/at most 60 s/);
    const backwards = await post({ startTime: 10, endTime: 9, rows: [rowOf(3)] });
    expect(backwards.status).toBe(400);
    expect((await post({ startTime: 1, endTime: 9, rows: [] })).body).toMatch(/at least one row/);
    const empty = await post({ startTime: 1, endTime: 9, rows: [{ id: 'c001', text: ' ' }] });
    expect(empty.status).toBe(422);
    expect(empty.body).toMatch(/no words/);
    expect((await post('{"startTime":')).status).toBe(400);
  });

  it('answers only this server’s pages, only POST, only JSON', async () => {
    const body = { startTime: 1, endTime: 5, rows: [rowOf(0)] };
    const foreign = await post(body, { ...json, Origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const rebound = await post(body, { ...json, Host: 'evil.example' });
    expect(rebound.status).toBe(403);
    const wrongType = await post(body, { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(415);
    const get = await sendRequest(server.port, 'GET', url('realign'));
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('refuses a body over 64 kB before reading it', async () => {
    const reply = await post({
      startTime: 1,
      endTime: 5,
      rows: [{ id: 'c', text: 'a '.repeat(40_000) }],
    });
    expect(reply.status).toBe(413);
  });
});
