/**
 * Who may frame the embed: `Content-Security-Policy: frame-ancestors …` from an allow-list,
 * RED_BOX_FRAME_ANCESTORS (origins separated by spaces or commas, or `*`, `'self'`, `'none'`).
 * The default is any origin, since episodes are public (Contract 4).
 */

const KEYWORDS = new Set(['*', "'self'", "'none'"]);
/** An origin, optionally with a wildcard subdomain: `https://partner.example`, `https://*.example.org`. */
const ORIGIN_SOURCE = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:\d{1,5})?$/i;

/** The `frame-ancestors` sources from a setting; throws with the offending entry when malformed. */
export function frameAncestors(setting: string | undefined): string[] {
  const entries = (setting ?? '*').split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return ['*'];
  for (const entry of entries) {
    if (!KEYWORDS.has(entry) && !ORIGIN_SOURCE.test(entry)) {
      throw new Error(
        `[red-box] RED_BOX_FRAME_ANCESTORS: "${entry}" is not an origin (https://partner.example), *, 'self' or 'none'`,
      );
    }
  }
  if (entries.includes("'none'") && entries.length > 1) {
    throw new Error(
      `[red-box] RED_BOX_FRAME_ANCESTORS: 'none' cannot be combined with other sources`,
    );
  }
  return entries;
}

/** The header value for the embed's responses. */
export function frameAncestorsPolicy(setting: string | undefined): string {
  return `frame-ancestors ${frameAncestors(setting).join(' ')}`;
}
