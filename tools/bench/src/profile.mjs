// @ts-check
// `pnpm --filter @bce-errors/bench run profile -- <axios|got|fetch> <success|error> [requests] [variant] [against]`:
// where the adapter's extra time goes. Runs the bare client and the adapter, each in a fresh process under
// `node --cpu-prof`, against the bench server, and prints the functions whose self time per request grew most with
// the adapter. `variant` (default `adapter`, the Go style) and `against` (default `bare`) name any two variants of
// the path in src/clients.mjs: `java`, `python`, `goWithoutRequestId` (the Go style with `requestId: false`),
// `handwritten`, or a peer (`axiosRetry`, `ky`, `ofetch`), e.g. `profile -- fetch error 8000 adapter handwritten`
// for the adapter against the ten lines a user would write, or `profile -- axios success 8000 adapter
// goWithoutRequestId` for what the Go request id costs.
// Differences of a few µs are noise: the kernel's socket writes alone vary by tens of µs per request between runs.
import { fork, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [name = 'got', path = 'error', countText = '8000', variantName = 'adapter', againstName = 'bare'] = process.argv
  .slice(2)
  .filter((arg) => arg !== '--');
const count = Number(countText);

/**
 * The parts of a .cpuprofile (V8's Profiler.Profile) read here.
 * @typedef {object} CpuProfile
 * @property {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number } }[]} nodes
 * @property {number[]} samples The node id of each sample.
 * @property {number[]} timeDeltas Microseconds before each sample, one per sample.
 */

/**
 * @param {string} file
 * @returns {Map<string, number>} Self time per request, in µs, by "function file:line".
 */
function selfTimeByFunction(file) {
  const profile = /** @type {CpuProfile} */ (JSON.parse(readFileSync(file, 'utf8')));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id);
    const delta = profile.timeDeltas[index];
    if (node === undefined || delta === undefined)
      throw new Error(`${file}: sample ${String(index)} has no node or time delta`);
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url.includes('node_modules/')
      ? url.split('node_modules/').at(-1)
      : url.replace(/^file:\/\/.*?(packages\/)/, '$1');
    const key = `${functionName || '(anonymous)'} ${where}:${String(lineNumber + 1)}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + delta / count);
  });
  return byFunction;
}

const server = fork(join(here, 'server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port } = /** @type {{ port: number }} */ (await new Promise((resolve) => server.once('message', resolve)));
const profiles = /** @type {Record<'bare' | 'adapter', Map<string, number>>} */ ({});
try {
  // `bare` and `adapter` below are the two sides of the comparison, whichever variants they are.
  for (const [variant, variantKey] of /** @type {const} */ ([
    ['bare', againstName],
    ['adapter', variantName],
  ])) {
    const dir = mkdtempSync(join(os.tmpdir(), 'bce-bench-profile-'));
    const args = [
      '--cpu-prof',
      `--cpu-prof-dir=${dir}`,
      join(here, 'profile-child.mjs'),
      `http://127.0.0.1:${String(port)}`,
      name,
      path,
      variantKey,
      String(count),
    ];
    const run = spawnSync(process.execPath, args, { stdio: 'inherit' });
    if (run.status !== 0) throw new Error(`profile child (${variantKey}) failed`);
    const [file] = readdirSync(dir);
    if (file === undefined) throw new Error(`profile child (${variantKey}) wrote no profile to ${dir}`);
    profiles[variant] = selfTimeByFunction(join(dir, file));
    rmSync(dir, { recursive: true, force: true });
  }
} finally {
  server.disconnect();
}
const total = (/** @type {Map<string, number>} */ map) => [...map.values()].reduce((sum, value) => sum + value, 0);
console.log(
  `${name}, ${path} path, ${String(count)} requests: CPU µs per request (incl. idle) ${againstName} ${total(profiles.bare).toFixed(1)}, ${variantName} ${total(profiles.adapter).toFixed(1)}`,
);
if (variantName !== 'adapter' || againstName !== 'bare')
  console.log(`(below: "bare" = ${againstName}, "adapter" = ${variantName})`);
const keys = new Set([...profiles.bare.keys(), ...profiles.adapter.keys()]);
const rows = [...keys]
  .map((key) => ({ key, bare: profiles.bare.get(key) ?? 0, adapter: profiles.adapter.get(key) ?? 0 }))
  .map((row) => ({ ...row, delta: row.adapter - row.bare }))
  .sort((a, b) => b.delta - a.delta);
/** @param {{ key: string, bare: number, adapter: number, delta: number }} row */
const printRow = (row) => {
  console.log(
    `${row.delta >= 0 ? '+' : ''}${row.delta.toFixed(1).padStart(6)} µs  (bare ${row.bare.toFixed(1).padStart(5)}, adapter ${row.adapter.toFixed(1).padStart(5)})  ${row.key}`,
  );
};
rows.slice(0, 20).forEach(printRow);
// A cost can move rather than grow (the hand-written error is built in another function than BceError): what shrank.
console.log('shrank most:');
rows.slice(-8).reverse().forEach(printRow);
