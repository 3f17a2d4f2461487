/**
 * Follow mode pauses when the reader takes over (focus, keys, scrollbar), but not for the focus a
 * press on a line gives on its way to the click: pausing then showed "Back to now" under the
 * pointer for the length of the press, the release landed on it, and the line never seeked.
 */
import { act, fireEvent, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useFollowMode } from '../../src/features/shared/use-follow-mode.ts';

let panel: HTMLElement;

function mountPanel(): { panel: HTMLElement; line: HTMLElement } {
  panel = document.createElement('div');
  const line = document.createElement('button');
  line.textContent = 'A line';
  panel.append(line);
  document.body.append(panel);
  return { panel, line };
}

function renderFollowMode(element: HTMLElement) {
  return renderHook(() =>
    useFollowMode({
      scrollRef: { current: element },
      follower: null,
      scrollToLine: () => {},
      lineVisibility: () => 'inside',
      visibleRange: () => null,
      media: null,
    }),
  );
}

afterEach(() => panel.remove());

describe('follow mode', () => {
  it('pauses when a line takes the focus from the keyboard', () => {
    const { panel, line } = mountPanel();
    const { result } = renderFollowMode(panel);
    expect(result.current.following).toBe(true);
    act(() => line.focus());
    expect(result.current.following).toBe(false);
  });

  it('keeps following while a press on a line gives it the focus, and pauses on focus after', () => {
    const { panel, line } = mountPanel();
    const { result } = renderFollowMode(panel);
    act(() => {
      fireEvent.pointerDown(line);
      line.focus();
    });
    expect(result.current.following).toBe(true);
    act(() => {
      fireEvent.pointerUp(line);
      line.blur();
      line.focus();
    });
    expect(result.current.following).toBe(false);
  });

  it('pauses on a press on the panel itself (its scrollbar)', () => {
    const { panel } = mountPanel();
    const { result } = renderFollowMode(panel);
    act(() => {
      fireEvent.pointerDown(panel);
    });
    expect(result.current.following).toBe(false);
  });
});
