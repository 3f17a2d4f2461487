/** The app's URLs (Contract 2), read from a pathname under Vite's `base`. */

export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'questions' }
  | { readonly name: 'search' }
  | { readonly name: 'watch'; readonly episodeId: string }
  | { readonly name: 'translate'; readonly episodeId: string; readonly lang: string }
  | { readonly name: 'embed'; readonly episodeId: string }
  | { readonly name: 'not-found' };

function decode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Match a pathname (with the base) to a route. `watch/<id>.html` and `watch/<id>/` work too. */
export function matchRoute(pathname: string, base: string): Route {
  const normalizedBase = base.endsWith('/') ? base : base + '/';
  let path = pathname.startsWith(normalizedBase)
    ? pathname.slice(normalizedBase.length)
    : pathname.replace(/^\//, '');
  path = path
    .replace(/\/index\.html$/, '')
    .replace(/\.html$/, '')
    .replace(/\/+$/, '');
  if (path === '' || path === 'index') return { name: 'home' };
  if (path === 'questions') return { name: 'questions' };
  if (path === 'search') return { name: 'search' };
  const parts = path.split('/').map(decode);
  if (parts.some((part) => part === null || part === '')) return { name: 'not-found' };
  const [first, second, third] = parts as string[];
  if (first === 'watch' && second && parts.length === 2)
    return { name: 'watch', episodeId: second };
  if (first === 'embed' && second && parts.length === 2)
    return { name: 'embed', episodeId: second };
  if (first === 'translate' && second && third && parts.length === 3) {
    return { name: 'translate', episodeId: second, lang: third };
  }
  return { name: 'not-found' };
}
