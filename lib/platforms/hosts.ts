/**
 * Match patterns of the supported platforms: the manifest's host permissions and the content scripts' matches
 * both come from here, so the two cannot drift apart.
 */
export const MTURK_MATCHES = ['https://worker.mturk.com/*'];
/** MTurk's task pages: the one content script there carries only what task pages need. */
export const MTURK_TASK_PAGES = ['https://worker.mturk.com/projects/*/tasks/*'];
/**
 * The pages whose Centime script carries the overlay itself (MTurk's task pages: `mturk.content`): the background
 * drives it there without injecting `overlay.js`, which it injects into other platforms' task pages.
 */
export const OVERLAY_IN_PAGE = MTURK_TASK_PAGES;
/** MTurk's pages that show money (their readers load only there). */
export const MTURK_BALANCE_PAGES = [
  'https://worker.mturk.com/dashboard*',
  'https://worker.mturk.com/earnings*',
  'https://worker.mturk.com/status_details/*',
];
export const PROLIFIC_MATCHES = ['https://app.prolific.com/*'];

export const platformHosts = [...MTURK_MATCHES, ...PROLIFIC_MATCHES];
