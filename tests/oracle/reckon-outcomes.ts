import { platformOf } from './reckon-attention';
import type { Money } from '../../lib/domain/money';
import { dayIn } from './plain';
import { isOpen, type OState, type OTask, type Status } from './reckon-state';
import type { Page, Row } from './world';

/** How tasks come to exist and end: pages seen, claims confirmed, deadlines, and what status rows say. */

/** A claim that no page confirmed within this long is dropped (DESIGN.md: MTurk → Submit, "what follows"). */
const CLAIM_TTL_MS = 10 * 60_000;

export function newTask(s: OState, key: string, fields: Partial<OTask> = {}): OTask {
  const spec = s.world.tasks[key];
  const task: OTask = {
    key, platform: spec?.platform ?? key.split(':')[0]!, requesterId: spec?.requesterId ?? null, status: 'open',
    untimed: false, reward: spec?.reward ?? null, bonus: null, activeMs: 0, idleMs: 0, stretches: [], firstSeen: s.now,
    lastSecond: null, deadline: null, quietMs: null, lastActive: null, day: null, submittedAt: null, date: null, pendingSeen: [], rowSeen: [],
    edits: [], statusReadAt: null, addedByHand: false, handActiveMs: null, ...fields,
  };
  s.tasks.set(key, task);
  return task;
}

/** An outcome Centime observes itself: the task lands on the local day of `instant` (the zone now). */
export function close(s: OState, task: OTask, status: Status, instant: number): void {
  task.status = status;
  task.day = dayIn(s.zone, instant);
  if (status === 'submitted') {
    task.submittedAt = instant;
    task.pendingSeen.push(instant);
    task.rowSeen.push(instant);
  }
}

const alertOf = (page: Page): string | null => ('alert' in page ? (page.alert ?? null) : page.kind === 'mturk-gone' ? 'unavailable' : null);
const taskOf = (page: Page): string | null => (page.kind === 'mturk-task' || page.kind === 'mturk-gone' ? page.task : null);

/** A page loaded in a tab: it may confirm the tab's claim, end a task, create one, or link a study to the tab. */
export function seePage(s: OState, tabId: number, page: Page): void {
  const claim = s.claims.get(tabId);
  if (claim) {
    const fresh = s.now - claim.at <= CLAIM_TTL_MS;
    // A submit is confirmed by "HIT Submitted"; a return by any next page that is not that task.
    const confirms = claim.outcome === 'submitted' ? alertOf(page) === 'submitted' : taskOf(page) !== claim.key;
    if (fresh && confirms && isOpen(s, claim.key)) close(s, s.tasks.get(claim.key)!, claim.outcome, claim.at);
    if (!fresh || confirms) s.claims.delete(tabId);
  }
  switch (page.kind) {
    case 'mturk-gone':
      if (isOpen(s, page.task)) close(s, s.tasks.get(page.task)!, 'expired', s.now);
      break;
    case 'mturk-task':
      if (!s.tasks.has(page.task)) {
        const spec = s.world.tasks[page.task]!;
        newTask(s, page.task, { deadline: (spec.acceptedAt ?? s.now) + spec.allottedSec * 1000 });
      }
      break;
    case 'prolific-study':
      // Seen in a tab it was not in before: the tabs opened from that tab so far came from another page.
      if (s.studyTabs.get(page.task) !== tabId) {
        s.studyOpenedBefore.set(page.task, new Set([...s.tabs].flatMap(([id, t]) => (t.opener === tabId ? [id] : []))));
      }
      s.studyTabs.set(page.task, tabId);
      break;
    case 'prolific-complete': {
      // The completion URL names no study: it is the one study under way, the one started last while it is open.
      // A study started before it is over there, even if Centime holds it open (returned without its knowing), and
      // once the last one is submitted no study is under way: a second completion page credits nothing.
      const study = s.currentStudy !== null && isOpen(s, s.currentStudy) ? s.tasks.get(s.currentStudy) : undefined;
      if (study) close(s, study, 'submitted', s.now);
      break;
    }
    default:
  }
}

/**
 * "Opens its survey from it": an ordinary page (in `tabId`) opened from the tab showing a study starts that study,
 * unless its tab was opened from there before the study's page showed in it (ambiguity 32).
 */
export function maybeStart(s: OState, tabId: number, page: Page, opener: number | undefined): void {
  // A switched-off platform's page is an ordinary site too (issue 15).
  const platform = platformOf(page);
  if (page.kind !== 'web' && !(platform && s.off.has(platform))) return;
  // Up the opener chain ("followed up the chain", as attention climbs it), through browser pages: a new tab
  // opened from the study's tab, and the survey opened from that, is the survey opened from the study.
  let child = tabId;
  let id = opener;
  let from = id === undefined ? undefined : s.tabs.get(id);
  const seen = new Set<number>();
  while (id !== undefined && from?.page.kind === 'newtab' && from.opener !== undefined && !seen.has(id)) {
    seen.add(id);
    child = id;
    id = from.opener;
    from = s.tabs.get(id);
  }
  if (from?.page.kind !== 'prolific-study') return;
  const key = from.page.task;
  if (s.tasks.has(key) || s.studyTabs.get(key) !== id || s.studyOpenedBefore.get(key)?.has(child)) return;
  // "A started study with no known maximum time ends as expired after 2 hours with no activity in its tabs."
  const allotted = s.world.tasks[key]!.allottedSec;
  newTask(s, key, allotted ? { deadline: s.now + allotted * 1000 } : { quietMs: 2 * 3_600_000 });
  s.currentStudy = key;
}

/**
 * A tab opened from a study's tab while that tab shows something else (Prolific's list, another site) came from
 * that page, not from the study: it is no survey of it when the study shows there again. (Prolific switched off
 * changes nothing here: the tab still shows the study, and one opened from it meanwhile is its survey once
 * Prolific is on again, ambiguity 30.)
 */
export function awayFromStudies(s: OState): void {
  for (const [key, tabId] of s.studyTabs) {
    if (s.tasks.has(key)) continue;
    const tab = s.tabs.get(tabId);
    if (!tab || (tab.page.kind === 'prolific-study' && tab.page.task === key)) continue;
    const before = s.studyOpenedBefore.get(key) ?? new Set<number>();
    for (const [id, t] of s.tabs) if (t.opener === tabId) before.add(id);
    s.studyOpenedBefore.set(key, before);
  }
}

const MTURK: Record<string, Status> = { Submitted: 'submitted', Approved: 'approved', Paid: 'approved', Rejected: 'rejected' };
const PROLIFIC: Record<string, Status> = {
  'AWAITING REVIEW': 'submitted', APPROVED: 'approved', 'SCREENED OUT': 'approved', REJECTED: 'rejected',
  RETURNED: 'returned', 'TIMED-OUT': 'expired',
};

/** Money newly approved, per currency (a reward and its bonus may differ). */
function approve(s: OState, task: OTask, money: (Money | null)[], dated: boolean, known: number | null): void {
  for (const m of money) if (m && m.minor !== 0) s.approvals.push({ platform: task.platform, task: task.key, at: s.now, money: m, dated, known });
}

const latest = (times: readonly number[]): number | null => (times.length ? Math.max(...times) : null);

/** One status row: the platform is the authority on outcomes (DESIGN.md, "Outcomes and money"). */
export function readRow(s: OState, platform: string, row: Row): void {
  const status = (platform === 'mturk' ? MTURK : PROLIFIC)[row.state];
  if (!status) return;
  const task = s.tasks.get(row.task);
  const reward = row.state === 'SCREENED OUT' ? row.reward : undefined;
  if (!task) {
    // "HITs seen in status-details that Centime never timed become untimed records"; a task never timed that
    // the platform lists as returned or timed out is nothing to record.
    if (status === 'returned' || status === 'expired') return;
    const t = newTask(s, row.task, { untimed: true, status, reward: row.reward, bonus: row.bonus ?? null, day: row.date, date: row.date });
    if (status === 'submitted') t.pendingSeen.push(s.now);
    t.rowSeen.push(s.now);
    if (status === 'approved') approve(s, t, [t.reward, t.bonus], false, null);
    return;
  }
  // The row states the task's status: an outcome the worker corrected before now gives way to it (issue 16).
  task.statusReadAt = s.now;
  const before = task.status;
  const unpaidGuess = (before === 'expired' || before === 'returned') && status !== 'expired' && status !== 'returned';
  if (before === 'approved' && status === 'submitted') return; // a stale row: the platform never goes back
  if (before === 'open' || unpaidGuess) {
    // Ended (or still open) by a local guess: the task takes the platform's state and moves to the local day of
    // its last recorded second.
    const last = task.lastSecond ?? task.firstSeen;
    task.status = status;
    task.day = dayIn(s.zone, last);
    if (status === 'submitted' || status === 'approved' || status === 'rejected') task.submittedAt ??= last;
  } else {
    task.status = status;
  }
  if (reward) task.reward = reward;
  if (status === 'submitted') task.pendingSeen.push(s.now);
  const bonusBefore = task.bonus;
  if (row.bonus && (status === 'approved' || before === 'approved')) task.bonus = row.bonus;
  const seenBefore = latest(task.rowSeen);
  task.rowSeen.push(s.now);
  if (status === 'approved' && before !== 'approved') {
    const dated = before === 'submitted';
    approve(s, task, [task.reward, task.bonus], dated, dated ? latest(task.pendingSeen) : null);
    if (dated && !task.untimed && task.requesterId && task.submittedAt !== null) {
      s.delays.push({ task: task.key, ms: s.now - task.submittedAt });
    }
  } else if (before === 'approved' && status === 'approved' && task.bonus && (task.bonus.minor !== bonusBefore?.minor)) {
    // A bonus appearing (or rising) on a row already known approved: new money, seen as a change.
    const was = bonusBefore?.currency === task.bonus.currency ? bonusBefore.minor : 0;
    if (task.bonus.minor > was) approve(s, task, [{ minor: task.bonus.minor - was, currency: task.bonus.currency }], true, seenBefore);
  }
}
