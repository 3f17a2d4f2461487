/**
 * The playback store: nothing throws without media, bad values are ignored, and state comes from
 * the element's own events (not optimistic).
 */
import { describe, expect, it } from 'vitest';
import { createPlaybackStore, describeMediaError } from '../../src/player/playback-store.ts';

describe(createPlaybackStore.name, () => {
  it('does not throw in any getter or setter without media', async () => {
    const store = createPlaybackStore();
    expect(store.getState().attached).toBe(false);
    expect(store.getMedia()).toBeNull();
    await expect(store.play()).resolves.toBeUndefined();
    expect(() => store.pause()).not.toThrow();
    expect(() => store.seek(10)).not.toThrow();
    expect(() => store.setPlaybackRate(2)).not.toThrow();
  });

  it('ignores bad seeks and rates, and clamps seeks to the media', () => {
    const store = createPlaybackStore();
    const video = document.createElement('video');
    Object.defineProperty(video, 'duration', { value: 100 });
    store.attach(video);
    store.seek(Number.NaN);
    expect(video.currentTime).toBe(0);
    store.seek(250);
    expect(video.currentTime).toBe(100);
    store.seek(-5);
    expect(video.currentTime).toBe(0);
    store.setPlaybackRate(0);
    store.setPlaybackRate(Number.POSITIVE_INFINITY);
    expect(video.playbackRate).toBe(1);
  });

  it('changes state when the element says so, and only then', () => {
    const store = createPlaybackStore();
    const video = document.createElement('video');
    const detach = store.attach(video);
    let notified = 0;
    store.subscribe(() => notified++);
    // The element's value changes before it tells anyone (as a real element's does while it
    // applies a change); the store waits for the event.
    Object.defineProperty(video, 'playbackRate', { value: 1.5, configurable: true });
    expect(store.getState().playbackRate).toBe(1);
    video.dispatchEvent(new Event('ratechange'));
    expect(store.getState().playbackRate).toBe(1.5);
    expect(notified).toBe(1);
    video.dispatchEvent(new Event('waiting'));
    expect(store.getState().waiting).toBe(true);
    detach();
    expect(store.getState().attached).toBe(false);
  });

  it('words media errors for people', () => {
    expect(describeMediaError(null)).toBeNull();
    expect(describeMediaError({ code: 2 } as MediaError)).toMatch(/network/);
    expect(describeMediaError({ code: 4 } as MediaError)).toMatch(/missing or in a format/);
  });
});
