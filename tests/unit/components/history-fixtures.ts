import type { TaskRow } from '../../../lib/storage/task-store';

// Compact rows as the storage keeps them (lib/storage/task-store.ts, rowOf), for the history's component tests.

export const HOSTILE_HTML = '<img src=x onerror=alert(1)>';
export const HOSTILE_FORMULA = '=HYPERLINK("http://x","y")';
const AT = Date.UTC(2026, 10, 20, 15, 0);
const MIN = 60_000;

export function row(i: number, over: Partial<TaskRow> = {}): TaskRow {
  const platform = over.platform ?? (['mturk', 'prolific', 'custom:clickworker'] as const)[i % 3]!;
  const requesterName = over.requesterName ?? `Requester ${i % 7}`;
  const requesterId = platform === 'mturk' ? `AR${i % 7}` : undefined;
  const start = AT - i * 20 * MIN;
  const base: TaskRow = {
    key: `${platform}:T${String(i).padStart(5, '0')}`,
    platform, taskId: `T${String(i).padStart(5, '0')}`, title: `Task number ${i}`, requesterName,
    ...(requesterId ? { requesterId } : {}),
    requester: requesterId ?? requesterName,
    ...(platform === 'mturk' ? { hitId: `HIT${i}` } : {}),
    reward: { minor: 10 + (i % 50), currency: platform === 'prolific' ? 'GBP' : 'USD' },
    status: (['approved', 'submitted', 'rejected', 'returned'] as const)[i % 4]!,
    day: new Date(start).toISOString().slice(0, 10),
    firstSeenAt: start, acceptedAt: start, firstActiveAt: start + 1_000, lastActiveAt: start + (1 + (i % 9)) * MIN,
    endedAt: start + (1 + (i % 9)) * MIN, activeMs: (1 + (i % 9)) * MIN - 1_000, idleMs: (i % 5) * 1_000,
    external: platform === 'prolific', updatedAt: start + (1 + (i % 9)) * MIN,
  };
  return { ...base, ...over };
}

export const rows = (n: number) => Array.from({ length: n }, (_, i) => row(i));
