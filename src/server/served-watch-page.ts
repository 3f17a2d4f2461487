/**
 * The pre-rendered watch page's body (`watch/<id>.html`, issue 19): the viewer as the app will
 * show it, from the first paint and before the app's scripts have arrived — WatchView's elements
 * and classes, so its stylesheet lays the served page out as it lays the app's out and nothing
 * moves when the app takes over: the header, the served video (poster and play button; the app
 * adopts this very element) and its note, the question card (empty until playback reaches a
 * question), the speakers, the announcements box, the speaker timeline, the questions, the
 * credits, and the transcript as the app's panel (served-transcript-panel.ts; a click on a line
 * seeks the video, served-transcript-script.ts).
 *
 * Controls that need the app (menus, share, search, the questions' buttons) are disabled until it
 * has loaded. Readers without JavaScript, and search engines, get the title, the questions, the
 * whole transcript and the credits as text, and in a `<noscript>` what the app's page does not
 * show (the publication line, the summary, the other languages' pages), which takes no room when
 * scripts run. Every text is escaped.
 */
import { directionOf } from '../core/language.ts';
import { laneColor, lanePaths, timelineDuration, timelineSpans } from '../core/speaker-lanes.ts';
import { formatClock } from '../core/time-format.ts';
import { englishEmbedMessages } from '../features/shared/embed-message-catalog.ts';
import { english } from '../features/shared/messages.ts';
import { SERVED_ANNOUNCE_ID } from '../features/viewer/announce-preference.ts';
import {
  servedLanguageMenuHtml,
  servedSpeakersHtml,
  servedTranscriptPanelHtml,
} from './served-transcript-panel.ts';
import { escapeHtml, servedVideoHtml, type EpisodePageInput } from './static-page.ts';

const t = english;

/** The header: back to the episodes, the title, "Share / Embed" and the interface language. */
function headerHtml(input: EpisodePageInput): string {
  const { episode, links } = input;
  const series = episode.series
    ? `<span class="watch__series">${escapeHtml(episode.series)}: </span>`
    : '';
  // InterfaceLanguageMenu's choices (each named in its own language).
  const interfaceLanguages = [
    { lang: 'en', label: 'English' },
    { lang: 'ko', label: '한국어' },
  ];
  return [
    `<header class="watch__header">`,
    `<a class="watch__home" href="${escapeHtml(links.home)}">${escapeHtml(t.backToEpisodes)}</a>`,
    `<h1 class="watch__title">${series}${escapeHtml(episode.title)}</h1>`,
    `<button type="button" class="button share-button" aria-haspopup="dialog" disabled>${escapeHtml(englishEmbedMessages.shareButton)}</button>`,
    servedLanguageMenuHtml({
      id: 'served-interface-language',
      label: t.interfaceLanguage,
      tracks: interfaceLanguages,
      current: 'en',
      className: 'interface-language',
    }),
    `</header>`,
  ].join('');
}

/** For readers without JavaScript: what the static page said and the app's page does not. */
function noscriptHtml(input: EpisodePageInput): string {
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

/** QuestionCard before the first question. */
function questionCardHtml(): string {
  return `<section class="question-card question-card--empty" aria-label="Current question"><p class="question-card__kicker" aria-hidden="true">${escapeHtml(t.questionHeading)}</p><p class="question-card__placeholder" aria-hidden="true">${escapeHtml(t.noQuestionYet)}</p></section>`;
}

/** The Announcer's box (checked as the app will check it by served-watch-start.ts). */
function announcerHtml(): string {
  return `<div class="announcer"><input id="${SERVED_ANNOUNCE_ID}" type="checkbox" disabled><label for="${SERVED_ANNOUNCE_ID}">${escapeHtml(t.announceLabel)}</label></div>`;
}

/** SpeakerTimeline at the start: a lane per speaker, the playhead at 0. */
function timelineHtml(input: EpisodePageInput): string {
  const { episode, cues } = input;
  if (cues.length === 0) return '';
  const duration = timelineDuration(NaN, episode.media.duration, cues);
  const paths = lanePaths(timelineSpans(cues, duration), duration);
  const names = episode.speakers
    .map((speaker) => `<li class="timeline__name">${escapeHtml(speaker.name)}</li>`)
    .join('');
  const lanes = episode.speakers
    .map(
      (speaker, index) =>
        `<div class="timeline__lane" data-speaker-id="${escapeHtml(speaker.id)}"><svg class="timeline__lane-art" viewBox="0 0 ${duration} 1" preserveAspectRatio="none" aria-hidden="true" focusable="false"><path d="${paths.get(speaker.id) ?? ''}" fill="${escapeHtml(laneColor(speaker, index))}"></path></svg></div>`,
    )
    .join('');
  // Not focusable until the app makes it seek.
  const track = `<div class="timeline__track" role="slider" aria-disabled="true" aria-label="${escapeHtml(t.timelineLabel)}" aria-valuemin="0" aria-valuemax="${Math.round(duration)}" aria-valuenow="0" aria-valuetext="${formatClock(0)}">${lanes}<div class="timeline__playhead" aria-hidden="true" style="transform: translateX(0px);"><div class="timeline__playhead-line"></div></div></div>`;
  return `<div class="timeline"><h2 class="section-title">${escapeHtml(t.timelineLabel)}</h2><div class="timeline__body"><ul class="timeline__names" aria-hidden="true">${names}</ul>${track}</div></div>`;
}

/** ChaptersList: the questions, their buttons disabled until the app makes them seek. */
function chaptersHtml(input: EpisodePageInput): string {
  const { chapters, lang } = input;
  const dir = directionOf(lang);
  const items = chapters.map(
    (chapter) =>
      `<li class="chapters__item" data-chapter-id="${escapeHtml(chapter.id)}"><button type="button" class="chapter" disabled><span class="chapter__time" dir="ltr">${escapeHtml(formatClock(chapter.startTime))}</span><span class="chapter__question" lang="${escapeHtml(lang)}" dir="${dir}">${escapeHtml(chapter.question)}</span></button></li>`,
  );
  return `<div class="chapters"><h2 class="section-title">${escapeHtml(t.chaptersHeading)}</h2><ol class="chapters__list" aria-label="Chapters">${items.join('')}</ol></div>`;
}

/** Credits: LiNK and The Red Box, and whatever episode.json adds. */
function creditsHtml(input: EpisodePageInput): string {
  const credits = input.episode.credits ?? [];
  const list = credits.map((credit) => {
    const name = credit.url
      ? `<a href="${escapeHtml(credit.url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(credit.name)}</a>`
      : escapeHtml(credit.name);
    return `<div class="credits__item"><dt>${escapeHtml(credit.role)}</dt><dd>${name}</dd></div>`;
  });
  return `<footer class="credits"><h2 class="section-title">${escapeHtml(t.creditsHeading)}</h2><p>${escapeHtml(t.creditsLine)}</p>${list.length > 0 ? `<dl class="credits__list">${list.join('')}</dl>` : ''}</footer>`;
}

/** The transcript panel's controls before "Highlight words", as WatchView's toolbar. */
function transcriptToolbarHtml(input: EpisodePageInput): string {
  const { episode, lang } = input;
  const others = episode.tracks.filter((track) => track.lang !== lang);
  const pair =
    episode.tracks.length > 1
      ? servedLanguageMenuHtml({
          id: 'served-pair-language',
          label: t.sideBySide,
          tracks: others,
          current: null,
          noneLabel: t.sideBySideNone,
        })
      : '';
  const downloads = [t.downloadText, t.downloadVtt, t.downloadSrt]
    .map(
      (label) =>
        `<li><button type="button" class="downloads__button" disabled>${escapeHtml(label)}</button></li>`,
    )
    .join('');
  return [
    servedLanguageMenuHtml({
      id: 'served-transcript-language',
      label: t.languageMenu,
      tracks: episode.tracks,
      current: lang,
    }),
    pair,
    `<details class="downloads"><summary>${escapeHtml(t.download)}</summary><ul class="downloads__list">${downloads}</ul></details>`,
  ].join('');
}

/** The page body, served in place of the app's root until the app renders the same. */
export function servedWatchBody(input: EpisodePageInput): string {
  const { episode } = input;
  const note = episode.media.note
    ? `<p class="video-stage__note">${escapeHtml(episode.media.note)}</p>`
    : '';
  return [
    `<div class="watch watch--served">`,
    headerHtml(input),
    noscriptHtml(input),
    `<main class="watch__main" id="main">`,
    `<div class="watch__stage">`,
    `<div class="watch__video"><div class="video-stage"><div class="video-stage__player">${servedVideoHtml(input)}</div>${note}</div></div>`,
    questionCardHtml(),
    servedSpeakersHtml(input),
    announcerHtml(),
    timelineHtml(input),
    chaptersHtml(input),
    creditsHtml(input),
    `</div>`,
    `<div class="watch__transcript">${servedTranscriptPanelHtml(input, { toolbar: transcriptToolbarHtml(input) })}</div>`,
    `</main>`,
    `</div>`,
  ].join('\n');
}
