/**
 * A pre-rendered page's transcript as the app's transcript panel (issue 19; the embed's,
 * src/server/embed-page.ts, and the watch page's, src/server/served-watch-page.ts): the same elements and
 * classes as TranscriptPanel (src/features/shared/transcript-panel.tsx) — its header (title,
 * language menu, "Highlight words", search) and its rows (turn heads with the speaker's portrait,
 * lines with time and text) — so every line is where the app's will be and nothing jumps when
 * the app takes the panel over. Before the app has loaded, the header's controls are disabled
 * (they have nothing to act on yet) and a click on a line seeks the served video
 * (served-transcript-script.ts); without JavaScript each line's time opens the watch page there.
 *
 * The questions, which the app shows in the page's question card and not among the lines, are
 * headings for screen readers and outlines only (visually hidden), so they take no room.
 */
import type { Speaker } from '../core/episode-model.ts';
import { hasTimestampTags } from '../core/cue-words.ts';
import { directionOf } from '../core/language.ts';
import { formatClock } from '../core/time-format.ts';
import { turnStarts } from '../core/transcript.ts';
import { VIRTUALIZE_FROM } from '../features/shared/long-transcript.ts';
import { english } from '../features/shared/messages.ts';
import {
  SERVED_HIGHLIGHT_WORDS_ID,
  SERVED_SCROLLER_ATTRIBUTE,
} from '../features/shared/served-reading-place.ts';
import { escapeHtml, oneLine, type EpisodePageInput } from './static-page.ts';
import { speakerInitials } from '../core/speaker-initials.ts';

/** The size of a turn head's portrait, as TranscriptLine's TurnHead draws it. */
const TURN_PORTRAIT_PX = 32;

/**
 * A speaker's picture as SpeakerPortrait draws it: the episode's illustration, a silhouette for an
 * anonymous speaker (whose portrait file is never requested), or initials.
 */
export function servedPortraitHtml(
  input: EpisodePageInput,
  speaker: Speaker | undefined,
  size: number,
): string {
  const style = `width: ${size}px; height: ${size}px; --speaker-color: ${escapeHtml(speaker?.color ?? '#6b6b6b')};`;
  if (!speaker || speaker.anonymous) {
    return `<span class="portrait portrait--silhouette" style="${style}" aria-hidden="true"><svg viewBox="0 0 40 40" focusable="false"><circle cx="20" cy="20" r="20" class="portrait__bg"></circle><circle cx="20" cy="15" r="7" class="portrait__shape"></circle><path d="M6 36c2-8 8-12 14-12s12 4 14 12" class="portrait__shape"></path></svg></span>`;
  }
  if (speaker.portrait) {
    return `<img class="portrait" style="${style}" src="${escapeHtml(input.links.episodeFile(speaker.portrait))}" alt="" width="${size}" height="${size}" loading="lazy" decoding="async">`;
  }
  return `<span class="portrait portrait--initials" style="${style}" aria-hidden="true">${escapeHtml(speakerInitials(speaker.name))}</span>`;
}

/**
 * The room of a line's "copy link" button (beside the line, as wide), so the served lines wrap as
 * the app's do; hidden, as there is nothing to copy with before the app has loaded.
 */
const COPY_BUTTON_ROOM = `<span class="line__copy line__copy--served" aria-hidden="true"><svg viewBox="0 0 16 16" width="16" height="16" focusable="false"></svg></span>`;

/**
 * A language menu as LanguageMenu draws it (InterfaceLanguageMenu with its own `className`),
 * disabled until the app has loaded; `noneLabel` adds the "none" choice (side by side), selected
 * when `current` is null.
 */
export function servedLanguageMenuHtml(menu: {
  readonly id: string;
  readonly label: string;
  readonly tracks: readonly { readonly lang: string; readonly label: string }[];
  readonly current: string | null;
  readonly noneLabel?: string;
  readonly className?: string;
}): string {
  const { id, label, tracks, current, noneLabel, className = 'language-menu' } = menu;
  const none = noneLabel === undefined ? '' : `<option value="">${escapeHtml(noneLabel)}</option>`;
  const options = tracks
    .map(
      (track) =>
        `<option value="${escapeHtml(track.lang)}" lang="${escapeHtml(track.lang)}"${track.lang === current ? ' selected' : ''}>${escapeHtml(track.label)}</option>`,
    )
    .join('');
  return `<div class="${className}"><label for="${id}">${escapeHtml(label)}</label><select id="${id}" disabled>${none}${options}</select></div>`;
}

/**
 * The panel's header as the app renders it, its controls disabled until then; `toolbar` is what
 * the page puts before "Highlight words" (the language menus, the downloads).
 */
function headerHtml(input: EpisodePageInput, toolbar: string): string {
  const { cues } = input;
  const t = english;
  // Shown by the app only when the transcript has timed words; checked as the app will check it by
  // the page's first script (served-embed-start.ts, served-watch-start.ts), which knows the
  // reader's choice.
  const words = cues.some(hasTimestampTags)
    ? `<label class="transcript__words"><input type="checkbox" id="${SERVED_HIGHLIGHT_WORDS_ID}" disabled> ${escapeHtml(t.highlightWords)}</label>`
    : '';
  const button = (label: string, ariaLabel: string | null, title: string) =>
    `<button type="button" class="search__button" disabled${ariaLabel ? ` aria-label="${escapeHtml(ariaLabel)}"` : ''} title="${escapeHtml(title)}">${label}</button>`;
  return [
    `<header class="transcript__header">`,
    `<h2 class="transcript__title">${escapeHtml(t.transcriptHeading)}</h2>`,
    toolbar,
    words,
    `<div class="search" role="search"><label for="served-transcript-search" class="visually-hidden">${escapeHtml(t.searchLabel)}</label><input id="served-transcript-search" type="search" class="search__input" placeholder="${escapeHtml(t.searchPlaceholder)}" autocomplete="off" spellcheck="false" disabled><span class="search__status"></span>`,
    button('<span aria-hidden="true">↑</span>', t.searchPrevious, t.searchPrevious),
    button('<span aria-hidden="true">↓</span>', t.searchNext, t.searchNext),
    button(escapeHtml(t.searchPlayShort), null, t.searchPlay),
    `</div>`,
    `</header>`,
  ].join('');
}

/** SpeakersStrip's portrait size (the embed's stylesheet draws it smaller). */
const SPEAKER_PORTRAIT_PX = 56;

/**
 * The speakers' strip as the app's SpeakersStrip draws it (a portrait and name per speaker), with
 * nobody marked as speaking until the app follows the clock.
 */
export function servedSpeakersHtml(input: EpisodePageInput): string {
  const t = english;
  const items = input.episode.speakers.map((speaker) => {
    const note = speaker.anonymous
      ? `<span class="speaker__note" title="${escapeHtml(t.anonymousSpeaker)}"><span aria-hidden="true">*</span><span class="visually-hidden">${escapeHtml(t.anonymousSpeaker)}</span></span>`
      : '';
    return `<li class="speaker" data-speaker-id="${escapeHtml(speaker.id)}">${servedPortraitHtml(input, speaker, SPEAKER_PORTRAIT_PX)}<span class="speaker__name">${escapeHtml(speaker.name)}</span>${note}</li>`;
  });
  return `<div class="speakers"><h2 class="section-title">${escapeHtml(t.speakersHeading)}</h2><ul class="speakers__list" aria-label="Speakers">${items.join('')}</ul></div>`;
}

/**
 * The transcript panel, served: header and rows, with the app's classes. `className` is the
 * page's own class for it; `toolbar` the header's controls before "Highlight words".
 */
export function servedTranscriptPanelHtml(
  input: EpisodePageInput,
  { className = '', toolbar }: { readonly className?: string; readonly toolbar: string },
): string {
  const { episode, cues, chapters, lang, links } = input;
  const speakers = new Map(episode.speakers.map((speaker) => [speaker.id, speaker]));
  const starts = turnStarts(cues);
  const dir = directionOf(lang);
  const out: string[] = [
    // A long transcript's rows past its first screens are laid out only near the view (styles.css).
    `<section class="${`transcript transcript--served${cues.length >= VIRTUALIZE_FROM ? ' transcript--long' : ''} ${className}`.trim()}" aria-label="Transcript">`,
    headerHtml(input, toolbar),
    `<div class="transcript__scroll" ${SERVED_SCROLLER_ATTRIBUTE}>`,
  ];
  let nextChapter = 0;
  cues.forEach((cue, index) => {
    while (nextChapter < chapters.length && chapters[nextChapter]!.startTime <= cue.startTime) {
      out.push(
        `<h3 class="visually-hidden" lang="${escapeHtml(lang)}" dir="${dir}">${escapeHtml(chapters[nextChapter]!.question)}</h3>`,
      );
      nextChapter++;
    }
    const speaker = cue.speakerId ? speakers.get(cue.speakerId) : undefined;
    const startsTurn = starts[index] ?? false;
    const name = speaker?.name ?? '';
    const head = startsTurn
      ? `<div class="turn-head" aria-hidden="true">${servedPortraitHtml(input, speaker, TURN_PORTRAIT_PX)}<span class="turn-head__name">${escapeHtml(name)}</span></div>`
      : '';
    const spoken =
      startsTurn && name ? `<span class="visually-hidden">${escapeHtml(name)}: </span>` : '';
    out.push(
      `<div class="transcript-row${startsTurn ? ' transcript-row--turn' : ''}" data-index="${index}">${head}<div class="line-wrap"><div class="line" id="cue-${escapeHtml(cue.id)}" data-served-cue="${escapeHtml(cue.id)}" data-start="${cue.startTime}" data-end="${cue.endTime}" lang="${escapeHtml(lang)}" dir="${dir}"><a class="line__time" dir="ltr" href="${escapeHtml(links.watchAt(Math.floor(cue.startTime)))}">${escapeHtml(formatClock(cue.startTime))}</a> ${spoken}<span class="line__text" lang="${escapeHtml(lang)}" dir="${dir}">${escapeHtml(oneLine(cue.text))}</span></div>${COPY_BUTTON_ROOM}</div></div>`,
    );
  });
  out.push(`</div>`, `</section>`);
  return out.join('\n');
}
