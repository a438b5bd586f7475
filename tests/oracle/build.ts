import { Model, type Study } from './build-model';
import { rowAt, type Fate } from './build-truth';
import type { Intent, Plan, Where } from './generate';
import { dayIn, DAY_MS, HOUR_MS, MIN_MS } from './plain';
import { DEFAULT_WORLD_SETTINGS, gbp, hit, page, Script, study, usd } from './script';
import type { Page, Row, World } from './world';

/** Turns a generated plan into a world: each intent becomes actions, or nothing where it makes no sense. */

const RATES = [
  { from: 'GBP', to: 'USD', rate: 1.27 },
  { from: 'USD', to: 'GBP', rate: 0.79 },
  { from: 'EUR', to: 'USD', rate: 1.08 },
  { from: 'GBP', to: 'EUR', rate: 1.17 },
];
const money = (minor: number, currency: 'USD' | 'GBP') => (currency === 'USD' ? usd(minor) : gbp(minor));

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
  };
  const m = new Model(new Script(p.start, p.zone, settings, p.alarms));
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
  m.script.at(m.now, { kind: 'rows', platform: 'mturk', rows: visible(m, 'mturk') }, { kind: 'rows', platform: 'prolific', rows: visible(m, 'prolific') }, { kind: 'popup' });
  return m.script.world;
}

function visible(m: Model, platform: 'mturk' | 'prolific', picks?: number[]): Row[] {
  const rows = m.truths.filter((t) => t.spec.platform === platform).flatMap((t) => rowAt(t, m.now) ?? []);
  if (!picks) return rows;
  return [...new Set(picks.map((i) => i % Math.max(1, rows.length)))].flatMap((i) => rows[i] ?? []);
}

/** Where a new page goes: the front tab (if it may leave what it shows), a new tab, a background tab, or a tab opened from the front one. */
function place(m: Model, pg: Page, where: Where): number {
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

function submitted(m: Model, spec: Study['spec'], fate: Fate): void {
  m.truths.push({ spec, at: m.now, end: 'submitted', fate: spec.platform === 'mturk' && fate.outcome !== 'reject' ? { ...fate, outcome: 'approve' } : fate });
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
    default:
      actStudyOrLedger(m, i);
  }
}

/** "Opens its survey from it": a new tab from the study's tab. Prolific runs one study at a time. */
function start(m: Model, s: Study): void {
  if (m.studyUnderWay() || s.tab === null) return;
  s.started = m.now;
  s.deadline = s.spec.allottedSec ? m.now + s.spec.allottedSec * 1000 : null;
  s.survey = m.open(page.web(++m.site), { opener: s.tab });
}

function actStudyOrLedger(m: Model, i: Intent): void {
  switch (i.k) {
    case 'study': {
      const spec = m.add(study(++m.n, money(i.minor, i.currency), i.allottedMin * 60));
      const s: Study = { spec, tab: null, started: null, deadline: null, survey: null, over: false, told: false };
      m.studies.push(s);
      s.tab = place(m, page.study(spec), i.where);
      if (i.start) start(m, s);
      return;
    }
    case 'start': {
      const ready = m.studies.filter((s) => s.started === null && s.tab !== null && m.tabs.get(s.tab)?.page.kind === 'prolific-study' && (m.tabs.get(s.tab)!.page as { task: string }).task === s.spec.key);
      const s = ready[i.pick % Math.max(1, ready.length)];
      if (s) start(m, s);
      return;
    }
    case 'complete': {
      const s = m.studies.find((x) => x.started !== null && !x.over && x.survey !== null && m.tabs.has(x.survey) && (x.deadline === null || m.now < x.deadline));
      if (!s) return;
      s.over = true;
      s.told = true;
      submitted(m, s.spec, i.fate);
      m.go(s.survey!, page.complete());
      return;
    }
    case 'abandon': {
      const s = m.studies.find((x) => x.started !== null && !x.over);
      if (!s) return;
      m.end(s, i.returned ? 'returned' : 'timed-out');
      for (const tab of [s.survey, s.tab]) if (tab !== null && m.tabs.has(tab)) m.close(tab);
      return;
    }
    case 'rows': {
      const rows = visible(m, i.platform, i.picks ?? undefined);
      for (const g of i.ghosts) {
        // Done elsewhere (another computer), first seen here in a status row: an untimed record.
        const spec = m.add(i.platform === 'mturk' ? hit(++m.n, money(g.minor, g.currency), { acceptedAt: m.now - g.hoursAgo * HOUR_MS }) : study(++m.n, money(g.minor, g.currency)));
        submitted(m, spec, g.fate);
        m.truths.at(-1)!.at = m.now - g.hoursAgo * HOUR_MS;
        const row = rowAt(m.truths.at(-1)!, m.now);
        if (row) rows.push(row);
      }
      for (const s of m.studies) if (rows.some((r) => r.task === s.spec.key)) s.told = true;
      if (rows.length) m.emit({ kind: 'rows', platform: i.platform, rows });
      return;
    }
    case 'dashboard': {
      m.available = Math.max(0, m.available + i.availableDelta);
      m.bonuses = m.bonuses ? usd(m.bonuses.minor + i.bonusRise) : usd(1_000);
      m.emit({ kind: 'dashboard', available: usd(m.available), bonuses: m.bonuses, rows: visible(m, 'mturk', i.picks) });
      return;
    }
    case 'earnings': {
      for (const t of i.add) {
        const transfer = { date: dayIn('UTC', m.now - t.daysAgo * DAY_MS), amount: usd(t.minor) };
        m.transfers.push(transfer, ...(t.again ? [transfer] : []));
      }
      m.transfers.sort((a, b) => a.date.localeCompare(b.date));
      if (m.transfers.length) m.emit({ kind: 'earnings', transfers: m.transfers.slice(-i.window) });
      return;
    }
    case 'cash-out':
      m.emit({ kind: 'cash-out', currency: i.currency });
      return;
    case 'manual': {
      if (m.manual === 'none') m.emit({ kind: 'manual-start' });
      else if (i.reward !== null) m.emit({ kind: 'manual-stop', reward: usd(i.reward) });
      else m.emit({ kind: m.manual === 'running' ? 'manual-pause' : 'manual-resume' });
      m.manual = m.manual === 'none' ? 'running' : i.reward !== null ? 'none' : m.manual === 'running' ? 'paused' : 'running';
      return;
    }
    case 'zone':
      m.emit({ kind: 'zone', zone: i.zone });
      return;
    case 'popup':
      m.emit({ kind: 'popup' });
      return;
    default:
  }
}
