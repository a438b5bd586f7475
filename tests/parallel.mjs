// Runs commands at once, each line of their output prefixed with its name; exits non-zero if any failed.
// `node tests/parallel.mjs typecheck lint` runs those npm scripts side by side (`npm test`): tsc and eslint are
// single-threaded for most of their time, and CI has two cores. Not the two browsers' WXT builds: each rewrites
// `.wxt/tsconfig.json` as it starts, and one read it half-written while the other wrote it (a CI run failed so).
// tests/e2e/run.mjs runs the two browsers' suites with `runPrefixed` too.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Runs `command args` with `env` added, its lines prefixed `[name]`; resolves with its exit code (1 if killed). */
export function runPrefixed(name, command, args, env = {}, width = name.length + 3) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const tag = `[${name}]`.padEnd(width);
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${tag}${line}\n`));
    }
    child.on('close', (code, signal) => resolve({ name, code: code ?? 1, signal }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const scripts = process.argv.slice(2);
  if (scripts.length === 0) {
    console.error('usage: node tests/parallel.mjs <npm script> <npm script>…');
    process.exit(2);
  }
  const width = Math.max(...scripts.map((s) => s.length)) + 3;
  const results = await Promise.all(scripts.map((s) => runPrefixed(s, 'npm', ['run', '--silent', s], {}, width)));
  const failed = results.filter((r) => r.code !== 0);
  for (const { name, code, signal } of failed) console.error(`${name}: failed (${signal ?? `exit ${code}`})`);
  process.exit(failed.length ? 1 : 0);
}
