import type { Model } from './build-model';
import { rowAt, type Fate } from './build-truth';
import type { Where } from './generate';
import { gbp, usd } from './script';
import type { Page, Row, TaskSpec } from './world';

/** What the builder's intents share: amounts, visible status rows, where a page opens, a submit's truth. */

export const money = (minor: number, currency: 'USD' | 'GBP') => (currency === 'USD' ? usd(minor) : gbp(minor));

export function visible(m: Model, platform: 'mturk' | 'prolific', picks?: number[]): Row[] {
  const rows = m.truths.filter((t) => t.spec.platform === platform).flatMap((t) => rowAt(t, m.now) ?? []);
  if (!picks) return rows;
  return [...new Set(picks.map((i) => i % Math.max(1, rows.length)))].flatMap((i) => rows[i] ?? []);
}

/** Where a new page goes: the front tab (if it may leave what it shows), a new tab, a background tab, or a tab opened from the front one. */
export function place(m: Model, pg: Page, where: Where): number {
  const same = m.movable();
  if (where === 'same' && same !== null && !m.used.has(same)) {
    m.go(same, pg);
    return same;
  }
  // "Opens its survey from it" starts a study: an ordinary page opened from a study page is the `start` intent's.
  const front = m.active === null ? undefined : m.tabs.get(m.active);
  const opener = where === 'from-front' && m.active !== null && !(pg.kind === 'web' && front?.page.kind === 'prolific-study') ? m.active : undefined;
  return m.open(pg, { ...(opener !== undefined ? { opener } : {}), background: where === 'background' });
}

export function submitted(m: Model, spec: TaskSpec, fate: Fate): void {
  m.truths.push({ spec, at: m.now, end: 'submitted', fate: spec.platform === 'mturk' && fate.outcome !== 'reject' ? { ...fate, outcome: 'approve' } : fate });
}
