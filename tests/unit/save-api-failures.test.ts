/**
 * The save API when clients and the server fail (issue 18): a client that hangs up while its save
 * waits for its turn, an upload that stalls, an upload aborted halfway, and the temporary files a
 * server killed mid-save leaves behind. Every test ends with a save that must still go through.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  watch,
  writeFileSync,
  type FSWatcher,
} from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { seededRandom } from '../../scripts/seeded-random.ts';
import { createSaveApiHandler, type SaveApiOptions } from '../../src/server/save-api.ts';
import { BACKUP_FOLDER, keepBackup, listBackups } from '../../src/server/translation-files.ts';
import {
  apiUrl,
  copyEpisode,
  sendRequest,
  startApiServer,
  startUpload,
  temporaryFiles,
  vttHeaders,
  within,
  type ApiServer,
  type EpisodeCopy,
  type Upload,
} from './save-api-testbed.ts';

const FILE = 'transcript.ko.vtt';
/** A test that spawns processes or waits on sockets: room for a busy machine (2 cores, shared). */
const SLOW = 30_000;
let copy: EpisodeCopy;
let server: ApiServer;
let handler: ReturnType<typeof createSaveApiHandler>;

const useHandler = (options: Partial<SaveApiOptions> = {}) => {
  handler = createSaveApiHandler({ episodesDir: copy.episodesDir, ...options });
};
const send = (method: string, rawPath: string, options?: Parameters<typeof sendRequest>[3]) =>
  sendRequest(server.port, method, rawPath, options);
/**
 * A save of `body` of which only the first `sent` bytes go out (the rest is the test's to send,
 * or not); resolves once the server has the request.
 */
async function partialUpload(etag: string, body: Buffer, sent: number): Promise<Upload> {
  const arrived = server.arrivalsFromNow();
  const started = startUpload(server.port, 'PUT', apiUrl(FILE), vttHeaders(etag));
  started.request.setHeader('Content-Length', body.length);
  started.request.write(body.subarray(0, sent));
  await arrived(1);
  return started;
}
const fileText = () => readFileSync(path.join(copy.folder, FILE), 'utf8');
/** The file with the text of c001 changed: a save that removes nothing. */
const edited = (text: string) => fileText().replace('레드 박스에 오신 걸 환영해요!', text);

async function etagOf(file = FILE): Promise<string> {
  const reply = await send('GET', apiUrl(file));
  expect(reply.status).toBe(200);
  return reply.headers.etag as string;
}

/** A save made after the trouble: it must go through, promptly. */
async function expectLaterSaveToComplete(text: string): Promise<void> {
  const etag = await within(10_000, 'GET after the trouble', etagOf());
  const body = edited(text);
  const reply = await within(
    10_000,
    'a later save of the same file',
    send('PUT', apiUrl(FILE), { headers: vttHeaders(etag), body }),
  );
  expect([reply.status, reply.body]).toEqual([200, expect.stringContaining('etag')]);
  expect(fileText()).toBe(body);
}

beforeAll(async () => {
  server = await startApiServer(() => handler);
});
afterAll(() => server.close());
beforeEach(() => {
  copy = copyEpisode();
  useHandler();
  return () => copy.remove();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('clients that hang up or stall', () => {
  it(
    'does not lock the file when a client hangs up while its save waits for its turn',
    async () => {
      const etag = await etagOf();
      const unchanged = Buffer.from(fileText());
      // A save of the file as it is (nothing changed), whose body arrives slowly: the old server
      // held the file's queue while a body arrived, so the next saves waited behind it.
      const slow = await partialUpload(etag, unchanged, 200);

      // Behind it: one client sends its whole save and hangs up, another hangs up halfway.
      const whole = Buffer.from(edited('다 보내고 끊김'));
      const sentAll = await partialUpload(etag, whole, whole.length);
      sentAll.request.destroy();
      const halfway = await partialUpload(etag, whole, 100);
      halfway.request.destroy();

      slow.request.end(unchanged.subarray(200));
      expect((await within(10_000, 'the slow save', slow.reply)).status).toBe(200);
      await expectLaterSaveToComplete('나중 저장');
      expect(temporaryFiles(copy.folder)).toEqual([]);
    },
    SLOW,
  );

  it(
    'answers a stalled upload 408 after the body timeout, and other saves go through meanwhile',
    async () => {
      useHandler({ bodyTimeoutMs: 400 });
      const etag = await etagOf();
      const before = fileText();
      const body = Buffer.from(edited('멈춘 업로드'));
      const stalled = await partialUpload(etag, body, 100);

      // While it stalls, the file is free.
      await expectLaterSaveToComplete('멈춘 동안 저장');
      const reply = await within(10_000, 'the stalled upload', stalled.reply);
      expect([reply.status, reply.body]).toEqual([
        408,
        expect.stringMatching(/did not arrive within 0\.4 s.*Nothing was written/s),
      ]);
      expect(fileText()).not.toBe(before);
      expect(fileText()).not.toContain('멈춘 업로드');
      await expectLaterSaveToComplete('그 다음 저장');
    },
    SLOW,
  );

  it(
    'logs an upload the client aborted as a client abort, not as a server failure',
    async () => {
      const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
      const infos = vi.spyOn(console, 'info').mockImplementation(() => {});
      const etag = await etagOf();
      const before = fileText();
      const body = Buffer.from(edited('중단'));
      const aborted = await partialUpload(etag, body, 100);
      aborted.request.destroy();

      await expect.poll(() => infos.mock.calls.length, { timeout: 10_000 }).toBe(1);
      expect(infos.mock.calls[0]!.join(' ')).toMatch(
        /\[red-box\] save API: PUT .*transcript\.ko\.vtt: the client closed the connection before its upload was complete; nothing was written/,
      );
      expect(errors).not.toHaveBeenCalled();
      expect(fileText()).toBe(before);
      await expectLaterSaveToComplete('중단 뒤 저장');
      expect(errors).not.toHaveBeenCalled();
    },
    SLOW,
  );
});

/** The pid of a process that has exited (and been reaped): nothing runs under it now. */
async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('what a killed server leaves behind', () => {
  it(
    'removes the temporary files of writers that are gone at start, keeps a live writer’s, and never counts them as backups',
    async () => {
      const backups = path.join(copy.folder, BACKUP_FOLDER);
      mkdirSync(backups);
      for (let i = 0; i < 3; i++) {
        await keepBackup(copy.folder, FILE, Buffer.from(`version ${i}`), {
          now: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
        });
      }
      // Exactly what a SIGKILL mid-save leaves: the temporary file of the new version (here half
      // written) beside the file, and one in .backup/ for the version being kept; and one in the
      // naming of earlier releases, which had no pid in it.
      const dead = await exitedPid();
      const leftovers = [
        path.join(copy.folder, `.${FILE}.${dead}-${randomUUID()}.tmp`),
        path.join(backups, `.${FILE}.2026-01-01T00-00-09.000Z.${dead}-${randomUUID()}.tmp`),
        path.join(copy.folder, `.episode.json.${randomUUID()}.tmp`),
      ];
      for (const file of leftovers) writeFileSync(file, fileText().slice(0, 300));
      // A server that is alive (another process on the same folder) may be writing right now.
      const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
      const inFlight = path.join(copy.folder, `.transcript.en.vtt.${live.pid}-${randomUUID()}.tmp`);
      writeFileSync(inFlight, 'WEBVTT\n');
      try {
        useHandler();
        // The first answer comes after the clean-up.
        await etagOf();
        expect(temporaryFiles(copy.folder)).toEqual([path.basename(inFlight)]);
        expect(temporaryFiles(backups)).toEqual([]);
        expect(await listBackups(backups, FILE)).toHaveLength(3);
        await expectLaterSaveToComplete('정리 뒤 저장');
        expect(await listBackups(backups, FILE)).toHaveLength(4);
      } finally {
        live.kill();
      }
    },
    SLOW,
  );

  it('keeps .backup/ and temporary files out of git', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const folder = 'episodes/misunderstandings-and-stereotypes';
    const ignored = (file: string) => {
      try {
        execFileSync('git', ['check-ignore', '--no-index', '-q', file], { cwd: root });
        return true;
      } catch {
        return false;
      }
    };
    expect(ignored(`${folder}/.backup/transcript.ko.vtt.2026-01-01T00-00-00.000Z`)).toBe(true);
    expect(ignored(`${folder}/.transcript.ko.vtt.123-${randomUUID()}.tmp`)).toBe(true);
    expect(ignored(`${folder}/.backup/.episode.json.2026-01-01T00-00-00.000Z.9-x.tmp`)).toBe(true);
    expect(ignored(`${folder}/transcript.ko.vtt`)).toBe(false);
  });
});

/** A server in a child process on the episode copy, as `npm start` runs the API. */
async function startChildServer(episodesDir: string) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'save-api-child.ts')],
    {
      env: { ...process.env, RED_BOX_EPISODES_DIR: episodesDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const port = await within(
    20_000,
    'the child server',
    new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
      void exited.then(() => reject(new Error(`the child server exited: ${out}`)));
    }),
  );
  return { child, port, exited };
}

/** Resolves when a temporary file of a write appears in one of `folders` (inotify, no polling). */
function whenWriteStarts(folders: readonly string[]): { started: Promise<void>; stop(): void } {
  const watchers: FSWatcher[] = [];
  const started = new Promise<void>((resolve) => {
    for (const folder of folders) {
      mkdirSync(folder, { recursive: true });
      watchers.push(
        watch(folder, (_event, name) => {
          // A temporary file that appeared (not one a start-up clean-up removed).
          if (name?.endsWith('.tmp') && existsSync(path.join(folder, name))) resolve();
        }),
      );
    }
  });
  return { started, stop: () => watchers.forEach((watcher) => watcher.close()) };
}

describe('a server killed mid-save (SIGKILL)', () => {
  it('leaves the file whole; the next start removes the leftovers and backups are counted right', async () => {
    const seed = Number(process.env.RED_BOX_KILL_SEED ?? Date.now() % 100_000);
    const random = seededRandom(seed);
    const rounds = 4;
    const original = fileText();
    const backupFolder = path.join(copy.folder, BACKUP_FOLDER);
    // Versions large enough that writing one takes a few milliseconds.
    const versions = new Set<string>([original]);
    const version = (round: number, n: number) =>
      `${original}\nNOTE version ${round}.${n}\n${'가나다라마바사 '.repeat(20_000)}\n`;
    const leftoversSeen: number[] = [];
    for (let round = 0; round < rounds; round++) {
      const { child, port, exited } = await startChildServer(copy.episodesDir);
      // Its first answer comes after its clean-up of the last round's leftovers.
      expect((await sendRequest(port, 'GET', apiUrl(FILE))).status).toBe(200);
      const writes = whenWriteStarts([copy.folder, backupFolder]);
      let killed = false;
      const saving = (async () => {
        for (let n = 0; !killed; n++) {
          const current = await sendRequest(port, 'GET', apiUrl(FILE));
          const body = version(round, n);
          versions.add(body);
          await sendRequest(port, 'PUT', apiUrl(FILE), {
            headers: vttHeaders(current.headers.etag as string),
            body,
          });
        }
      })().catch(() => {});
      // Kill while a write is under way: as its temporary file appears, or a moment after.
      await within(20_000, 'a write in the child server', writes.started);
      if (random() < 0.25) await new Promise((resolve) => setTimeout(resolve, random() * 3));
      killed = child.kill('SIGKILL');
      writes.stop();
      await exited;
      await saving;
      leftoversSeen.push(temporaryFiles(copy.folder).length + temporaryFiles(backupFolder).length);
      // Whatever the moment, the file is one whole version.
      expect(versions.has(fileText())).toBe(true);
    }
    console.log(`kill seed ${seed}: temporary files left per kill ${leftoversSeen.join(', ')}`);
    // Most kills land inside a write; at least one must, or the test tests nothing.
    expect(leftoversSeen.some((count) => count > 0)).toBe(true);

    const { child, port, exited } = await startChildServer(copy.episodesDir);
    try {
      const current = await within(20_000, 'GET', sendRequest(port, 'GET', apiUrl(FILE)));
      expect(current.status).toBe(200);
      expect(temporaryFiles(copy.folder)).toEqual([]);
      expect(temporaryFiles(backupFolder)).toEqual([]);
      // Every backup is a whole version, and the listing holds all of them.
      const backups = await listBackups(backupFolder, FILE);
      expect(backups.length).toBe(readdirSync(backupFolder).length);
      for (const backup of backups) {
        expect(versions.has(readFileSync(path.join(backupFolder, backup), 'utf8'))).toBe(true);
      }
      const saved = await sendRequest(port, 'PUT', apiUrl(FILE), {
        headers: vttHeaders(current.headers.etag as string),
        body: edited('재시작 뒤 저장'),
      });
      expect(saved.status).toBe(200);
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
  }, 120_000);
});
