import { describe, expect, it } from 'vitest';
import { commandAction, MANUAL_COMMAND } from '../../../lib/domain/manual-command';

// The keyboard shortcut's handler: one key toggles the manual timer; stopping needs the popup (a reward).
describe('commandAction', () => {
  it.each([
    ['no timer', null, 'start'],
    ['a running timer', { key: 'manual:m1', running: true }, 'pause'],
    ['a paused timer', { key: 'manual:m1', running: false }, 'resume'],
  ] as const)('with %s the shortcut does %s', (_, state, action) => {
    expect(commandAction(MANUAL_COMMAND, state)).toBe(action);
  });

  it('is the command the manifest declares', () => {
    expect(MANUAL_COMMAND).toBe('toggle-manual-timer');
  });

  it.each(['', '_execute_action', 'toggle-manual', 'TOGGLE-MANUAL-TIMER'])('ignores another command: %j', (command) => {
    expect(commandAction(command, null)).toBeNull();
    expect(commandAction(command, { key: 'manual:m1', running: true })).toBeNull();
  });
});
