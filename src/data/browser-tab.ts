/**
 * This browser tab's identity, and the other tabs of this browser that have the same file open.
 *
 * The id lives in sessionStorage, which is per tab and survives a reload (so a reload finds its
 * own draft). A duplicated tab starts with a copy of it; the tabs notice on the channel and the
 * newer one takes a fresh id. Tabs say hello, answer, and say goodbye on a BroadcastChannel per
 * episode and language; browsers without one (or without storage) just see no other tab.
 */

const TAB_ID_KEY = 'red-box:tab-id';

let current: string | null = null;

function freshId(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

function remember(id: string): string {
  current = id;
  try {
    sessionStorage.setItem(TAB_ID_KEY, id);
  } catch {
    // Storage blocked: the id lasts as long as the page.
  }
  return id;
}

/** This tab's id (the same after a reload of the tab, another in every other tab). */
export function currentTabId(): string {
  if (current) return current;
  let stored: string | null = null;
  try {
    stored = sessionStorage.getItem(TAB_ID_KEY);
  } catch {
    stored = null;
  }
  return remember(stored ?? freshId());
}

type TabMessage =
  | { readonly kind: 'hello' | 'here' | 'bye'; readonly tab: string }
  /** "Your id is mine": the tab that said hello is a duplicate and takes a fresh id. */
  | { readonly kind: 'taken'; readonly tab: string };

/**
 * Watch the other tabs of this browser that have `episodeId`/`lang` open: `onChange` gets their
 * ids whenever they change. Returns the function that stops watching.
 */
export function watchOtherTabs(
  episodeId: string,
  lang: string,
  onChange: (others: ReadonlySet<string>) => void,
): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(`red-box:open:${episodeId}/${lang.toLowerCase()}`);
  const others = new Set<string>();
  const post = (kind: TabMessage['kind'], tab = currentTabId()): void =>
    channel.postMessage({ kind, tab } satisfies TabMessage);
  const update = (change: () => void): void => {
    const before = others.size;
    change();
    if (others.size !== before) onChange(new Set(others));
  };
  channel.onmessage = (event: MessageEvent<TabMessage>) => {
    const message = event.data;
    if (typeof message?.tab !== 'string') return;
    const mine = currentTabId();
    if (message.kind === 'taken') {
      if (message.tab !== mine) return;
      // This tab is the duplicate: a fresh id, and hello again under it.
      remember(freshId());
      return post('hello');
    }
    if (message.tab === mine) {
      // Another tab with this tab's id (a duplicated tab) said hello: it must take another.
      if (message.kind === 'hello') post('taken', mine);
      return;
    }
    if (message.kind === 'bye') return update(() => others.delete(message.tab));
    update(() => others.add(message.tab));
    if (message.kind === 'hello') post('here');
  };
  const leave = (): void => {
    post('bye');
    update(() => others.clear());
  };
  const arrive = (event: PageTransitionEvent): void => {
    // Back from the back/forward cache: say hello again.
    if (event.persisted) post('hello');
  };
  window.addEventListener('pagehide', leave);
  window.addEventListener('pageshow', arrive);
  post('hello');
  return () => {
    window.removeEventListener('pagehide', leave);
    window.removeEventListener('pageshow', arrive);
    post('bye');
    channel.close();
  };
}
