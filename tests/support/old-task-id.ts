/**
 * The task id `taskIdOf` (lib/platforms/custom-rule.ts) made before bce8f57: tracking parameters dropped, the
 * worker's own id (`workerId=`, `PROLIFIC_PID=`…) kept. What custom sites' tasks stored before then are named by:
 * the migration's tests plant them.
 */
const TRACKING = /^(utm_.*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|ref|ref_src|_)$/i;

export function oldTaskIdOf(url: URL): string {
  const params = [...url.searchParams].filter(([k]) => !TRACKING.test(k));
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const id = url.host + url.pathname.replace(/(.)\/+$/, '$1') + query;
  return id.length <= 200 ? id : `${id.slice(0, 190)}~${fnv1a(id)}`;
}

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}
