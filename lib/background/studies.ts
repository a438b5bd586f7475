import type { Stamp } from '../domain/task-timer';
import type { TaskSnapshot } from '../platforms/types';
import { getTaskByKey } from '../storage/history-db';
import type { TaskRecord } from '../storage/schemas';
import type { TaskWriter } from './task-writer';
import type { TrackerEnv } from './tracker-env';
import { INACTIVE_EXPIRY_MS, pageOf, seeStudy, type StudyMark, type StudyMarks, type ViewedEntry } from './viewed-studies';

/**
 * Off-site studies from the first look to their start (DESIGN.md, Attention). A study page only looked at is
 * platform time and no task: it is remembered in the viewed-studies record, and becomes a task record (with
 * `startedAt`) only when its survey opens from it or the platform shows it ACTIVE.
 *
 * Every method is a read-modify-write of small stored records (the viewed studies, the task-tab map, the
 * marks): callers run them inside the writer's queue (`TaskWriter.serial`), so that two tabs acting at once
 * never drop each other's write.
 */
export class Studies {
  constructor(
    private readonly env: TrackerEnv,
    private readonly writer: TaskWriter,
    /** Whether a platform has one study under way at a time (`PlatformAdapter.singleActive`). */
    private readonly singleActive: (platform: string) => boolean = () => false,
  ) {}

  /** A study page seen (no task record yet): remember it, with the tab that shows it. */
  async viewed(key: string, snapshot: TaskSnapshot, wall: number, tabId: number | undefined): Promise<void> {
    const tabs = tabId === undefined ? [] : await this.env.tabs();
    const openedFromTab = () => tabs.flatMap((t) => (t.openerTabId === tabId && t.id !== undefined ? [t.id] : []));
    const page = pageOf(tabs.find((t) => t.id === tabId)?.url) ?? undefined;
    await this.env.saveViewed(seeStudy(await this.env.loadViewed(), key, snapshot, { wall, tabId, openedFromTab, ...(page ? { page } : {}) }));
  }

  /** An open study's page seen in `tabId`: that tab stands for it from now on. */
  async link(key: string, tabId: number): Promise<void> {
    const tabs = await this.env.loadTaskTabs();
    if (tabs[key] !== tabId) await this.env.saveTaskTabs({ ...tabs, [key]: tabId });
  }

  /**
   * The study starts now: its survey opened from it, or the platform shows it ACTIVE. A study looked at
   * becomes a task record; an open one never started (written before this rule) gets its start. Its maximum
   * time runs from now. Null when there is nothing to start.
   */
  async start(key: string, now: Stamp): Promise<TaskRecord | null> {
    const viewed = await this.env.loadViewed();
    const study = viewed[key];
    const deadlineOf = (sec: number | undefined) => (sec !== undefined ? { deadline: now.wall + sec * 1000 } : {});
    const record = await this.writer.update(
      key,
      (old): TaskRecord | null => {
        if (old) {
          if (old.status !== 'open' || !old.external || old.startedAt !== undefined) return null;
          return { ...old, startedAt: now.wall, ...deadlineOf(old.timeAllottedSec) };
        }
        if (!study) return null;
        return {
          ...study.snapshot, v: 2, status: 'open', external: true, events: [], activeMs: 0, idleMs: 0,
          firstSeenAt: study.firstSeenAt, updatedAt: now.wall, startedAt: now.wall, ...deadlineOf(study.snapshot.timeAllottedSec),
        };
      },
      now.wall,
    );
    if (study) {
      delete viewed[key];
      await this.env.saveViewed(viewed);
    }
    const platform = key.slice(0, key.indexOf(':'));
    if (!record) {
      // Started before, since ended by another's start, and under way again (the platform shows it ACTIVE): it is
      // the one study there now, the other ended.
      if (this.singleActive(platform) && (await this.env.loadStudyMarks())[key]?.superseded) await this.onlyOne(key);
      return null;
    }
    if (this.singleActive(platform)) await this.onlyOne(key);
    // Its tab stands for it only while it still shows its page: one since moved to an unrelated site (the study
    // started where Centime did not see it, the submissions page showing it ACTIVE) is ordinary browsing, and the
    // study, its tab gone, may only fall back there, the badge saying so.
    if (study?.tabId !== undefined && (await this.shown(study))) await this.link(key, study.tabId);
    if (record.deadline !== undefined) this.env.scheduleDeadline(key, record.deadline);
    await this.active(key, now.wall, record);
    return record;
  }

  /** Whether the tab a study was looked at in still shows its page (an entry with no page known: it is believed). */
  private async shown(study: ViewedEntry): Promise<boolean> {
    const tab = (await this.env.tabs()).find((t) => t.id === study.tabId);
    return tab !== undefined && (study.page === undefined || pageOf(tab.url) === study.page);
  }

  /** Activity in the study's own tabs: with no known maximum time, it expires 2 hours after the last. */
  async active(key: string, wall: number, task: Pick<TaskRecord, 'deadline'>): Promise<void> {
    await this.mark(key, { activeAt: wall });
    if (task.deadline === undefined) this.env.scheduleDeadline(key, wall + INACTIVE_EXPIRY_MS);
  }

  /** "Not working on this": the study stays open until its outcome, but never accrues in an unrelated tab. */
  detach(key: string): Promise<void> {
    return this.mark(key, { detached: true });
  }

  /**
   * When an open external task with no known maximum time expires: 2 hours after its last activity in its
   * own tabs (`ownActiveNow`: it is active in one of them right now). Null when it has a deadline of its own.
   */
  async inactiveUntil(key: string, now: number, ownActiveNow: boolean): Promise<number | null> {
    const task = await getTaskByKey(key);
    if (!task || task.status !== 'open' || !task.external || task.deadline !== undefined) return null;
    if (ownActiveNow) return now + INACTIVE_EXPIRY_MS;
    const mark = (await this.env.loadStudyMarks())[key];
    return (mark?.activeAt ?? task.startedAt ?? task.firstSeenAt) + INACTIVE_EXPIRY_MS;
  }

  /**
   * `key` is its platform's one study under way (`singleActive`): its start ended every other open one there. They
   * stay open until their outcome is read (the submissions page), but are marked superseded.
   */
  private async onlyOne(key: string): Promise<void> {
    const prefix = key.slice(0, key.indexOf(':') + 1);
    const [marks, open] = await Promise.all([this.env.loadStudyMarks(), this.writer.open()]);
    const kept: StudyMarks = {};
    for (const [k, mark] of Object.entries(marks)) if (open.has(k)) kept[k] = mark;
    for (const other of open) if (other !== key && other.startsWith(prefix)) kept[other] = { ...kept[other], superseded: true };
    if (kept[key]?.superseded) {
      const { superseded: _ended, ...mark } = kept[key];
      kept[key] = mark;
    }
    await this.env.saveStudyMarks(kept);
  }

  /** Changes one study's mark; marks of tasks no longer open are dropped (the record stays small). */
  private async mark(key: string, change: StudyMark): Promise<void> {
    const [marks, open] = await Promise.all([this.env.loadStudyMarks(), this.writer.open()]);
    const kept = Object.fromEntries(Object.entries(marks).filter(([k]) => open.has(k)));
    await this.env.saveStudyMarks({ ...kept, [key]: { ...kept[key], ...change } });
  }
}
