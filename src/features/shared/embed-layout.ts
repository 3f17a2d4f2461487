/**
 * The embed's geometry, shared by the player page (which lays itself out by it) and embed.js
 * (which reserves the iframe's height by it before the page loads, so the partner's page does not
 * shift). Everything depends on the iframe's width only: the video is 16:9, every other part has
 * a fixed height.
 *
 * Stacked (narrow, or without transcript):  video / question / speakers / transcript / footer.
 * Wide (with transcript): video, question and speakers on the left, the transcript beside them at
 * least `transcriptHeight` tall, the footer across. All sizes are CSS pixels.
 */

/** Fixed heights of the parts around the video, and where the layout turns wide. */
export const EMBED_SIZES = {
  questionHeight: 76,
  speakersHeight: 56,
  footerHeight: 36,
  /** From this iframe width up, the transcript sits beside the video. */
  wideFromWidth: 700,
  /** The transcript column of the wide layout: this share of the width, within the bounds. */
  sideShare: 0.4,
  sideMinWidth: 300,
  sideMaxWidth: 460,
} as const;

/** The transcript panel's height when the embed does not say (`transcriptHeight`). */
export const DEFAULT_TRANSCRIPT_HEIGHT = 320;
export const MIN_TRANSCRIPT_HEIGHT = 120;
export const MAX_TRANSCRIPT_HEIGHT = 1200;

const VIDEO_ASPECT = 9 / 16;

export interface EmbedLayoutOptions {
  readonly transcript: boolean;
  /** Pixels; already within MIN/MAX_TRANSCRIPT_HEIGHT. */
  readonly transcriptHeight: number;
}

export interface EmbedLayout {
  readonly mode: 'wide' | 'stacked';
  /** The whole embed, rounded up to a whole pixel (what the iframe must be). */
  readonly height: number;
  /** Width of the transcript column in the wide layout, 0 otherwise. */
  readonly sideWidth: number;
  /** Height of the transcript panel (0 without transcript). */
  readonly transcriptHeight: number;
}

/** The layout of an embed `width` pixels wide. */
export function embedLayout(width: number, options: EmbedLayoutOptions): EmbedLayout {
  const safeWidth = Number.isFinite(width) && width > 0 ? width : 0;
  const { questionHeight, speakersHeight, footerHeight } = EMBED_SIZES;
  const info = questionHeight + speakersHeight;
  if (options.transcript && safeWidth >= EMBED_SIZES.wideFromWidth) {
    const sideWidth = Math.round(
      Math.min(
        EMBED_SIZES.sideMaxWidth,
        Math.max(EMBED_SIZES.sideMinWidth, safeWidth * EMBED_SIZES.sideShare),
      ),
    );
    const left = (safeWidth - sideWidth) * VIDEO_ASPECT + info;
    const body = Math.max(left, options.transcriptHeight);
    return {
      mode: 'wide',
      height: Math.ceil(body + footerHeight),
      sideWidth,
      transcriptHeight: body,
    };
  }
  const transcriptHeight = options.transcript ? options.transcriptHeight : 0;
  return {
    mode: 'stacked',
    height: Math.ceil(safeWidth * VIDEO_ASPECT + info + transcriptHeight + footerHeight),
    sideWidth: 0,
    transcriptHeight,
  };
}

/**
 * The layout's sizes as CSS custom properties (the embed's stylesheet never repeats a number): set
 * on the player's root by the app, and on the pre-rendered page's `<html>` before its first paint
 * (src/features/embed/served-embed-start.ts), so both lay out alike.
 */
export function layoutProperties(layout: EmbedLayout): Record<`--embed-${string}`, string> {
  return {
    '--embed-height': `${layout.height}px`,
    '--embed-question-height': `${EMBED_SIZES.questionHeight}px`,
    '--embed-speakers-height': `${EMBED_SIZES.speakersHeight}px`,
    '--embed-footer-height': `${EMBED_SIZES.footerHeight}px`,
    '--embed-side-width': `${layout.sideWidth}px`,
    '--embed-transcript-height': `${layout.transcriptHeight}px`,
  };
}
