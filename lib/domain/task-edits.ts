import type { Money } from './money';

/**
 * Corrections kept as edits (issue 16). The shapes only: the writer (background) validates them with zod and
 * applies them; pages send them and show them. A task's record keeps what was recorded, untouched; its edits
 * lie beside it, each dated, and the task's figures use the latest edit of each field.
 *
 * - `outcome`: the worker's word on how the task ended. A corrected approval has no known date: it never
 *   counts in withdrawable or in the pace. A later platform reading of the outcome wins over it (the platform
 *   is the authority); the edit then stays in the timeline as superseded.
 * - `reward`, `bonus` (null: no bonus), `requester`.
 * - `activeMs`: stands instead of the derived active time (the events stay as recorded; the difference goes to
 *   no other time part).
 * - `deleted`: the task leaves every figure and list (but the history's "deleted" filter); restorable.
 *
 * `value: null` on a field other than `bonus` restores the original (or undeletes): an edit like the others,
 * so the timeline keeps every step and a restore is itself undoable.
 */
export type EditOutcome = 'submitted' | 'approved' | 'rejected' | 'returned' | 'expired';

export type EditChange =
  | { field: 'outcome'; value: EditOutcome | null }
  | { field: 'reward'; value: Money | null }
  | { field: 'bonus'; value: Money | null; restore?: boolean }
  | { field: 'activeMs'; value: number | null }
  | { field: 'requester'; value: { name: string; id?: string } | null }
  | { field: 'deleted'; value: true | null };

export type EditField = EditChange['field'];

/** A stored edit: the change and when the worker made it (wall-clock ms). */
export type TaskEdit = EditChange & { at: number };

/** A task Centime missed, added by the worker. With `activeMs` it is timed and counts in rates; without, untimed. */
export interface AddedTask {
  platform: string;
  title: string;
  requesterName?: string;
  reward: Money;
  /** The local day it belongs to, YYYY-MM-DD. */
  day: string;
  outcome: EditOutcome;
  activeMs?: number;
}
