/**
 * What every row needs from the workspace and never changes while it is open: the row actions,
 * focus moves, the keyboard handler and the cue player. Rows read it from context, so passing it
 * costs no re-render.
 */
import { createContext, useContext } from 'react';
import type { RowFocus } from './row-focus.ts';
import type { RowSelection } from './row-selection.ts';
import type { CuePlayer } from './use-cue-player.ts';
import type { RowKeyHandler } from './use-row-keyboard.ts';
import type { RowActions } from './use-workspace-session.ts';

export interface RowEnvironment {
  readonly actions: RowActions;
  readonly focus: RowFocus;
  readonly onKeyDown: RowKeyHandler;
  readonly player: Pick<CuePlayer, 'play' | 'toggle' | 'toggleLoop' | 'stop'>;
  /** The rows selected for re-aligning. */
  readonly selection: RowSelection;
}

export const RowEnvironmentContext = createContext<RowEnvironment | null>(null);

export function useRowEnvironment(): RowEnvironment {
  const environment = useContext(RowEnvironmentContext);
  if (!environment) throw new Error('[red-box] a translation row outside its workspace');
  return environment;
}
