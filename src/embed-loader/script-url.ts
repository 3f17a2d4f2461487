/**
 * Where the player lives: embed.js takes the player's origin and base path from its own URL
 * (Contract 2), so a page can load players from any host, under any sub-path.
 */

/**
 * The URL of the running embed.js. Read it while the script runs: `document.currentScript` is set
 * then, `async` or not. Without it (loaded as a module or from another script's callback), the
 * last script on the page whose file is embed.js.
 */
export function loaderScriptUrl(doc: Document = document): string | null {
  const current = doc.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  const scripts = doc.querySelectorAll<HTMLScriptElement>('script[src]');
  for (let i = scripts.length - 1; i >= 0; i--) {
    const src = scripts[i]!.src;
    if (/\/embed\.js(?:[?#]|$)/.test(src)) return src;
  }
  return null;
}

export interface PlayerHost {
  /** The player's origin: the only one whose messages are accepted. */
  readonly origin: string;
  /** The app's base URL, ending in '/': `<base>embed/<id>`. */
  readonly base: string;
}

export function playerHostOf(scriptUrl: string): PlayerHost {
  const url = new URL(scriptUrl);
  return { origin: url.origin, base: new URL('.', url).href };
}
