/**
 * The public base URL for absolute URLs written into static files (oEmbed, pre-rendered pages,
 * structured data): RED_BOX_PUBLIC_URL at build time (Contract 2), e.g.
 * `RED_BOX_PUBLIC_URL=https://redbox.example.org npm run build`. It already includes the
 * deployment's sub-path when there is one, or the Vite base is appended to it.
 */

/** The default when none is set: where `npm run preview` serves the build. */
export const DEFAULT_PUBLIC_URL = 'http://127.0.0.1:4173';

/** The public origin + base path, ending in '/'. */
export function publicBaseUrl(base = '/'): string {
  const configured = (process.env.RED_BOX_PUBLIC_URL ?? DEFAULT_PUBLIC_URL).replace(/\/+$/, '');
  const url = new URL(configured);
  const basePath = base.startsWith('/') ? base : '/' + base;
  // Append the Vite base unless the configured URL already ends with it.
  const path = url.pathname.replace(/\/+$/, '');
  const fullPath = path.endsWith(basePath.replace(/\/+$/, ''))
    ? path
    : path + basePath.replace(/\/+$/, '');
  return `${url.origin}${fullPath}/`;
}

/** An absolute public URL for a path inside the app (no leading slash needed). */
export function publicUrl(pathInApp: string, base = '/'): string {
  return publicBaseUrl(base) + pathInApp.replace(/^\/+/, '');
}
