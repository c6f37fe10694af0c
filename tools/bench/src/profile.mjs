// `pnpm --filter @bce-errors/bench run profile -- <axios|got|fetch> <success|error> [requests]`: where the
// adapter's extra time goes. Runs the bare client and the adapter, each in a fresh process under `node --cpu-prof`,
// against the bench server, and prints the functions whose self time per request grew most with the adapter.
// Differences of a few µs are noise: the kernel's socket writes alone vary by tens of µs per request between runs.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name = 'got', path = 'error', countText = '8000'] = process.argv.slice(2).filter((arg) => arg !== '--');
const count = Number(countText);

function selfTimeByFunction(file) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFunction = new Map();
  profile.samples.forEach((id, index) => {
    const { functionName, url, lineNumber } = nodes.get(id).callFrame;
    const where = url.includes('node_modules/') ? url.split('node_modules/').at(-1) : url.replace(/^file:\/\/.*?(packages\/)/, '$1');
    const key = `${functionName || '(anonymous)'} ${where}:${String(lineNumber + 1)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + profile.timeDeltas[index] / count);
  });
  return byFunction;
}

const server = fork(join(here, 'server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port } = await new Promise((resolve) => server.once('message', resolve));
const profiles = {};
try {
  for (const variant of ['bare', 'adapter']) {
    const dir = mkdtempSync(join(os.tmpdir(), 'bce-bench-profile-'));
    const args = ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(here, 'profile-child.mjs'), `http://127.0.0.1:${String(port)}`, name, path, variant, String(count)];
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`profile child (${variant}) failed`);
    profiles[variant] = selfTimeByFunction(join(dir, readdirSync(dir)[0]));
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  server.disconnect();
}
const total = (map) => [...map.values()].reduce((sum, value) => sum + value, 0);
console.log(`${name}, ${path} path, ${String(count)} requests: CPU µs per request (incl. idle) bare ${total(profiles.bare).toFixed(1)}, adapter ${total(profiles.adapter).toFixed(1)}`);
const keys = new Set([...profiles.bare.keys(), ...profiles.adapter.keys()]);
const rows = [...keys]
  .map((key) => ({ key, bare: profiles.bare.get(key) ?? 0, adapter: profiles.adapter.get(key) ?? 0 }))
  .map((row) => ({ ...row, delta: row.adapter - row.bare }))
  .sort((a, b) => b.delta - a.delta);
for (const row of rows.slice(0, 20)) {
  console.log(`${row.delta >= 0 ? '+' : ''}${row.delta.toFixed(1).padStart(6)} µs  (bare ${row.bare.toFixed(1).padStart(5)}, adapter ${row.adapter.toFixed(1).padStart(5)})  ${row.key}`);
}
