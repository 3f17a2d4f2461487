/**
 * Moving the keyboard focus to a row's text box or note, also to rows not drawn yet (long files
 * draw only the rows in view): the request waits until the row mounts and registers its element,
 * and the list is asked to scroll it into view meanwhile.
 */
import type { RowRef } from './workspace-session.ts';

/** A row's text box, its note, or the row itself (where Shift+↑/↓ select rows). */
export type FocusTarget = 'text' | 'note' | 'row';

export interface FocusRequest {
  readonly ref: RowRef;
  readonly target: FocusTarget;
  /** A text range to select once focused (find), [start, end) in the box's value. */
  readonly selection?: readonly [number, number];
}

export interface RowFocus {
  request(request: FocusRequest): void;
  /** A row's element for a target (null when it unmounts). */
  register(ref: RowRef, target: FocusTarget, element: HTMLElement | null): void;
  /** The list scrolls the row into view (it may not be drawn). */
  onScrollRequest(listener: (ref: RowRef) => void): () => void;
  /** Whether a note editor was asked for on this row (the row opens it). */
  wantsNote(ref: RowRef): boolean;
  subscribe(listener: () => void): () => void;
}

const keyOf = (ref: RowRef, target: FocusTarget): string => `${ref.kind}:${ref.index}:${target}`;

export function createRowFocus(): RowFocus {
  const elements = new Map<string, HTMLElement>();
  const scrollListeners = new Set<(ref: RowRef) => void>();
  const listeners = new Set<() => void>();
  let pending: FocusRequest | null = null;

  function apply(element: HTMLElement, request: FocusRequest): void {
    element.focus({ preventScroll: false });
    if (element instanceof HTMLTextAreaElement) {
      // Arriving in a row, the caret goes to the end of its text, to carry on writing.
      const [start, end] = request.selection ?? [element.value.length, element.value.length];
      element.setSelectionRange(start, end);
    }
    // A row partly under the sticky header: bring all of it into view.
    element.closest('[data-row-kind]')?.scrollIntoView?.({ block: 'nearest' });
  }

  return {
    request(request) {
      const element = elements.get(keyOf(request.ref, request.target));
      if (element) {
        pending = null;
        apply(element, request);
        return;
      }
      pending = request;
      scrollListeners.forEach((listener) => listener(request.ref));
      listeners.forEach((listener) => listener());
    },
    register(ref, target, element) {
      const key = keyOf(ref, target);
      if (!element) {
        elements.delete(key);
        return;
      }
      elements.set(key, element);
      if (pending && keyOf(pending.ref, pending.target) === key) {
        const request = pending;
        pending = null;
        apply(element, request);
        listeners.forEach((listener) => listener());
      }
    },
    onScrollRequest(listener) {
      scrollListeners.add(listener);
      return () => scrollListeners.delete(listener);
    },
    wantsNote(ref) {
      return (
        pending !== null &&
        pending.target === 'note' &&
        pending.ref.kind === ref.kind &&
        pending.ref.index === ref.index
      );
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
