/**
 * The manual timer (DESIGN.md, "What a worker gets" 1): a start/stop for any other site or offline work. Pure:
 * what the keyboard shortcut does, given what is stored.
 */

/** The platform id of manual tasks: no adapter has it, so no content script can ever write one. */
export const MANUAL_PLATFORM = 'manual';

/** The manifest's command (wxt.config.ts): one shortcut, Alt+Shift+M by default. */
export const MANUAL_COMMAND = 'toggle-manual-timer';

/** The one manual timer: its task, and whether it accrues time now (paused: it stays open, accruing nothing). */
export interface ManualState {
  key: string;
  running: boolean;
}

export type ManualAction = 'start' | 'pause' | 'resume';

/**
 * The shortcut toggles: nothing → start, running → pause, paused → resume. It never stops: stopping asks for
 * the reward, which only the popup can take. Another command (or none of ours) → null.
 */
export function commandAction(command: string, state: ManualState | null): ManualAction | null {
  if (command !== MANUAL_COMMAND) return null;
  if (!state) return 'start';
  return state.running ? 'pause' : 'resume';
}
