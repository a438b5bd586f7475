// A progress bar of the design system (e.g. to a payout threshold): its value in words for assistive
// technologies (`label`), and shown as words beside it by the caller; never told by the bar alone.

export interface ProgressBarProps {
  value: number;
  max: number;
  /** What the bar measures, in words ("$7.50 of the $10.00 payout threshold"). */
  label: string;
  class?: string;
}

export function ProgressBar({ value, max, label, class: extra }: ProgressBarProps) {
  const safeMax = max > 0 ? max : 1;
  const now = Math.min(Math.max(0, value), safeMax);
  const percent = Math.round((now / safeMax) * 1000) / 10;
  const done = now >= safeMax;
  return (
    <span
      role="progressbar"
      class={['progress', done ? 'done' : '', extra ?? ''].filter(Boolean).join(' ')}
      aria-valuemin={0}
      aria-valuemax={safeMax}
      aria-valuenow={now}
      aria-valuetext={label}
      aria-label={label}
    >
      <span class="progress-fill" style={{ width: `${percent}%` }} />
    </span>
  );
}
