/**
 * Keeping findings bounded on hostile files: no spread of input-sized arrays into a call (the
 * engine puts every item on the stack), quotes of the file's text cut to a few dozen characters,
 * and repeats of one rule in one cue summarised, so a 30 kB file cannot print 400 MB.
 */
import type { Finding } from './cue-model.ts';

/** Append `items` to `target` one by one (`push(...items)` overflows the stack past ~100,000). */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/** How many characters of the file's text a message quotes at most. */
export const MAX_QUOTE = 40;

/**
 * `text` cut to `max` UTF-16 units with "…" when longer (never splitting a surrogate pair), for
 * quoting what was written in a message; line breaks become spaces so a quote stays on one line.
 */
export function shorten(text: string, max = MAX_QUOTE): string {
  let cut = Math.min(text.length, max);
  const last = text.charCodeAt(cut - 1);
  if (cut < text.length && last >= 0xd800 && last <= 0xdbff) cut--;
  const shown = text.slice(0, cut).replace(/[\r\n]+/g, ' ');
  return cut < text.length ? shown + '…' : shown;
}

/** A list of names for a message: the first `max`, then how many more. */
export function listSome(names: readonly string[], max = 10): string {
  const shown = names.slice(0, max).map((name) => shorten(name));
  return names.length > max
    ? `${shown.join(', ')} and ${formatCount(names.length - max)} more`
    : shown.join(', ');
}

/** `4210` → "4,210". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** Findings of one rule shown one by one in one cue before the rest are summarised. */
export const REPEATS_SHOWN = 5;

/** What a summary calls the findings of a rule ("and 4,210 more raw "&" in this cue"). */
const REPEATED_NOUN: Partial<Record<string, string>> = {
  'raw-ampersand': 'raw "&"',
  'raw-less-than': 'raw "<"',
  'webvtt-syntax': 'markup errors',
  'line-length': 'long lines',
  'srt-markup': 'markup problems',
};

/**
 * One cue's findings with at most `shown` of each rule; the next one of a rule that has more
 * stays, at its own position, and says how many more there are. Order is kept.
 */
export function summariseRepeats<F extends Pick<Finding, 'message'> & { readonly rule: string }>(
  findings: readonly F[],
  shown = REPEATS_SHOWN,
): F[] {
  if (findings.length <= shown) return [...findings];
  const total = new Map<string, number>();
  for (const finding of findings) total.set(finding.rule, (total.get(finding.rule) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out: F[] = [];
  for (const finding of findings) {
    const count = (seen.get(finding.rule) ?? 0) + 1;
    seen.set(finding.rule, count);
    if (count <= shown) out.push(finding);
    else if (count === shown + 1) {
      const more = total.get(finding.rule)! - count;
      if (more === 0) out.push(finding);
      else {
        const noun = REPEATED_NOUN[finding.rule] ?? `findings of ${finding.rule}`;
        out.push({
          ...finding,
          message: `${finding.message} (and ${formatCount(more)} more ${noun} in this cue)`,
        });
      }
    }
  }
  return out;
}
