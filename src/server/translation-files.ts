/**
 * Writing episode files so that no version is ever lost: each write goes to a temporary file in
 * the same folder, is flushed to disk, and replaces the file with one rename (a reader, a crash or
 * a power cut sees the old file or the new one, never half of one); the version it replaces is
 * kept in `<episode>/.backup/` (dot folders are never served or published), the last few per file.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  realpath,
  rename,
  rm,
  stat,
} from 'node:fs/promises';
import path from 'node:path';
import { ApiRefusal } from './translation-refusal.ts';

/** How many earlier versions of each file `.backup/` keeps. */
export const BACKUPS_TO_KEEP = 20;

/** The folder, inside an episode folder, that holds earlier versions of its files. */
export const BACKUP_FOLDER = '.backup';

/** A strong ETag: the SHA-256 of the bytes, so equal content always gives the same tag. */
export function contentEtag(bytes: Uint8Array | string): string {
  return `"sha256-${createHash('sha256').update(bytes).digest('base64url')}"`;
}

/** The bytes of a file, or null when it does not exist. */
export async function readIfExists(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** True when `inner` is `outer` or inside it (absolute paths). */
export function isInsideFolder(outer: string, inner: string): boolean {
  const relative = path.relative(outer, inner);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * The real path of an episode folder when it is a real folder inside the real episodes folder;
 * null when it does not exist or leads elsewhere (a link out of the episodes folder).
 */
export async function realEpisodeFolder(episodesDir: string, id: string): Promise<string | null> {
  try {
    const [root, folder] = await Promise.all([
      realpath(episodesDir),
      realpath(path.join(episodesDir, id)),
    ]);
    if (!isInsideFolder(root, folder) || folder === root) return null;
    return (await stat(folder)).isDirectory() ? folder : null;
  } catch {
    return null;
  }
}

/** Refuse to write through a link: the file must be a plain file in its folder (or not exist). */
export async function assertPlainFileOrAbsent(file: string): Promise<void> {
  try {
    const info = await lstat(file);
    if (!info.isFile()) {
      throw new ApiRefusal(
        403,
        `Refused: ${path.basename(file)} is a link or a folder, not a plain file in the episode folder.`,
      );
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
}

/**
 * The temporary file a write of `name` goes through: `.<name>.<pid>-<uuid>.tmp`. A dot file, so it
 * is never served or published; the writer's pid tells a later start whether anyone still writes
 * it (a server killed mid-save leaves it behind).
 */
function temporaryName(name: string): string {
  return `.${name}.${process.pid}-${randomUUID()}.tmp`;
}

/** `.<name>.<pid>-<uuid>.tmp`, or `.<name>.<uuid>.tmp` as earlier releases named them (no pid). */
const TEMPORARY_NAME =
  /^\..+\.(?:(\d+)-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.tmp$/;

/** True while a process with this pid runs (one we may not signal still runs). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the temporary files that writers which are gone left in the episode folders and their
 * `.backup/` folders (a server killed mid-save). A temporary file of a process that still runs is
 * kept: another server on the same folder may be writing it right now. Returns the paths removed.
 */
export async function removeStaleTemporaryFiles(episodesDir: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = async (folder: string) =>
    readdir(folder, { withFileTypes: true }).catch(() => []);
  const folders: string[] = [];
  for (const entry of await entries(episodesDir)) {
    if (!entry.isDirectory()) continue;
    const folder = path.join(episodesDir, entry.name);
    folders.push(folder, path.join(folder, BACKUP_FOLDER));
  }
  for (const folder of folders) {
    for (const entry of await entries(folder)) {
      const match = entry.isFile() ? TEMPORARY_NAME.exec(entry.name) : null;
      if (!match) continue;
      const pid = match[1] === undefined ? null : Number(match[1]);
      if (pid !== null && isRunning(pid)) continue;
      const file = path.join(folder, entry.name);
      await rm(file, { force: true });
      removed.push(file);
    }
  }
  return removed;
}

/** Flush a folder's entries to disk, so a rename in it survives a crash (where the OS allows). */
async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open or flush a folder; the rename is still atomic there.
  } finally {
    await handle?.close();
  }
}

/**
 * Write `data` to `file` atomically: a temporary file in the same folder (same file system, so
 * the rename is atomic), flushed, then renamed over `file`. The file keeps its permissions.
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const folder = path.dirname(file);
  const temporary = path.join(folder, temporaryName(path.basename(file)));
  const mode = await stat(file).then(
    (info) => info.mode & 0o777,
    () => 0o644,
  );
  const handle = await open(temporary, 'wx', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** `2026-11-27T16-49-10.123Z`: a timestamp that sorts, and is a valid file name everywhere. */
function backupStamp(date: Date): string {
  return date.toISOString().replace(/:/g, '-');
}

/**
 * Keep `bytes` (the version about to be replaced) as `.backup/<name>.<timestamp>` in `folder`, and
 * drop all but the newest `keep` backups of that file. Returns the backup's path.
 */
export async function keepBackup(
  folder: string,
  name: string,
  bytes: Uint8Array,
  options: { now?: Date; keep?: number } = {},
): Promise<string> {
  const backups = path.join(folder, BACKUP_FOLDER);
  await mkdir(backups, { recursive: true });
  const stamp = backupStamp(options.now ?? new Date());
  let target = path.join(backups, `${name}.${stamp}`);
  // Two saves in one millisecond: number the second.
  for (let n = 2; await exists(target); n++) target = path.join(backups, `${name}.${stamp}-${n}`);
  await writeFileAtomic(target, bytes);
  await pruneBackups(backups, name, options.keep ?? BACKUPS_TO_KEEP);
  return target;
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** A backup's name after `<name>.`: its timestamp, numbered when two fell in one millisecond. */
const BACKUP_STAMP = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z(?:-\d+)?$/;

/**
 * The backups of `name` in the folder `backups`, oldest first. Only finished backups count: a
 * temporary file (a dot file) or anything else in the folder is not one.
 */
export async function listBackups(backups: string, name: string): Promise<string[]> {
  const prefix = `${name}.`;
  let entries: string[];
  try {
    entries = await readdir(backups);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .filter((entry) => entry.startsWith(prefix) && BACKUP_STAMP.test(entry.slice(prefix.length)))
    .sort();
}

async function pruneBackups(backups: string, name: string, keep: number): Promise<void> {
  const own = await listBackups(backups, name);
  for (const old of own.slice(0, Math.max(0, own.length - keep))) {
    await rm(path.join(backups, old), { force: true });
  }
}

/** Run `task` once every earlier task for the same key has finished (one writer per file). */
export function createKeyedQueue(): <T>(key: string, task: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return (key, task) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => {});
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}
