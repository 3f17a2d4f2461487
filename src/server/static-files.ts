/**
 * Serving episode files in the dev and preview servers: correct types, ETags, and byte ranges
 * (video seeking needs `Range`), never a path outside the root.
 */
import { createReadStream, statSync, type Stats } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.json': 'application/json; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.m4a': 'audio/mp4',
  // HLS: playlists, fragmented-MP4 segments (and MPEG-TS ones from other encoders).
  '.m3u8': 'application/vnd.apple.mpegurl',
  '.m4s': 'video/iso.segment',
  '.ts': 'video/mp2t',
  '.opus': 'audio/ogg',
  '.txt': 'text/plain; charset=utf-8',
};

/** The MIME type for a file name, by extension. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Resolve a URL path (already stripped of its mount prefix) inside `root`, or null when it would
 * leave the root, names a dot file, or cannot be decoded.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.split(/[\\/]/).some((part) => part.startsWith('.'))) {
    return null;
  }
  const rootPath = resolve(root);
  const full = resolve(rootPath, '.' + (decoded.startsWith('/') ? decoded : '/' + decoded));
  return full === rootPath || full.startsWith(rootPath + sep) ? full : null;
}

/** A weak ETag from size and modification time (cheap; content hashes are for the save API). */
export function statEtag(stats: Stats): string {
  return `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`;
}

/**
 * Send a file, honouring `Range` and `If-None-Match`. Returns false when the file does not
 * exist, so the caller can fall through to the next middleware.
 */
export function sendFile(req: IncomingMessage, res: ServerResponse, file: string): boolean {
  let stats: Stats;
  try {
    stats = statSync(file);
  } catch {
    return false;
  }
  if (!stats.isFile()) return false;

  const etag = statEtag(stats);
  res.setHeader('Content-Type', contentTypeOf(file));
  res.setHeader('ETag', etag);
  res.setHeader('Accept-Ranges', 'bytes');
  // Episode files change while translators work: always revalidate.
  res.setHeader('Cache-Control', 'no-cache');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return true;
  }

  const range = parseRange(req.headers.range, stats.size);
  if (range === 'unsatisfiable') {
    res.statusCode = 416;
    res.setHeader('Content-Range', `bytes */${stats.size}`);
    res.end();
    return true;
  }
  const [start, end] = range ?? [0, stats.size - 1];
  if (range) {
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${stats.size}`);
  }
  res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
  if (req.method === 'HEAD' || stats.size === 0) {
    res.end();
    return true;
  }
  createReadStream(file, { start, end })
    .on('error', () => res.destroy())
    .pipe(res);
  return true;
}

/** A single `bytes=a-b` range; multiple ranges are served whole (browsers never ask for them). */
function parseRange(
  header: string | undefined,
  size: number,
): [number, number] | 'unsatisfiable' | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null;
  const [, from, to] = match;
  if (from === '' && to === '') return null;
  let start: number;
  let end: number;
  if (from === '') {
    start = Math.max(0, size - Number(to));
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}
