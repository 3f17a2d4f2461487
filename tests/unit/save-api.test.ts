/**
 * The save API (Contract 5) against its request handler on a real HTTP server, over a copy of the
 * bundled episode. Requests are sent raw (node:http), so paths reach the server exactly as written:
 * a browser or fetch would already have resolved the `..` in them.
 */
import {
  cpSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mergeWithNextCue, removeCue, setCueText } from '../../src/core/translation-edit.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import { serializeVtt } from '../../src/core/vtt-serialize.ts';
import { createSaveApiHandler } from '../../src/server/save-api.ts';
import { BACKUP_FOLDER, keepBackup, writeFileAtomic } from '../../src/server/translation-files.ts';
import { snapshotFiles } from '../browser/translator-files.ts';
import {
  apiUrl as url,
  bundledEpisode as bundled,
  copyEpisode,
  EPISODE,
  sendRequest,
  startApiServer,
  temporaryFiles,
  vttHeaders,
  type ApiServer,
} from './save-api-testbed.ts';

let root: string;
let episodesDir: string;
let folder: string;
let server: ApiServer;
let port: number;
/** One handler per test, as the plugin makes one per server (its write queue is per handler). */
let handler: ReturnType<typeof createSaveApiHandler>;

const send = (method: string, rawPath: string, options?: Parameters<typeof sendRequest>[3]) =>
  sendRequest(port, method, rawPath, options);

async function etagOf(file: string): Promise<string> {
  const reply = await send('GET', url(file));
  expect(reply.status).toBe(200);
  return reply.headers.etag as string;
}

const snapshot = () => snapshotFiles(root);
const onDisk = (file: string) => readFileSync(path.join(folder, file), 'utf8');
/** The file on disk with the text of its first cue changed: a save that removes nothing. */
const withFirstCueText = (file: string, text: string) =>
  serializeVtt(setCueText(parseVtt(onDisk(file)).document, 0, text));

beforeAll(async () => {
  server = await startApiServer(() => handler);
  port = server.port;
});

afterAll(() => server.close());

beforeEach(() => {
  const copy = copyEpisode();
  ({ root, episodesDir, folder } = copy);
  handler = createSaveApiHandler({ episodesDir });
  return copy.remove;
});

describe('GET', () => {
  it('answers the health probe', async () => {
    const reply = await send('GET', '/api/health');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ service: 'red-box-save-api', version: 1 });
  });

  it('returns a cue file with a strong ETag that is a hash of its content', async () => {
    const reply = await send('GET', url('transcript.ko.vtt'));
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(readFileSync(path.join(folder, 'transcript.ko.vtt'), 'utf8'));
    expect(reply.headers.etag).toMatch(/^"sha256-[A-Za-z0-9_-]{43}"$/);
    expect(reply.headers['content-type']).toBe('text/vtt; charset=utf-8');
    // Same bytes, same tag; other bytes, another tag.
    expect(await etagOf('transcript.ko.vtt')).toBe(reply.headers.etag);
    expect(await etagOf('transcript.en.vtt')).not.toBe(reply.headers.etag);
  });

  it('leaves other addresses to the next handler', async () => {
    expect((await send('GET', '/episodes/x')).body).toBe('not the API');
  });
});

describe('PUT', () => {
  // Computed from the bundled file, before any test changes the copy.
  const koreanFile = readFileSync(path.join(bundled, 'transcript.ko.vtt'), 'utf8');
  const body = (text: string) => koreanFile.replace('레드 박스에 오신 걸 환영해요!', text);

  it('writes with the right If-Match, answers the new ETag and keeps the old version as a backup', async () => {
    const before = readFileSync(path.join(folder, 'transcript.ko.vtt'), 'utf8');
    const etag = await etagOf('transcript.ko.vtt');
    const reply = await send('PUT', url('transcript.ko.vtt'), {
      headers: vttHeaders(etag),
      body: body('안녕'),
    });
    expect(reply.status).toBe(200);
    expect(readFileSync(path.join(folder, 'transcript.ko.vtt'), 'utf8')).toBe(body('안녕'));
    expect(reply.headers.etag).toBe(JSON.parse(reply.body).etag);
    expect(await etagOf('transcript.ko.vtt')).toBe(reply.headers.etag);
    const backups = readdirSync(path.join(folder, BACKUP_FOLDER));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^transcript\.ko\.vtt\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z$/);
    expect(readFileSync(path.join(folder, BACKUP_FOLDER, backups[0]!), 'utf8')).toBe(before);
    // No temporary file is left behind.
    expect(temporaryFiles(folder)).toEqual([]);
  });

  it('answers 409 with the current text when the file changed since it was loaded', async () => {
    const etag = await etagOf('transcript.ko.vtt');
    writeFileSync(path.join(folder, 'transcript.ko.vtt'), body('changed in a text editor'));
    const reply = await send('PUT', url('transcript.ko.vtt'), {
      headers: vttHeaders(etag),
      body: body('mine'),
    });
    expect(reply.status).toBe(409);
    expect(reply.body).toBe(body('changed in a text editor'));
    expect(reply.headers.etag).toBe(await etagOf('transcript.ko.vtt'));
    expect(readFileSync(path.join(folder, 'transcript.ko.vtt'), 'utf8')).toBe(
      body('changed in a text editor'),
    );
  });

  it('checks for the conflict before anything about the body', async () => {
    const stale = '"sha256-stale"';
    for (const options of [
      { headers: { 'Content-Type': 'text/html', 'If-Match': stale }, body: '<p>' },
      { headers: vttHeaders(stale), body: 'x'.repeat(6 * 1024 * 1024) },
      { headers: vttHeaders(stale), body: 'not webvtt' },
    ]) {
      const reply = await send('PUT', url('transcript.ko.vtt'), options);
      expect(reply.status).toBe(409);
      expect(reply.body).toBe(readFileSync(path.join(folder, 'transcript.ko.vtt'), 'utf8'));
    }
  });

  it('lets one of two saves from the same version through and answers the other 409', async () => {
    const etag = await etagOf('transcript.ko.vtt');
    const replies = await Promise.all(
      ['one', 'two', 'three'].map((text) =>
        send('PUT', url('transcript.ko.vtt'), { headers: vttHeaders(etag), body: body(text) }),
      ),
    );
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 409, 409]);
  });

  it('refuses a save without If-Match, or with If-Match: *', async () => {
    for (const ifMatch of [undefined, '*']) {
      const headers: Record<string, string> = { 'Content-Type': 'text/vtt' };
      if (ifMatch) headers['If-Match'] = ifMatch;
      const reply = await send('PUT', url('transcript.ko.vtt'), { headers, body: body('x') });
      expect(reply.status).toBe(428);
      expect(reply.body).toMatch(/ETag/);
    }
  });

  it('refuses a wrong content type, a body over 5 MB (declared or streamed), text that is not WebVTT or UTF-8, and NUL', async () => {
    const etag = await etagOf('transcript.ko.vtt');
    const cases: Array<[number, RegExp, Parameters<typeof send>[2]]> = [
      [
        415,
        /text\/vtt/,
        { headers: { ...vttHeaders(etag), 'Content-Type': 'text/plain' }, body: body('x') },
      ],
      [
        415,
        /text\/vtt/,
        {
          headers: { ...vttHeaders(etag), 'Content-Type': 'text/vtt; charset=latin1' },
          body: body('x'),
        },
      ],
      [
        413,
        /larger than 5 MB/,
        { headers: vttHeaders(etag), body: body('x'.repeat(6 * 1024 * 1024)) },
      ],
      [
        413,
        /larger than 5 MB/,
        { headers: vttHeaders(etag), body: body('x'.repeat(6 * 1024 * 1024)), chunked: true },
      ],
      [
        422,
        /first line must be "WEBVTT"/,
        { headers: vttHeaders(etag), body: 'c001\n00:01.000 --> 00:02.000\nhi\n' },
      ],
      [
        400,
        /UTF-8/,
        {
          headers: vttHeaders(etag),
          body: Buffer.from([0x57, 0x45, 0x42, 0x56, 0x54, 0x54, 0x0a, 0xff, 0xfe]),
        },
      ],
      [
        400,
        /NUL/,
        { headers: vttHeaders(etag), body: 'WEBVTT\n\na\n00:01.000 --> 00:02.000\nx\0y\n' },
      ],
    ];
    const before = snapshot();
    for (const [status, message, options] of cases) {
      const reply = await send('PUT', url('transcript.ko.vtt'), options);
      expect([reply.status, reply.body]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(snapshot()).toEqual(before);
  });

  it('accepts a half-done translation with errors and warnings: it need not pass the checks', async () => {
    const etag = await etagOf('transcript.ko.vtt');
    const halfDone = koreanFile
      .replace('레드 박스에 오신 걸 환영해요!', '')
      .replace('<v Jeongyol>북한 사람들에 대한 오해 중에', 'A & B');
    const reply = await send('PUT', url('transcript.ko.vtt'), {
      headers: vttHeaders(etag),
      body: halfDone,
    });
    expect(reply.status).toBe(200);
  });
});

describe('PUT that would throw work away (422 unless the request means it)', () => {
  const ALLOW = { 'X-Red-Box-Allow-Removal': 'cues' };
  const put = async (file: string, text: string, headers: Record<string, string> = {}) =>
    send('PUT', url(file), {
      headers: { ...vttHeaders(await etagOf(file)), ...headers },
      body: text,
    });
  const withoutCues = (file: string, ids: readonly string[]) => {
    const document = parseVtt(onDisk(file)).document;
    const indexes = document.cues.flatMap((cue, index) => (ids.includes(cue.id) ? [index] : []));
    return serializeVtt(indexes.reverse().reduce(removeCue, document));
  };
  interface Refusal {
    message: string;
    findings: Array<{ rule: string; cueId?: string; file: string; line: number; col: number }>;
  }
  const refusalOf = (reply: { status: number; headers: Record<string, unknown>; body: string }) => {
    expect(reply.status).toBe(422);
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    return JSON.parse(reply.body) as Refusal;
  };

  it('refuses a save that leaves a file that had cues with none, source or translation', async () => {
    for (const file of ['transcript.ko.vtt', 'transcript.en.vtt', 'chapters.ko.vtt']) {
      const before = onDisk(file);
      const refusal = refusalOf(await put(file, 'WEBVTT\n'));
      expect(refusal.message).toMatch(
        /without a single cue.*Nothing was written.*X-Red-Box-Allow-Removal: cues/s,
      );
      expect(refusal.findings).toEqual([
        expect.objectContaining({ rule: 'all-cues-removed', file, line: 1, col: 1 }),
      ]);
      expect(onDisk(file)).toBe(before);
    }
    expect(existsSync(path.join(folder, BACKUP_FOLDER))).toBe(false);
  });

  it('refuses a translation that drops ids the source has, with a finding per id', async () => {
    const before = onDisk('transcript.ko.vtt');
    const refusal = refusalOf(
      await put('transcript.ko.vtt', withoutCues('transcript.ko.vtt', ['c002', 'c003', 'c094'])),
    );
    expect(refusal.message).toMatch(
      /remove 3 cues the source has from transcript\.ko\.vtt \(c002, c003, c094\)/,
    );
    expect(refusal.findings.map(({ rule, cueId }) => [rule, cueId])).toEqual([
      ['missing-translation', 'c002'],
      ['missing-translation', 'c003'],
      ['missing-translation', 'c094'],
    ]);
    // Placed where the cue would go: before c004, whose line the new text numbers.
    const sent = withoutCues('transcript.ko.vtt', ['c002', 'c003', 'c094']).split('\n');
    expect(sent[refusal.findings[0]!.line - 1]).toBe('c004');
    expect(onDisk('transcript.ko.vtt')).toBe(before);
    // Questions too: the chapter id is the source's.
    const chapters = onDisk('chapters.ko.vtt').replace(/^q1$/m, 'q9');
    expect(refusalOf(await put('chapters.ko.vtt', chapters)).findings).toEqual([
      expect.objectContaining({ rule: 'missing-translation', cueId: 'q1' }),
    ]);
  });

  it('lets a request that says it means it remove cues (X-Red-Box-Allow-Removal: cues)', async () => {
    const fewer = withoutCues('transcript.ko.vtt', ['c002']);
    expect((await put('transcript.ko.vtt', fewer, ALLOW)).status).toBe(200);
    expect(onDisk('transcript.ko.vtt')).toBe(fewer);
    expect(
      (await put('transcript.ko.vtt', 'WEBVTT\n', { 'x-red-box-allow-removal': 'ids, CUES' }))
        .status,
    ).toBe(200);
    expect(onDisk('transcript.ko.vtt')).toBe('WEBVTT\n');
    // Another value does not.
    expect(
      (await put('transcript.en.vtt', 'WEBVTT\n', { 'X-Red-Box-Allow-Removal': 'yes' })).status,
    ).toBe(422);
  });

  it('lets the source lose ids (merging rows) and a translation drop what it no longer had', async () => {
    // Merging c002 and c003 in the unlocked source drops c003 from it.
    const merged = serializeVtt(
      mergeWithNextCue(parseVtt(onDisk('transcript.en.vtt')).document, 1),
    );
    expect((await put('transcript.en.vtt', merged)).status).toBe(200);
    // c003 is no longer a source id: the translation may drop it.
    expect(
      (await put('transcript.ko.vtt', withoutCues('transcript.ko.vtt', ['c003']))).status,
    ).toBe(200);
    // c005 was removed from the translation in a text editor: a save without it removes nothing.
    const edited = withoutCues('transcript.ko.vtt', ['c005']);
    writeFileSync(path.join(folder, 'transcript.ko.vtt'), edited);
    const halfDone = serializeVtt(setCueText(parseVtt(edited).document, 0, '환영!'));
    expect((await put('transcript.ko.vtt', halfDone)).status).toBe(200);
  });
});

describe('backups', () => {
  it('keeps the last 20 versions of a file', async () => {
    const target = path.join(folder, 'transcript.ko.vtt');
    for (let i = 0; i < 25; i++) {
      await keepBackup(folder, 'transcript.ko.vtt', Buffer.from(`v${i}`), {
        now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
      });
    }
    const backups = readdirSync(path.join(folder, BACKUP_FOLDER)).sort();
    expect(backups).toHaveLength(20);
    expect(readFileSync(path.join(folder, BACKUP_FOLDER, backups[0]!), 'utf8')).toBe('v5');
    expect(existsSync(target)).toBe(true);
  });
});

describe('refusals: nothing outside the episode folder is read or written', () => {
  const traversals = [
    `/api/episodes/../outside.vtt`,
    `/api/episodes/${EPISODE}/../../outside.vtt`,
    `/api/episodes/%2e%2e/${EPISODE}/transcript.ko.vtt`,
    `/api/episodes/%2E%2E%2F%2E%2E/outside.vtt`,
    `/api/episodes/%252e%252e/${EPISODE}/transcript.ko.vtt`,
    `/api/episodes/${EPISODE}/%2e%2e%2f%2e%2e%2foutside.vtt`,
    `/api/episodes/${EPISODE}/..%2f..%2foutside.vtt`,
    `/api/episodes/${EPISODE}/..%5c..%5coutside.vtt`,
    `/api/episodes/${EPISODE}/..\\..\\outside.vtt`,
    `/api/episodes/${EPISODE}%00/transcript.ko.vtt`,
    `/api/episodes/${EPISODE}/transcript.ko.vtt%00.txt`,
    `/api/episodes//tmp/outside.vtt`,
    `/api/episodes/${EPISODE}/%2Ftmp%2Foutside.vtt`,
    `/api/episodes/C:/outside.vtt`,
  ];

  it.each(traversals)('refuses %s for GET and PUT', async (rawPath) => {
    const before = snapshot();
    const get = await send('GET', rawPath);
    expect(get.status).toBeGreaterThanOrEqual(400);
    expect(get.status).toBeLessThan(500);
    expect(get.body).not.toContain('secret');
    const put = await send('PUT', rawPath, {
      headers: vttHeaders('"x"'),
      body: 'WEBVTT\n\nowned\n',
    });
    expect(put.status).toBeGreaterThanOrEqual(400);
    expect(put.status).toBeLessThan(500);
    expect(put.body).toMatch(/Refused|not an episode id|not a file|No such API|no episode/i);
    expect(snapshot()).toEqual(before);
    expect(readFileSync(path.join(root, 'outside.vtt'), 'utf8')).toBe('WEBVTT\n\nsecret\n');
  });

  it('refuses other file names, with a message naming the files it does write', async () => {
    for (const name of [
      'notes.txt',
      'transcript.ko.txt',
      'transcript.ko.vtt.bak',
      'subtitles.ko.vtt',
      '.backup',
      'media',
    ]) {
      const reply = await send('PUT', url(name), { headers: vttHeaders('"x"'), body: 'WEBVTT\n' });
      expect(reply.status).toBe(400);
      expect(reply.body).toMatch(/transcript\.<lang>\.vtt and chapters\.<lang>\.vtt/);
    }
    const episodeJson = await send('PUT', url('episode.json'), {
      headers: vttHeaders('"x"'),
      body: '{}',
    });
    expect(episodeJson.status).toBe(405);
    expect(episodeJson.headers.allow).toBe('GET, HEAD');
  });

  it('refuses a bad language tag, a language the episode has no track for, and an unknown episode', async () => {
    const badTag = await send('PUT', url('transcript.e.vtt'), {
      headers: vttHeaders('"x"'),
      body: 'WEBVTT\n',
    });
    expect([badTag.status, badTag.body]).toEqual([
      400,
      expect.stringMatching(/not a well-formed BCP 47/),
    ]);
    const noTrack = await send('PUT', url('transcript.fr.vtt'), {
      headers: vttHeaders('"x"'),
      body: 'WEBVTT\n',
    });
    expect([noTrack.status, noTrack.body]).toEqual([
      404,
      expect.stringMatching(/no "fr" track: start the translation/),
    ]);
    const noEpisode = await send('GET', url('transcript.ko.vtt', 'no-such-episode'));
    expect([noEpisode.status, noEpisode.body]).toEqual([
      404,
      expect.stringMatching(/no episode "no-such-episode"/),
    ]);
    const badId = await send('GET', url('transcript.ko.vtt', 'Not_An_Id'));
    expect(badId.status).toBe(400);
    expect(existsSync(path.join(folder, 'transcript.fr.vtt'))).toBe(false);
  });

  it('refuses a foreign Origin, cross-site and same-site fetches, and a foreign Host name', async () => {
    const etag = await etagOf('transcript.ko.vtt');
    const before = snapshot();
    const foreign: Array<Record<string, string>> = [
      { Origin: 'http://evil.example' },
      { Origin: `http://localhost:${port + 1}` },
      { Origin: 'null' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Host: `evil.example:${port}`, Origin: `http://evil.example:${port}` },
    ];
    for (const headers of foreign) {
      const put = await send('PUT', url('transcript.ko.vtt'), {
        headers: { ...vttHeaders(etag), ...headers },
        body: 'WEBVTT\n\nowned\n',
      });
      expect([put.status, put.body]).toEqual([403, expect.stringMatching(/Refused/)]);
      const get = await send('GET', url('transcript.ko.vtt'), { headers });
      expect(get.status).toBe(403);
    }
    expect(snapshot()).toEqual(before);
    const own = await send('PUT', url('transcript.ko.vtt'), {
      headers: {
        ...vttHeaders(etag),
        Origin: `http://127.0.0.1:${port}`,
        'Sec-Fetch-Site': 'same-origin',
      },
      body: withFirstCueText('transcript.ko.vtt', '우리 페이지'),
    });
    expect(own.status).toBe(200);
  });

  it('refuses to write through a link that leads out of the episode folder', async () => {
    const linked = path.join(folder, 'transcript.ko.vtt');
    rmSync(linked);
    symlinkSync(path.join(root, 'outside.vtt'), linked);
    const reply = await send('PUT', url('transcript.ko.vtt'), {
      headers: vttHeaders('"x"'),
      body: 'WEBVTT\n\nowned\n',
    });
    expect([reply.status, reply.body]).toEqual([403, expect.stringMatching(/is a link/)]);
    expect((await send('GET', url('transcript.ko.vtt'))).status).toBe(403);
    expect(readFileSync(path.join(root, 'outside.vtt'), 'utf8')).toBe('WEBVTT\n\nsecret\n');
  });

  it('refuses an episode folder that is a link out of the episodes folder', async () => {
    const elsewhere = path.join(root, 'elsewhere');
    cpSync(folder, elsewhere, { recursive: true });
    symlinkSync(elsewhere, path.join(episodesDir, 'linked-episode'));
    const reply = await send('GET', url('transcript.ko.vtt', 'linked-episode'));
    expect([reply.status, reply.body]).toEqual([
      404,
      expect.stringMatching(/no episode "linked-episode"/),
    ]);
  });
});

describe('POST tracks', () => {
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    send('POST', url('tracks'), {
      headers: { 'Content-Type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('creates the files from the source (same ids, timings, speakers; empty text) and adds the track', async () => {
    const episodeBefore = readFileSync(path.join(folder, 'episode.json'), 'utf8');
    const reply = await post({ lang: 'fr', label: 'Français' });
    expect(reply.status).toBe(201);
    const created = JSON.parse(reply.body);
    expect(created.track).toEqual({
      lang: 'fr',
      label: 'Français',
      transcript: 'transcript.fr.vtt',
      chapters: 'chapters.fr.vtt',
    });
    const episode = JSON.parse(readFileSync(path.join(folder, 'episode.json'), 'utf8'));
    expect(episode.tracks.at(-1)).toEqual(created.track);
    // The rest of episode.json is as it was, byte for byte, but for the one added line.
    const addedLines = readFileSync(path.join(folder, 'episode.json'), 'utf8')
      .split('\n')
      .filter((line) => !episodeBefore.split('\n').includes(line));
    expect(addedLines.length).toBeLessThanOrEqual(2);
    expect({ ...episode, tracks: episode.tracks.slice(0, -1) }).toEqual(JSON.parse(episodeBefore));

    const speakers = episode.speakers;
    const source = parseVtt(readFileSync(path.join(folder, 'transcript.en.vtt'), 'utf8'), {
      speakers,
    }).document.cues;
    const french = parseVtt(readFileSync(path.join(folder, 'transcript.fr.vtt'), 'utf8'), {
      speakers,
    }).document.cues;
    expect(
      french.map((cue) => [cue.id, cue.startTime, cue.endTime, cue.speakerId, cue.text]),
    ).toEqual(source.map((cue) => [cue.id, cue.startTime, cue.endTime, cue.speakerId, '']));
    expect(existsSync(path.join(folder, 'chapters.fr.vtt'))).toBe(true);
    expect(created.transcript.etag).toBe(await etagOf('transcript.fr.vtt'));
    // The new language is now writable.
    const put = await send('PUT', url('transcript.fr.vtt'), {
      headers: vttHeaders(created.transcript.etag),
      body: withFirstCueText('transcript.fr.vtt', 'Bienvenue !'),
    });
    expect(put.status).toBe(200);
  });

  it('adopts a file that already exists under the new name instead of overwriting it', async () => {
    writeFileSync(
      path.join(folder, 'transcript.de.vtt'),
      'WEBVTT\n\nc001\n00:00:02.500 --> 00:00:04.105\n<v All>Willkommen\n',
    );
    const reply = await post({ lang: 'de', label: 'Deutsch' });
    expect(reply.status).toBe(201);
    expect(JSON.parse(reply.body).transcript.created).toBe(false);
    expect(readFileSync(path.join(folder, 'transcript.de.vtt'), 'utf8')).toContain('Willkommen');
  });

  it('refuses an existing language, a bad tag, a missing label, a wrong content type and a foreign origin', async () => {
    const before = snapshot();
    const cases: Array<[number, RegExp, unknown, Record<string, string>?]> = [
      [409, /already has a "ko" track/, { lang: 'KO', label: 'Korean' }],
      [400, /not a well-formed BCP 47/, { lang: 'en_US', label: 'x' }],
      [400, /not a well-formed BCP 47/, { lang: '../../x', label: 'x' }],
      [400, /label/, { lang: 'fr' }],
      [400, /at most 80 characters/, { lang: 'fr', label: 'a\nb' }],
      [400, /not JSON/, '{lang:'],
      [415, /application\/json/, { lang: 'fr', label: 'x' }, { 'Content-Type': 'text/plain' }],
      [403, /Refused/, { lang: 'fr', label: 'x' }, { Origin: 'https://evil.example' }],
    ];
    for (const [status, message, body, headers] of cases) {
      const reply = await post(body, headers);
      expect([reply.status, reply.body]).toEqual([status, expect.stringMatching(message)]);
    }
    expect(snapshot()).toEqual(before);
  });
});

describe(writeFileAtomic.name, () => {
  it('never lets a reader see half a file: every read is the old version or the new one', async () => {
    const file = path.join(folder, 'transcript.ko.vtt');
    const versions = ['A', 'B'].map((letter) => `WEBVTT\n\n${letter.repeat(2 * 1024 * 1024)}\n`);
    writeFileSync(file, versions[0]!);
    let reading = true;
    let reads = 0;
    const torn: number[] = [];
    const reader = (async () => {
      while (reading) {
        const text = readFileSync(file, 'utf8');
        reads++;
        if (text !== versions[0] && text !== versions[1]) torn.push(text.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    for (let i = 0; i < 20; i++) await writeFileAtomic(file, versions[(i + 1) % 2]!);
    reading = false;
    await reader;
    expect(reads).toBeGreaterThan(5);
    expect(torn).toEqual([]);
    expect(temporaryFiles(folder)).toEqual([]);
  });
});
