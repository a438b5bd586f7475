import { Model } from './build-model';
import { actStudyOrLedger } from './build-studies';
import { actEdit } from './build-edits';
import { money, place, submitted, visible } from './build-common';
import type { Intent, Plan } from './generate';
import { HOUR_MS, MIN_MS } from './plain';
import { DEFAULT_WORLD_SETTINGS, gbp, hit, page, Script, usd } from './script';
import type { Page, World } from './world';

/** Turns a generated plan into a world: each intent becomes actions, or nothing where it makes no sense. */

const RATES = [
  { from: 'GBP', to: 'USD', rate: 1.27 },
  { from: 'USD', to: 'GBP', rate: 0.79 },
  { from: 'EUR', to: 'USD', rate: 1.08 },
  { from: 'GBP', to: 'EUR', rate: 1.17 },
];

export function build(p: Plan): World {
  const { minRates, targetRates } = DEFAULT_WORLD_SETTINGS;
  const settings = {
    minRates: p.minimums === 'usd-only' ? { USD: minRates.USD! } : p.minimums === 'with-eur' ? { ...minRates, EUR: 700 } : minRates,
    targetRates: p.minimums === 'usd-only' ? { USD: targetRates.USD! } : p.minimums === 'with-eur' ? { ...targetRates, EUR: 950 } : targetRates,
    displayCurrency: p.displayCurrency,
    exchangeRates: p.rates.map((i) => RATES[i]!),
    payoutThresholds: {
      mturk: p.mturkThreshold === null ? [] : [usd(p.mturkThreshold)],
      prolific: p.prolificThreshold === 'default' ? DEFAULT_WORLD_SETTINGS.payoutThresholds.prolific! : [gbp(p.prolificThreshold)],
    },
    sessionGapMin: p.sessionGapMin,
  };
  const m = new Model(new Script(p.start, p.zone, settings, p.alarms));
  m.script.world.firstDay = p.firstDay;
  for (const { gap, intent } of p.intents) {
    m.now += gap;
    if (intent.k === 'wait') {
      m.now += intent.ms;
      continue;
    }
    m.settle();
    m.used.clear();
    const lanes = (intent.k === 'together' ? [intent.a, intent.b] : [intent]).map((i) => {
      m.lane = [];
      act(m, i);
      return m.lane;
    }).filter((lane) => lane.length > 0);
    if (lanes.length) m.script.lanes(m.now, ...lanes);
  }
  // The close-out: the manual timer stopped, every tab closed; hours later every deadline has passed, the status
  // pages are read once more and the popup opened.
  m.settle();
  m.lane = [];
  if (m.manual !== 'none') m.emit({ kind: 'manual-stop', reward: usd(100) });
  for (const tab of [...m.tabs.keys()]) m.close(tab);
  if (m.lane.length) m.script.lanes(m.now, m.lane);
  m.now += 4 * HOUR_MS;
  m.settle();
  // Corrections once all is closed (issue 16): some before the last status pages (an outcome stated by a page
  // read after its correction wins over it), some after (they stand); the popup once more at the very end.
  const closing = (before: boolean) => (p.closing ?? []).filter((c) => c.beforeRows === before).flatMap(({ pick, change }) => {
    m.lane = [];
    actEdit(m, { k: 'correct', pick, change });
    return m.lane;
  });
  const before = closing(true);
  if (before.length) m.script.at(m.now - MIN_MS, ...before);
  m.script.at(m.now, { kind: 'rows', platform: 'mturk', rows: visible(m, 'mturk') }, { kind: 'rows', platform: 'prolific', rows: visible(m, 'prolific') }, { kind: 'popup' });
  const after = closing(false);
  if (after.length) m.script.at(m.now + MIN_MS, ...after, { kind: 'popup' });
  return m.script.world;
}

function act(m: Model, i: Intent): void {
  switch (i.k) {
    case 'hit': {
      const allottedSec = Math.max(i.allottedMin, i.queuedMin + 5) * 60;
      const spec = m.add(hit(++m.n, money(i.minor, i.currency), { acceptedAt: m.now - i.queuedMin * MIN_MS, allottedSec, requester: i.requester }));
      m.hits.push({ spec, deadline: spec.acceptedAt! + allottedSec * 1000, alive: true });
      place(m, page.task(spec), i.where);
      return;
    }
    case 'submit': {
      const tabs = m.hitTabs();
      const chosen = tabs[i.pick % Math.max(1, tabs.length)];
      if (!chosen) return;
      chosen.hit.alive = false;
      submitted(m, chosen.hit.spec, i.fate);
      const alert = i.how === 'no-alert' ? undefined : 'submitted';
      let next: Page = page.list(alert);
      if (i.next) {
        const spec = m.add(hit(++m.n, chosen.hit.spec.reward, { acceptedAt: m.now, allottedSec: 1800, requester: Number(chosen.hit.spec.requesterId!.slice(4)) }));
        m.hits.push({ spec, deadline: m.now + 1_800_000, alive: true });
        next = page.task(spec, alert);
      }
      if (i.how !== 'no-claim') m.emit({ kind: 'claim', tab: chosen.tab, outcome: 'submitted' });
      m.go(chosen.tab, next);
      return;
    }
    case 'return':
    case 'gone': {
      const tabs = m.hitTabs();
      const chosen = tabs[i.pick % Math.max(1, tabs.length)];
      if (!chosen) return;
      chosen.hit.alive = false;
      if (i.k === 'return' && i.seen) m.emit({ kind: 'claim', tab: chosen.tab, outcome: 'returned' });
      m.go(chosen.tab, i.k === 'return' ? page.list() : page.gone(chosen.hit.spec));
      return;
    }
    case 'reopen': {
      const shown = new Set([...m.tabs.values()].map((t) => (t.page.kind === 'mturk-task' ? t.page.task : '')));
      const hits = m.hits.filter((h) => h.alive && m.now < h.deadline && !shown.has(h.spec.key));
      const h = hits[i.pick % Math.max(1, hits.length)];
      if (h) place(m, page.task(h.spec), i.where);
      return;
    }
    case 'survey': {
      const tabs = m.hitTabs();
      const chosen = tabs[i.pick % Math.max(1, tabs.length)];
      if (chosen) m.open(page.web(++m.site), { opener: chosen.tab });
      return;
    }
    case 'browse': {
      const pg = i.page === 'web' ? page.web(++m.site) : i.page === 'mturk-list' ? page.list() : i.page === 'prolific-list' ? page.studies() : page.newtab();
      place(m, pg, i.where);
      return;
    }
    case 'switch': {
      const others = [...m.tabs.keys()].filter((t) => t !== m.active);
      const tab = others[i.pick % Math.max(1, others.length)];
      if (tab === undefined) return;
      m.active = tab;
      m.emit({ kind: 'switch', tab });
      return;
    }
    case 'close': {
      const tabs = [...m.tabs.keys()];
      const tab = tabs[i.pick % Math.max(1, tabs.length)];
      if (tab !== undefined) m.close(tab);
      return;
    }
    case 'focus':
    case 'idle':
      m.emit(i.k === 'focus' ? { kind: 'focus', focused: i.focused } : { kind: 'idle', idle: i.idle });
      return;
    case 'correct':
    case 'add':
      actEdit(m, i);
      return;
    default:
      actStudyOrLedger(m, i);
  }
}
