/**
 * The thin video.js adapter: the only module that imports video.js.
 *
 * It creates the `<video>` element itself inside a container React owns (so React never has to
 * reconcile what video.js moved), and disposes it on unmount; mounting twice (React StrictMode)
 * simply makes two players in turn. Everything else talks to the plain HTMLVideoElement it
 * exposes, through the playback store and the media clock.
 */
import videojs from 'video.js/core.es.js';
import 'video.js/dist/video-js.css';
import koreanInterface from 'video.js/dist/lang/ko.json' with { type: 'json' };
import type { Seconds } from '../core/cue-model.ts';
import { planSources, type HlsCapabilities } from '../core/media-sources.ts';

type Player = ReturnType<typeof videojs>;

videojs.addLanguage('ko', koreanInterface);

// Media errors are handled by the page (a message, a retry, the transcript still readable), so
// video.js's own report of them is a warning, not an error in the console.
videojs.log.error = (...args: unknown[]) => console.warn('[red-box] video.js:', ...args);

export interface VideoSource {
  readonly src: string;
  readonly type: string;
}

/** One caption cue, its text as WebVTT cue text (markup, escaped). */
export interface CaptionCue {
  readonly id: string;
  readonly startTime: Seconds;
  readonly endTime: Seconds;
  readonly text: string;
  readonly align?: 'start' | 'center' | 'end' | 'left' | 'right';
  readonly line?: number | 'auto';
  readonly position?: number | 'auto';
  readonly size?: number;
}

export interface CaptionTrack {
  readonly lang: string;
  readonly label: string;
  /** The cues, or null while the file is not loaded (the track is listed, filled when wanted). */
  readonly cues: readonly CaptionCue[] | null;
}

export interface ChapterMarker {
  readonly time: Seconds;
  readonly label: string;
}

export interface VideoPlayerOptions {
  readonly sources: readonly VideoSource[];
  readonly poster?: string;
  /** The interface language of video.js's own controls ('en', 'ko'). */
  readonly language: string;
  /** Accessible name of the player region. */
  readonly label: string;
  /** Muted autoplay (the only kind browsers allow, and the only kind partners get). */
  readonly autoplayMuted?: boolean;
  readonly playbackRates?: readonly number[];
}

export interface VideoPlayer {
  /** The one `<video>` element of this player. */
  readonly media: HTMLVideoElement;
  /**
   * Set the caption tracks; `showing` is the language shown, or null for none. Only shown tracks
   * get their cues (10,000 cues per language cost time); a track chosen in the captions menu
   * whose cues are not loaded yet is reported through `onCaptionsWanted`.
   */
  setCaptions(tracks: readonly CaptionTrack[], showing: string | null): void;
  /** Hear when the viewer picks a caption language whose cues were not given yet. */
  onCaptionsWanted(listener: (lang: string) => void): () => void;
  /** Put chapter markers on the progress bar. */
  setChapterMarkers(markers: readonly ChapterMarker[]): void;
  /** Load the sources again (after a network failure). */
  reload(): void;
  /**
   * How HLS is played: 'native', 'http-streaming' (video.js's VHS, loaded for this player),
   * or 'files' (no HLS source, or it failed and the player fell back to the files after it).
   */
  delivery(): 'native' | 'http-streaming' | 'files';
  dispose(): void;
}

const DEFAULT_RATES = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2];
/** Playlist retries by http-streaming during playback before the files take over. */
const MAX_PLAYLIST_RETRIES = 3;

/**
 * Mount a video.js player into `container` (owned by the caller): on the `<video>` already in it
 * (the browser's own player the page showed while video.js loaded, native-video.ts: a play
 * already started goes on, nothing loads twice), else on a new one.
 */
export function mountVideoPlayer(container: HTMLElement, options: VideoPlayerOptions): VideoPlayer {
  const adopted = container.querySelector('video');
  const media = adopted ?? document.createElement('video');
  media.className = 'video-js vjs-fluid vjs-big-play-centered';
  media.setAttribute('playsinline', '');
  if (adopted) {
    // video.js draws the controls and names the player's region.
    media.removeAttribute('controls');
    media.removeAttribute('aria-label');
  } else media.setAttribute('preload', 'auto');
  media.crossOrigin = 'anonymous';
  if (options.poster && media.getAttribute('poster') !== options.poster) {
    media.poster = options.poster;
  }
  if (options.autoplayMuted) {
    media.muted = true;
    media.autoplay = true;
  }
  if (!adopted) container.appendChild(media);

  // HLS natively, through http-streaming (its code loaded now, for this player only), or not at
  // all; the files after an HLS source are the fallback when it fails.
  // An adopted element the viewer has already played or seeked keeps the source it chose (a file
  // where the browser cannot play HLS itself): switching to http-streaming now would restart the
  // media and lose that play or seek.
  const inUse = adopted !== null && (!adopted.paused || adopted.currentTime > 0);
  const plan = planSources(
    options.sources,
    inUse ? { native: true, mediaSource: false } : hlsCapabilities(),
  );
  let current = plan.sources;
  const needsHttpStreaming = plan.hls === 'http-streaming';

  const rates = options.playbackRates ?? DEFAULT_RATES;
  const player: Player = videojs(media, {
    language: options.language,
    fluid: true,
    aspectRatio: '16:9',
    playbackRates: [...rates],
    // Native text tracks: the browser renders captions and fires cuechange within a few ms.
    html5: { nativeTextTracks: true, nativeAudioTracks: true, nativeVideoTracks: true },
    // Errors are shown by the page, with a retry and the transcript still readable.
    errorDisplay: false,
    userActions: { hotkeys: (event: KeyboardEvent) => handleHotkey(player, event, rates) },
    controlBar: { pictureInPictureToggle: true, remainingTimeDisplay: false },
    sources: needsHttpStreaming ? [] : toPlayerSources(current),
  });
  player.el().setAttribute('aria-label', options.label);
  relaxSeekBarUpdates(player);

  // The viewer's intent, for resuming after a switch (an error pauses the element by itself).
  let wantsToPlay = Boolean(options.autoplayMuted);

  /** Give the player other sources, keeping the position and whether it was playing. */
  function switchSources(next: readonly VideoSource[]): void {
    if (player.isDisposed()) return;
    const resumeAt = media.currentTime || 0;
    const resume = wantsToPlay;
    current = next;
    player.error(null as never);
    player.src(toPlayerSources(next));
    if (resumeAt > 0 || resume)
      player.one('loadedmetadata', () => {
        if (resumeAt > 0) player.currentTime(resumeAt);
        if (resume) void player.play()?.catch(() => {});
      });
  }

  if (needsHttpStreaming) {
    import('./http-streaming.ts').then(
      () => {
        if (player.isDisposed()) return;
        // The viewer played or seeked the browser's own choice while this code loaded: keep it,
        // as at adoption above (the switch would restart the media and lose that play or seek).
        if (adopted && (!media.paused || media.seeking || media.currentTime > 0)) return;
        player.src(toPlayerSources(current));
      },
      (error: unknown) => {
        console.warn('[red-box] http-streaming did not load; playing the file instead:', error);
        switchSources(plan.fallback);
      },
    );
  }

  player.on('play', () => (wantsToPlay = true));
  player.on('pause', () => {
    if (!player.error()) wantsToPlay = false;
  });
  // An HLS stream that fails (a missing or broken playlist, segments that do not load, a codec
  // the browser refuses) gives way to the files after it, once; a file's own failure is the
  // page's to show, with its retry.
  const fallBack = (reason: string): void => {
    if (current === plan.fallback || plan.hls === 'files' || !plan.fallback.length) return;
    console.warn(`[red-box] the HLS stream failed (${reason}); playing the file instead`);
    switchSources(plan.fallback);
  };
  player.on('error', () => fallBack(`media error ${player.error()?.code}`));
  if (needsHttpStreaming) {
    // http-streaming retries a playlist it cannot load instead of failing: for a stream that only
    // has one rendition, forever. Before the first frame, the file is the better offer at once;
    // during playback, after a few retries.
    let retries = 0;
    player.ready(() => {
      (player.tech(true) as unknown as { on(type: string, fn: () => void): void }).on(
        'retryplaylist',
        () => {
          retries += 1;
          if (media.readyState < HTMLMediaElement.HAVE_METADATA || retries >= MAX_PLAYLIST_RETRIES)
            fallBack(`a playlist did not load ${retries} time(s)`);
        },
      );
    });
  }

  // One text track per language, kept for the player's life: tracks made with addTextTrack
  // cannot be removed, and need no <track> element that would try to load a file. Their cues are
  // replaced when the transcript changes (a new draft, a file edited on disk).
  const captionTracks = new Map<string, TextTrack>();
  const givenCues = new Map<string, readonly CaptionCue[] | null>();
  const filledWith = new Map<string, readonly CaptionCue[] | null>();
  const wantedListeners = new Set<(lang: string) => void>();
  let lastShowingParam: string | null | undefined;
  // The viewer's own choice in the captions menu ('' = off) wins until the page asks for
  // another language (the transcript language changed: captions follow).
  let viewerChoice: string | null = null;
  let applyingCaptions = false;

  function fill(key: string): void {
    const track = captionTracks.get(key);
    const cues = givenCues.get(key) ?? null;
    if (!track || filledWith.get(key) === cues) return;
    if (cues === null) {
      wantedListeners.forEach((listener) => listener(track.language));
      return;
    }
    replaceCues(track, cues, media.currentTime || 0);
    filledWith.set(key, cues);
  }

  function applyModes(wanted: string | undefined): void {
    applyingCaptions = true;
    for (const [key, track] of captionTracks) {
      if (key === wanted) fill(key);
      track.mode = key === wanted ? 'showing' : 'disabled';
    }
    // Track 'change' events are queued as tasks: stop ignoring them after they have run.
    setTimeout(() => (applyingCaptions = false), 0);
  }

  // A seek into a part of a long transcript whose captions are not in yet puts them in at once.
  media.addEventListener('seeking', () => {
    for (const track of captionTracks.values()) fillings.get(track)?.around(media.currentTime);
  });

  media.textTracks.addEventListener('change', () => {
    if (applyingCaptions) return;
    const shown = [...captionTracks].find(([, track]) => track.mode === 'showing');
    viewerChoice = shown ? shown[0] : '';
    if (shown) fill(shown[0]);
  });

  let markers: readonly ChapterMarker[] = [];
  let pendingCaptions: { tracks: readonly CaptionTrack[]; showing: string | null } | null = null;

  function renderMarkers(): void {
    const holder = player.el().querySelector('.vjs-progress-holder');
    if (!holder) return;
    holder.querySelectorAll('.rb-chapter-marker').forEach((node) => node.remove());
    const duration = player.duration();
    if (!duration || !Number.isFinite(duration)) return;
    for (const marker of markers) {
      if (marker.time <= 0 || marker.time >= duration) continue;
      const node = document.createElement('div');
      node.className = 'rb-chapter-marker';
      node.style.left = `${(marker.time / duration) * 100}%`;
      node.title = marker.label;
      node.setAttribute('aria-hidden', 'true');
      holder.appendChild(node);
    }
  }
  player.on('durationchange', renderMarkers);
  player.on('loadedmetadata', renderMarkers);

  return {
    media,
    setCaptions(tracks, showing) {
      // Text tracks live on video.js's tech, which exists once the player is ready; before that,
      // apply the latest captions as soon as it is (at once when it already is).
      pendingCaptions = { tracks, showing };
      player.ready(applyPendingCaptions, true);
    },
    onCaptionsWanted(listener) {
      wantedListeners.add(listener);
      return () => wantedListeners.delete(listener);
    },
    setChapterMarkers(next) {
      markers = next;
      renderMarkers();
    },
    reload() {
      player.error(null as never);
      player.src(toPlayerSources(current));
      player.load();
    },
    delivery() {
      return current === plan.fallback ? 'files' : plan.hls;
    },
    dispose() {
      player.dispose();
    },
  };

  function applyPendingCaptions(): void {
    if (!pendingCaptions) return;
    const { tracks, showing } = pendingCaptions;
    pendingCaptions = null;
    const showingKey = showing?.toLowerCase() ?? null;
    if (showingKey !== lastShowingParam) viewerChoice = null;
    lastShowingParam = showingKey;
    const given = new Set<string>();
    for (const track of tracks) {
      const key = track.lang.toLowerCase();
      given.add(key);
      if (!captionTracks.has(key)) {
        captionTracks.set(
          key,
          player.addTextTrack('captions', track.label, track.lang) as unknown as TextTrack,
        );
      }
      givenCues.set(key, track.cues);
    }
    for (const key of captionTracks.keys()) {
      if (given.has(key)) continue;
      givenCues.set(key, []);
    }
    const wanted = viewerChoice ?? showingKey ?? undefined;
    applyModes(wanted === '' ? undefined : wanted);
    // Tracks already filled but no longer current keep their cues until shown again; a file
    // edited on disk refills them then.
    for (const key of captionTracks.keys()) {
      if (key !== wanted && filledWith.has(key) && filledWith.get(key) !== givenCues.get(key)) {
        filledWith.delete(key);
      }
    }
  }
}

function toPlayerSources(sources: readonly VideoSource[]): { src: string; type: string }[] {
  return sources.map((source) => ({ src: source.src, type: source.type }));
}

/**
 * What this browser can do with HLS: play it natively (`canPlayType`), or through Media Source
 * Extensions that take H.264/AAC in MP4 (what http-streaming needs; ManagedMediaSource on iOS).
 */
function hlsCapabilities(): HlsCapabilities {
  const native = document.createElement('video').canPlayType('application/vnd.apple.mpegurl');
  const scope = window as unknown as {
    MediaSource?: { isTypeSupported?: (type: string) => boolean };
    ManagedMediaSource?: { isTypeSupported?: (type: string) => boolean };
  };
  const mse = scope.ManagedMediaSource ?? scope.MediaSource;
  return {
    native: native !== '',
    mediaSource: Boolean(mse?.isTypeSupported?.('video/mp4; codecs="avc1.4d400d,mp4a.40.2"')),
  };
}

/** Cues put in at once around the playhead (before it, after it): enough for a minute or two. */
const AROUND_BEFORE = 5;
const AROUND_AFTER = 40;

interface TrackFilling {
  readonly cues: VTTCue[];
  /** Put in the cues around `time` now (after a seek into a part not filled yet). */
  around(time: number): void;
  cancel(): void;
}
const fillings = new WeakMap<TextTrack, TrackFilling>();

/**
 * Replace a track's cues. Thousands of VTTCues take a while to build, so the cues around `now`
 * go in at once (captions show right away) and the rest while the page is idle, so a three-hour
 * transcript's captions never hold up the first render or a frame; a seek puts in the cues
 * around its target at once.
 */
function replaceCues(track: TextTrack, cues: readonly CaptionCue[], now = 0): void {
  const previous = fillings.get(track);
  previous?.cancel();
  for (const cue of previous?.cues ?? []) track.removeCue(cue);
  const added: VTTCue[] = [];
  const done = new Uint8Array(cues.length);
  const addAt = (i: number): void => {
    if (i < 0 || i >= cues.length || done[i]) return;
    done[i] = 1;
    const vttCue = toVttCue(cues[i]!);
    track.addCue(vttCue);
    added.push(vttCue);
  };
  const around = (time: number): void => {
    const first = firstEndingAfter(cues, time);
    for (let i = first - AROUND_BEFORE; i < first + AROUND_AFTER; i++) addAt(i);
  };
  let cursor = 0;
  let cancelScheduled = (): void => {};
  const work = (hasTime: () => boolean): void => {
    while (cursor < cues.length && hasTime()) {
      // A few cues per check: asking for the time is not free.
      for (const end = Math.min(cues.length, cursor + 20); cursor < end; cursor++) addAt(cursor);
    }
    if (cursor < cues.length) cancelScheduled = whenIdle(work);
  };
  around(now);
  if (added.length < cues.length) cancelScheduled = whenIdle(work);
  fillings.set(track, { cues: added, around, cancel: () => cancelScheduled() });
}

/** Index of the first cue that ends after `time` (cues in time order), or cues.length. */
function firstEndingAfter(cues: readonly CaptionCue[], time: number): number {
  let low = 0;
  let high = cues.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (cues[mid]!.endTime > time) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** Run `work` when the page is idle (at the latest after a second), with a "time left?" test. */
function whenIdle(work: (hasTime: () => boolean) => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(
      (deadline) => {
        // Called for the timeout, it has no idle time left: take a short slice anyway.
        const until = performance.now() + 8;
        work(() =>
          deadline.didTimeout ? performance.now() < until : deadline.timeRemaining() > 1,
        );
      },
      { timeout: 1000 },
    );
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(() => {
    const until = performance.now() + 8;
    work(() => performance.now() < until);
  }, 0);
  return () => clearTimeout(id);
}

function toVttCue(cue: CaptionCue): VTTCue {
  const vttCue = new VTTCue(cue.startTime, cue.endTime, cue.text);
  vttCue.id = cue.id;
  if (cue.align) vttCue.align = cue.align as AlignSetting;
  if (cue.line !== undefined) vttCue.line = cue.line as LineAndPositionSetting;
  if (cue.position !== undefined) vttCue.position = cue.position as LineAndPositionSetting;
  if (cue.size !== undefined) vttCue.size = cue.size;
  return vttCue;
}

/**
 * Keyboard shortcuts while the player has focus, as in the players people know (YouTube):
 * k/Space play-pause, j/l ±10 s, ←/→ ±5 s, f fullscreen, m mute, c captions, </> speed, 0–9 jump.
 */
function handleHotkey(player: Player, event: KeyboardEvent, rates: readonly number[]): void {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const seekBy = (delta: number): void => {
    const duration = player.duration() || Infinity;
    player.currentTime(Math.min(duration, Math.max(0, (player.currentTime() ?? 0) + delta)));
  };
  const key = event.key;
  let handled = true;
  if (key === ' ' || key === 'k') {
    if (player.paused()) void player.play();
    else player.pause();
  } else if (key === 'j') seekBy(-10);
  else if (key === 'l') seekBy(10);
  else if (key === 'ArrowLeft') seekBy(-5);
  else if (key === 'ArrowRight') seekBy(5);
  else if (key === 'f') {
    if (player.isFullscreen()) void player.exitFullscreen();
    else void player.requestFullscreen();
  } else if (key === 'm') player.muted(!player.muted());
  else if (key === 'c') toggleCaptions(player);
  else if (key === '>' || key === '<') {
    const current = player.playbackRate() ?? 1;
    const index = rates.indexOf(current);
    const next = rates[Math.min(rates.length - 1, Math.max(0, index + (key === '>' ? 1 : -1)))];
    if (next !== undefined) player.playbackRate(next);
  } else if (/^[0-9]$/.test(key)) {
    const duration = player.duration();
    if (duration) player.currentTime((duration * Number(key)) / 10);
  } else handled = false;
  if (handled) event.preventDefault();
}

/**
 * video.js redraws its progress bar every 30 ms while playing. A bar a few hundred pixels wide
 * moves a pixel every second or so; those redraws only take main-thread time from the cue
 * highlight (measured: p95 lag at 1× from about 4 ms to 1.5 ms without them). The bar still
 * moves on every `timeupdate` (about four times a second) and on seeks. Guarded: if a video.js
 * version names things differently, its default stays.
 */
function relaxSeekBarUpdates(player: Player): void {
  type SeekBar = {
    enableIntervalHandler_?: () => void;
    off(target: unknown, type: string, fn: () => void): void;
  };
  const seekBar = (player as unknown as { getChild(name: string): unknown }).getChild(
    'ControlBar',
  ) as { getChild(name: string): unknown } | undefined;
  const progress = seekBar?.getChild('ProgressControl') as
    { getChild(name: string): unknown } | undefined;
  const bar = progress?.getChild('SeekBar') as SeekBar | undefined;
  if (bar?.enableIntervalHandler_) bar.off(player, 'playing', bar.enableIntervalHandler_);
}

function toggleCaptions(player: Player): void {
  const tracks = Array.from(player.textTracks() as unknown as ArrayLike<TextTrack>).filter(
    (track) => track.kind === 'captions' || track.kind === 'subtitles',
  );
  const showing = tracks.find((track) => track.mode === 'showing');
  if (showing) showing.mode = 'disabled';
  else if (tracks[0]) tracks[0].mode = 'showing';
}
