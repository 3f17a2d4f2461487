/**
 * npm run icons: render the app's bitmap icons from public/favicon.svg (the red box), with
 * ffmpeg's librsvg decoder. The outputs are committed; run this again after editing the SVG.
 *
 *   public/favicon.ico           16, 32 and 48 px (PNG images in an ICO container), transparent:
 *                                for browsers and tools that ask for /favicon.ico
 *   public/icon-192.png, -512    the web app manifest's icons, on an opaque tile
 *   public/apple-touch-icon.png  180 px on an opaque tile (iOS shows transparency as black)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const publicDir = path.join(projectRoot, 'public');
const svg = path.join(publicDir, 'favicon.svg');

/** The tile behind the opaque icons: the manifest's background_color. */
export const TILE_COLOUR = '#ffffff';
/** Share of an opaque tile the box fills: inside the 80 % circle that masks may keep. */
const TILE_FILL = 0.75;

function ffmpeg(args: readonly string[]): void {
  execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** The SVG drawn at `size` px, transparent around the box. */
function renderTransparent(size: number, out: string): void {
  ffmpeg(['-width', `${size}`, '-height', `${size}`, '-i', svg, '-frames:v', '1', out]);
}

/** The SVG drawn smaller, centred on an opaque tile of `size` px. */
function renderTile(size: number, out: string): void {
  const inner = Math.round(size * TILE_FILL);
  const offset = Math.round((size - inner) / 2);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `color=c=${TILE_COLOUR}:s=${size}x${size}`,
    '-width',
    `${inner}`,
    '-height',
    `${inner}`,
    '-i',
    svg,
    '-filter_complex',
    `[0][1]overlay=${offset}:${offset}:format=auto,format=rgb24`,
    '-frames:v',
    '1',
    out,
  ]);
}

/**
 * An ICO file holding PNG images (supported by every browser since IE 11): a 6-byte header, a
 * 16-byte entry per image, then the images.
 */
export function icoFromPngs(images: ReadonlyArray<{ size: number; png: Buffer }>): Buffer {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0); // width (0 means 256)
    entry.writeUInt8(size >= 256 ? 0 : size, 1); // height
    entry.writeUInt8(0, 2); // no palette
    entry.writeUInt8(0, 3); // reserved
    entry.writeUInt16LE(1, 4); // colour planes
    entry.writeUInt16LE(32, 6); // bits per pixel
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map((image) => image.png)]);
}

function main(): void {
  const scratch = mkdtempSync(path.join(tmpdir(), 'red-box-icons-'));
  try {
    const icoImages = [16, 32, 48].map((size) => {
      const file = path.join(scratch, `${size}.png`);
      renderTransparent(size, file);
      return { size, png: readFileSync(file) };
    });
    writeFileSync(path.join(publicDir, 'favicon.ico'), icoFromPngs(icoImages));
    renderTile(192, path.join(publicDir, 'icon-192.png'));
    renderTile(512, path.join(publicDir, 'icon-512.png'));
    renderTile(180, path.join(publicDir, 'apple-touch-icon.png'));
    console.log('[red-box] icons written to public/ from public/favicon.svg');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

main();
