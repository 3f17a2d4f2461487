/** The other tabs of this browser that have the same episode and language open (browser-tab.ts). */
import { useEffect, useState } from 'react';
import { watchOtherTabs } from '../../data/browser-tab.ts';

export interface OtherTabs {
  /** Their tab ids now, updated as tabs open and close. */
  readonly open: ReadonlySet<string>;
  /**
   * Every tab seen open since this page opened, closed ones too. Their drafts were work in use
   * while this page was open: offered here, they would take the rows from under the translator.
   */
  readonly seen: ReadonlySet<string>;
}

const NONE: OtherTabs = { open: new Set(), seen: new Set() };

export function useOtherTabs(episodeId: string, lang: string): OtherTabs {
  const [tabs, setTabs] = useState(NONE);
  useEffect(
    () =>
      watchOtherTabs(episodeId, lang, (open) =>
        setTabs((before) => ({ open, seen: new Set([...before.seen, ...open]) })),
      ),
    [episodeId, lang],
  );
  return tabs;
}
