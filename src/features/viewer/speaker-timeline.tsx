/**
 * Who speaks when: a coloured lane per speaker, the playhead, click (or arrow keys) to seek.
 * The playhead moves every frame by a CSS transform set outside React: time never enters state.
 */
import { memo, useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { Episode, Speaker } from '../../core/episode-model.ts';
import { formatClock } from '../../core/time-format.ts';
import { laneColor, lanePaths, timelineDuration, timelineSpans } from '../../core/speaker-lanes.ts';
import type { SpeakerSpan } from '../../core/transcript.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { useI18n } from '../shared/i18n.tsx';
import { useCurrentSpeakerId } from '../shared/speakers-strip.tsx';
import { usePlayback, usePlayerRuntime } from '../shared/player-runtime.tsx';

export function SpeakerTimeline({
  episode,
  cues,
  follower,
}: {
  episode: Episode;
  cues: readonly ParsedCue[];
  follower: ClockFollower | null;
}) {
  const speakingId = useCurrentSpeakerId(follower, cues);
  const { t } = useI18n();
  const { seek, clock } = usePlayerRuntime();
  const mediaDuration = usePlayback((state) => state.duration);
  const duration = useMemo(
    () => timelineDuration(mediaDuration, episode.media.duration, cues),
    [mediaDuration, episode.media.duration, cues],
  );
  const spans = useMemo(() => timelineSpans(cues, duration), [cues, duration]);
  const trackRef = useRef<HTMLDivElement>(null);
  const playheadRef = useRef<HTMLDivElement>(null);

  // Move the playhead each frame while playing; once on every media event otherwise.
  useEffect(() => {
    const media = clock?.media;
    const playhead = playheadRef.current;
    if (!media || !playhead) return;
    let frame = 0;
    const track = trackRef.current;
    let shownSecond = -1;
    let shownPixel = -1;
    // The observer reports the width before the first paint; reading clientWidth here would force
    // a layout of the whole page while it first renders.
    let width = 0;
    const resize = new ResizeObserver(([entry]) => {
      width = entry?.contentRect.width ?? width;
      shownPixel = -1;
      place();
    });
    if (track) resize.observe(track);
    const place = (): void => {
      const fraction = Math.min(1, Math.max(0, media.currentTime / duration));
      // Written only when it moves by a whole pixel (a few times a second, not every frame),
      // as a transform of a track-wide layer: the compositor moves it, with no layout or paint.
      const pixel = Math.round(fraction * width);
      if (pixel !== shownPixel) {
        shownPixel = pixel;
        playhead.style.transform = `translateX(${pixel}px)`;
      }
      // The slider's value, for assistive technology, changes once a second, set here rather
      // than through React so the lanes do not re-render while the video plays.
      const second = Math.floor(media.currentTime);
      if (track && second !== shownSecond) {
        shownSecond = second;
        track.setAttribute('aria-valuenow', String(second));
        track.setAttribute('aria-valuetext', formatClock(second));
      }
    };
    const loop = (): void => {
      place();
      frame = !media.paused && !document.hidden ? requestAnimationFrame(loop) : 0;
    };
    const onEvent = (): void => {
      cancelAnimationFrame(frame);
      loop();
    };
    const events = ['play', 'pause', 'seeked', 'seeking', 'timeupdate', 'loadedmetadata'];
    events.forEach((type) => media.addEventListener(type, onEvent));
    onEvent();
    return () => {
      cancelAnimationFrame(frame);
      resize.disconnect();
      events.forEach((type) => media.removeEventListener(type, onEvent));
    };
  }, [clock, duration]);

  const seekToPointer = (event: PointerEvent<HTMLDivElement>): void => {
    const rect = event.currentTarget.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
    seek(fraction * duration);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const now = clock?.media.currentTime ?? 0;
    const steps: Record<string, number> = {
      ArrowLeft: now - 5,
      ArrowRight: now + 5,
      PageDown: now - 30,
      PageUp: now + 30,
      Home: 0,
      End: duration,
    };
    const target = steps[event.key];
    if (target === undefined) return;
    event.preventDefault();
    seek(Math.min(duration, Math.max(0, target)));
  };

  return (
    <div className="timeline">
      <h2 className="section-title">{t.timelineLabel}</h2>
      <div className="timeline__body">
        <ul className="timeline__names" aria-hidden="true">
          {episode.speakers.map((speaker) => (
            <li
              key={speaker.id}
              className={
                speaker.id === speakingId
                  ? 'timeline__name timeline__name--speaking'
                  : 'timeline__name'
              }
            >
              {speaker.name}
            </li>
          ))}
        </ul>
        <div
          ref={trackRef}
          className="timeline__track"
          role="slider"
          tabIndex={0}
          aria-label={t.timelineLabel}
          aria-valuemin={0}
          aria-valuemax={Math.round(duration)}
          aria-valuenow={0}
          aria-valuetext={formatClock(0)}
          onPointerDown={seekToPointer}
          onKeyDown={onKeyDown}
        >
          <TimelineLanes speakers={episode.speakers} spans={spans} duration={duration} />
          <div ref={playheadRef} className="timeline__playhead" aria-hidden="true">
            <div className="timeline__playhead-line" />
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * The lanes: one per speaker, its stretches of speech drawn as one SVG path (a three-hour
 * interview has thousands of stretches; one element per lane keeps the first render and layout
 * cheap). Re-rendered only with data.
 */
const TimelineLanes = memo(function TimelineLanes({
  speakers,
  spans,
  duration,
}: {
  speakers: readonly Speaker[];
  spans: readonly SpeakerSpan[];
  duration: number;
}) {
  const paths = useMemo(() => lanePaths(spans, duration), [spans, duration]);
  return speakers.map((speaker, index) => {
    const color = laneColor(speaker, index);
    return (
      <div key={speaker.id} className="timeline__lane" data-speaker-id={speaker.id}>
        <svg
          className="timeline__lane-art"
          viewBox={`0 0 ${duration} 1`}
          preserveAspectRatio="none"
          aria-hidden="true"
          focusable="false"
        >
          <path d={paths.get(speaker.id) ?? ''} fill={color} />
        </svg>
      </div>
    );
  });
});
