import { MTURK_MATCHES } from './hosts';
import { isReturnForm, isSubmitMessage, pageAlert } from './mturk-flow';
import { readTask } from './mturk-task';
import { pageKind, taskIdFromUrl } from './mturk-urls';
import type { PlatformAdapter } from './types';

/**
 * What every MTurk page's content script needs: what the page is, the task it shows and how that task ends.
 * The list and balance readers (`mturk.ts`) stay out of it, so the script on task pages stays small.
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
