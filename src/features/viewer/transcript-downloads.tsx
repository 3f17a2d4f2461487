/** Download the transcript in the chosen language as .txt (speakers, timestamps), .vtt or .srt. */
import type { Chapter } from '../../core/cue-model.ts';
import type { Episode, Track } from '../../core/episode-model.ts';
import { toSrt } from '../../core/srt.ts';
import { transcriptToText } from '../../core/transcript-export.ts';
import type { ParseResult } from '../../core/vtt-parse.ts';
import { serializeVtt } from '../../core/vtt-serialize.ts';
import { useI18n } from '../shared/i18n.tsx';
import { useHydrated } from '../shared/hydration.ts';

function saveFile(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  // Give the browser time to start the download before the URL goes away.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export function TranscriptDownloads({
  episode,
  track,
  transcript,
  chapters,
}: {
  episode: Episode;
  track: Track;
  transcript: ParseResult;
  chapters: readonly Chapter[];
}) {
  const { t } = useI18n();
  const base = `${episode.id}.${track.lang}`;
  const cues = transcript.document.cues;
  const downloads = [
    {
      label: t.downloadText,
      save: () =>
        saveFile(
          `${base}.txt`,
          'text/plain;charset=utf-8',
          transcriptToText(cues, {
            heading: [
              episode.series ? `${episode.series}: ${episode.title}` : episode.title,
              `${t.creditsLine} ${episode.published} · ${track.label}`,
            ],
            speakers: episode.speakers,
            chapters,
            questionLabel: t.questionLabel,
          }),
        ),
    },
    {
      label: t.downloadVtt,
      save: () =>
        saveFile(`${base}.vtt`, 'text/vtt;charset=utf-8', serializeVtt(transcript.document)),
    },
    {
      label: t.downloadSrt,
      save: () =>
        saveFile(
          `${base}.srt`,
          'application/x-subrip;charset=utf-8',
          toSrt(cues, { speakerPrefix: 'change', speakers: episode.speakers }),
        ),
    },
  ];
  // A served page's downloads work once the page is hydrated.
  const hydrated = useHydrated();
  return (
    <details className="downloads">
      <summary>{t.download}</summary>
      <ul className="downloads__list">
        {downloads.map((download) => (
          <li key={download.label}>
            <button
              type="button"
              className="downloads__button"
              onClick={download.save}
              disabled={!hydrated}
            >
              {download.label}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
}
