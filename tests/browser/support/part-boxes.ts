/**
 * Where a page's parts are, to check that a served page is laid out as the app lays it out
 * (issue 19): each part's box before and after the app takes the page over.
 */
import { expect } from 'vitest';

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * In the page (`page.evaluate(partBoxes, parts)`): the box of the first element matching each
 * part's selector, in CSS pixels of the viewport; null when there is none or it has no height.
 */
export function partBoxes(parts: Record<string, string>): Record<string, Box | null> {
  return Object.fromEntries(
    Object.entries(parts).map(([name, selector]) => {
      const box = document.querySelector(selector)?.getBoundingClientRect();
      return [
        name,
        box && box.height > 0 ? { x: box.x, y: box.y, width: box.width, height: box.height } : null,
      ];
    }),
  );
}

/** Every part is laid out in both or in neither, and where it is laid out, within 1 px. */
export function expectSameBoxes(
  before: Record<string, Box | null>,
  after: Record<string, Box | null>,
): void {
  for (const name of Object.keys(before)) {
    const [a, b] = [before[name], after[name]];
    expect(b === null, name).toBe(a === null);
    if (!a || !b) continue;
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(a[key] - b[key]), `${name} ${key}: ${a[key]} → ${b[key]}`).toBeLessThan(1);
    }
  }
}
