/**
 * The translator workspace: the video with the translation's captions live, then one row per cue
 * (source beside translation), the questions, live checks, progress, drafts, saving and merging.
 * This file composes; the state lives in the hooks beside it.
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { Episode, Track } from '../../core/episode-model.ts';
import { sameLanguage } from '../../core/language.ts';
import { translationProgress } from '../../core/translation-progress.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { SaveMode } from '../../data/translation-api.ts';
import {
  PlayerRuntimeProvider,
  useFollower,
  usePlayback,
  usePlayerRuntimeValue,
  useTimeIndex,
} from '../shared/player-runtime.tsx';
import { ErrorNotice, Loading } from '../shared/status.tsx';
import { VideoStage, type CaptionSource } from '../shared/video-stage.tsx';
import { ChecksSummary } from './checks-summary.tsx';
import { FindReplace, type FindReplaceHandle } from './find-replace.tsx';
import { ImportReview } from './import-review.tsx';
import { MergePanel } from './merge-panel.tsx';
import { ProgressMeter } from './progress-meter.tsx';
import { createRowFocus } from './row-focus.ts';
import { ChapterRows, RowList } from './row-list.tsx';
import { SaveBar } from './save-bar.tsx';
import { ShortcutsHelp } from './shortcuts-help.tsx';
import { StartTranslationForm, translateUrl } from './start-translation-form.tsx';
import type { RowSettings } from './translation-row.tsx';
import { useTranslatorText } from './translator-messages.ts';
import { useCuePlayer } from './use-cue-player.ts';
import { useDrafts } from './use-drafts.ts';
import { useIncomingVersions } from './use-incoming-versions.ts';
import { useLiveChecks } from './use-live-checks.ts';
import { useRowKeyboard } from './use-row-keyboard.ts';
import { useSaver } from './use-saver.ts';
import { useDebouncedValue, useStableCallback, useStableTimings } from './use-stable.ts';
import { useWorkspaceFiles, type WorkspaceFiles } from './use-workspace-files.ts';
import { useWorkspaceSession } from './use-workspace-session.ts';
import { RowEnvironmentContext, type RowEnvironment } from './workspace-context.ts';
import { DiskChangeNotice, DraftOfferNotice, SourceLock } from './workspace-notices.tsx';
import { unsavedKinds, type RowRef } from './workspace-session.ts';
import './translator.css';

interface WorkspaceProps {
  readonly episode: Episode;
  readonly track: Track;
  readonly source: Track;
  readonly mode: SaveMode;
}

/**
 * Captions follow the typing after this pause: each update re-adds every cue to the video's text
 * track, which takes a while in a long file.
 */
function captionDelayMs(cueCount: number): number {
  return cueCount > 1000 ? 1500 : 300;
}

export function TranslationWorkspace(props: WorkspaceProps) {
  const t = useTranslatorText();
  const runtime = usePlayerRuntimeValue();
  const query = useWorkspaceFiles(props.episode, props.source, props.track, props.mode);
  if (!query.files) {
    return (
      <main className="page" id="main">
        {query.error ? (
          <ErrorNotice title={t.filesFailed} error={query.error} onRetry={query.refetch} />
        ) : (
          <Loading label={t.loadingFiles} />
        )}
      </main>
    );
  }
  return (
    <PlayerRuntimeProvider value={runtime}>
      <Workspace {...props} files={query.files} />
    </PlayerRuntimeProvider>
  );
}

function Workspace({
  episode,
  track,
  mode,
  files,
}: Omit<WorkspaceProps, 'source'> & { files: WorkspaceFiles }) {
  const t = useTranslatorText();
  const isSource = sameLanguage(track.lang, episode.sourceLanguage);
  const session = useWorkspaceSession(files, isSource);
  const { state, docs, actions } = session;
  const drafts = useDrafts(episode.id, track.lang, session, episode.speakers);
  const [unlocked, setUnlocked] = useState(false);
  const [focus] = useState(createRowFocus);
  const player = useCuePlayer();
  const findRef = useRef<FindReplaceHandle>(null);

  const [ownEtags] = useState(() => new Set<string>());
  const incoming = useIncomingVersions(files, session, ownEtags, isSource, episode.speakers);
  const saver = useSaver(episode.id, mode, session, drafts, incoming.openConflict, ownEtags);

  const save = useStableCallback(() => void saver.save());
  const openFind = useStableCallback(() => findRef.current?.open());
  // Rows get one environment for the workspace's life: a new one would redraw every row.
  const { play, toggle, toggleLoop, stop } = player;
  const controls = useMemo(
    () => ({ play, toggle, toggleLoop, stop }),
    [play, toggle, toggleLoop, stop],
  );
  const onKeyDown = useRowKeyboard({
    latest: session.latest,
    actions,
    focus,
    player: controls,
    save,
    openFind,
  });
  const environment = useMemo<RowEnvironment>(
    () => ({ actions, focus, onKeyDown, player: controls }),
    [actions, focus, onKeyDown, controls],
  );

  // Undo and redo take the keyboard to the row they changed.
  useEffect(() => {
    if (state.focusAfterHistory) focus.request({ ref: state.focusAfterHistory, target: 'text' });
  }, [state.focusAfterHistory, focus]);

  const readOnly =
    drafts.checking || drafts.offer !== null || incoming.merge !== null || (isSource && !unlocked);

  // The spoken row: an index over the times only, so typing does not rebuild it.
  const timings = useStableTimings(docs.transcript.cues);
  const follower = useFollower(useTimeIndex(timings));

  const sourceLang = episode.sourceLanguage;
  const settings = useMemo<RowSettings>(
    () => ({
      episodeId: episode.id,
      lang: track.lang,
      sourceLang,
      showSource: !isSource,
      speakers: episode.speakers,
      readOnly,
      structureEditable: isSource && unlocked && !readOnly,
      follower,
    }),
    [episode.id, track.lang, sourceLang, isSource, episode.speakers, readOnly, unlocked, follower],
  );
  const chapterSettings = useMemo(
    () => ({ ...settings, follower: null, structureEditable: false }),
    [settings],
  );

  const sourceFiles = files.source;
  const sourceById = useMemo(
    () => byId(sourceFiles.transcript.parsed.document.cues),
    [sourceFiles.transcript],
  );
  const sourceChaptersById = useMemo(
    () => byId(sourceFiles.chapters?.parsed.document.cues ?? []),
    [sourceFiles.chapters],
  );

  const checkOptions = {
    lang: track.lang,
    frameRate: episode.media.frameRate,
    speakers: episode.speakers,
  };
  const transcriptChecks = useLiveChecks(docs.transcript, {
    ...checkOptions,
    kind: 'transcript',
    loaded: files.target.transcript,
    source: isSource ? null : sourceFiles.transcript,
  });
  const chapterChecks = useLiveChecks(docs.chapters, {
    ...checkOptions,
    kind: 'chapters',
    loaded: files.target.chapters,
    source: isSource ? null : sourceFiles.chapters,
  });

  const captionCues = useDebouncedValue(
    docs.transcript.cues,
    captionDelayMs(docs.transcript.cues.length),
  );
  // video.js has no tech to add text tracks to until the media has loaded its metadata.
  const mediaReady = usePlayback(
    (playback) => playback.attached && !Number.isNaN(playback.duration),
  );
  const captions = useMemo<CaptionSource[]>(
    () => (mediaReady ? [{ lang: track.lang, label: track.label, cues: captionCues }] : []),
    [mediaReady, track.lang, track.label, captionCues],
  );
  const progress = useMemo(
    () => translationProgress(sourceFiles.transcript.parsed.document.cues, captionCues),
    [sourceFiles.transcript, captionCues],
  );

  const allChecks = useMemo(
    () =>
      [
        ['chapters', chapterChecks],
        ['transcript', transcriptChecks],
      ] as const,
    [chapterChecks, transcriptChecks],
  );
  const jumpToRow = useStableCallback((ref: RowRef) => focus.request({ ref, target: 'text' }));
  const downloadChapters = useStableCallback(() => saver.download('chapters'));
  // Panels beside the rows follow the work a moment later, never holding up a keystroke.
  const deferredDocs = useDeferredValue(docs);
  const unsaved = unsavedKinds(state).length > 0;
  const restoreDraft = (): void => {
    const taken = drafts.restore();
    if (taken && taken.changedSince.length > 0)
      incoming.mergeWithFiles(taken.changedSince, 'draft');
  };
  const title = isSource
    ? t.sourceWorkspaceTitle(episode.title, track.label)
    : t.workspaceTitle(episode.title, track.label);

  return (
    <RowEnvironmentContext.Provider value={environment}>
      <div className="t-workspace">
        <header className="t-header">
          <a className="watch__home" href={import.meta.env.BASE_URL}>
            ← {episode.series ?? episode.title}
          </a>
          <h1 className="t-header__title">{title}</h1>
          <nav className="t-header__languages" aria-label={t.otherLanguages}>
            <a
              href={`${import.meta.env.BASE_URL}watch/${encodeURIComponent(episode.id)}?lang=${encodeURIComponent(track.lang)}`}
            >
              {t.watchLink}
            </a>
            {episode.tracks
              .filter((other) => !sameLanguage(other.lang, track.lang))
              .map((other) => (
                <a key={other.lang} href={translateUrl(episode.id, other.lang)} lang={other.lang}>
                  {other.label}
                </a>
              ))}
          </nav>
        </header>
        <div className="t-layout">
          <div className="t-side t-side--top">
            <div className="t-video">
              <VideoStage
                episode={episode}
                captions={captions}
                captionLang={track.lang}
                chapters={[]}
              />
            </div>
            <SaveBar
              mode={mode}
              status={saver.status}
              unsaved={unsaved}
              draftSavedAt={drafts.savedAt}
              draftsUnavailable={drafts.unavailable}
              hasChapters={docs.chapters !== null}
              canUndo={state.history.past.length > 0}
              canRedo={state.history.future.length > 0}
              onSave={save}
              onDownloadChapters={downloadChapters}
              onUndo={actions.undo}
              onRedo={actions.redo}
            />
            {!isSource && <ProgressMeter progress={progress} label={t.progressLabel} />}
          </div>
          <main className="t-main" id="main">
            <DraftOfferNotice
              checking={drafts.checking}
              offer={drafts.offer}
              onRestore={restoreDraft}
              onDiscard={drafts.discard}
            />
            {incoming.diskChange && (
              <DiskChangeNotice
                fileName={incoming.diskChange.file.name}
                unsaved={incoming.diskChange.unsaved}
                onLoad={incoming.loadDiskChange}
                onDismiss={incoming.dismissDiskChange}
              />
            )}
            {incoming.merge && (
              <MergePanel
                key={incoming.merge.request.fileName + incoming.merge.theirsBase.etag}
                request={incoming.merge.request}
                lang={track.lang}
                onApply={incoming.applyMerge}
                onCancel={incoming.cancelMerge}
              />
            )}
            {session.added.length > 0 && (
              <p className="t-notice">{t.addedRows(session.added.length)}</p>
            )}
            {isSource && (
              <SourceLock
                unlocked={unlocked}
                onUnlock={() => setUnlocked(true)}
                onLock={() => setUnlocked(false)}
              />
            )}
            {docs.chapters && (
              <section className="t-section" aria-labelledby="t-chapters-heading">
                <h2 id="t-chapters-heading" className="t-section__title">
                  {t.chaptersHeading}
                </h2>
                <ChapterRows
                  document={docs.chapters}
                  sourceById={sourceChaptersById}
                  checks={chapterChecks}
                  loopingId={player.loopingId}
                  settings={chapterSettings}
                />
              </section>
            )}
            <section className="t-section t-section--rows" aria-labelledby="t-rows-heading">
              <h2 id="t-rows-heading" className="t-section__title">
                {t.rowsHeading}
              </h2>
              <RowList
                kind="transcript"
                document={docs.transcript}
                sourceById={sourceById}
                checks={transcriptChecks}
                loopingId={player.loopingId}
                settings={settings}
                focus={focus}
              />
            </section>
          </main>
          <div className="t-side t-side--tools">
            <ChecksSummary checks={allChecks} onJump={jumpToRow} />
            <FindReplace
              ref={findRef}
              docs={deferredDocs}
              actions={actions}
              focus={focus}
              readOnly={readOnly}
            />
            <ImportReview
              source={sourceFiles.transcript.parsed.document.cues}
              document={deferredDocs.transcript}
              lang={track.lang}
              actions={actions}
              readOnly={readOnly}
            />
            <details className="t-panel">
              <summary className="t-panel__title">{t.startHeading}</summary>
              <StartTranslationForm episode={episode} mode={mode} />
            </details>
            <ShortcutsHelp />
          </div>
        </div>
      </div>
    </RowEnvironmentContext.Provider>
  );
}

function byId(cues: readonly ParsedCue[]): ReadonlyMap<string, ParsedCue> {
  const map = new Map<string, ParsedCue>();
  for (const cue of cues) if (!map.has(cue.id)) map.set(cue.id, cue);
  return map;
}
