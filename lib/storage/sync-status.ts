import { storage } from 'wxt/utils/storage';
import type { SyncProblem } from './sync';

/**
 * Between the background's sync mirror and the options page (plain storage, no message type): the mirror's
 * state, and the worker's answer when sync already holds another computer's settings.
 */
export interface SyncStatus {
  /** The first exchange with sync is done (a choice made, or nothing to choose). */
  started: boolean;
  /** Sync holds another computer's settings: waiting for the worker's choice. */
  choose?: boolean;
  problem?: SyncProblem;
}
export type SyncChoice = 'mine' | 'theirs';

export const syncStatusItem = storage.defineItem<SyncStatus>('local:syncStatus', { fallback: { started: false } });
/** Written by the options page, read (and cleared) by the background: untrusted, checked there. */
export const syncChoiceItem = storage.defineItem<unknown>('local:syncChoice');
