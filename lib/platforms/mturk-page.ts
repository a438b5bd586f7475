import { MTURK_MATCHES } from './hosts';
import { isReturnForm, isSubmitMessage, pageAlert } from './mturk-flow';
import { readTask } from './mturk-task';
import { pageKind, taskIdFromUrl } from './mturk-urls';
import type { PlatformAdapter } from './types';

/**
 * The core of the MTurk adapter: what a page is, the task it shows and how that task ends (its submit message and
 * Return form, which only the task page's own script can see). `mturk.ts` adds the list and balance readers.
 */
export const mturkPage: PlatformAdapter = {
  id: 'mturk',
  name: 'Amazon Mechanical Turk',
  matches: MTURK_MATCHES,
  pageKind,
  readTask,
  taskIdFromUrl,
  pageAlert: (doc) => pageAlert(doc),
  isSubmitMessage,
  isReturnForm,
};
