/**
 * A tiny external store holding one selected index (the transcript's keyboard tab stop, a search
 * hit), where each row subscribes to its own index only: moving the selection re-renders two
 * rows, not the list.
 */
export interface IndexStore {
  get(): number;
  set(index: number): void;
  /** Tell the subscribers of `index` to look again (its details changed, not the index). */
  refresh(index: number): void;
  subscribeToItem(index: number, listener: () => void): () => void;
  subscribe(listener: () => void): () => void;
}

export function createIndexStore(initial = -1): IndexStore {
  let value = initial;
  const items = new Map<number, Set<() => void>>();
  const all = new Set<() => void>();
  return {
    get: () => value,
    set(index) {
      if (index === value) return;
      const previous = value;
      value = index;
      items.get(previous)?.forEach((listener) => listener());
      items.get(index)?.forEach((listener) => listener());
      all.forEach((listener) => listener());
    },
    refresh(index) {
      items.get(index)?.forEach((listener) => listener());
    },
    subscribeToItem(index, listener) {
      let set = items.get(index);
      if (!set) items.set(index, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) items.delete(index);
      };
    },
    subscribe(listener) {
      all.add(listener);
      return () => all.delete(listener);
    },
  };
}
