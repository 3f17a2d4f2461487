/**
 * What the pre-rendered watch page (`watch/<id>.html`, issue 19) says to readers without
 * JavaScript besides the app's own page, which is rendered on the server (src/app/server-render.tsx)
 * and gives them the title, the questions, the whole transcript and the credits: the publication
 * line, the summary and the other languages' pages, in a `<noscript>` before the app's root (so
 * it is no part of what React hydrates, and takes no room when scripts run). Every text is escaped.
 */
import { escapeHtml, type EpisodePageInput } from './static-page.ts';

export function servedNoscriptHtml(input: EpisodePageInput): string {
  const { episode, lang, links } = input;
  const out = [
    `<p>Published <time datetime="${escapeHtml(episode.published)}">${escapeHtml(episode.published)}</time> by LiNK (Liberty in North Korea), in the series The Red Box.</p>`,
  ];
  if (episode.summary) out.push(`<p>${escapeHtml(episode.summary)}</p>`);
  const others = episode.tracks.filter((track) => track.lang.toLowerCase() !== lang.toLowerCase());
  if (others.length > 0) {
    const pages = others.map(
      (track) =>
        `<a href="${escapeHtml(`${links.page}?lang=${encodeURIComponent(track.lang)}`)}" lang="${escapeHtml(track.lang)}">${escapeHtml(track.label)}</a>`,
    );
    out.push(`<p>Also in: ${pages.join(', ')}</p>`);
  }
  return `<noscript><div class="watch__noscript">${out.join('')}</div></noscript>`;
}
