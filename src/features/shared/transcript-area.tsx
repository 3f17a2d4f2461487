/**
 * The transcript column: the panel when the file loaded, otherwise a loading state or an error
 * with a retry — the rest of the page keeps working either way.
 */
import type { ReactNode } from 'react';
import type { Episode, Track } from '../../core/episode-model.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import type { TranscriptView } from './episode-data.ts';
import { FileFindings } from './file-findings.tsx';
import { useI18n } from './i18n.tsx';
import { ErrorNotice, Loading } from './status.tsx';
import { TranscriptPanel } from './transcript-panel.tsx';
import type { InitialSearch } from './transcript-search.tsx';

interface TranscriptAreaProps {
  readonly episode: Episode;
  readonly track: Track;
  readonly view: TranscriptView | undefined;
  /** A second language beside the first (side by side), when loaded. */
  readonly secondary?: TranscriptView | null;
  readonly error: unknown;
  readonly onRetry: () => void;
  readonly follower: ClockFollower | null;
  readonly toolbar: ReactNode;
  readonly initialSearch?: InitialSearch;
}

/** The panel's frame without lines, for loading and error states (same region and name). */
function EmptyTranscript({ toolbar, children }: { toolbar: ReactNode; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="transcript" aria-label="Transcript">
      <header className="transcript__header">
        <h2 className="transcript__title">{t.transcriptHeading}</h2>
        {toolbar}
      </header>
      <div className="transcript__message">{children}</div>
    </section>
  );
}

export function TranscriptArea({
  episode,
  track,
  view,
  secondary,
  error,
  onRetry,
  follower,
  toolbar,
  initialSearch,
}: TranscriptAreaProps) {
  const { t } = useI18n();
  if (error) {
    return (
      <EmptyTranscript toolbar={toolbar}>
        <ErrorNotice title={t.transcriptLoadFailed(track.label)} error={error} onRetry={onRetry} />
      </EmptyTranscript>
    );
  }
  if (!view) {
    return (
      <EmptyTranscript toolbar={toolbar}>
        <Loading label={t.loadingTranscript} />
      </EmptyTranscript>
    );
  }
  if (view.cues.length === 0) {
    return (
      <EmptyTranscript toolbar={toolbar}>
        <ErrorNotice title={t.transcriptEmpty(track.label)}>
          <FileFindings findings={view.result.findings} open />
        </ErrorNotice>
      </EmptyTranscript>
    );
  }
  return (
    <TranscriptPanel
      episode={episode}
      transcript={view}
      secondary={secondary}
      follower={follower}
      toolbar={toolbar}
      notice={<FileFindings findings={view.result.findings} />}
      initialSearch={initialSearch}
    />
  );
}
