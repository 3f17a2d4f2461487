/**
 * The small parts of a translation row: its timing with nudge buttons, its speaker menu, its
 * findings and its note for the reviewer.
 */
import {
  useCallback,
  useId,
  useState,
  useSyncExternalStore,
  type ComponentPropsWithRef,
  type ReactNode,
} from 'react';
import type { Finding } from '../../core/cue-model.ts';
import type { Speaker } from '../../core/episode-model.ts';
import { normaliseNote } from '../../core/translation-edit.ts';
import type { ParsedCue } from '../../core/vtt-parse.ts';
import { SpeakerPortrait } from '../shared/speaker-portrait.tsx';
import { useRuleReasons, useTranslatorText } from './translator-messages.ts';
import { NUDGE_SECONDS } from './use-row-keyboard.ts';
import { useRowEnvironment } from './workspace-context.ts';
import type { RowRef } from './workspace-session.ts';

/** `m:ss.mmm` (or `h:mm:ss.mmm`): cue times to the millisecond, as translators nudge them. */
export function formatCueTime(seconds: number): string {
  const totalMs = Math.max(0, Math.round(seconds * 1000));
  const ms = String(totalMs % 1000).padStart(3, '0');
  const totalSeconds = Math.floor(totalMs / 1000);
  const s = String(totalSeconds % 60).padStart(2, '0');
  const minutes = Math.floor(totalSeconds / 60);
  const h = Math.floor(minutes / 60);
  return h > 0
    ? `${h}:${String(minutes % 60).padStart(2, '0')}:${s}.${ms}`
    : `${minutes}:${s}.${ms}`;
}

export function RowTiming({
  rowRef,
  cue,
  editable,
}: {
  rowRef: RowRef;
  cue: ParsedCue;
  editable: boolean;
}) {
  const t = useTranslatorText();
  const { actions } = useRowEnvironment();
  const nudge = (edge: 'start' | 'end', delta: number) => () => actions.nudge(rowRef, edge, delta);
  const button = (label: string, text: string, onClick: () => void) => (
    <button type="button" className="t-nudge" aria-label={label} title={label} onClick={onClick}>
      {text}
    </button>
  );
  return (
    <span className="t-timing" dir="ltr">
      {editable && button(t.startEarlier(cue.id), '−', nudge('start', -NUDGE_SECONDS))}
      <span className="t-timing__value">{formatCueTime(cue.startTime)}</span>
      {editable && button(t.startLater(cue.id), '+', nudge('start', NUDGE_SECONDS))}
      <span aria-hidden="true"> → </span>
      <span className="visually-hidden"> – </span>
      {editable && button(t.endEarlier(cue.id), '−', nudge('end', -NUDGE_SECONDS))}
      <span className="t-timing__value">{formatCueTime(cue.endTime)}</span>
      {editable && button(t.endLater(cue.id), '+', nudge('end', NUDGE_SECONDS))}
    </span>
  );
}

export function RowSpeaker({
  rowRef,
  cue,
  episodeId,
  speakers,
  disabled,
}: {
  rowRef: RowRef;
  cue: ParsedCue;
  episodeId: string;
  speakers: readonly Speaker[];
  disabled: boolean;
}) {
  const t = useTranslatorText();
  const { actions } = useRowEnvironment();
  const speaker = speakers.find((candidate) => candidate.id === cue.speakerId);
  return (
    <span className="t-speaker">
      <SpeakerPortrait episodeId={episodeId} speaker={speaker} size={28} />
      <select
        aria-label={t.speakerOf(cue.id)}
        value={cue.speakerId ?? ''}
        disabled={disabled}
        onChange={(event) => {
          const chosen = speakers.find((candidate) => candidate.id === event.target.value);
          if (chosen) actions.setSpeaker(rowRef, chosen);
        }}
      >
        {!speaker && <option value="">?</option>}
        {speakers.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.name}
          </option>
        ))}
      </select>
    </span>
  );
}

export function RowFindings({ findings, id }: { findings: readonly Finding[]; id?: string }) {
  const t = useTranslatorText();
  const reasons = useRuleReasons();
  if (findings.length === 0) return null;
  return (
    <ul className="t-findings" id={id}>
      {findings.map((finding, i) => (
        <li key={`${finding.rule}-${i}`} className={`t-finding t-finding--${finding.severity}`}>
          <span className="t-finding__badge">{finding.severity}</span>{' '}
          <span className="t-finding__rule">{finding.rule}</span>: {finding.message}{' '}
          <span className="t-finding__why">
            {t.why} {reasons[finding.rule]}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Whether the keyboard asked this row for its note editor (Alt+N). */
function useNoteRequested(rowRef: RowRef): boolean {
  const { focus } = useRowEnvironment();
  const { kind, index } = rowRef;
  return useSyncExternalStore(
    focus.subscribe,
    useCallback(() => focus.wantsNote({ kind, index }), [focus, kind, index]),
  );
}

export function RowNote({
  rowRef,
  cueId,
  note,
  readOnly,
}: {
  rowRef: RowRef;
  cueId: string;
  note: string;
  readOnly: boolean;
}) {
  const t = useTranslatorText();
  const { actions, focus, onKeyDown } = useRowEnvironment();
  const requested = useNoteRequested(rowRef);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState(note);
  // The note changed elsewhere (undo, a merge): show it.
  if (normaliseNote(typed) !== note) setTyped(note);
  const shown = open || requested || note !== '';

  const { kind, index } = rowRef;
  const register = useCallback(
    (element: HTMLTextAreaElement | null) => focus.register({ kind, index }, 'note', element),
    [focus, kind, index],
  );
  // Alt+N asked for the editor: keep it open once the request has been served.
  if (requested && !open) setOpen(true);

  if (!shown) {
    return (
      <button
        type="button"
        className="t-note-add"
        aria-label={t.addNoteFor(cueId)}
        disabled={readOnly}
        onClick={() => {
          setOpen(true);
          focus.request({ ref: rowRef, target: 'note' });
        }}
      >
        {t.addNote}
      </button>
    );
  }
  return (
    <RowBox
      block="t-note"
      label={t.noteFor(cueId)}
      ref={register}
      value={typed}
      readOnly={readOnly}
      onChange={(event) => {
        setTyped(event.target.value);
        actions.setNote(rowRef, event.target.value);
      }}
      onBlur={() => {
        if (typed.trim() === '') setOpen(false);
      }}
      onKeyDown={(event) => onKeyDown(event, rowRef, 'note')}
    />
  );
}

/**
 * A labelled box under a row's text (its note, its markup): `block` names the CSS block, whose
 * `__label` and `__text` style the parts; `children` follow the box (a hint).
 */
export function RowBox({
  block,
  label,
  children,
  ...box
}: {
  block: string;
  label: string;
  children?: ReactNode;
} & Omit<ComponentPropsWithRef<'textarea'>, 'id' | 'className' | 'children'>) {
  const id = useId();
  return (
    <div className={block}>
      <label htmlFor={id} className={`${block}__label`}>
        {label}
      </label>
      <textarea id={id} className={`${block}__text`} rows={1} {...box} />
      {children}
    </div>
  );
}
