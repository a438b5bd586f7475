// Counterexamples the property found about time (shrunk, then written out by hand): each plays through the real
// background and must agree with the oracle. Today's main fails the ones issue 11 fixes (tests/oracle/README.md).
import { describe, it } from 'vitest';
import { agrees, HOUR, MIN, S, T0 } from './agrees';
import { gbp, hit, page, Script, study, usd } from './script';

describe('counterexamples: time', () => {
  it('issue 11.1: a study only looked at is platform time, and ordinary browsing never accrues to it', async () => {
    const st = study(1, gbp(150), 600);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + 5 * S, { kind: 'go', tab: 1, page: page.web(1) }) // the same tab moves on to another site
      .at(T0 + 30 * S, { kind: 'open', tab: 2, page: page.study(st) })
      .at(T0 + 33 * S, { kind: 'close', tab: 2, then: 1 }, { kind: 'close', tab: 1 }, { kind: 'open', tab: 3, page: page.web(2) })
      .at(T0 + 58 * S, { kind: 'popup' })
      .at(T0 + HOUR, { kind: 'close', tab: 3 }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('issue 11.1: a started study with no maximum time ends as expired after 2 hours with no activity', async () => {
    const st = study(2, usd(300), 0);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(), opener: 1 })
      .at(T0 + 10 * MIN, { kind: 'open', tab: 3, page: page.newtab() })
      .at(T0 + 3 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });

  it('issue 11.1: a study starts when its survey opens, even in a window without focus', async () => {
    const st = study(3, gbp(100), 600);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'focus', focused: false })
      .at(T0 + S, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(), opener: 1 })
      .at(T0 + 5 * MIN, { kind: 'focus', focused: true })
      .at(T0 + 30 * MIN, { kind: 'close', tab: 2, then: 1 }, { kind: 'close', tab: 1 }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('issue 11.3: an expired task belongs to its deadline’s day, even when its alarm fires the next day', async () => {
    const start = Date.UTC(2026, 2, 7, 23, 50);
    const h = hit(4, usd(40), { acceptedAt: start, allottedSec: 480 }); // deadline 23:58
    // The alarm fires late, with the next event (00:10): the HIT's tab is in the background by then.
    const w = new Script(start, 'UTC', undefined, 'late').add(h)
      .at(start, { kind: 'open', tab: 1, page: page.task(h) })
      .at(start + 2 * MIN, { kind: 'open', tab: 2, page: page.newtab() })
      .at(start + 20 * MIN, { kind: 'popup' });
    await agrees(w.world);
  });

  it('issue 11.3: a task in front accrues nothing past its deadline when the alarm fires late (README, ambiguity 6)', async () => {
    const start = Date.UTC(2026, 2, 7, 23, 50);
    const h = hit(5, usd(40), { acceptedAt: start, allottedSec: 480 });
    const w = new Script(start, 'UTC', undefined, 'late').add(h)
      .at(start, { kind: 'open', tab: 1, page: page.task(h) })
      .at(start + 20 * MIN, { kind: 'open', tab: 2, page: page.newtab() }, { kind: 'popup' });
    await agrees(w.world);
  });

  // Found while merging the fixes (the property's shrunk worlds, written out by hand).
  it('a study with no maximum time expires two hours after its last activity in its own tabs, even with a late alarm', async () => {
    const st = study(5, usd(100), 0);
    const w = new Script(T0, 'UTC', undefined, 'late').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 2 * MIN, { kind: 'close', tab: 1 }) // its page closed: the survey tab lends time through the fallback
      .at(T0 + 2 * HOUR + 2 * MIN, { kind: 'open', tab: 3, page: page.web(2) })
      .at(T0 + 2 * HOUR + 4 * MIN, { kind: 'go', tab: 2, page: page.complete() }, { kind: 'close', tab: 2 }, { kind: 'close', tab: 3 })
      .at(T0 + 6 * HOUR, { kind: 'rows', platform: 'prolific', rows: [{ task: st.key, state: 'APPROVED', reward: usd(100), date: '2026-03-07' }] }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('two alarms due while the computer sleeps: the second decides nothing anew before they fire (README, ambiguity 22)', async () => {
    // Found by the property with the session checks (the oracle was wrong): HIT B, in front through its survey, expires
    // at T0 + 5 min; HIT A's deadline follows at T0 + 6 min, before the next event (T0 + 1 h). The oracle let HIT A's
    // alarm re-decide what was in front at T0 + 6 min and lent the started study (its tab closed) 4 minutes through
    // the fallback; nothing fires before T0 + 1 h, so nothing accrues until then.
    const st = study(10, usd(100), 600);
    const [a, b] = [hit(11, usd(20), { acceptedAt: T0, allottedSec: 360 }), hit(12, usd(20), { acceptedAt: T0, allottedSec: 300 })];
    const w = new Script(T0, 'UTC', undefined, 'late').add(st, a, b)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 1, { kind: 'open', tab: 3, page: page.task(a), background: true }, { kind: 'open', tab: 4, page: page.task(b), background: true })
      .at(T0 + 2, { kind: 'close', tab: 2, then: 4 }, { kind: 'close', tab: 1 }, { kind: 'open', tab: 5, page: page.web(2), opener: 4 })
      .at(T0 + HOUR, { kind: 'open', tab: 6, page: page.newtab() })
      .at(T0 + 2 * HOUR, { kind: 'close', tab: 6, then: 5 }, { kind: 'close', tab: 5, then: 4 }, { kind: 'close', tab: 4, then: 3 }, { kind: 'close', tab: 3 })
      .at(T0 + 6 * HOUR, { kind: 'rows', platform: 'prolific', rows: [{ task: st.key, state: 'TIMED-OUT', reward: usd(100), date: '2026-03-07' }] }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a study with no maximum time in front for an instant: that instant is activity in its tabs (README, ambiguity 8)', async () => {
    // Found by the property with the session checks (the oracle was wrong): started under the manual timer at 21:00
    // (no activity), in front for an instant when the timer stops at 22:00, then closed. Its 2 hours with no
    // activity run from 22:00, as the background's: it expires at midnight, on the 11th (the oracle said 23:00).
    const T = Date.UTC(2026, 2, 10, 20, 30);
    const st = study(13, usd(100), 0);
    const w = new Script(T, 'UTC').add(st)
      .at(T, { kind: 'manual-start' })
      .at(T + 30 * MIN, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T + 90 * MIN, { kind: 'manual-stop', reward: usd(100) }, { kind: 'close', tab: 2, then: 1 }, { kind: 'close', tab: 1 })
      .at(T + 8 * HOUR, { kind: 'rows', platform: 'prolific', rows: [{ task: st.key, state: 'TIMED-OUT', reward: usd(100), date: '2026-03-10' }] }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a study page left open for days can still be started from its tab', async () => {
    const st = study(6, gbp(150), 600);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + 8 * 24 * HOUR, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 8 * 24 * HOUR + 5 * MIN, { kind: 'go', tab: 2, page: page.complete() }, { kind: 'close', tab: 2 }, { kind: 'close', tab: 1 }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a task expiring in front with a late alarm: its page is one platform stretch from the deadline', async () => {
    const h = hit(7, usd(100), { acceptedAt: T0 + 2 * MIN, allottedSec: 300 });
    const w = new Script(T0, 'UTC', undefined, 'late').add(h)
      .at(T0 + 2 * MIN, { kind: 'open', tab: 1, page: page.task(h) })
      .at(T0 + 4 * HOUR, { kind: 'dashboard', available: usd(5000), rows: [] }) // past midnight UTC: still one stretch
      .at(T0 + 5 * HOUR, { kind: 'close', tab: 1 })
      .at(T0 + 9 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a task page first opened past its deadline: platform time from when it came to the front, never before', async () => {
    const h = hit(8, usd(100), { acceptedAt: T0, allottedSec: 300 });
    const w = new Script(T0, 'UTC').add(h)
      .at(T0, { kind: 'open', tab: 1, page: page.list() })
      .at(T0 + HOUR, { kind: 'go', tab: 1, page: page.task(h) })
      .at(T0 + HOUR + 10 * MIN, { kind: 'go', tab: 1, page: page.list() })
      .at(T0 + 2 * HOUR, { kind: 'close', tab: 1 }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a survey opened from a new tab that the study page opened starts the study (the opener chain, through browser pages)', async () => {
    // Seed 1940534358: the oracle started the study only when a site opened straight from the study's tab.
    const st = study(9, usd(100), 600);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0 + 2 * MIN, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + 2 * MIN + 1, { kind: 'open', tab: 2, page: page.newtab(), opener: 1 })
      .at(T0 + 4 * MIN + 1, { kind: 'open', tab: 3, page: page.web(1), opener: 2 })
      .at(T0 + 6 * MIN + 1, { kind: 'close', tab: 3, then: 2 }, { kind: 'close', tab: 2, then: 1 }, { kind: 'close', tab: 1 })
      .at(T0 + 4 * HOUR, { kind: 'rows', platform: 'prolific', rows: [{ task: st.key, state: 'TIMED-OUT', reward: usd(100), date: '2026-03-07' }] }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a completion page credits the study started last, even one started while the manual timer runs (README, ambiguity 9)', async () => {
    // Seed 2083859825: the background credited the study last in front, which had stopped accruing when the timer
    // started; Prolific has one ACTIVE study, the one started last. Study 1 (no maximum time) expires two hours after
    // its last activity, on its deadline's day (past midnight); study 2 is submitted.
    const first = study(1, usd(100), 0);
    const second = study(2, gbp(349), 3420);
    const w = new Script(T0, 'UTC').add(first, second)
      .at(T0, { kind: 'open', tab: 1, page: page.study(first) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 2 * HOUR, { kind: 'manual-start' })
      .at(T0 + 2 * HOUR + MIN, { kind: 'open', tab: 3, page: page.study(second) }, { kind: 'open', tab: 4, page: page.web(2), opener: 3 })
      .at(T0 + 2 * HOUR + 2 * MIN, { kind: 'go', tab: 4, page: page.complete() })
      .at(T0 + 2 * HOUR + 3 * MIN, { kind: 'manual-stop', reward: usd(100) }, { kind: 'close', tab: 4 }, { kind: 'close', tab: 3 }, { kind: 'close', tab: 2 }, { kind: 'close', tab: 1 })
      .at(T0 + 6 * HOUR, { kind: 'rows', platform: 'prolific', rows: [
        { task: first.key, state: 'TIMED-OUT', reward: usd(100), date: '2026-03-08' },
        { task: second.key, state: 'APPROVED', reward: gbp(349), date: '2026-03-07' },
      ] }, { kind: 'popup' });
    await agrees(w.world);
  });

  it('Prolific has one study under way: one left before another started is never credited nor lent time', async () => {
    // Study 1 started and left (its tabs closed); study 2 started and completed; a second completion page in
    // another tab, and an hour of ordinary browsing. The background credited study 1 and lent it the browsing
    // (a study whose tab is gone) before studies were superseded.
    const first = study(1, usd(100), 3600);
    const second = study(2, gbp(200), 3600);
    const w = new Script(T0, 'UTC').add(first, second)
      .at(T0, { kind: 'open', tab: 1, page: page.study(first) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 2 * MIN, { kind: 'close', tab: 2, then: 1 }, { kind: 'close', tab: 1 })
      .at(T0 + 3 * MIN, { kind: 'open', tab: 3, page: page.study(second) }, { kind: 'open', tab: 4, page: page.web(2), opener: 3 })
      .at(T0 + 6 * MIN, { kind: 'open', tab: 5, page: page.web(3) })
      .at(T0 + 8 * MIN, { kind: 'switch', tab: 4 })
      .at(T0 + 9 * MIN, { kind: 'go', tab: 4, page: page.complete() })
      .at(T0 + 10 * MIN, { kind: 'open', tab: 6, page: page.complete() })
      .at(T0 + 11 * MIN, { kind: 'go', tab: 6, page: page.web(3) }, { kind: 'popup' })
      .at(T0 + 40 * MIN, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a study\'s tab gone on to the next study stands for the first no more, once the second has ended', async () => {
    // Seed 777 (2,000 runs): study 2 started from the tab study 1 was started in; once study 2 expired, study 2's
    // survey in front was lent to study 1 through that tab (50 minutes), which the start of study 2 had ended.
    const first = study(1, usd(1), 0);
    const second = study(2, usd(1), 600);
    const w = new Script(T0, 'UTC').add(first, second)
      .at(T0, { kind: 'open', tab: 1, page: page.study(first) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + S, { kind: 'close', tab: 2, then: 1 })
      .at(T0 + 2 * S, { kind: 'go', tab: 1, page: page.study(second) }, { kind: 'open', tab: 3, page: page.web(2), opener: 1 })
      .at(T0 + HOUR, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a tab opened from the studies list is no survey of a study shown again later in that tab', async () => {
    const st = study(1, usd(100), 3600);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + MIN, { kind: 'go', tab: 1, page: page.studies() })
      .at(T0 + 2 * MIN, { kind: 'open', tab: 2, page: page.newtab(), opener: 1, background: true })
      .at(T0 + 3 * MIN, { kind: 'go', tab: 1, page: page.study(st) })
      .at(T0 + 4 * MIN, { kind: 'switch', tab: 2 }, { kind: 'go', tab: 2, page: page.web(1) })
      .at(T0 + 10 * MIN, { kind: 'popup' });
    await agrees(w.world);
  });

  it('MTurk switched off while its HIT’s tab, opened from a study page, is open starts the study at the switch (ambiguity 30)', async () => {
    // Seed 1349575125: the background started the study only at the next event after the switch, so the time
    // between was counted as Prolific's platform time instead of the study's.
    const st = study(1, usd(1), 600);
    const h = hit(2, usd(1), { acceptedAt: T0 + 2 * MIN, allottedSec: 300 });
    const w = new Script(T0, 'UTC').add(st, h)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + 2 * MIN, { kind: 'open', tab: 2, page: page.task(h), opener: 1 })
      .at(T0 + 4 * MIN, { kind: 'switch', tab: 1 })
      .at(T0 + 6 * MIN, { kind: 'platform', platform: 'mturk', on: false })
      .at(T0 + 8 * MIN, { kind: 'close', tab: 1, then: 2 }, { kind: 'close', tab: 2 })
      .at(T0 + 4 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a survey opened in a background tab starts its study, and the study page in front is the study’s time from then', async () => {
    // Found with seed 1349575125's cause: the decision that started the study had already put its page down as
    // platform time, until the next event.
    const st = study(2, gbp(250), 1200);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) })
      .at(T0 + MIN, { kind: 'open', tab: 2, page: page.web(1), opener: 1, background: true })
      .at(T0 + 5 * MIN, { kind: 'switch', tab: 2 })
      .at(T0 + 9 * MIN, { kind: 'close', tab: 2, then: 1 }, { kind: 'close', tab: 1 })
      .at(T0 + 4 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a tab opened from a study page is not the survey of the next study shown in that tab (ambiguity 32)', async () => {
    // Seed 90210: a HIT opened from study 1's page, then the same tab went on to study 4's page and MTurk was switched
    // off. The oracle started study 4 with the HIT's tab as its survey; the background does not (its tab was opened
    // from study 1's page), and counts study 4's page as Prolific's platform time. The oracle was wrong.
    const st1 = study(1, usd(1), 600);
    const st4 = study(4, usd(1), 600);
    const h = hit(2, usd(1), { acceptedAt: T0 + 2 * MIN, allottedSec: 300 });
    const w = new Script(T0, 'UTC').add(st1, st4, h)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st1) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1, background: true })
      .at(T0 + 2 * MIN, { kind: 'open', tab: 3, page: page.task(h), opener: 1, background: true })
      .at(T0 + 3 * MIN, { kind: 'go', tab: 1, page: page.study(st4) })
      .at(T0 + 4 * MIN, { kind: 'platform', platform: 'mturk', on: false })
      // A tab opened from study 1's page that goes on to a site later is not study 4's survey either.
      .at(T0 + 5 * MIN, { kind: 'go', tab: 2, page: page.web(2) })
      .at(T0 + 6 * MIN, { kind: 'close', tab: 3 }, { kind: 'close', tab: 2 }, { kind: 'close', tab: 1 })
      .at(T0 + 4 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });

  it('a study whose platform is switched off while it is active expires 2 hours after that, not after its start', async () => {
    // Seed 432097165: study 1 (no maximum time) started at 20:00 with its survey in front; Prolific was switched off
    // at 20:05, ending its activity there. The background kept 20:00 as its last activity (the study was no longer
    // among the enabled platforms' tasks when the decision noted activity ending) and expired it at 22:00, five
    // minutes early; after a restart too, as the start-up sets the expiry again from the same mark.
    const st = study(1, usd(1), 0);
    const w = new Script(T0, 'UTC').add(st)
      .at(T0, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 5 * MIN, { kind: 'platform', platform: 'prolific', on: false })
      .at(T0 + 8 * MIN, { kind: 'restart' })
      .at(T0 + 2 * HOUR + 2 * MIN, { kind: 'popup' })
      .at(T0 + 3 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });
  it('a page of a platform switched off, in a started study’s tab, is an ordinary site: the study’s (ambiguity 30)', async () => {
    // Seed -878610704: MTurk off, study 1 started by its survey; the survey closed, the study's tab went on to a HIT
    // page. The background kept the study in front there, as in any ordinary site shown in its tab; the oracle took
    // the switched-off platform's page for nothing at all (3 ms of the study's time missing). The oracle was wrong.
    const st = study(1, usd(1), 600);
    const h = hit(2, usd(1), { acceptedAt: T0 + 6 * MIN + 1, allottedSec: 300 });
    const w = new Script(T0, 'UTC').add(st, h)
      .at(T0 + 2 * MIN, { kind: 'platform', platform: 'mturk', on: false })
      .at(T0 + 2 * MIN + 1, { kind: 'open', tab: 1, page: page.study(st) }, { kind: 'open', tab: 2, page: page.web(1), opener: 1 })
      .at(T0 + 4 * MIN + 1, { kind: 'close', tab: 2, then: 1 })
      .at(T0 + 6 * MIN + 1, { kind: 'go', tab: 1, page: page.task(h) })
      .at(T0 + 10 * MIN, { kind: 'popup' })
      .at(T0 + 12 * MIN, { kind: 'close', tab: 1 })
      .at(T0 + 4 * HOUR, { kind: 'popup' });
    await agrees(w.world);
  });
});
