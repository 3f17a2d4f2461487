/**
 * The translator workspace: the video with the translation's captions live, then one row per cue
 * (source beside translation), the questions, live checks, progress, drafts, saving and merging.
 * This file composes; the state lives in the hooks beside it.
 */
import {
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type FocusEvent,
} from 'react';
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
import {
  highlightWordsByDefault,
  useTranscriptWords,
  useWordHighlighter,
} from '../shared/use-word-highlight.ts';
import { VideoStage, type CaptionSource } from '../shared/video-stage.tsx';
import { ChecksSummary } from './checks-summary.tsx';
import { FindReplace, type FindReplaceHandle } from './find-replace.tsx';
import { ImportReview } from './import-review.tsx';
import { MergePanel } from './merge-panel.tsx';
import { ProgressMeter } from './progress-meter.tsx';
import { createRowFocus } from './row-focus.ts';
import { ChapterRows, RowList } from './row-list.tsx';
import { SaveBar } from './save-bar.tsx';
import { createRowSelection } from './row-selection.ts';
import { TimingPanel, usePrefetchTiming } from './timing-panel.tsx';
import type { EdgeRules } from '../../core/cue-edges.ts';
import { ShortcutsHelp } from './shortcuts-help.tsx';
import { StartTranslationForm, translateUrl } from './start-translation-form.tsx';
import type { RowSettings } from './translation-row.tsx';
import { useTranslatorText } from './translator-messages.ts';
import { useCuePlayer } from './use-cue-player.ts';
import { useDraftCheck, useDrafts, type DraftCheck } from './use-drafts.ts';
import { useIncomingVersions } from './use-incoming-versions.ts';
import { useOtherTabs, type OtherTabs } from './use-other-tabs.ts';
import { useLiveChecks } from './use-live-checks.ts';
import { useRowKeyboard } from './use-row-keyboard.ts';
import { useSaver } from './use-saver.ts';
import {
  useDebouncedValue,
  useElapsedSince,
  useStableCallback,
  useStableTimings,
} from './use-stable.ts';
import { useWorkspaceFiles, type WorkspaceFiles } from './use-workspace-files.ts';
import { useWorkspaceSession, type EdgesMovedListener } from './use-workspace-session.ts';
import { RowEnvironmentContext, type RowEnvironment } from './workspace-context.ts';
import {
  DiskChangeNotice,
  DraftOfferNotice,
  OtherTabsNotice,
  SourceLock,
} from './workspace-notices.tsx';
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

/**
 * Once the files are in, how long the rows wait for the draft store's answer before they are
 * drawn read-only ("Looking for a draft…") without it. The answer is due OPEN_TABS_WAIT_MS after
 * the workspace opens, usually a few tens of ms after the files: waiting for it draws the rows
 * once, editable, instead of drawing them read-only and redrawing every row.
 */
const DRAFT_CHECK_GRACE_MS = 500;

export function TranslationWorkspace(props: WorkspaceProps) {
  const t = useTranslatorText();
  const runtime = usePlayerRuntimeValue();
  const query = useWorkspaceFiles(props.episode, props.source, props.track, props.mode);
  usePrefetchTiming(props.episode);
  // Asked while the files load (the other tabs first: their answers are waited for).
  const otherTabs = useOtherTabs(props.episode.id, props.track.lang);
  const draftCheck = useDraftCheck(props.episode.id, props.track.lang);
  const waitedForDrafts = useElapsedSince(Boolean(query.files), DRAFT_CHECK_GRACE_MS);
  if (!query.files || (draftCheck.status === 'checking' && !waitedForDrafts)) {
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
      <Workspace {...props} files={query.files} otherTabs={otherTabs} draftCheck={draftCheck} />
    </PlayerRuntimeProvider>
  );
}

/** No chapters file: no question rows to follow. */
const NO_CUES: readonly ParsedCue[] = [];

interface OpenedWorkspaceProps extends Omit<WorkspaceProps, 'source'> {
  readonly files: WorkspaceFiles;
  readonly otherTabs: OtherTabs;
  readonly draftCheck: DraftCheck;
}

function Workspace({ episode, track, mode, files, otherTabs, draftCheck }: OpenedWorkspaceProps) {
  const t = useTranslatorText();
  const isSource = sameLanguage(track.lang, episode.sourceLanguage);
  // Filled in by the timing panel (the waveform's gap, speech and snap distance).
  const edgeRules = useRef<EdgeRules | null>(null);
  // Filled in by the timing panel too: rows whose edges moved get their words timed again.
  const edgesMoved = useRef<EdgesMovedListener | null>(null);
  const session = useWorkspaceSession(files, isSource, edgeRules, edgesMoved);
  const { state, docs, actions } = session;
  const drafts = useDrafts(
    episode.id,
    track.lang,
    session,
    episode.speakers,
    otherTabs,
    draftCheck,
  );
  const [unlocked, setUnlocked] = useState(false);
  const [focus] = useState(createRowFocus);
  const [selection] = useState(createRowSelection);
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
    selection,
  });
  const environment = useMemo<RowEnvironment>(
    () => ({ actions, focus, onKeyDown, player: controls, selection }),
    [actions, focus, onKeyDown, controls, selection],
  );
  const rowCount = docs.transcript.cues.length;
  useEffect(() => {
    selection.setCount(rowCount);
    // Rows added or removed: a selection by index would point at other rows.
    selection.clear();
  }, [selection, rowCount]);

  // Undo and redo take the keyboard to the row they changed.
  useEffect(() => {
    if (state.focusAfterHistory) focus.request({ ref: state.focusAfterHistory, target: 'text' });
  }, [state.focusAfterHistory, focus]);

  const readOnly =
    drafts.checking || drafts.offer !== null || incoming.merge !== null || (isSource && !unlocked);
  // The row last focused: marked on the waveform, and where tap to time starts.
  const [currentRowId, setCurrentRowId] = useState<string | null>(null);
  const trackRowFocus = (event: FocusEvent<HTMLElement>): void => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-row-kind="transcript"]');
    if (row?.dataset.cueId !== undefined) setCurrentRowId(row.dataset.cueId);
    if (row?.dataset.rowIndex !== undefined) selection.noteFocus(Number(row.dataset.rowIndex));
  };

  // The spoken row: an index over the times only, so typing does not rebuild it.
  const timings = useStableTimings(docs.transcript.cues);
  const follower = useFollower(useTimeIndex(timings));
  // The question being answered is marked among the question rows too.
  const chapterTimings = useStableTimings(docs.chapters?.cues ?? NO_CUES);
  const chapterFollower = useFollower(useTimeIndex(chapterTimings));

  const sourceLang = episode.sourceLanguage;
  const sourceWordsRendered = useSourceWords(
    isSource ? undefined : files.source.transcript.parsed.document.cues,
  );
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
      sourceWordsRendered,
    }),
    [
      episode.id,
      track.lang,
      sourceLang,
      isSource,
      episode.speakers,
      readOnly,
      unlocked,
      follower,
      sourceWordsRendered,
    ],
  );
  const chapterSettings = useMemo(
    () => ({
      ...settings,
      follower: chapterFollower,
      structureEditable: false,
      sourceWordsRendered: null,
    }),
    [settings, chapterFollower],
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
      incoming.mergeWithFiles(taken.changedSince, 'draft', taken.docs);
  };
  const title = isSource
    ? t.sourceWorkspaceTitle(episode.title, track.label)
    : t.workspaceTitle(episode.title, track.label);

  return (
    <RowEnvironmentContext.Provider value={environment}>
      <div className="t-workspace" onFocus={trackRowFocus}>
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
            <TimingPanel
              episode={episode}
              cues={isSource ? docs.transcript.cues : sourceFiles.transcript.parsed.document.cues}
              isSource={isSource}
              editable={isSource && !readOnly}
              currentId={currentRowId}
              actions={actions}
              focus={focus}
              settingsRef={edgeRules}
              selection={selection}
              mode={mode}
              edgesMovedRef={edgesMoved}
            />
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
              onChoose={drafts.choose}
              onRestore={restoreDraft}
              onDiscard={drafts.discard}
            />
            <OtherTabsNotice others={otherTabs.open.size} />
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

/**
 * The spoken word of the spoken row, in the source column (Contract 9): the source transcript's
 * timed words on the clock, marked inside each transcript row's source text. Returns what rows
 * call after rendering, or null when no word is marked (editing the source itself, no word
 * timings, or "Highlight words" turned off in the viewer).
 */
function useSourceWords(
  sourceCues: readonly ParsedCue[] | undefined,
): ((sourceCueId: string) => void) | null {
  const [enabled] = useState(highlightWordsByDefault);
  const words = useTranscriptWords(enabled ? sourceCues : undefined);
  const lineOf = useCallback(
    (cueIndex: number) => {
      const id = sourceCues?.[cueIndex]?.id;
      if (id === undefined) return null;
      return document.querySelector(
        `[data-row-kind="transcript"][data-cue-id="${CSS.escape(id)}"] .t-row__source`,
      );
    },
    [sourceCues],
  );
  const { lineRendered } = useWordHighlighter(words, lineOf);
  const indexById = useMemo(
    () => new Map((sourceCues ?? []).map((cue, index) => [cue.id, index])),
    [sourceCues],
  );
  const rendered = useCallback(
    (sourceCueId: string) => {
      const index = indexById.get(sourceCueId);
      if (index !== undefined) lineRendered(index);
    },
    [indexById, lineRendered],
  );
  return words ? rendered : null;
}
