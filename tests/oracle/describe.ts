import type { Money } from '../../lib/domain/money';
import type { Action, Page, World } from './world';

/** A world as a few readable lines (shrunk counterexamples are read by people). */
export function describeWorld(world: World): string {
  const m = (x: Money | null | undefined) => (x ? `${x.minor} ${x.currency}` : 'none');
  const short = (key: string) => key.replace(/^(mturk|prolific):(?:5f0+)?/, (_, p: string) => (p === 'mturk' ? 'hit ' : 'study '));
  const pg = (p: Page): string => {
    switch (p.kind) {
      case 'mturk-task':
        return `HIT ${short(p.task)}${p.alert ? ' + "HIT Submitted"' : ''}`;
      case 'mturk-list':
        return `MTurk list${p.alert ? ' + "HIT Submitted"' : ''}`;
      case 'mturk-gone':
        return `"no longer available" ${short(p.task)}`;
      case 'prolific-study':
        return `study page ${short(p.task)}`;
      case 'prolific-list':
        return 'Prolific list';
      case 'prolific-complete':
        return 'Prolific completion';
      case 'web':
        return `site ${p.site}`;
      case 'newtab':
        return 'new tab';
    }
  };
  const act = (a: Action): string => {
    switch (a.kind) {
      case 'open':
        return `open t${a.tab}: ${pg(a.page)}${a.opener !== undefined ? ` (from t${a.opener})` : ''}${a.background ? ' (background)' : ''}`;
      case 'go':
        return `t${a.tab} → ${pg(a.page)}`;
      case 'switch':
        return `switch to t${a.tab}`;
      case 'close':
        return `close t${a.tab}${a.then !== undefined ? ` (t${a.then} in front)` : ''}`;
      case 'claim':
        return `t${a.tab} claims ${a.outcome}`;
      case 'rows':
        return `${a.platform} rows: ${a.rows.map((r) => `${short(r.task)} ${r.state} ${m(r.reward)}${r.bonus ? ` +${m(r.bonus)}` : ''} (${r.date})`).join('; ')}`;
      case 'dashboard':
        return `dashboard: available ${m(a.available)}, bonuses ${m(a.bonuses)}${a.rows.length ? `; rows: ${a.rows.map((r) => `${short(r.task)} ${r.state}`).join(', ')}` : ''}`;
      case 'earnings':
        return `earnings: ${a.transfers.map((t) => `${t.date} ${m(t.amount)}`).join(', ')}`;
      case 'manual-stop':
        return `manual-stop ${m(a.reward)}`;
      case 'focus':
        return a.focused ? 'focus' : 'blur';
      case 'idle':
        return a.idle ? 'idle' : 'active';
      case 'zone':
        return `zone ${a.zone}`;
      case 'cash-out':
        return `cash-out ${a.currency}`;
      case 'pause':
        return a.paused ? 'pause tracking' : 'resume tracking';
      case 'platform':
        return `${a.platform} switched ${a.on ? 'on' : 'off'}`;
      case 'edit':
        return `correct ${short(a.task)}: ${a.change.field} ${JSON.stringify(a.change.value)}${'restore' in a.change && a.change.restore ? ' (restore)' : ''}`;
      case 'add':
        return `add ${a.ref}: ${a.task.platform} ${m(a.task.reward)} ${a.task.outcome} on ${a.task.day}${a.task.activeMs === undefined ? ', untimed' : `, ${a.task.activeMs / 60_000} min`}`;
      default:
        return a.kind;
    }
  };
  const lines = [`start ${new Date(world.start).toISOString()} in ${world.zone}; alarms ${world.alarms}; display ${world.settings.displayCurrency}; rates ${JSON.stringify(world.settings.exchangeRates)}; thresholds ${JSON.stringify(world.settings.payoutThresholds)}; session gap ${world.settings.sessionGapMin ?? 15} min; week from day ${world.firstDay ?? 1}`];
  for (const t of Object.values(world.tasks)) {
    lines.push(`  ${short(t.key)}: ${m(t.reward)}, ${t.allottedSec ? `${t.allottedSec / 60} min` : 'no maximum time'}${t.acceptedAt !== undefined ? `, accepted ${stamp(world.start, t.acceptedAt)}` : ''}${t.requesterId ? `, ${t.requesterId}` : ''}`);
  }
  for (const step of world.steps) {
    const lanes = step.lanes.map((lane) => lane.map(act).join('; '));
    lines.push(`${stamp(world.start, step.at)}  ${lanes.length > 1 ? lanes.map((l) => `[${l}]`).join(' ‖ ') : lanes[0]}`);
  }
  return lines.join('\n');
}

function stamp(start: number, at: number): string {
  const d = at - start;
  const sign = d < 0 ? '-' : '+';
  const abs = Math.abs(d);
  const days = Math.floor(abs / 86_400_000);
  const time = new Date(abs % 86_400_000).toISOString().slice(11, 23);
  return `${sign}${days ? `${days}d ` : ''}${time} (${new Date(at).toISOString().slice(5, 16)}Z)`;
}
