import { dayDifferences, dayOf, differences, fromPopup } from './compare';
import { fromPeriod, periodDifferences } from './compare-period';
import { play, type Played } from './driver';
import { reckon, type Reckoning } from './reckon';
import { correctedExtra, overlaps, recordedTotal } from './recorded';
import type { World } from './world';

/** A world played through the background and read by the oracle: what differs, figure by figure. */
export interface Checked {
  played: Played;
  reckoning: Reckoning;
  /** The popup (with today, this week, this month) against the oracle at each checkpoint, then every stored day. */
  figures: string[];
  /** Recorded stretches sharing wall-clock time, and the four parts against the time that accrued. */
  time: string[];
}

/** `periods: false`: leave out today, this week and this month (for checks that read no figure). */
export async function check(world: World, options: { periods?: boolean } = {}): Promise<Checked> {
  const played = await play(world, options);
  const reckoning = reckon(world);
  const figures: string[] = [...played.refused.map((r) => `refused: ${r}`)];
  if (played.popups.length !== reckoning.checkpoints.length) figures.push(`popups: ${played.popups.length} read, ${reckoning.checkpoints.length} expected`);
  played.popups.forEach((popup, i) => {
    const oracle = reckoning.checkpoints[i];
    if (!oracle) return;
    const lines = differences(oracle, fromPopup(popup.data));
    const periods = popup.periods;
    if (periods) for (const kind of ['day', 'week', 'month'] as const) lines.push(...periodDifferences(kind, oracle.periods[kind], fromPeriod(periods[kind])));
    figures.push(...lines.map((d) => `@${new Date(popup.at).toISOString()} ${d}`));
  });
  const stored = Object.fromEntries(Object.entries(played.aggregates).map(([key, totals]) => [key, dayOf(totals)]));
  figures.push(...dayDifferences('stored day', reckoning.final.days, stored));
  const time = overlaps(played.tasks, played.stretches).map((o) => `overlap: ${o}`);
  const { task, platform, manual } = reckoning.accrued;
  const allClosed = played.tasks.every((t) => t.status !== 'open') && reckoning.final.open.length === 0 && !reckoning.final.manual;
  // Corrected and hand-added tasks count what the worker said, not what accrued (issue 16): left out of the sum.
  const total = recordedTotal(played.aggregates) - correctedExtra(played.tasks);
  if (allClosed && total !== task + platform + manual) {
    time.push(`paid + unpaid + idle + platform (corrections left out) = ${total} ms; front tasks ${task} + platform pages ${platform} + manual ${manual} = ${task + platform + manual} ms`);
  }
  return { played, reckoning, figures, time };
}
