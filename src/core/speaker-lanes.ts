/**
 * The speaker timeline's drawing, as data (the app's SpeakerTimeline and the pre-rendered watch
 * page draw the same lanes): a colour per speaker and, per speaker, one SVG path of their stretches
 * of speech, x in seconds.
 */
import type { Cue } from './cue-model.ts';
import type { Speaker } from './episode-model.ts';
import { speakerSpans, type SpeakerSpan } from './transcript.ts';

const FALLBACK_COLORS = ['#7b5ea7', '#1f8a80', '#c47a12', '#3a6ea5', '#5f8a2d', '#a33b5c'];

/** A speaker's lane colour: their own, else one of six by their place in the list. */
export function laneColor(speaker: Speaker, index: number): string {
  return speaker.color ?? FALLBACK_COLORS[index % FALLBACK_COLORS.length]!;
}

/**
 * The length the timeline spans, in seconds: the media's once known (`mediaDuration`, NaN before
 * its metadata), else the episode's `media.duration`, else the last cue's end.
 */
export function timelineDuration(
  mediaDuration: number,
  episodeDuration: number | undefined,
  cues: readonly Pick<Cue, 'endTime'>[],
): number {
  if (Number.isFinite(mediaDuration) && mediaDuration > 0) return mediaDuration;
  return (episodeDuration ?? cues.reduce((end, cue) => Math.max(end, cue.endTime), 0)) || 1;
}

/**
 * The stretches of speech the timeline draws for `duration` seconds: pauses shorter than about a
 * pixel of the lane are joined (a three-hour interview would otherwise draw thousands of slivers
 * nobody can see).
 */
export function timelineSpans(
  cues: Parameters<typeof speakerSpans>[0],
  duration: number,
): SpeakerSpan[] {
  return speakerSpans(cues, Math.max(1, duration / 800));
}

/** Per speaker, an SVG path with a rectangle per span (x in seconds, 0–1 high), at least 0.2 % wide. */
export function lanePaths(spans: readonly SpeakerSpan[], duration: number): Map<string, string> {
  const minWidth = duration * 0.002;
  const round = (value: number): number => Math.round(value * 1000) / 1000;
  const paths = new Map<string, string>();
  for (const span of spans) {
    const width = round(Math.max(minWidth, span.endTime - span.startTime));
    const rect = `M${round(span.startTime)} 0h${width}v1h${-width}z`;
    paths.set(span.speakerId, (paths.get(span.speakerId) ?? '') + rect);
  }
  return paths;
}
