/**
 * Work the first screen does not need waits for the page: after the `load` event, when the main
 * thread is idle (or after `timeoutMs` at the latest). Returns a cancel.
 */
export function whenPageIdle(callback: () => void, timeoutMs = 10_000): () => void {
  if (typeof window === 'undefined') return () => {};
  let cancelled = false;
  let idle: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = () => {
    if (!cancelled) callback();
  };
  const schedule = () => {
    if (typeof window.requestIdleCallback === 'function') {
      idle = window.requestIdleCallback(run, { timeout: timeoutMs });
    } else timer = setTimeout(run, 1000);
  };
  if (document.readyState === 'complete') schedule();
  else window.addEventListener('load', schedule, { once: true });
  return () => {
    cancelled = true;
    window.removeEventListener('load', schedule);
    if (idle !== undefined) window.cancelIdleCallback(idle);
    if (timer !== undefined) clearTimeout(timer);
  };
}
