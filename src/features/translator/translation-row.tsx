/**
 * One row of the workspace: the source cue (read-only) beside a text box for its translation,
 * with its id, timing, speaker, markup, findings and note. The translator types plain text; the row
 * keeps exactly what was typed (trailing spaces too) while the file gets the normalised, escaped
 * text, with the cue's tags and word timestamps kept around what did not change.
 */
import {
  memo,
  useCallback,
  useId,
  useLayoutEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import type { Finding } from '../../core/cue-model.ts';
import { cueWords } from '../../core/cue-words.ts';
import { markupOf } from '../../core/cue-text-edit.ts';
import type { Speaker } from '../../core/episode-model.ts';
import { directionOf } from '../../core/language.ts';
import { normaliseTypedText } from '../../core/vtt-serialize.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import type { ClockFollower } from '../../player/media-clock.ts';
import { CueText } from '../shared/cue-text.tsx';
import { useIsCurrentItem } from '../shared/player-runtime.tsx';
import { MarkupToggle, RowMarkup } from './row-markup.tsx';
import { RowFindings, RowNote, RowSpeaker, RowTiming } from './row-parts.tsx';
import { CONTRACT_NAMES, useTranslatorText } from './translator-messages.ts';
import type { RowFocus } from './row-focus.ts';
import type { RowSelection } from './row-selection.ts';
import { useRowEnvironment } from './workspace-context.ts';
import type { FileKind } from './workspace-session.ts';

/** What every row of one list shares (one object, so rows compare it cheaply). */
export interface RowSettings {
  readonly episodeId: string;
  readonly lang: string;
  readonly sourceLang: string;
  /** Show the source text beside the box (not when editing the source language itself). */
  readonly showSource: boolean;
  readonly speakers: readonly Speaker[];
  readonly readOnly: boolean;
  /** Split and merge (the source language, unlocked). */
  readonly structureEditable: boolean;
  readonly follower: ClockFollower | null;
  /**
   * Render the source text's timed words as elements (Contract 9: the spoken word of the spoken
   * row is marked), and say when a row rendered them; null when words are not shown.
   */
  readonly sourceWordsRendered: ((sourceCueId: string) => void) | null;
}

export interface TranslationRowProps {
  readonly kind: FileKind;
  readonly index: number;
  readonly cue: ParsedCue;
  readonly sourceCue: ParsedCue | undefined;
  readonly note: string;
  readonly findings: readonly Finding[];
  readonly looping: boolean;
  readonly settings: RowSettings;
}

function rowClass(current: boolean, findings: readonly Finding[], looping: boolean): string {
  const classes = ['t-row'];
  if (current) classes.push('t-row--current');
  if (looping) classes.push('t-row--looping');
  if (findings.some((finding) => finding.severity === 'error')) classes.push('t-row--error');
  else if (findings.length > 0) classes.push('t-row--warning');
  return classes.join(' ');
}

export const TranslationRow = memo(function TranslationRow({
  kind,
  index,
  cue,
  sourceCue,
  note,
  findings,
  looping,
  settings,
}: TranslationRowProps) {
  const t = useTranslatorText();
  const { actions, focus, onKeyDown, player, selection } = useRowEnvironment();
  // The spoken row, or among the questions the one being answered (each list has its follower).
  const current = useIsCurrentItem(settings.follower, index);
  const selected = useSyncExternalStore(
    selection.subscribe,
    () => kind === 'transcript' && selection.isSelected(index),
  );
  const [typed, setTyped] = useState(cue.text);
  // The text changed elsewhere (undo, replace, import, a merge): show the new text.
  if (normaliseTypedText(typed) !== cue.text) setTyped(cue.text);
  const headingId = useId();
  const findingsId = useId();
  const rowRef = { kind, index };
  const register = useCallback(
    (element: HTMLTextAreaElement | null) => focus.register({ kind, index }, 'text', element),
    [focus, kind, index],
  );
  const registerRow = useCallback(
    (element: HTMLDivElement | null) => focus.register({ kind, index }, 'row', element),
    [focus, kind, index],
  );
  const extra = settings.showSource && !sourceCue;
  const hasMarkup = markupOf(cue).hasMarkup;
  const [markupOpen, setMarkupOpen] = useState(hasMarkup);
  // Once a row has markup its box stays open: deleting the last tag in it must not close it under
  // the cursor.
  if (hasMarkup && !markupOpen) setMarkupOpen(true);
  const span = { id: cue.id, startTime: cue.startTime, endTime: cue.endTime };
  // After every render: a render may have replaced the source text's word elements.
  useLayoutEffect(() => {
    if (sourceCue && settings.showSource) settings.sourceWordsRendered?.(sourceCue.id);
  });

  return (
    <div
      className={rowClass(current, findings, looping) + (selected ? ' t-row--selected' : '')}
      role="group"
      aria-labelledby={headingId}
      aria-current={current ? 'true' : undefined}
      data-row-kind={kind}
      data-row-index={index}
      data-cue-id={cue.id}
      data-selected={selected || undefined}
      ref={registerRow}
      tabIndex={-1}
      onPointerDown={
        kind === 'transcript'
          ? (event: PointerEvent<HTMLDivElement>) => selectByPointer(event, selection, index)
          : undefined
      }
      onKeyDown={
        kind === 'transcript'
          ? (event: KeyboardEvent<HTMLDivElement>) => selectByKey(event, selection, focus, index)
          : undefined
      }
    >
      <div className="t-row__head">
        <span className="t-row__id" id={headingId}>
          {cue.id}
        </span>
        <RowTiming rowRef={rowRef} cue={cue} editable={!settings.readOnly} />
        {kind === 'transcript' && (
          <RowSpeaker
            rowRef={rowRef}
            cue={cue}
            episodeId={settings.episodeId}
            speakers={settings.speakers}
            disabled={settings.readOnly}
          />
        )}
        <button
          type="button"
          className="t-play"
          aria-label={t.playRow(cue.id)}
          title={t.playRow(cue.id)}
          onClick={() => player.toggle(span)}
        >
          <span aria-hidden="true">▶</span>
        </button>
        <button
          type="button"
          className="t-play"
          aria-label={t.loopRow(cue.id)}
          aria-pressed={looping}
          title={t.loopRow(cue.id)}
          onClick={() => player.toggleLoop(span)}
        >
          <span aria-hidden="true">⟲</span>
        </button>
        {!hasMarkup && (
          <MarkupToggle
            cueId={cue.id}
            open={markupOpen}
            onToggle={() => setMarkupOpen((open) => !open)}
          />
        )}
      </div>
      {settings.showSource && (
        <p
          className="t-row__source"
          lang={settings.sourceLang}
          dir={directionOf(settings.sourceLang)}
        >
          {sourceCue ? (
            <SourceText cue={sourceCue} withWords={settings.sourceWordsRendered !== null} />
          ) : (
            t.notInSource
          )}
        </p>
      )}
      <textarea
        ref={register}
        className="t-row__text"
        aria-label={CONTRACT_NAMES.translationOf(cue.id)}
        aria-describedby={findings.length > 0 ? findingsId : undefined}
        aria-invalid={findings.some((finding) => finding.severity === 'error') || undefined}
        lang={settings.lang}
        dir={directionOf(settings.lang)}
        value={typed}
        readOnly={settings.readOnly}
        rows={2}
        spellCheck
        onChange={(event) => {
          setTyped(event.target.value);
          actions.setText(rowRef, event.target.value);
        }}
        onKeyDown={(event) => onKeyDown(event, rowRef, 'text')}
      />
      {markupOpen && <RowMarkup rowRef={rowRef} cue={cue} readOnly={settings.readOnly} />}
      <RowFindings findings={findings} id={findingsId} />
      <div className="t-row__tools">
        <RowNote rowRef={rowRef} cueId={cue.id} note={note} readOnly={settings.readOnly} />
        {settings.structureEditable && (
          <>
            <button
              type="button"
              className="t-tool"
              onClick={(event) => {
                const box = event.currentTarget.closest('.t-row')?.querySelector('textarea');
                actions.split(rowRef, box?.selectionStart ?? Math.floor(cue.text.length / 2));
              }}
            >
              {t.splitRow(cue.id)}
            </button>
            <button type="button" className="t-tool" onClick={() => actions.mergeWithNext(rowRef)}>
              {t.mergeRow(cue.id)}
            </button>
          </>
        )}
        {extra && !settings.readOnly && (
          <button type="button" className="t-tool" onClick={() => actions.remove(rowRef)}>
            {t.removeRow(cue.id)}
          </button>
        )}
      </div>
    </div>
  );
});

/** Shift-click selects from the row last focused to this one; a plain click ends a selection. */
function selectByPointer(
  event: PointerEvent<HTMLDivElement>,
  selection: RowSelection,
  index: number,
): void {
  if (event.button !== 0) return;
  if (event.shiftKey) selection.extendTo(index);
  else if (!selection.isSelected(index)) selection.clear();
}

/** Shift+↑/↓ on the row itself (Escape from its text box gets there) grows the selection. */
function selectByKey(
  event: KeyboardEvent<HTMLDivElement>,
  selection: RowSelection,
  focus: RowFocus,
  index: number,
): void {
  if (event.target !== event.currentTarget || !event.shiftKey || event.altKey) return;
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  event.preventDefault();
  selection.noteFocus(index);
  const to = selection.extendBy(event.key === 'ArrowUp' ? -1 : 1);
  if (to !== null) focus.request({ ref: { kind: 'transcript', index: to }, target: 'row' });
}

/** The source cue's text; with its timed words as elements when the spoken word is marked. */
function SourceText({ cue, withWords }: { cue: ParsedCue; withWords: boolean }) {
  const words = useMemo(() => (withWords ? cueWords(cue) : undefined), [cue, withWords]);
  if (!cue.text) return <>—</>;
  if (!words || words.length === 0) return <>{cue.text}</>;
  return <CueText segments={cue.segments} words={words} />;
}
