// Measures what Centime puts on platform pages: each built content script, raw and gzipped, against the 8 kB
// gzipped aim (peers put ~63 kB on every MTurk task page). A figure to report, not a pass/fail test.
// Usage: npm run build && node tests/bench/content-size.mjs
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const AIM = 8 * 1024;
for (const target of ['chrome-mv3', 'firefox-mv3']) {
  const dir = `.output/${target}/content-scripts`;
  let files;
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.js'));
  } catch {
    console.log(`${target}: not built (run npm run build first)`);
    continue;
  }
  for (const file of files) {
    const code = readFileSync(`${dir}/${file}`);
    const gz = gzipSync(code, { level: 9 }).length;
    const verdict = gz <= AIM ? 'within' : 'over';
    console.log(`${target}/${file}: ${code.length} B raw, ${gz} B gzipped (${verdict} the ${AIM} B aim)`);
  }
}
