/**
 * What the save API's tests share: a copy of the bundled episode in a temporary folder, a real
 * HTTP server around a request handler, and a raw client (node:http) that sends paths exactly as
 * written (a browser or fetch would already have resolved the `..` in them) and can send a body
 * in parts, stall, or hang up halfway.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request, type ClientRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { SaveApiHandler } from '../../src/server/save-api.ts';

export const EPISODE = 'misunderstandings-and-stereotypes';
/** The bundled episode's folder (read only: tests work on a copy). */
export const bundledEpisode = path.resolve(import.meta.dirname, '../../episodes', EPISODE);

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A copy of the bundled episode (without media) and a file outside it that must stay secret. */
export interface EpisodeCopy {
  readonly root: string;
  readonly episodesDir: string;
  readonly folder: string;
  remove(): void;
}

export function copyEpisode(): EpisodeCopy {
  const root = mkdtempSync(path.join(tmpdir(), 'red-box-save-api-'));
  const episodesDir = path.join(root, 'episodes');
  const folder = path.join(episodesDir, EPISODE);
  cpSync(bundledEpisode, folder, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}media`),
  });
  writeFileSync(path.join(root, 'outside.vtt'), 'WEBVTT\n\nsecret\n');
  return {
    root,
    episodesDir,
    folder,
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

export const apiUrl = (file: string, id = EPISODE) => `/api/episodes/${id}/${file}`;

export const vttHeaders = (etag: string) => ({
  'Content-Type': 'text/vtt; charset=utf-8',
  'If-Match': etag,
});

/** The temporary files an atomic write leaves in `folder` (none once it is done). */
export const temporaryFiles = (folder: string): string[] =>
  readdirSync(folder).filter((name) => name.endsWith('.tmp'));

/** A server on a loopback port around whatever handler `current()` returns at each request. */
export interface ApiServer {
  readonly port: number;
  /**
   * Count requests from now on: the function returned resolves once `count` more requests have
   * reached the handler (so a test knows the server has a request before it hangs up).
   */
  arrivalsFromNow(): (count: number) => Promise<void>;
  close(): Promise<void>;
}

export async function startApiServer(current: () => SaveApiHandler): Promise<ApiServer> {
  let arrived = 0;
  const waiting: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    arrived++;
    for (const waiter of waiting.filter((entry) => entry.count <= arrived)) {
      waiting.splice(waiting.indexOf(waiter), 1);
      waiter.resolve();
    }
    current()(req, res, () => {
      res.statusCode = 404;
      res.end('not the API');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    arrivalsFromNow: () => {
      const start = arrived;
      return (count) =>
        start + count <= arrived
          ? Promise.resolve()
          : new Promise((resolve) => waiting.push({ count: start + count, resolve }));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A request whose body the test sends itself, and the reply it gets (if any). */
export interface Upload {
  readonly request: ClientRequest;
  readonly reply: Promise<Reply>;
}

/** Start a request and leave its body to the caller (`request.write`, `end`, `destroy`). */
export function startUpload(
  port: number,
  method: string,
  rawPath: string,
  headers: Record<string, string> = {},
): Upload {
  let request_!: ClientRequest;
  let answered = false;
  const reply = new Promise<Reply>((resolve, reject) => {
    request_ = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: rawPath,
        headers: { Host: `127.0.0.1:${port}`, ...headers },
        setHost: false,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // The server may answer and close before a large body is through: that is the point.
    request_.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    request_.on('close', () => {
      if (!answered) reject(new Error(`${method} ${rawPath}: closed without a reply`));
    });
  });
  // A test that hangs up on purpose does not wait for the reply.
  reply.catch(() => {});
  return { request: request_, reply };
}

/** Send a whole request and wait for the reply. */
export function sendRequest(
  port: number,
  method: string,
  rawPath: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<Reply> {
  const { request: req, reply } = startUpload(port, method, rawPath, options.headers);
  if (options.body !== undefined && options.chunked) {
    const body = Buffer.from(options.body);
    for (let at = 0; at < body.length; at += 64 * 1024)
      req.write(body.subarray(at, at + 64 * 1024));
    req.end();
  } else req.end(options.body);
  return reply;
}

/** `promise`, or a failure that says what did not happen within `ms` (instead of a hang). */
export function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    }),
  ]);
}
