/** The other tabs of this browser that have the same episode and language open (browser-tab.ts). */
import { useEffect, useState } from 'react';
import { watchOtherTabs } from '../../data/browser-tab.ts';

const NONE: ReadonlySet<string> = new Set();

/** Their tab ids, updated as tabs open and close. */
export function useOtherTabs(episodeId: string, lang: string): ReadonlySet<string> {
  const [others, setOthers] = useState(NONE);
  useEffect(() => watchOtherTabs(episodeId, lang, setOthers), [episodeId, lang]);
  return others;
}
