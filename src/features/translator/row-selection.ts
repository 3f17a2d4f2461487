/**
 * The rows (and the stretch of the waveform) selected for re-aligning: a small store outside React,
 * so a row re-renders only when its own "selected" changes. Transcript rows only, by index.
 *
 * Shift-click on a row, or Shift+↑/↓ on a row (Alt+Shift+↑/↓ in its text box), selects from the
 * row last focused to that row; dragging across the waveform's background selects a region and
 * the rows it touches. Nothing selected means the current row.
 */

/** Rows `from`…`to` (inclusive, file order), and the region they were picked by, if any. */
export interface StretchSelection {
  readonly from: number;
  readonly to: number;
  /** Seconds, when the selection came from the waveform: the stretch to re-align. */
  readonly region: { readonly startTime: number; readonly endTime: number } | null;
}

export interface RowSelection {
  get(): StretchSelection | null;
  subscribe(listener: () => void): () => void;
  isSelected(index: number): boolean;
  /**
   * The transcript row that last had focus (the anchor for a selection that starts now); a row
   * outside the selection ends it.
   */
  noteFocus(index: number): void;
  /** Select from the anchor (the last focused row, or the current anchor) to `index`. */
  extendTo(index: number): void;
  /** Move the selection's free end by one row (keyboard); returns the row it ends on now. */
  extendBy(step: 1 | -1): number | null;
  /** How many transcript rows there are (the keyboard stops at the last). */
  setCount(count: number): void;
  selectRegion(
    region: NonNullable<StretchSelection['region']>,
    rows: { from: number; to: number } | null,
  ): void;
  clear(): void;
}

export function createRowSelection(): RowSelection {
  let selection: StretchSelection | null = null;
  let anchor: number | null = null;
  let head: number | null = null;
  let focused: number | null = null;
  let count = 0;
  const listeners = new Set<() => void>();
  const set = (next: StretchSelection | null): void => {
    selection = next;
    for (const listener of [...listeners]) listener();
  };
  const selectRows = (from: number, to: number): void => {
    anchor = from;
    head = to;
    set({ from: Math.min(from, to), to: Math.max(from, to), region: null });
  };
  return {
    get: () => selection,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isSelected: (index) => selection !== null && index >= selection.from && index <= selection.to,
    noteFocus(index) {
      focused = index;
      // Going to a row outside the selection (Tab, a click) leaves it behind.
      if (selection !== null && (index < selection.from || index > selection.to)) {
        anchor = null;
        head = null;
        set(null);
      }
    },
    extendTo(index) {
      selectRows(anchor ?? focused ?? index, index);
    },
    setCount(rows) {
      count = rows;
    },
    extendBy(step) {
      const start = head ?? focused;
      if (start === null || count === 0) return null;
      const to = Math.max(0, Math.min(count - 1, start + step));
      selectRows(anchor ?? start, to);
      return to;
    },
    selectRegion(region, rows) {
      anchor = rows?.from ?? null;
      head = rows?.to ?? null;
      set(rows ? { ...rows, region } : null);
    },
    clear() {
      anchor = null;
      head = null;
      if (selection !== null) set(null);
    },
  };
}
