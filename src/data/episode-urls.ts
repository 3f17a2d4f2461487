/**
 * Where episode files live: `<base>episodes/<id>/<file>`, under Vite's `base` so the app works
 * under a sub-path (Contract 2). Paths in episode.json are relative to the episode folder, or
 * absolute https URLs, which are used as they are.
 */

/** The app's base path, always ending in '/'. */
export function appBase(): string {
  const base = import.meta.env.BASE_URL || '/';
  return base.endsWith('/') ? base : base + '/';
}

/** URL of the episodes root. */
export function episodesRootUrl(): string {
  return appBase() + 'episodes/';
}

/** URL of the generated episode index. */
export function episodeIndexUrl(): string {
  return episodesRootUrl() + 'index.json';
}

/** URL of a file of an episode; https URLs in episode.json pass through. */
export function episodeFileUrl(episodeId: string, path: string): string {
  if (/^https:\/\//i.test(path)) return path;
  const clean = path.replace(/^\.\//, '');
  return `${episodesRootUrl()}${encodeURIComponent(episodeId)}/${clean
    .split('/')
    .map(encodeURIComponent)
    .join('/')}`;
}
