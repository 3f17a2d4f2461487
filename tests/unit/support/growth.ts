/**
 * Linear-time checks without absolute milliseconds: run the same work on an input and on one four
 * times its size and compare (best of a few runs, after a warm-up). Linear work grows about 4×,
 * n log n a little more, quadratic 16×; callers allow a generous factor for a shared machine.
 * Times are the process's CPU time, which other processes on a busy machine disturb far less
 * than the clock on the wall.
 */

/** CPU milliseconds the process spent so far. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** The fastest of `runs` timings of `work`, in CPU milliseconds. */
export function bestTime(work: () => unknown, runs = 5): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = cpuMs();
    work();
    best = Math.min(best, cpuMs() - started);
  }
  return best;
}

/**
 * How many times longer `work` takes on `make(4 * n)` than on `make(n)`: the smallest of three
 * measurements, since a collection or another process can stretch one run, never all alike.
 */
export function growth<T>(make: (n: number) => T, work: (input: T) => unknown, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  work(small); // warm-up: the JIT, caches
  let ratio = Infinity;
  for (let attempt = 0; attempt < 3; attempt++) {
    const smallTime = bestTime(() => work(small));
    const largeTime = bestTime(() => work(large));
    // A floor keeps timer resolution from making a ratio out of nothing.
    ratio = Math.min(ratio, largeTime / Math.max(smallTime, 2));
  }
  return ratio;
}

/**
 * The largest growth a linear (or n log n) step may show here: 4× is linear, 16× quadratic.
 * Allocation-heavy linear work (80,000 findings for "&a" repeated) measured 6.6× on a quiet
 * machine and 9.8× in CI with the type check and lint running beside the tests (CPU time counts
 * the collector's threads too), so the bar sits at 12: still clearly below what quadratic work
 * shows.
 */
export const LINEAR_GROWTH = 12;
