// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsView } from '../../../components/OptionsView';
import { PlatformSwitches } from '../../../components/PlatformSwitches';
import { PopupView } from '../../../components/PopupView';
import { CentimeError } from '../../../lib/errors';
import { setTranslator } from '../../../lib/i18n';
import type { ManualView, PopupData } from '../../../lib/messaging';
import type { Settings } from '../../../lib/storage/schemas';
import { DEFAULT_SETTINGS } from '../../../lib/storage/settings';

// Translations as keys with their substitutions: the tests read which message is shown, not its wording.
beforeEach(() => setTranslator((key, subs) => (subs?.length ? `${key}(${subs.join('|')})` : key)));
afterEach(() => {
  cleanup();
  setTranslator();
  vi.useRealTimers();
});

const T0 = Date.UTC(2026, 10, 27, 14, 0, 0);
const manual: ManualView = { key: 'manual:m1', title: 'Receipts', running: true, activeMs: 65_000, at: T0, currency: 'USD', currencies: ['USD'] };
const data: PopupData = { tasks: [], today: [], day: null, balances: [], pending: { items: [], total: 0 }, quarantined: 0, manual: null, at: T0 };

describe('the popup’s pause control', () => {
  it('offers "Pause tracking" while tracking, and sends the pause', async () => {
    const onPause = vi.fn(async () => {});
    render(<PopupView data={{ ...data, paused: false }} locale="en" onOpenOptions={() => {}} onPause={onPause} />);
    const button = screen.getByRole('button', { name: 'pauseTracking' });
    // An action named by what it does, not a toggle: no aria-pressed beside a label that changes with the state
    // (a screen reader would say "Resume tracking, pressed").
    expect(button.hasAttribute('aria-pressed')).toBe(false);
    expect(screen.queryByText('trackingPausedNote')).toBeNull();
    fireEvent.click(button);
    await waitFor(() => expect(onPause).toHaveBeenCalledWith(true));
  });

  it('while paused, says at the top that nothing is being timed, and offers "Resume tracking"', async () => {
    const onPause = vi.fn(async () => {});
    const { container } = render(<PopupView data={{ ...data, paused: true }} locale="en" onOpenOptions={() => {}} onPause={onPause} />);
    const note = screen.getByRole('status');
    expect(note.textContent).toBe('trackingPausedNote');
    // First thing under the header.
    expect(container.querySelector('header')!.nextElementSibling).toBe(note);
    const button = screen.getByRole('button', { name: 'resumeTracking' });
    expect(button.hasAttribute('aria-pressed')).toBe(false);
    fireEvent.click(button);
    await waitFor(() => expect(onPause).toHaveBeenCalledWith(false));
  });

  it('is a real button the keyboard reaches, in the header before the options link', () => {
    render(<PopupView data={{ ...data, paused: false }} locale="en" onOpenOptions={() => {}} onPause={async () => {}} />);
    const button = screen.getByRole('button', { name: 'pauseTracking' });
    expect(button.tagName).toBe('BUTTON');
    expect(button.getAttribute('type')).toBe('button');
    expect(button.tabIndex).toBe(0);
    const focusable = [...document.querySelectorAll('header button')];
    expect(focusable.map((b) => b.textContent)).toEqual(['pauseTracking', 'openOptions']);
    button.focus();
    expect(document.activeElement).toBe(button);
  });

  it('shows a failed pause in words', async () => {
    const onPause = vi.fn(async () => Promise.reject(new CentimeError('no_answer')));
    render(<PopupView data={{ ...data, paused: false }} locale="en" onOpenOptions={() => {}} onPause={onPause} />);
    fireEvent.click(screen.getByRole('button', { name: 'pauseTracking' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('pauseFailed('));
  });

  it('does not tick a running manual timer while paused', () => {
    vi.useFakeTimers({ now: T0 + 10_000 });
    render(<PopupView data={{ ...data, manual, paused: true }} locale="en" onOpenOptions={() => {}} onManual={async () => null} onPause={async () => {}} />);
    const timer = () => screen.getByRole('timer', { name: 'manualElapsed' }).textContent;
    expect(timer()).toBe('1:05');
    act(() => void vi.advanceTimersByTime(5_000));
    expect(timer()).toBe('1:05');
  });
});

describe('the platform switches', () => {
  const list = [
    { id: 'mturk', name: 'Amazon Mechanical Turk' },
    { id: 'prolific', name: 'Prolific' },
    { id: 'custom:clickworker', name: 'Clickworker' },
  ];

  it('has one checkbox per platform, custom sites included, checked while recorded', () => {
    render(<PlatformSwitches settings={{ ...DEFAULT_SETTINGS, disabledPlatforms: ['prolific'] }} platforms={list} onSave={async () => {}} />);
    const box = (name: string) => screen.getByRole('checkbox', { name: `recordPlatform(${name})` }) as HTMLInputElement;
    expect(box('Amazon Mechanical Turk').checked).toBe(true);
    expect(box('Prolific').checked).toBe(false);
    expect(box('Clickworker').checked).toBe(true);
  });

  it('saves a switch at once, keeping the rest of the settings', async () => {
    const onSave = vi.fn(async (_: Settings) => {});
    render(<PlatformSwitches settings={{ ...DEFAULT_SETTINGS, disabledPlatforms: ['prolific'] }} platforms={list} onSave={onSave} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'recordPlatform(Amazon Mechanical Turk)' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledWith({ ...DEFAULT_SETTINGS, disabledPlatforms: ['prolific', 'mturk'] }));
    expect((screen.getByRole('checkbox', { name: 'recordPlatform(Amazon Mechanical Turk)' }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(screen.getByRole('checkbox', { name: 'recordPlatform(Prolific)' }));
    await waitFor(() => expect(onSave).toHaveBeenLastCalledWith({ ...DEFAULT_SETTINGS, disabledPlatforms: ['mturk'] }));
  });

  it('puts back the switch and says so when saving fails', async () => {
    const onSave = vi.fn(async () => Promise.reject(new CentimeError('no_answer')));
    render(<PlatformSwitches settings={DEFAULT_SETTINGS} platforms={list} onSave={onSave} />);
    const box = screen.getByRole('checkbox', { name: 'recordPlatform(Prolific)' }) as HTMLInputElement;
    fireEvent.click(box);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('saveFailed('));
    expect(box.checked).toBe(true);
  });

  it('appears on the options page with the platforms the background lists', () => {
    render(<OptionsView data={{ settings: DEFAULT_SETTINGS, quarantined: 0, platforms: list }} locale="en" onSave={async () => {}} />);
    expect(screen.getByRole('group', { name: 'groupPlatforms' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: 'recordPlatform(Clickworker)' })).toBeTruthy();
  });
});
