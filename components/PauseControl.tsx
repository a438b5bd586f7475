import { useRef, useState } from 'preact/hooks';
import { errorText, t } from '../lib/i18n';
import { Button } from './ui/Button';

// "Pause tracking" (DESIGN.md, "Pause"): one button in the popup's header; props in, the command out.

export interface PauseControlProps {
  paused: boolean;
  /** Asks the background to pause (true) or resume (false); a rejection is shown. */
  onPause: (paused: boolean) => Promise<unknown>;
}

export function PauseControl({ paused, onPause }: PauseControlProps) {
  const [problem, setProblem] = useState<string | null>(null);
  // A command under way ignores further clicks (the button stays enabled: a disabled button drops keyboard focus).
  const busy = useRef(false);
  const toggle = async () => {
    if (busy.current) return;
    busy.current = true;
    setProblem(null);
    try {
      await onPause(!paused);
    } catch (error) {
      setProblem(t('pauseFailed', [errorText(error)]));
    } finally {
      busy.current = false;
    }
  };
  // An action button whose label says what it does next ("Pause tracking" / "Resume tracking"), not a toggle with
  // aria-pressed: with both, a screen reader would say "Resume tracking, pressed" (WAI-ARIA APG: a toggle keeps one
  // label). The state itself is the paused note at the top of the popup.
  return (
    <>
      <Button variant={paused ? 'primary' : 'secondary'} class="pause-toggle" onClick={() => void toggle()}>
        {paused ? t('resumeTracking') : t('pauseTracking')}
      </Button>
      {problem && (
        <p role="alert" class="error pause-problem">
          {problem}
        </p>
      )}
    </>
  );
}

/** The line at the top of the popup while tracking is paused: nothing is being timed. */
export function PausedNote() {
  return (
    <p class="warning paused-note" role="status">
      {t('trackingPausedNote')}
    </p>
  );
}
