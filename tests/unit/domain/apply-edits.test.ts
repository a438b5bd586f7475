// applyEdits (issue 16): the task as its figures see it, worked out by hand from the rules of task-edits.ts.
import { describe, expect, it } from 'vitest';
import { applyEdits, type EditableTask } from '../../../lib/domain/apply-edits';
import type { TaskEdit } from '../../../lib/domain/task-edits';

const usd = (minor: number) => ({ minor, currency: 'USD' });
const task = (edits: TaskEdit[], more: Partial<EditableTask> = {}): EditableTask => ({
  status: 'submitted', reward: usd(50), activeMs: 600_000, requesterName: 'Lab', requesterId: 'R1', edits, ...more,
});

describe('applyEdits', () => {
  it('leaves a task with no edits as recorded', () => {
    // Nothing corrected: the same fields, nothing marked.
    const t = task([]);
    expect(applyEdits(t)).toEqual({ task: t, corrected: [], deleted: false, superseded: [], undatedApproval: false });
  });

  it('lets the latest edit of each field by its date win, whatever the order they are stored in', () => {
    // Reward 80 at t=30 beats 70 at t=20 (stored after it); active 900 s at t=10 stands; requester at t=5.
    const r = applyEdits(task([
      { field: 'reward', value: usd(80), at: 30 },
      { field: 'reward', value: usd(70), at: 20 },
      { field: 'activeMs', value: 900_000, at: 10 },
      { field: 'requester', value: { name: 'Other lab' }, at: 5 },
    ]));
    expect(r.task).toMatchObject({ reward: usd(80), activeMs: 900_000, requesterName: 'Other lab' });
    // A requester corrected with no id has none (the requester index then keys it by name).
    expect(r.task.requesterId).toBeUndefined();
    expect(r.corrected).toEqual(['activeMs', 'requester', 'reward']);
  });

  it('breaks a tie of dates by the order the edits were made', () => {
    // Two rewards at the same instant: the one stored last was made last.
    expect(applyEdits(task([{ field: 'reward', value: usd(1), at: 7 }, { field: 'reward', value: usd(2), at: 7 }])).task.reward).toEqual(usd(2));
  });

  it('restores the original with a null value, and a later edit corrects again', () => {
    // Reward 90 (t=1), restored (t=2): the recorded 50, not corrected. Then 60 (t=3): corrected again.
    const restored = applyEdits(task([{ field: 'reward', value: usd(90), at: 1 }, { field: 'reward', value: null, at: 2 }]));
    expect(restored.task.reward).toEqual(usd(50));
    expect(restored.corrected).toEqual([]);
    const again = applyEdits(task([{ field: 'reward', value: usd(90), at: 1 }, { field: 'reward', value: null, at: 2 }, { field: 'reward', value: usd(60), at: 3 }]));
    expect(again.task.reward).toEqual(usd(60));
  });

  it('tells "no bonus" (null) from "the recorded bonus" (null with restore)', () => {
    // Recorded bonus 20: corrected to none, then restored.
    const none = applyEdits(task([{ field: 'bonus', value: null, at: 1 }], { bonus: usd(20) }));
    expect(none.task.bonus).toBeUndefined();
    expect(none.corrected).toEqual(['bonus']);
    const back = applyEdits(task([{ field: 'bonus', value: null, at: 1 }, { field: 'bonus', value: null, restore: true, at: 2 }], { bonus: usd(20) }));
    expect(back.task.bonus).toEqual(usd(20));
    expect(back.corrected).toEqual([]);
  });

  it('deletes and undeletes', () => {
    // Deleted at t=1; the other fields still show as corrected (the "deleted" filter lists the row as it would count).
    expect(applyEdits(task([{ field: 'deleted', value: true, at: 1 }])).deleted).toBe(true);
    expect(applyEdits(task([{ field: 'deleted', value: true, at: 1 }, { field: 'deleted', value: null, at: 2 }])).deleted).toBe(false);
  });

  it('gives a corrected approval no known date, and a later platform reading of the status wins over it', () => {
    // Submitted here, corrected to approved at t=100: approved on the worker's word.
    const edits: TaskEdit[] = [{ field: 'outcome', value: 'approved', at: 100 }];
    const word = applyEdits(task(edits));
    expect(word.task.status).toBe('approved');
    expect(word).toMatchObject({ corrected: ['outcome'], undatedApproval: true, superseded: [] });
    // The platform stated the status at t=150 (still submitted there): its state stands, the edit is superseded.
    const read = applyEdits(task(edits, { statusReadAt: 150 }));
    expect(read.task.status).toBe('submitted');
    expect(read).toMatchObject({ corrected: [], undatedApproval: false, superseded: [100] });
    // A correction made after that reading stands again; the old one stays superseded.
    const later = applyEdits(task([...edits, { field: 'outcome', value: 'rejected', at: 200 }], { statusReadAt: 150 }));
    expect(later.task.status).toBe('rejected');
    expect(later.superseded).toEqual([100]);
  });

  it('keeps a platform approval dated: confirming it by hand is no undated approval', () => {
    const r = applyEdits(task([{ field: 'outcome', value: 'approved', at: 1 }], { status: 'approved' }));
    expect(r.undatedApproval).toBe(false);
  });

  it('counts a task added by hand with its own active time, timed; one added approved has no approval date', () => {
    // Added with 20 min: that is its active time (it has no events), and it is timed.
    const r = applyEdits(task([], { addedByHand: true, handActiveMs: 1_200_000, activeMs: 0, status: 'approved' }));
    expect(r.task).toMatchObject({ activeMs: 1_200_000, status: 'approved' });
    expect(r.task.untimed).toBeUndefined();
    expect(r.undatedApproval).toBe(true);
    // Added without one: untimed, as recorded.
    expect(applyEdits(task([], { addedByHand: true, untimed: true, activeMs: 0 })).task.untimed).toBe(true);
  });

  it('makes an untimed record timed once its active time is corrected, and untimed again when restored', () => {
    const corrected = applyEdits(task([{ field: 'activeMs', value: 300_000, at: 1 }], { untimed: true, activeMs: 0 }));
    expect(corrected.task).toMatchObject({ activeMs: 300_000 });
    expect(corrected.task.untimed).toBeUndefined();
    const restored = applyEdits(task([{ field: 'activeMs', value: 300_000, at: 1 }, { field: 'activeMs', value: null, at: 2 }], { untimed: true, activeMs: 0 }));
    expect(restored.task).toMatchObject({ activeMs: 0, untimed: true });
  });

  it('never changes the task it is given', () => {
    const t = task([{ field: 'reward', value: usd(1), at: 1 }, { field: 'bonus', value: null, at: 1 }], { bonus: usd(5) });
    const copy = structuredClone(t);
    applyEdits(t);
    expect(t).toEqual(copy);
  });
});
