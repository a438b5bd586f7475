import { useEffect, useRef, useState } from 'preact/hooks';
import { formatDuration } from '../lib/domain/duration';
import type { Money } from '../lib/domain/money';
import { errorText, t } from '../lib/i18n';
import type { ManualCommand, ManualView } from '../lib/messaging';
import { ManualReward } from './ManualReward';

// The popup's manual timer (DESIGN.md, "What a worker gets" 1): props in, commands out, no browser.* calls.

export interface ManualTimerProps {
  manual: ManualView | null;
  /** Sends a command to the background; a rejection is shown and nothing typed is lost. */
  onCommand: (command: ManualCommand) => Promise<unknown>;
  /** The clock a running timer ticks with (tests pass their own). */
  now?: () => number;
  /** Tracking is paused: a running timer accrues nothing, so it does not tick (it stays open and running). */
  held?: boolean;
}

export function ManualTimer({ manual, onCommand, now = Date.now, held = false }: ManualTimerProps) {
  const [title, setTitle] = useState('');
  const [stopping, setStopping] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [, setTick] = useState(0);
  // A command under way ignores further clicks (buttons are not disabled: a disabled button drops keyboard focus).
  const busy = useRef(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  // Where focus goes once the view a command leads to is drawn (the button that was pressed is gone).
  const focusNext = useRef<'title' | 'primary' | null>(null);
  useEffect(() => {
    const target = focusNext.current === 'title' ? titleRef.current : focusNext.current === 'primary' ? primaryRef.current : null;
    if (target) {
      target.focus();
      focusNext.current = null;
    }
  });
  // A running timer ticks each second: the background's reading plus the wall time since.
  const ticks = Boolean(manual?.running) && !held;
  useEffect(() => {
    if (!ticks) return;
    const id = setInterval(() => setTick((n) => n + 1), 1000);
    return () => clearInterval(id);
  }, [ticks]);

  const send = async (command: ManualCommand, then: 'title' | 'primary' | null = null): Promise<boolean> => {
    if (busy.current) return false;
    busy.current = true;
    setProblem(null);
    try {
      await onCommand(command);
      focusNext.current = then;
      return true;
    } catch (error) {
      setProblem(t('manualFailed', [errorText(error)]));
      return false;
    } finally {
      busy.current = false;
    }
  };

  const asking = stopping && manual !== null;
  const elapsed = manual ? manual.activeMs + (ticks ? Math.max(0, now() - manual.at) : 0) : 0;
  const status = !manual
    ? (saved ?? '')
    : asking
      ? t('manualAskReward', [formatDuration(elapsed), manual.title])
      : manual.running
        ? t('manualRunning', [manual.title])
        : t('manualPaused', [manual.title]);

  const start = async (event: Event) => {
    event.preventDefault();
    const typed = title.trim();
    if (await send({ action: 'start', ...(typed ? { title: typed } : {}) }, 'primary')) {
      setTitle('');
      setSaved(null);
    }
  };
  // Stop pauses first, so that typing the reward is not timed; the reward form then ends the task.
  const stop = async () => {
    if (manual?.running && !(await send({ action: 'pause' }))) return;
    setStopping(true);
  };
  const finish = async (reward: Money | null) => {
    const name = manual?.title ?? '';
    if (await send({ action: 'stop', reward }, 'title')) {
      setStopping(false);
      setSaved(t('manualSaved', [name]));
    }
  };

  return (
    <section aria-labelledby="manual-heading" class="card manual">
      <div class="card-head">
        <h2 id="manual-heading">{t('manualTimer')}</h2>
      </div>
      {/* Always present, so that screen readers announce each change of state. */}
      <p role="status" class="muted">
        {status}
      </p>
      {!manual ? (
        <form class="manual-start" onSubmit={(e) => void start(e)}>
          <label>
            {t('manualTitleLabel')}
            <input ref={titleRef} value={title} maxLength={500} onInput={(e) => setTitle(e.currentTarget.value)} />
          </label>
          <button type="submit">{t('manualStart')}</button>
        </form>
      ) : asking ? (
        <ManualReward
          currency={manual.currency}
          currencies={manual.currencies}
          problem={problem}
          onProblem={setProblem}
          onFinish={(reward) => void finish(reward)}
          onBack={() => {
            focusNext.current = 'primary';
            setProblem(null);
            setStopping(false);
          }}
        />
      ) : (
        <div class="bar">
          <span role="timer" aria-label={t('manualElapsed')} class="elapsed">
            {formatDuration(elapsed)}
          </span>
          <button ref={primaryRef} type="button" class="btn btn-primary" onClick={() => void send({ action: manual.running ? 'pause' : 'resume' })}>
            {manual.running ? t('manualPause') : t('manualResume')}
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => void stop()}>
            {t('manualStop')}
          </button>
        </div>
      )}
      {problem && (
        <p role="alert" class="error" id="manual-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
