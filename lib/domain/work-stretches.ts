import { orderEvents, type TimerEvent } from './task-timer';

export type { WorkStretch } from './sessions';

/**
 * The closed stretches a task spent in front (active or idle), in wall-clock ms, from its timeline: each runs
 * from a `front` event to the `not-front`, `crash` or `outcome` that ends it. A stretch still open (the task is
 * in front now) is not among them: whoever shows it adds its time so far. Empty stretches are left out.
 */
export function frontStretches(events: readonly TimerEvent[]): { start: number; end: number }[] {
  const stretches: { start: number; end: number }[] = [];
  let since: number | null = null;
  for (const event of orderEvents(events)) {
    if (event.type === 'front') {
      if (since === null) since = event.at.wall;
    } else if (event.type === 'not-front' || event.type === 'crash' || event.type === 'outcome') {
      if (since !== null && event.at.wall > since) stretches.push({ start: since, end: event.at.wall });
      since = null;
      if (event.type === 'outcome') break;
    }
  }
  return stretches;
}
