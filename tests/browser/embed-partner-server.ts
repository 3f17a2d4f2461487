/**
 * A partner's web server for embed tests: plain pages on another origin (another port on
 * 127.0.0.1), written by the test. It sets no cookies and knows nothing of the player.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

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
