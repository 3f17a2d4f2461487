/**
 * The transcript panel's logic against a fake clock: one marked line that follows the clock,
 * seeking from a line, cue text as text, turns, and search highlights.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Episode } from '../../src/core/episode-model.ts';
import { turnStarts } from '../../src/core/transcript.ts';
import { parseVtt } from '../../src/core/vtt-parse.ts';
import type { TimeLookup } from '../../src/core/time-index.ts';
import type { ClockFollower } from '../../src/player/media-clock.ts';
import { createPlaybackStore } from '../../src/player/playback-store.ts';
import {
  PlayerRuntimeProvider,
  type PlayerRuntime,
} from '../../src/features/shared/player-runtime.tsx';
import { TranscriptPanel } from '../../src/features/shared/transcript-panel.tsx';

const episode: Episode = {
  id: 'test',
  title: 'Test',
  published: '2024-01-01',
  sourceLanguage: 'en',
  media: { sources: [{ src: 'media/x.webm', type: 'video/webm' }] },
  speakers: [
    { id: 'joy', name: 'Joy' },
    { id: 'dasom', name: 'Dasom <img src=x onerror=alert(1)>' },
  ],
  tracks: [{ lang: 'en', label: 'English', transcript: 'transcript.en.vtt' }],
};

const FILE = `WEBVTT

a1
00:00:01.000 --> 00:00:02.000
<v Joy>Hello from North Korea

a2
00:00:02.500 --> 00:00:04.000
<v Joy>&lt;script&gt;alert(1)&lt;/script&gt; and <i>italics</i>

a3
00:00:05.000 --> 00:00:06.000
<v Dasom>A <00:00:05.200>second <00:00:05.400>speaker <00:00:05.600>in <00:00:05.700>North <00:00:05.850>Korea
`;

/** A follower driven by the test instead of a media element. */
function fakeFollower() {
  let current: TimeLookup = {
    index: -1,
    recentIndex: -1,
    nextBoundary: Infinity,
    spanStart: -Infinity,
  };
  const listeners = new Set<() => void>();
  const items = new Map<number, Set<() => void>>();
  const follower: ClockFollower & { moveTo(index: number): void } = {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribeToItem(index, listener) {
      if (!items.has(index)) items.set(index, new Set());
      items.get(index)!.add(listener);
      return () => items.get(index)!.delete(listener);
    },
    dispose() {},
    moveTo(index) {
      const previous = current.index;
      current = { ...current, index, recentIndex: index >= 0 ? index : current.recentIndex };
      items.get(previous)?.forEach((listener) => listener());
      items.get(index)?.forEach((listener) => listener());
      listeners.forEach((listener) => listener());
    },
  };
  return follower;
}

function renderPanel() {
  const result = parseVtt(FILE, { speakers: episode.speakers });
  const cues = result.document.cues;
  const follower = fakeFollower();
  const seek = vi.fn();
  const runtime: PlayerRuntime = {
    store: createPlaybackStore(),
    clock: null,
    attachMedia: () => () => {},
    seek,
    onSeekRequest: () => () => {},
  };
  render(
    <PlayerRuntimeProvider value={runtime}>
      <TranscriptPanel
        episode={episode}
        transcript={{ lang: 'en', cues, turnStarts: turnStarts(cues), result }}
        follower={follower}
      />
    </PlayerRuntimeProvider>,
  );
  return { follower, seek, cues };
}

const marked = () => document.querySelectorAll('[data-cue-id][aria-current="true"]');

describe(TranscriptPanel.name, () => {
  it('marks exactly the current line, and moves the mark with the clock', () => {
    const { follower } = renderPanel();
    expect(marked()).toHaveLength(0);
    act(() => follower.moveTo(1));
    expect([...marked()].map((line) => line.getAttribute('data-cue-id'))).toEqual(['a2']);
    act(() => follower.moveTo(2));
    expect([...marked()].map((line) => line.getAttribute('data-cue-id'))).toEqual(['a3']);
    act(() => follower.moveTo(-1));
    expect(marked()).toHaveLength(0);
  });

  it('is a region named "Transcript" with one element per cue', () => {
    renderPanel();
    const region = screen.getByRole('region', { name: 'Transcript' });
    expect(region.querySelectorAll('[data-cue-id]')).toHaveLength(3);
    expect(within(region).getAllByRole('button', { name: /Hello from North Korea/ })).toHaveLength(
      1,
    );
  });

  it('seeks to a line on click and on Enter', () => {
    const { seek, cues } = renderPanel();
    fireEvent.click(document.querySelector('[data-cue-id="a3"]')!);
    expect(seek).toHaveBeenLastCalledWith(cues[2]!.startTime);
    fireEvent.keyDown(document.querySelector('[data-cue-id="a2"]')!, { key: 'Enter' });
    expect(seek).toHaveBeenLastCalledWith(cues[1]!.startTime);
  });

  it('shows cue text and speaker names as text, never as markup', () => {
    renderPanel();
    const line = document.querySelector('[data-cue-id="a2"]')!;
    expect(line.textContent).toContain('<script>alert(1)</script> and italics');
    expect(line.querySelector('script')).toBeNull();
    expect(line.querySelector('i')?.textContent).toBe('italics');
    expect(document.body.textContent).toContain('Dasom <img src=x onerror=alert(1)>');
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('shows the speaker once per turn', () => {
    renderPanel();
    const heads = [...document.querySelectorAll('.turn-head__name')].map(
      (head) => head.textContent,
    );
    expect(heads).toEqual(['Joy', 'Dasom <img src=x onerror=alert(1)>']);
  });

  // a3 carries word timestamps: a match across two timed words is still one mark.
  it('highlights every search match and counts them', async () => {
    renderPanel();
    const box = screen.getByRole('searchbox', { name: 'Search the transcript' });
    fireEvent.change(box, { target: { value: 'north korea' } });
    await screen.findByText('0 of 2');
    expect([...document.querySelectorAll('mark.match')].map((mark) => mark.textContent)).toEqual([
      'North Korea',
      'North Korea',
    ]);
    fireEvent.keyDown(box, { key: 'Enter' });
    await screen.findByText('1 of 2');
    expect(document.querySelector('[data-cue-id="a1"] mark.match--active')).not.toBeNull();
    fireEvent.keyDown(box, { key: 'Enter', shiftKey: true });
    await screen.findByText('2 of 2');
    expect(document.querySelector('[data-cue-id="a3"] mark.match--active')).not.toBeNull();
  });
});
