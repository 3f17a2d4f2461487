/**
 * Events for the host page (Contract 4). Cue, speaker and question changes come from the media
 * clock's followers the moment they happen (not from `timeupdate`, which is ~250 ms late);
 * `timeupdate` itself is passed on at most four times a second.
 */
import { useEffect, useRef, useSyncExternalStore, type RefObject } from 'react';
import type { Cue } from '../../core/cue-model.ts';
import {
  cueWords,
  wordPosition,
  type CueWord,
  type TranscriptWords,
} from '../../core/cue-words.ts';
import type { TimeLookup } from '../../core/time-index.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { useFollower } from '../shared/player-runtime.tsx';
import type { EmbedChannel } from './embed-channel.ts';
import { RESIZE_EVENT, type PlayerEventName, type PlayerEvents } from './embed-protocol.ts';

type Payload = Readonly<Record<string, string | number | null>>;

const TIMEUPDATE_MIN_INTERVAL_MS = 250;

function samePayload(a: Payload, b: Payload): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

/**
 * Post `name` whenever `describe(follower.get())` changes. The first answer is the baseline and
 * is not posted; a new follower (another language) is compared with the last answer posted, so a
 * cue whose text changed with the language is posted again and an unchanged speaker is not.
 */
export function useFollowerEvent<Name extends 'cuechange' | 'speakerchange' | 'chapterchange'>(
  channel: EmbedChannel | null,
  follower: ClockFollower | null,
  name: Name,
  describe: (lookup: TimeLookup) => PlayerEvents[Name],
): void {
  const last = useRef<Payload | null>(null);
  useEffect(() => {
    if (!channel || !follower) return;
    const report = (): void => {
      const next = describe(follower.get()) as Payload;
      const previous = last.current;
      last.current = next;
      if (previous && !samePayload(previous, next)) channel.emit(name, next);
    };
    report();
    return follower.subscribe(report);
  }, [channel, follower, name, describe]);
}

/** play, pause, ended and (throttled) timeupdate, each with the media's currentTime. */
export function useMediaEvents(channel: EmbedChannel | null, media: HTMLMediaElement | null): void {
  useEffect(() => {
    if (!channel || !media) return;
    const at = (): PlayerEvents['play'] => ({ currentTime: media.currentTime });
    let lastTimeupdate = -Infinity;
    const onTimeupdate = (): void => {
      const now = performance.now();
      if (now - lastTimeupdate < TIMEUPDATE_MIN_INTERVAL_MS) return;
      lastTimeupdate = now;
      channel.emit('timeupdate', at());
    };
    const passOn = (event: Event): void => channel.emit(event.type, at());
    const passed: PlayerEventName[] = ['play', 'pause', 'ended'];
    passed.forEach((type) => media.addEventListener(type, passOn));
    media.addEventListener('timeupdate', onTimeupdate);
    return () => {
      passed.forEach((type) => media.removeEventListener(type, passOn));
      media.removeEventListener('timeupdate', onTimeupdate);
    };
  }, [channel, media]);
}

/** Post an event once, the first time `payload` is given (ready). */
export function useOnceEvent<Name extends PlayerEventName>(
  channel: EmbedChannel | null,
  name: Name,
  payload: PlayerEvents[Name] | null,
): void {
  const posted = useRef(false);
  useEffect(() => {
    if (!channel || !payload || posted.current) return;
    posted.current = true;
    channel.emit(name, payload);
  }, [channel, name, payload]);
}

/** Post each new value: `languagechange` when the shown language changes, `error` messages. */
export function useChangeEvent<Name extends 'languagechange' | 'error'>(
  channel: EmbedChannel | null,
  name: Name,
  payload: PlayerEvents[Name] | null,
): void {
  const last = useRef<string | null>(null);
  const key = payload ? JSON.stringify(payload) : null;
  useEffect(() => {
    if (!channel || !payload || key === last.current) return;
    const first = last.current === null && name === 'languagechange';
    last.current = key;
    // The first language is the one the page asked for: not a change.
    if (!first) channel.emit(name, payload);
  }, [channel, name, payload, key]);
}

/** Tell embed.js the page's height whenever it changes, so the iframe never scrolls. */
export function useHeightReport(
  channel: EmbedChannel | null,
  root: RefObject<HTMLElement | null>,
): void {
  useEffect(() => {
    const element = root.current;
    if (!channel || !element) return;
    let reported = -1;
    const observer = new ResizeObserver(() => {
      const height = Math.ceil(element.getBoundingClientRect().height);
      if (height === reported) return;
      reported = height;
      channel.emit(RESIZE_EVENT, { height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [channel, root]);
}

const NO_WORD: PlayerEvents['wordchange'] = { cueId: null, index: null, text: null };

/**
 * `wordchange` from the clock's follower of the transcript's words, only while the host page
 * listens (the follower is not even subscribed otherwise): one message when a word starts, and
 * one with nulls when a word ends with none after it.
 */
export function useWordEvents(
  channel: EmbedChannel | null,
  words: TranscriptWords | null,
  cues: readonly Cue[] | undefined,
): void {
  const listening = useSyncExternalStore(
    channel?.subscribeListening ?? noSubscription,
    () => channel?.isListening('wordchange') ?? false,
    () => false,
  );
  const follower = useFollower(listening ? (words?.index ?? null) : null);
  useEffect(() => {
    if (!channel || !follower || !words || !cues) return;
    let lastWord = follower.get().index;
    // The words of the cue last described, so a cue's words are read once, not once per word.
    let cached: { cueIndex: number; words: CueWord[] } | null = null;
    return follower.subscribe(() => {
      const word = follower.get().index;
      if (word === lastWord) return;
      const hadWord = lastWord >= 0;
      lastWord = word;
      const at = wordPosition(words, word);
      if (!at) {
        if (hadWord) channel.emit('wordchange', NO_WORD);
        return;
      }
      const cue = cues[at.cueIndex]!;
      if (cached?.cueIndex !== at.cueIndex)
        cached = { cueIndex: at.cueIndex, words: cueWords(cue) };
      channel.emit('wordchange', {
        cueId: cue.id || null,
        index: at.wordInCue,
        text: cached.words[at.wordInCue]?.text ?? null,
      });
    });
  }, [channel, follower, words, cues]);
}

const noSubscription = () => () => {};
