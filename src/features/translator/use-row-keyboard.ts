/**
 * The workspace's keyboard: Enter/Tab to the next row, Shift+Tab back, Shift+Enter a line break;
 * play, replay and loop the row's cue; nudge its start and end; undo and redo across rows; save;
 * find; Alt+Shift+↑/↓ select rows for re-aligning. Keys are read by `code` where Alt is held (on a
 * Mac, Alt+P types "π").
 */
import { useCallback, type KeyboardEvent } from 'react';
import type { CuePlayer } from './use-cue-player.ts';
import type { RowActions } from './use-workspace-session.ts';
import type { FocusTarget, RowFocus } from './row-focus.ts';
import type { RowSelection } from './row-selection.ts';
import type { FileKind, RowRef, SessionState } from './workspace-session.ts';

/** A nudge step: 100 ms. */
export const NUDGE_SECONDS = 0.1;

/** The order Tab walks the rows in: the questions first, as on the page. */
const KIND_ORDER: readonly FileKind[] = ['chapters', 'transcript'];

interface KeyboardDeps {
  readonly latest: { readonly current: SessionState };
  readonly actions: RowActions;
  readonly focus: RowFocus;
  readonly player: Pick<CuePlayer, 'play' | 'toggle' | 'toggleLoop'>;
  readonly save: () => void;
  readonly openFind: () => void;
  readonly selection: RowSelection;
}

export type RowKeyHandler = (
  event: KeyboardEvent<HTMLElement>,
  ref: RowRef,
  target: FocusTarget,
) => void;

/** The row after (or before) `ref` in Tab order, across the questions and the transcript. */
export function neighbourRow(state: SessionState, ref: RowRef, step: 1 | -1): RowRef | null {
  const docs = state.history.present.docs;
  const count = (kind: FileKind) => docs[kind]?.cues.length ?? 0;
  let kindAt = KIND_ORDER.indexOf(ref.kind);
  let index = ref.index + step;
  while (kindAt >= 0 && kindAt < KIND_ORDER.length) {
    const kind = KIND_ORDER[kindAt]!;
    if (index >= 0 && index < count(kind)) return { kind, index };
    kindAt += step;
    const next = KIND_ORDER[kindAt];
    index = next === undefined ? -1 : step === 1 ? 0 : count(next) - 1;
  }
  return null;
}

export function useRowKeyboard({
  latest,
  actions,
  focus,
  player,
  save,
  openFind,
  selection,
}: KeyboardDeps): RowKeyHandler {
  return useCallback(
    (event, ref, target) => {
      // Keys pressed while an input method composes (Korean, Japanese, …) belong to it.
      if (event.nativeEvent.isComposing) return;
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = (): void => event.preventDefault();

      if (command && !event.altKey) {
        if (key === 'z' && !event.shiftKey) return (handled(), actions.undo());
        if ((key === 'z' && event.shiftKey) || key === 'y') return (handled(), actions.redo());
        if (key === 's') return (handled(), save());
        if (key === 'f') return (handled(), openFind());
        return;
      }

      const cue = latest.current.history.present.docs[ref.kind]?.cues[ref.index];
      if (event.altKey && !command && cue) {
        const span = { id: cue.id, startTime: cue.startTime, endTime: cue.endTime };
        if (
          event.shiftKey &&
          ref.kind === 'transcript' &&
          (event.code === 'ArrowUp' || event.code === 'ArrowDown')
        ) {
          handled();
          selection.noteFocus(ref.index);
          const to = selection.extendBy(event.code === 'ArrowUp' ? -1 : 1);
          if (to !== null)
            focus.request({ ref: { kind: 'transcript', index: to }, target: 'text' });
          return;
        }
        switch (event.code) {
          case 'KeyP':
            return (handled(), player.toggle(span));
          case 'KeyR':
            return (handled(), player.play(span));
          case 'KeyL':
            return (handled(), player.toggleLoop(span));
          case 'KeyN':
            return (handled(), focus.request({ ref, target: 'note' }));
          case 'ArrowLeft':
          case 'ArrowRight': {
            const delta = event.code === 'ArrowLeft' ? -NUDGE_SECONDS : NUDGE_SECONDS;
            return (handled(), actions.nudge(ref, event.shiftKey ? 'end' : 'start', delta));
          }
        }
        return;
      }

      if (event.key === 'Escape') {
        handled();
        if (target === 'note') return focus.request({ ref, target: 'text' });
        const row = (event.currentTarget as HTMLElement).closest<HTMLElement>('[data-row-kind]');
        return row?.focus();
      }
      if (target !== 'text' || event.altKey || command) return;
      const move = (step: 1 | -1): void => {
        const next = neighbourRow(latest.current, ref, step);
        // Past the last (or first) row Tab leaves the rows as usual.
        if (!next) return;
        handled();
        focus.request({ ref: next, target: 'text' });
      };
      if (event.key === 'Enter' && !event.shiftKey) {
        event.preventDefault();
        return move(1);
      }
      if (event.key === 'Tab') return move(event.shiftKey ? -1 : 1);
    },
    [latest, actions, focus, player, save, openFind, selection],
  );
}
