/**
 * Sampling the marked transcript line while the video plays, and what a sample may show: shared by
 * the tests that check the line sync on MP4 and on HLS; seeking the paused video, for the word
 * tests.
 */
import type { Page } from 'playwright-core';
import type { ParsedCue } from '../../../src/core/vtt-parse.ts';
import { findCueIndexAt } from '../../../src/core/time-index.ts';

/** Pause the page's video and seek it to `time`; resolves once the media clock has answered. */
export async function seekVideo(page: Page, time: number): Promise<void> {
  await page.evaluate(async (time) => {
    const video = document.querySelector('video')!;
    video.pause();
    video.currentTime = time;
    await new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    // The clock answers on `seeked`; let its listeners run.
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }, time);
}

export interface LineSample {
  readonly time: number;
  readonly marked: string | null;
}

/**
 * Play from `from` at `rate` for `seconds` of wall time, sampling the marked line every ~100 ms;
 * with `until` (a video time), stop as soon as a sample is past it instead: the stretch crosses
 * the boundaries before `until` however fast the video runs, and no wall time is spent after.
 */
export function sampleMarkedLine(
  page: Page,
  from: number,
  rate: number,
  seconds: number,
  until = Infinity,
): Promise<LineSample[]> {
  return page.evaluate(
    async ({ from, rate, seconds, until }) => {
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
      const past = () => until !== null && (samples.at(-1)?.time ?? -Infinity) > until;
      while (performance.now() < end && !past()) {
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
    // JSON has no Infinity: null stands for "no end but the wall time".
    { from, rate, seconds, until: Number.isFinite(until) ? until : null },
  );
}

/**
 * The cue ids a sample at `time` may show marked, allowing `slack` seconds after a boundary: what
 * the playhead held at any moment of [time − slack, time]. That is the state at both ends and on
 * each side of every boundary inside the window: a gap between two lines shorter than the slack
 * (the bundled episode has 67 ms ones) may still be marked as no line just after the next begins.
 */
export function acceptableMarks(
  cues: readonly ParsedCue[],
  time: number,
  slack: number,
): Set<string | null> {
  const from = time - slack;
  const moments = [time, from];
  for (const cue of cues) {
    for (const boundary of [cue.startTime, cue.endTime]) {
      if (boundary > from && boundary <= time) moments.push(boundary, boundary - 1e-6);
    }
  }
  const ids = new Set<string | null>();
  for (const t of moments) {
    const index = findCueIndexAt(cues, t);
    ids.add(index >= 0 ? cues[index]!.id : null);
  }
  return ids;
}
