/**
 * Whether the page is being printed. Printing shows the whole transcript, so a virtualized
 * panel renders every row while the print lasts.
 */
import { useSyncExternalStore } from 'react';

function subscribe(listener: () => void): () => void {
  const query = window.matchMedia?.('print');
  window.addEventListener('beforeprint', listener);
  window.addEventListener('afterprint', listener);
  query?.addEventListener('change', listener);
  return () => {
    window.removeEventListener('beforeprint', listener);
    window.removeEventListener('afterprint', listener);
    query?.removeEventListener('change', listener);
  };
}

let printingNow = false;
if (typeof window !== 'undefined') {
  // beforeprint fires before the print media query matches; remember it explicitly.
  window.addEventListener('beforeprint', () => (printingNow = true));
  window.addEventListener('afterprint', () => (printingNow = false));
}

function isPrinting(): boolean {
  return printingNow || Boolean(window.matchMedia?.('print').matches);
}

export function usePrinting(): boolean {
  return useSyncExternalStore(subscribe, isPrinting, () => false);
}
