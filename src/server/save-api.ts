/**
 * The save API of Contract 5, served by the dev and the preview server (a Vite plugin):
 *
 *   GET  <base>api/health                      → { service: "red-box-save-api", version: 1 }
 *   GET  <base>api/episodes/<id>/<file>        → the file, with a strong ETag (SHA-256 of its bytes)
 *   PUT  <base>api/episodes/<id>/<file>        → If-Match: the ETag loaded; 200 + new ETag,
 *                                                 409 + the current text when the file changed
 *   POST <base>api/episodes/<id>/tracks        → { lang, label }: a new language, 201
 *   POST <base>api/episodes/<id>/realign       → { startTime, endTime, rows }: the rows' words
 *                                                 timed again in that stretch (realign-stretch.ts)
 *
 * `<file>` is `transcript.<lang>.vtt` or `chapters.<lang>.vtt` as episode.json names them for a
 * track (GET also serves episode.json). Everything else is refused with a 4xx and a message that
 * says what to do: paths that are not plain names (any `..`, `%`, `\`, NUL or empty segment),
 * other files, unknown languages, requests from another origin or through a foreign host name
 * (DNS rebinding), wrong content types, bodies over 5 MB, text that is not WebVTT, and a save that
 * would throw work away (save-removals.ts). Writes are atomic and keep the replaced version in
 * `.backup/` (translation-files.ts).
 *
 * A body is read before the save waits for its file's turn, within `bodyTimeoutMs`: a slow, stalled
 * or vanished client never holds a file, so one writer per file never means one stuck file.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import type { Plugin } from 'vite';
import { EPISODE_ID_PATTERN, findTrack, sourceTrack } from '../core/episode-model.ts';
import { sameLanguage } from '../core/language.ts';
import { isWellFormedLanguageTag } from '../core/language-tag.ts';
import { episodesDirectory } from './episode-catalog.ts';
import { allowsRemoval, refuseRemovals, type SaveToCheck } from './save-removals.ts';
import {
  assertPlainFileOrAbsent,
  contentEtag,
  createKeyedQueue,
  keepBackup,
  readIfExists,
  realEpisodeFolder,
  removeStaleTemporaryFiles,
  writeFileAtomic,
} from './translation-files.ts';
import { ApiRefusal, ClientGone } from './translation-refusal.ts';
import {
  MAX_REALIGN_BODY_BYTES,
  checkRealignRequest,
  episodeMediaFile,
  realignStretch,
} from './realign-stretch.ts';
import { checkLabel, createTrack, readEpisodeTracks } from './translation-tracks.ts';

/** The largest cue file the API accepts (a 3,000-cue transcript is about 300 kB). */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** The largest `POST tracks` body. */
const MAX_JSON_BYTES = 16 * 1024;
/**
 * How long a whole request body may take to arrive (ms): 5 MB at a slow 2 Mbit/s, with room to
 * spare. Node's own limit (300 s) would let a stalled upload hang on for five minutes.
 */
export const BODY_TIMEOUT_MS = 30_000;

/** What the health probe answers; the workspace looks for it to know saving works. */
export const SAVE_API_SERVICE = 'red-box-save-api';

export interface SaveApiOptions {
  /** The episodes folder (absolute). */
  readonly episodesDir: string;
  /** Vite's `base` ('/' or '/sub/'). */
  readonly base?: string;
  /**
   * Host names allowed besides loopback names and IP addresses (Vite's `allowedHosts`); `true`
   * allows any. A page on a foreign name that resolves to this machine is refused.
   */
  readonly allowedHosts?: readonly string[] | true;
  readonly maxBodyBytes?: number;
  /** How long a request body may take to arrive (ms); BODY_TIMEOUT_MS unless a test says. */
  readonly bodyTimeoutMs?: number;
}

type Next = (error?: unknown) => void;
export type SaveApiHandler = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const FILE_NAME = /^(transcript|chapters)\.([A-Za-z0-9-]+)\.vtt$/;

/** A cue file the API writes: where it is, and what the removal guard compares it with. */
interface CueFileTarget {
  readonly folder: string;
  readonly name: string;
  readonly path: string;
  readonly kind: 'transcript' | 'chapters';
  /** The source-language file of the same kind, when this file is a translation that has one. */
  readonly sourceName: string | null;
}

/** What a body may be: how large, and how long it may take to arrive. */
interface BodyLimits {
  readonly bytes: number;
  readonly ms: number;
}
const PLAIN_SEGMENT = /^[A-Za-z0-9._-]+$/;

/** The API's request handler (connect-style middleware): the plugin mounts it, tests call it. */
export function createSaveApiHandler(options: SaveApiOptions): SaveApiHandler {
  const base = (options.base ?? '/').replace(/\/?$/, '/');
  const prefix = `${base}api`;
  const oneWriterPerFile = createKeyedQueue();
  const timeoutMs = options.bodyTimeoutMs ?? BODY_TIMEOUT_MS;
  const cueFileBody: BodyLimits = { bytes: options.maxBodyBytes ?? MAX_BODY_BYTES, ms: timeoutMs };
  const jsonBody: BodyLimits = { bytes: MAX_JSON_BYTES, ms: timeoutMs };
  const realignBody: BodyLimits = { bytes: MAX_REALIGN_BODY_BYTES, ms: timeoutMs };
  // One re-align at a time: it keeps the machine's cores busy for a while.
  let realigning = false;
  // Before the first answer: the temporary files a server killed mid-save left behind go.
  const started = removeStaleTemporaryFiles(options.episodesDir).then(
    (removed) => {
      if (removed.length > 0) {
        console.info(
          `[red-box] save API: removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} left by a server stopped mid-save (the files themselves are whole).`,
        );
      }
    },
    (error: unknown) => console.warn('[red-box] save API: could not clean temporary files:', error),
  );

  return (req, res, next) => {
    const rawPath = (req.url ?? '').split('?')[0]!;
    if (rawPath !== prefix && !rawPath.startsWith(prefix + '/')) return next();
    const route = rawPath.slice(prefix.length + 1);
    started
      .then(() => handle(req, res, route))
      .catch((error: unknown) => {
        if (error instanceof ApiRefusal) return refuse(req, res, error);
        if (error instanceof ClientGone) {
          return console.info(`[red-box] save API: ${req.method} ${rawPath}: ${error.message}.`);
        }
        console.error('[red-box] save API failed:', error);
        refuse(
          req,
          res,
          new ApiRefusal(
            500,
            `The server could not complete this request (${(error as Error).message}). Nothing was changed unless the response said so; try again.`,
          ),
        );
      });
  };

  async function handle(req: IncomingMessage, res: ServerResponse, route: string): Promise<void> {
    checkHost(req, options.allowedHosts ?? []);
    checkSameOrigin(req);
    const segments = plainSegments(route);
    const method = req.method ?? 'GET';

    if (segments.length === 1 && segments[0] === 'health') {
      allowMethods(method, ['GET', 'HEAD']);
      return sendJson(res, 200, { service: SAVE_API_SERVICE, version: 1 });
    }
    if (segments[0] !== 'episodes' || segments.length !== 3) {
      throw new ApiRefusal(
        404,
        'No such API address: use /api/episodes/<episode-id>/<file>, /api/episodes/<episode-id>/tracks or /api/episodes/<episode-id>/realign.',
      );
    }
    const [, id, name] = segments as [string, string, string];
    if (!EPISODE_ID_PATTERN.test(id)) {
      throw new ApiRefusal(
        400,
        `"${id}" is not an episode id (lowercase letters, digits and "-").`,
      );
    }
    const folder = await realEpisodeFolder(options.episodesDir, id);
    if (!folder) throw new ApiRefusal(404, `There is no episode "${id}" in the episodes folder.`);

    if (name === 'tracks') {
      allowMethods(method, ['POST']);
      return startTranslation(req, res, folder);
    }
    if (name === 'realign') {
      allowMethods(method, ['POST']);
      return realign(req, res, folder);
    }
    if (name === 'episode.json') {
      allowMethods(method, ['GET', 'HEAD'], 'episode.json changes only through POST …/tracks.');
      return sendFileWithEtag(req, res, path.join(folder, name), 'application/json; charset=utf-8');
    }
    const target = await cueFileFor(folder, name);
    allowMethods(method, ['GET', 'HEAD', 'PUT']);
    if (method === 'PUT') return writeCueFile(req, res, target);
    return sendFileWithEtag(req, res, target.path, 'text/vtt; charset=utf-8');
  }

  async function writeCueFile(
    req: IncomingMessage,
    res: ServerResponse,
    target: CueFileTarget,
  ): Promise<void> {
    const ifMatch = req.headers['if-match'];
    if (!ifMatch) {
      throw new ApiRefusal(
        428,
        'Send If-Match with the ETag of the file as you loaded it (GET answers with it), so a change made since is not overwritten.',
      );
    }
    if (ifMatch.trim() === '*') {
      throw new ApiRefusal(
        428,
        'If-Match: * would overwrite changes you have not seen: send the ETag of the file as you loaded it.',
      );
    }
    await assertPlainFileOrAbsent(target.path);
    const current = await readIfExists(target.path);
    if (!current) throw new ApiRefusal(404, `${target.name} no longer exists on disk.`);
    const etag = contentEtag(current);
    // The conflict comes first, before anything about the body: the client needs the current text.
    if (!ifMatch.split(',').some((tag) => tag.trim() === etag))
      return sendConflict(req, res, current);

    checkContentType(req, 'text/vtt', 'Send the file as text/vtt; charset=utf-8.');
    const text = decodeUtf8(await readBody(req, cueFileBody));
    if (text.includes('\0')) {
      throw new ApiRefusal(400, 'The text holds a NUL character: a cue file is plain text.');
    }
    if (!/^\uFEFF?WEBVTT(?:[ \t][^\r\n]*)?(?:\r\n|\r|\n|$)/.test(text)) {
      throw new ApiRefusal(
        422,
        'This is not WebVTT: the first line must be "WEBVTT". Nothing was written.',
      );
    }
    if (!allowsRemoval(req)) refuseRemovals(await removalCheck(target, current, text));

    // Only now does the save wait for the file: the body is in hand.
    return oneWriterPerFile(target.path, async () => {
      if (isGone(req, res)) throw new ClientGone('turn');
      // A text editor or an earlier save in the queue may have written since the check above.
      const latest = await readIfExists(target.path);
      if (!latest || contentEtag(latest) !== etag)
        return sendConflict(req, res, latest ?? Buffer.alloc(0));
      await keepBackup(target.folder, target.name, latest);
      await writeFileAtomic(target.path, text);
      const saved = contentEtag(text);
      res.setHeader('ETag', saved);
      sendJson(res, 200, { etag: saved, file: target.name });
    });
  }

  /** What the removal guard compares: the file on disk, the new text, the source's file. */
  async function removalCheck(
    target: CueFileTarget,
    current: Buffer,
    next: string,
  ): Promise<SaveToCheck> {
    const source = target.sourceName
      ? await readIfExists(path.join(target.folder, target.sourceName))
      : null;
    return {
      file: target.name,
      kind: target.kind,
      current: current.toString('utf8'),
      next,
      source:
        source && target.sourceName
          ? { file: target.sourceName, text: source.toString('utf8') }
          : undefined,
    };
  }

  async function startTranslation(
    req: IncomingMessage,
    res: ServerResponse,
    folder: string,
  ): Promise<void> {
    checkContentType(req, 'application/json', 'Send { "lang", "label" } as application/json.');
    let body: { lang?: unknown; label?: unknown };
    try {
      body = JSON.parse(decodeUtf8(await readBody(req, jsonBody))) as typeof body;
    } catch (error) {
      if (error instanceof ApiRefusal) throw error;
      throw new ApiRefusal(
        400,
        'The body is not JSON: send { "lang": "fr", "label": "Français" }.',
      );
    }
    const lang = body?.lang;
    if (typeof lang !== 'string' || !isWellFormedLanguageTag(lang)) {
      throw new ApiRefusal(
        400,
        `${JSON.stringify(lang ?? null)} is not a well-formed BCP 47 language tag: use e.g. "fr", "pt-BR", "zh-Hant".`,
      );
    }
    const label = checkLabel(body.label);
    const created = await oneWriterPerFile(path.join(folder, 'episode.json'), () =>
      createTrack(folder, lang, label),
    );
    sendJson(res, 201, created);
  }

  /** Re-align a stretch of the source language's rows (realign-stretch.ts). */
  async function realign(req: IncomingMessage, res: ServerResponse, folder: string): Promise<void> {
    checkContentType(
      req,
      'application/json',
      'Send { "startTime", "endTime", "rows": [{ "id", "text" }] } as application/json.',
    );
    const bytes = await readBody(req, realignBody);
    let body: unknown;
    try {
      body = JSON.parse(decodeUtf8(bytes));
    } catch (error) {
      if (error instanceof ApiRefusal) throw error;
      throw new ApiRefusal(400, 'The body is not JSON: send { "startTime", "endTime", "rows" }.');
    }
    const request = checkRealignRequest(body);
    const { episode } = await readEpisodeTracks(folder);
    const media = await episodeMediaFile(folder);
    if (realigning) {
      throw new ApiRefusal(
        429,
        'Another re-align is running on this server: try again when it has finished.',
        { 'Retry-After': '5' },
      );
    }
    realigning = true;
    try {
      const answer = await realignStretch(media, request, episode.sourceLanguage);
      if (isGone(req, res)) throw new ClientGone('turn');
      sendJson(res, 200, answer);
    } finally {
      realigning = false;
    }
  }

  /** The cue file `name` names for a track of the episode, or a refusal saying why not. */
  async function cueFileFor(folder: string, name: string): Promise<CueFileTarget> {
    const match = FILE_NAME.exec(name);
    if (!match) {
      throw new ApiRefusal(
        400,
        `"${name}" is not a file the API reads or writes: only transcript.<lang>.vtt and chapters.<lang>.vtt (and GET episode.json).`,
      );
    }
    const [, kind, lang] = match as unknown as [string, 'transcript' | 'chapters', string];
    if (!isWellFormedLanguageTag(lang)) {
      throw new ApiRefusal(
        400,
        `"${lang}" is not a well-formed BCP 47 language tag (e.g. "ko", "pt-BR").`,
      );
    }
    const { episode } = await readEpisodeTracks(folder);
    const track = findTrack(episode, lang);
    if (!track) {
      throw new ApiRefusal(
        404,
        `This episode has no "${lang}" track: start the translation first (POST /api/episodes/<id>/tracks with { "lang", "label" }).`,
      );
    }
    const named = kind === 'transcript' ? track.transcript : track.chapters;
    if (named === undefined) {
      throw new ApiRefusal(
        404,
        `The "${track.lang}" track has no chapters file: add "chapters": "chapters.${track.lang}.vtt" to it in episode.json.`,
      );
    }
    if (named !== name) {
      throw new ApiRefusal(
        404,
        `episode.json names "${named}" as the ${kind} of "${track.lang}", not "${name}".`,
      );
    }
    const source = sourceTrack(episode);
    const sourceName =
      source && !sameLanguage(source.lang, track.lang)
        ? ((kind === 'transcript' ? source.transcript : source.chapters) ?? null)
        : null;
    return { folder, name, path: path.join(folder, name), kind, sourceName };
  }
}

/** True when the client is no longer there to hear the answer (it hung up). */
function isGone(req: IncomingMessage, res: ServerResponse): boolean {
  return res.destroyed || req.socket.destroyed;
}

/** The route's segments, when every one is a plain name; a refusal that says what is wrong. */
function plainSegments(route: string): string[] {
  let decoded = route;
  // Look through up to three layers of percent-encoding (%252e%252e is ".." twice encoded).
  for (let layer = 0; layer < 3; layer++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      throw new ApiRefusal(400, 'The address holds a broken %-escape.');
    }
    if (next === decoded) break;
    decoded = next;
  }
  const refuseTraversal = (what: string): never => {
    throw new ApiRefusal(
      400,
      `Refused: the address holds ${what}. Only files inside an episode folder can be read or written, named plainly (e.g. /api/episodes/<id>/transcript.ko.vtt).`,
    );
  };
  if (decoded.includes('\0')) refuseTraversal('a NUL character');
  if (decoded.includes('\\')) refuseTraversal('a backslash');
  if (decoded.split('/').some((segment) => segment === '..'))
    refuseTraversal('".." (in some encoding)');
  if (decoded.startsWith('/') || decoded.split('/').some((segment) => segment === '')) {
    refuseTraversal('an absolute path or an empty segment');
  }
  if (
    /^[A-Za-z]:/.test(decoded) ||
    decoded.split('/').some((segment) => /^[A-Za-z]:/.test(segment))
  ) {
    refuseTraversal('a drive letter');
  }
  const segments = route.split('/');
  if (segments.some((segment) => !PLAIN_SEGMENT.test(segment) || segment === '.')) {
    refuseTraversal('characters other than letters, digits, ".", "-" and "_" (or %-escapes)');
  }
  return segments;
}

/** Refuse host names other than loopback, IP addresses and the allowed ones (DNS rebinding). */
function checkHost(req: IncomingMessage, allowed: readonly string[] | true): void {
  if (allowed === true) return;
  let hostname: string;
  try {
    hostname = new URL(`http://${req.headers.host ?? ''}`).hostname.toLowerCase();
  } catch {
    throw new ApiRefusal(400, 'The request has no valid Host header.');
  }
  const bare = hostname.replace(/^\[|\]$/g, '');
  const ok =
    bare === 'localhost' ||
    bare.endsWith('.localhost') ||
    isIP(bare) !== 0 ||
    allowed.some((name) => {
      const wanted = name.toLowerCase();
      return wanted.startsWith('.')
        ? bare === wanted.slice(1) || bare.endsWith(wanted)
        : bare === wanted;
    });
  if (!ok) {
    throw new ApiRefusal(
      403,
      `Refused: this server does not answer the API for the host name "${hostname}". Open the workspace through localhost or an IP address (or add the name to server.allowedHosts).`,
    );
  }
}

/**
 * Answer only the server's own pages: an `Origin` must be this server's origin, and a browser's
 * `Sec-Fetch-Site` must say same-origin (or none: an address typed in the address bar).
 */
function checkSameOrigin(req: IncomingMessage): void {
  const encrypted = (req.socket as TLSSocket).encrypted === true;
  const own = `${encrypted ? 'https' : 'http'}://${req.headers.host ?? ''}`;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    let same = false;
    try {
      same = origin !== 'null' && new URL(origin).origin === new URL(own).origin;
    } catch {
      same = false;
    }
    if (!same) {
      throw new ApiRefusal(
        403,
        `Refused: the save API answers only pages of this server (${own}), not ${origin}.`,
      );
    }
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    throw new ApiRefusal(
      403,
      `Refused: a ${site} request. The save API answers only pages of this server.`,
    );
  }
}

function allowMethods(method: string, allowed: readonly string[], why = ''): void {
  if (allowed.includes(method)) return;
  throw new ApiRefusal(
    405,
    `${method} is not allowed here: use ${allowed.join(' or ')}. ${why}`.trim(),
    { Allow: allowed.join(', ') },
  );
}

function checkContentType(req: IncomingMessage, wanted: string, advice: string): void {
  const header = (req.headers['content-type'] ?? '').toLowerCase();
  const [type, ...parameters] = header.split(';').map((part) => part.trim());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='));
  if (type !== wanted || (charset !== undefined && charset.replace(/"/g, '') !== 'charset=utf-8')) {
    throw new ApiRefusal(415, `Wrong content type "${header || '(none)'}". ${advice}`);
  }
}

/**
 * The request body, refused past `limits.bytes` (by Content-Length first, then as it arrives) or
 * when it has not all arrived within `limits.ms` (408); a client that hangs up is `ClientGone`.
 */
function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const { bytes: limit } = limits;
  const tooLarge = (): ApiRefusal =>
    new ApiRefusal(
      413,
      `The body is larger than ${Math.round(limit / 1024 / 1024) || limit / 1024} ${
        limit >= 1024 * 1024 ? 'MB' : 'kB'
      }: a cue file is never that big. Nothing was written.`,
    );
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(tooLarge());
  if (req.destroyed) return Promise.reject(new ClientGone('upload'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (error: Error | null): void => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) settle(tooLarge());
      else chunks.push(chunk);
    };
    const onEnd = (): void => settle(null);
    // A client that hangs up mid-body shows as an `aborted` error, then `close` without `end`.
    const onError = (error: Error): void => settle(req.complete ? error : new ClientGone('upload'));
    const onClose = (): void => settle(new ClientGone('upload'));
    const timer = setTimeout(
      () =>
        settle(
          new ApiRefusal(
            408,
            `The body did not arrive within ${limits.ms / 1000} s: the upload stalled. Nothing was written; save again.`,
          ),
        ),
      limits.ms,
    );
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiRefusal(400, 'The body is not UTF-8 text: save the file as UTF-8.');
  }
}

function commonHeaders(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  commonHeaders(res);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(value));
}

/** 409: the file changed since it was loaded; the body is its current text, with its ETag. */
function sendConflict(req: IncomingMessage, res: ServerResponse, current: Buffer): void {
  commonHeaders(res);
  res.statusCode = 409;
  res.setHeader('Content-Type', 'text/vtt; charset=utf-8');
  res.setHeader('ETag', contentEtag(current));
  finish(req, res, current);
}

/** A refusal: status, a message that says what to do, and the connection closed if a body waits. */
function refuse(req: IncomingMessage, res: ServerResponse, refusal: ApiRefusal): void {
  if (res.headersSent) return void res.destroy();
  commonHeaders(res);
  res.statusCode = refusal.status;
  for (const [name, value] of Object.entries(refusal.headers)) res.setHeader(name, value);
  if (refusal.details) {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    return finish(req, res, JSON.stringify({ message: refusal.message, ...refusal.details }));
  }
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  finish(req, res, refusal.message + '\n');
}

/** End the response; an unread request body is not waited for (the connection closes). */
function finish(req: IncomingMessage, res: ServerResponse, body: string | Buffer): void {
  if (!req.complete) res.setHeader('Connection', 'close');
  res.end(body);
  if (!req.complete) req.resume();
}

async function sendFileWithEtag(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  type: string,
): Promise<void> {
  await assertPlainFileOrAbsent(file);
  const bytes = await readIfExists(file);
  if (!bytes) throw new ApiRefusal(404, `${path.basename(file)} does not exist in this episode.`);
  const etag = contentEtag(bytes);
  commonHeaders(res);
  res.setHeader('ETag', etag);
  res.setHeader('Content-Type', type);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    return void res.end();
  }
  res.statusCode = 200;
  res.setHeader('Content-Length', String(bytes.length));
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

/** The Vite plugin: the save API on `npm start` and on `npm run preview`. */
export function redBoxSaveApi(): Plugin {
  let episodesDir = '';
  let base = '/';
  return {
    name: 'red-box-save-api',
    configResolved(config) {
      episodesDir = episodesDirectory(config.root);
      base = config.base;
    },
    configureServer(server) {
      server.middlewares.use(
        createSaveApiHandler({
          episodesDir,
          base,
          allowedHosts: server.config.server.allowedHosts,
        }),
      );
    },
    configurePreviewServer(server) {
      server.middlewares.use(
        createSaveApiHandler({
          episodesDir,
          base,
          allowedHosts: server.config.preview.allowedHosts,
        }),
      );
    },
  };
}
