/**
 * Sampling the marked transcript line while the video plays, and what a sample may show: shared by
 * the tests that check the line sync on MP4 and on HLS.
 */
import type { Page } from 'playwright-core';
import type { ParsedCue } from '../../../src/core/vtt-parse.ts';
import { findCueIndexAt } from '../../../src/core/time-index.ts';

export interface LineSample {
  readonly time: number;
  readonly marked: string | null;
}

/** Play from `from` at `rate` for `seconds` of wall time, sampling the marked line every ~100 ms. */
export function sampleMarkedLine(
  page: Page,
  from: number,
  rate: number,
  seconds: number,
): Promise<LineSample[]> {
  return page.evaluate(
    async ({ from, rate, seconds }) => {
      const video = document.querySelector('video')!;
      video.muted = true;
      // A seek before the metadata is only remembered (no 'seeked' follows), and a source switch
      // (video.js handing the element to http-streaming, a fallback to the files) drops one made
      // meanwhile: seek again on the new source until one lands.
      for (;;) {
        if (video.readyState < HTMLMediaElement.HAVE_METADATA) {
          await new Promise((resolve) =>
            video.addEventListener('loadedmetadata', resolve, { once: true }),
          );
        }
        const landed = await new Promise<boolean>((resolve) => {
          video.addEventListener('seeked', () => resolve(true), { once: true });
          video.addEventListener('emptied', () => resolve(false), { once: true });
          video.currentTime = from;
        });
        if (landed) break;
      }
      video.playbackRate = rate;
      await video.play();
      const samples: { time: number; marked: string | null }[] = [];
      const end = performance.now() + seconds * 1000;
      while (performance.now() < end) {
        await new Promise((resolve) => setTimeout(resolve, 97));
        samples.push({
          time: video.currentTime,
          marked:
            document
              .querySelector('[data-cue-id][aria-current="true"]')
              ?.getAttribute('data-cue-id') ?? null,
        });
      }
      video.pause();
      return samples;
    },
    { from, rate, seconds },
  );
}

/** The cue ids a sample at `time` may show marked, allowing `slack` seconds after a boundary. */
export function acceptableMarks(
  cues: readonly ParsedCue[],
  time: number,
  slack: number,
): Set<string | null> {
  const ids = new Set<string | null>();
  for (const t of [time, time - slack]) {
    const index = findCueIndexAt(cues, t);
    ids.add(index >= 0 ? cues[index]!.id : null);
  }
  return ids;
}
