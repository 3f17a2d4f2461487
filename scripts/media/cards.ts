/**
 * The still cards the stand-in video is made of, drawn with ffmpeg (lavfi colour source, librsvg
 * for portraits, drawtext with DejaVu fonts) as 640x360 PNGs.
 *
 * No card ever shows cue text: captions come from the text tracks, and burned-in words would
 * collide with them. The question card shows the chapter's question, before it is read.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Episode, Speaker } from '../../src/core/episode-model.ts';
import { ffmpeg } from './tools.ts';

export const WIDTH = 640;
export const HEIGHT = 360;

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';
export const FONTS = {
  regular: `${FONT_DIR}/DejaVuSans.ttf`,
  bold: `${FONT_DIR}/DejaVuSans-Bold.ttf`,
  mono: `${FONT_DIR}/DejaVuSansMono.ttf`,
} as const;

const COLORS = {
  ink: '0x17181c',
  red: '0xc8102e',
  redLight: '0xe8445a',
  white: '0xffffff',
  muted: '0xb8bcc6',
};

/** Where the cards for one episode are drawn (a temporary folder). */
export interface CardContext {
  readonly workDir: string;
  readonly episodeDir: string;
  readonly episode: Episode;
}

interface TextItem {
  readonly text: string;
  readonly font: keyof typeof FONTS;
  readonly size: number;
  readonly color: string;
  /** A number of pixels, or 'center'. */
  readonly x: number | 'center';
  readonly y: number;
}

let textFileCount = 0;

/**
 * A drawtext filter for one line. The text goes through a file (textfile=) with expansion off,
 * so quotes, colons and percent signs in titles need no filter escaping.
 */
async function drawText(context: CardContext, item: TextItem): Promise<string> {
  const file = path.join(context.workDir, `text-${textFileCount++}.txt`);
  await writeFile(file, item.text);
  const x = item.x === 'center' ? '(w-text_w)/2' : String(item.x);
  return [
    `drawtext=fontfile=${FONTS[item.font]}`,
    `textfile=${file}`,
    'expansion=none',
    `fontsize=${item.size}`,
    `fontcolor=${item.color}`,
    `x=${x}`,
    `y=${item.y}`,
  ].join(':');
}

/** Greedy word wrap to at most `width` characters per line. */
export function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** A small red box with a lid: the series' mark. */
function redBoxMark(x: number, y: number, scale: number): string[] {
  const s = (n: number) => Math.round(n * scale);
  return [
    `drawbox=x=${x}:y=${y + s(10)}:w=${s(60)}:h=${s(42)}:color=${COLORS.red}:t=fill`,
    `drawbox=x=${x - s(5)}:y=${y}:w=${s(70)}:h=${s(12)}:color=${COLORS.redLight}:t=fill`,
  ];
}

/** Render a filter chain over a plain background (and optional image inputs) to one PNG. */
async function renderCard(
  output: string,
  background: string,
  filters: readonly string[],
  overlays: readonly { file: string; size: number; x: number; y: number }[] = [],
): Promise<string> {
  const inputs = ['-f', 'lavfi', '-i', `color=c=${background}:s=${WIDTH}x${HEIGHT}:d=1:r=1`];
  let graph = '[0:v]format=rgb24[base0]';
  overlays.forEach((overlay, i) => {
    // librsvg rasterizes the SVG at the requested size, so portraits stay crisp.
    inputs.push(
      '-width',
      String(overlay.size),
      '-height',
      String(overlay.size),
      '-i',
      overlay.file,
    );
    graph += `;[base${i}][${i + 1}:v]overlay=x=${overlay.x}:y=${overlay.y}[base${i + 1}]`;
  });
  // Every card ends as rgb24: the concat demuxer would re-create the video filters (and lose
  // frames) wherever the pixel format changed from one card to the next.
  graph += `;[base${overlays.length}]${[...filters, 'format=rgb24'].join(',')}[out]`;
  await ffmpeg([
    ...inputs,
    '-filter_complex',
    graph,
    '-map',
    '[out]',
    '-frames:v',
    '1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    output,
  ]);
  return output;
}

/** "2024-09-12" → "September 12, 2024" (fixed locale and zone, so output is reproducible). */
export function formatDate(isoDate: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

function publisherName(episode: Episode): string {
  return (
    episode.credits?.find((credit) => credit.role === 'Publisher')?.name ??
    'LiNK (Liberty in North Korea)'
  );
}

function seriesName(episode: Episode): string {
  return episode.series ?? 'The Red Box';
}

/** The notice on the bundled episode's title card: its video is synthesized. */
export const STAND_IN_NOTICE = 'Synthesized stand-in, not the original video';

/**
 * The first card, also the poster: series mark, title, publisher and date, and a notice at the
 * foot (the stand-in notice unless another, or none, is given).
 */
export async function titleCard(
  context: CardContext,
  notice: string | null = STAND_IN_NOTICE,
): Promise<string> {
  const { episode } = context;
  const titleLines = wrapWords(episode.title, 34);
  const filters = [...redBoxMark(290, 36, 1)];
  filters.push(
    await drawText(context, {
      text: seriesName(episode).toUpperCase(),
      font: 'bold',
      size: 20,
      color: COLORS.white,
      x: 'center',
      y: 112,
    }),
  );
  for (const [i, line] of titleLines.entries()) {
    filters.push(
      await drawText(context, {
        text: line,
        font: 'bold',
        size: 28,
        color: COLORS.white,
        x: 'center',
        y: 158 + i * 38,
      }),
    );
  }
  const byline = `${publisherName(episode)} · ${formatDate(episode.published)}`;
  filters.push(
    await drawText(context, {
      text: byline,
      font: 'regular',
      size: 16,
      color: COLORS.muted,
      x: 'center',
      y: 168 + titleLines.length * 38,
    }),
  );
  if (notice) {
    filters.push(
      await drawText(context, {
        text: notice,
        font: 'regular',
        size: 13,
        color: COLORS.muted,
        x: 'center',
        y: 322,
      }),
    );
  }
  return renderCard(path.join(context.workDir, 'card-title.png'), COLORS.ink, filters);
}

/** The red card shown before a question is read: the series name and the question. */
export async function questionCard(
  context: CardContext,
  index: number,
  question: string,
): Promise<string> {
  const lines = wrapWords(question.replace(/\s*\n\s*/g, ' '), 30);
  const lineHeight = 40;
  const top = Math.round(200 - (lines.length * lineHeight) / 2);
  const filters = [
    `drawbox=x=24:y=24:w=${WIDTH - 48}:h=${HEIGHT - 48}:color=0xffffff@0.35:t=2`,
    await drawText(context, {
      text: seriesName(context.episode).toUpperCase(),
      font: 'bold',
      size: 18,
      color: COLORS.white,
      x: 'center',
      y: 48,
    }),
  ];
  for (const [i, line] of lines.entries()) {
    filters.push(
      await drawText(context, {
        text: line,
        font: 'bold',
        size: 28,
        color: COLORS.white,
        x: 'center',
        y: top + i * lineHeight,
      }),
    );
  }
  return renderCard(path.join(context.workDir, `card-question-${index}.png`), COLORS.red, filters);
}

/**
 * A plain silhouette, for a speaker without a portrait and always for an anonymous one (whose
 * portrait file is never used).
 */
async function silhouette(context: CardContext, color: string): Promise<string> {
  const file = path.join(context.workDir, `silhouette-${color.replace('#', '')}.svg`);
  await writeFile(
    file,
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" width="128" height="128">` +
      `<circle cx="64" cy="64" r="64" fill="${color}"/>` +
      `<circle cx="64" cy="50" r="21" fill="#fff" fill-opacity="0.85"/>` +
      `<path d="M24 118c4-22 20-36 40-36s36 14 40 36a64 64 0 0 1-80 0z" fill="#fff" fill-opacity="0.85"/></svg>`,
  );
  return file;
}

/** A speaker's card: portrait (or silhouette), name, a bar in their colour, the series name. */
export async function speakerCard(
  context: CardContext,
  speaker: Speaker,
  group: boolean,
): Promise<string> {
  const color = /^#[0-9a-f]{6}$/i.test(speaker.color ?? '') ? speaker.color! : '#5b6170';
  const portrait =
    speaker.portrait && !speaker.anonymous && !/^https?:/i.test(speaker.portrait)
      ? path.join(context.episodeDir, speaker.portrait)
      : await silhouette(context, color);
  const filters = [
    ...redBoxMark(28, 24, 0.3),
    await drawText(context, {
      text: seriesName(context.episode),
      font: 'bold',
      size: 16,
      color: COLORS.white,
      x: 56,
      y: 26,
    }),
    await drawText(context, {
      text: speaker.name,
      font: 'bold',
      size: 44,
      color: COLORS.white,
      x: 290,
      y: 140,
    }),
    `drawbox=x=292:y=200:w=96:h=6:color=0x${color.slice(1)}:t=fill`,
    await drawText(context, {
      text: group ? 'Synthesized voices' : 'Synthesized voice',
      font: 'regular',
      size: 14,
      color: COLORS.muted,
      x: 292,
      y: 222,
    }),
  ];
  return renderCard(
    path.join(context.workDir, `card-speaker-${speaker.id}.png`),
    COLORS.ink,
    filters,
    [{ file: portrait, size: 180, x: 70, y: 90 }],
  );
}

/** The last card: the series, the credits from episode.json and the media note. */
export async function endCard(context: CardContext): Promise<string> {
  const { episode } = context;
  const filters = [...redBoxMark(290, 30, 1)];
  filters.push(
    await drawText(context, {
      text: seriesName(episode).toUpperCase(),
      font: 'bold',
      size: 20,
      color: COLORS.white,
      x: 'center',
      y: 104,
    }),
  );
  let y = 150;
  const credits = episode.credits?.length
    ? episode.credits
    : [{ role: 'Publisher', name: publisherName(episode) }];
  for (const credit of credits) {
    for (const line of wrapWords(`${credit.role}: ${credit.name}`, 58)) {
      filters.push(
        await drawText(context, {
          text: line,
          font: 'regular',
          size: 16,
          color: COLORS.white,
          x: 'center',
          y,
        }),
      );
      y += 24;
    }
  }
  y += 14;
  for (const line of wrapWords(
    episode.media.note ?? 'Synthesized stand-in, not the original video.',
    74,
  )) {
    filters.push(
      await drawText(context, {
        text: line,
        font: 'regular',
        size: 13,
        color: COLORS.muted,
        x: 'center',
        y,
      }),
    );
    y += 19;
  }
  return renderCard(path.join(context.workDir, 'card-end.png'), COLORS.ink, filters);
}
