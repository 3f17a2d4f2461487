import { appBase } from '../../data/episode-urls.ts';

/** The app's absolute base URL on this page's own origin (snippets and links made in the browser). */
export function pageBaseUrl(): string {
  return new URL(appBase(), window.location.href).href;
}
