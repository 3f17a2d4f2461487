/**
 * Whether an element scrolls sideways: its content is wider than it, and it is a scrolling box
 * (not one whose content only spills over, for a scrolling box around it: the embed's speakers).
 */
import { useEffect, useState, type RefObject } from 'react';

export function useOverflowing(ref: RefObject<HTMLElement | null>): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = (): void =>
      setOverflowing(
        element.scrollWidth > element.clientWidth + 1 &&
          getComputedStyle(element).overflowX !== 'visible',
      );
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The content changes width too (portraits load, names change with the language).
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return overflowing;
}
