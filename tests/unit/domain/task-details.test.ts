import { describe, expect, it } from 'vitest';
import { notePage, OK_AGAIN_MS } from '../../../lib/domain/page-health';
import { fillDetails, mergeDetails } from '../../../lib/domain/task-details';

const usd = (minor: number) => ({ minor, currency: 'USD' });

describe('a task’s details, read in part (issue 19)', () => {
  it('a page that reads less keeps what was known; one that reads all clears `missing`', () => {
    const known = { title: 'T', requesterName: 'R', reward: usd(50) };
    expect(mergeDetails(known, { title: '', requesterName: '', reward: null, missing: ['title', 'reward', 'requester'] })).toEqual(known);
    const partial = { title: 'T', requesterName: '', reward: null, missing: ['reward' as const, 'requester' as const] };
    expect(mergeDetails(undefined, partial)).toEqual(partial);
    expect(mergeDetails(partial, { ...known })).toEqual(known);
    expect(mergeDetails({ ...partial, reward: usd(75) }, partial)).toEqual({ ...partial, reward: usd(75), missing: ['requester'] });
  });

  it('a later source fills only what is missing, and says when it filled nothing', () => {
    const record = { title: 'T', requesterName: '', reward: null, missing: ['reward' as const, 'requester' as const] };
    expect(fillDetails(record, { title: 'Other', reward: usd(10) })).toEqual({ title: 'T', requesterName: '', reward: usd(10), missing: ['requester'] });
    expect(fillDetails(record, { title: 'Other' })).toBeNull();
    expect(fillDetails({ title: 'T', requesterName: 'R', reward: usd(1) }, { reward: usd(2) })).toBeNull();
  });
});

describe('page health', () => {
  it('counts the pages not read since the last one read in full; a success resets the count', () => {
    let h = notePage({}, 'mturk', 'task', false, 1)!;
    h = notePage(h, 'mturk', 'task', false, 2)!;
    expect(h).toEqual({ mturk: { task: { failed: 2, failedAt: 2 } } });
    h = notePage(h, 'mturk', 'task', true, 3)!;
    expect(h).toEqual({ mturk: { task: { okAt: 3, failed: 0 } } });
    // A success soon after another writes nothing new.
    expect(notePage(h, 'mturk', 'task', true, 3 + OK_AGAIN_MS - 1)).toBeNull();
    expect(notePage(h, 'mturk', 'queue', true, 4)).toEqual({ mturk: { task: { okAt: 3, failed: 0 }, queue: { okAt: 4, failed: 0 } } });
  });
});
