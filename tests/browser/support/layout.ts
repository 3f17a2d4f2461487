/** Layout checks on a rendered page: nothing wider than the viewport, key regions not overlapping. */
import type { Page } from 'playwright-core';

export interface LayoutProblems {
  readonly overflowX: number;
  readonly overlaps: string[];
  readonly outside: string[];
}

/**
 * Measure horizontal overflow of the document, and pairwise overlaps of the given regions
 * (selectors) as laid out on the page, plus regions that stick out of the viewport sideways.
 */
export async function layoutProblems(page: Page, selectors: string[]): Promise<LayoutProblems> {
  return page.evaluate((selectors) => {
    const boxes = selectors.flatMap((selector) => {
      const element = document.querySelector(selector);
      if (!element) return [];
      const rect = element.getBoundingClientRect();
      return [
        {
          selector,
          left: rect.left,
          right: rect.right,
          top: rect.top + scrollY,
          bottom: rect.bottom + scrollY,
        },
      ];
    });
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) overlaps.push(`${a.selector} overlaps ${b.selector}`);
      }
    }
    const width = document.documentElement.clientWidth;
    return {
      overflowX: document.documentElement.scrollWidth - width,
      overlaps,
      outside: boxes
        .filter((box) => box.left < -1 || box.right > width + 1)
        .map((box) => box.selector),
    };
  }, selectors);
}

/**
 * Wait until the page has drawn a frame. A page's parsed DOM can be read before its head's
 * stylesheets have arrived, and laid out then it is not what anyone sees: the browser paints
 * nothing (and runs no animation frame) until those stylesheets are in. Boxes read after this
 * are the boxes of the first paint or later.
 */
export async function afterFirstFrame(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
  );
}
