import { Model, type Study } from './build-model';
import { rowAt } from './build-truth';
import type { Intent } from './generate';
import { dayIn, DAY_MS, HOUR_MS } from './plain';
import { hit, page, study, usd } from './script';
import { money, place, submitted, visible } from './build-common';

/** The intents about studies and about the ledger (status pages, readings, cash-outs), the manual timer, the zone. */

/** "Opens its survey from it": a new tab from the study's tab. Prolific runs one study at a time. */
function start(m: Model, s: Study): void {
  if (m.studyUnderWay() || s.tab === null) return;
  s.started = m.now;
  s.deadline = s.spec.allottedSec ? m.now + s.spec.allottedSec * 1000 : null;
  s.survey = m.open(page.web(++m.site), { opener: s.tab });
}

export function actStudyOrLedger(m: Model, i: Intent): void {
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
    case 'reimport':
      m.emit({ kind: 'reimport' });
      return;
    case 'archive':
      m.emit({ kind: 'archive' });
      return;
    case 'restart':
      m.emit({ kind: 'restart' });
      return;
    case 'pause':
      m.emit({ kind: 'pause', paused: i.paused });
      return;
    case 'platform':
      m.emit({ kind: 'platform', platform: i.platform, on: i.on });
      return;
    default:
  }
}
