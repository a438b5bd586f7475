/**
 * Match patterns of the supported platforms: the manifest's host permissions and the content scripts' matches
 * both come from here, so the two cannot drift apart.
 */
export const MTURK_MATCHES = ['https://worker.mturk.com/*'];
export const PROLIFIC_MATCHES = ['https://app.prolific.com/*'];

export const platformHosts = [...MTURK_MATCHES, ...PROLIFIC_MATCHES];
