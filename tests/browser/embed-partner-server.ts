/**
 * A partner's web server for embed tests: plain pages on another origin (another port on
 * 127.0.0.1), written by the test. It sets no cookies and knows nothing of the player.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { resolveInside, sendFile } from '../../src/server/static-files.ts';

export interface PartnerServer {
  /** `http://127.0.0.1:<port>`. */
  readonly origin: string;
  /** Serve `html` at `path` (from now on). */
  page(path: string, html: string): string;
  close(): Promise<void>;
}

export async function startPartnerServer(): Promise<PartnerServer> {
  const pages = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const html = pages.get(path);
    res.statusCode = html === undefined ? 404 : 200;
    res.setHeader('Content-Type', html === undefined ? 'text/plain' : 'text/html; charset=utf-8');
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page(path, html) {
      pages.set(path, html);
      return origin + path;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A minimal HTML page around `body`. */
export function partnerPage(body: string, title = 'Partner page'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${title}</title></head><body>${body}</body></html>`;
}

const PAGE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/**
 * A plain static host for a build under `base` (`/red-box/`): a path serves its file, else
 * `<path>.html`, else `<path>/index.html`, as most static hosts do. No rewrites, no headers of
 * the project's own; media get byte ranges like on any host.
 */
export async function startStaticHost(root: string, base: string): Promise<PartnerServer> {
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const inside = pathname.startsWith(base) ? pathname.slice(base.length) : null;
    const file =
      inside === null
        ? null
        : [inside, `${inside}.html`, `${inside.replace(/\/$/, '')}/index.html`]
            .map((candidate) => resolveInside(root, candidate))
            .find(
              (candidate) => candidate && existsSync(candidate) && statSync(candidate).isFile(),
            );
    if (!file) {
      res.statusCode = 404;
      res.end('not found');
      return;
    }
    const type = PAGE_TYPES[extname(file)];
    if (!type) {
      sendFile(req, res, file);
      return;
    }
    res.setHeader('Content-Type', type);
    res.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    page: () => {
      throw new Error('a static host serves its files only');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
