// @ts-check
// Child process (node --expose-gc): bare client vs client with the adapter over real HTTP to the bench server,
// in interleaved rounds (bare, adapter, bare, adapter, ...). Each round sends `count` requests with `concurrency`
// in flight and is timed on the wall clock; the client's own CPU time and the server's CPU time are recorded too.
// A round's ratio is bare requests/s / adapter requests/s of that pair; the figure is the median over the pairs.
//
// A control run (config.control: [[adapter, 'success' | 'error'], ...]) compares the bare client with itself (A/A):
// its ratio should be 1, and how far it lands from 1 is the noise of the method on this machine, in this run.
//
// argv: <serverUrl> <json config {adapters, rounds, count, warmup, concurrency, control}>; prints one JSON line.
import http from 'node:http';
import { createClients } from './clients.mjs';
import { median, quantile } from './stats.mjs';

/**
 * @typedef {object} NetConfig
 * @property {string[]} adapters
 * @property {number} rounds
 * @property {number} count
 * @property {number} warmup
 * @property {number} concurrency
 * @property {[string, 'success' | 'error'][]} [control]
 *
 * One timed round of requests.
 * @typedef {object} Round
 * @property {number} ms
 * @property {number} rps
 * @property {number} clientCpuUsPerRequest
 *
 * @typedef {Round & { serverBusy: number }} MeasuredRound
 *
 * @typedef {Awaited<ReturnType<typeof compare>>} Comparison
 *
 * What this child prints: a comparison per adapter and path, and the control run if there was one.
 * @typedef {{ [Name in import('./clients.mjs').Adapter]: { success: Comparison, error: Comparison } }
 *   & { control?: Comparison & { adapter: string, path: string } }} NetResults
 */

const [serverUrl, configText] = process.argv.slice(2);
if (serverUrl === undefined || configText === undefined)
  throw new Error('usage: node net-bench.mjs <serverUrl> <json config>');
const config = /** @type {NetConfig} */ (JSON.parse(configText));
const gc = globalThis.gc ?? (() => undefined);

/** @returns {Promise<{ cpuUs: number, uptimeMs: number }>} */
function serverCpu() {
  return new Promise((resolve, reject) => {
    http
      .get(`${serverUrl}/__cpu`, { agent: false }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject);
  });
}

/**
 * @param {import('./clients.mjs').Send} send
 * @param {number} count
 * @param {number} concurrency
 * @returns {Promise<Round>}
 */
async function runRound(send, count, concurrency) {
  let started = 0;
  const worker = async () => {
    while (started < count) {
      started += 1;
      await send();
    }
  };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { ms, rps: (count * 1000) / ms, clientCpuUsPerRequest: (cpu.user + cpu.system) / count };
}

/**
 * @param {import('./clients.mjs').Send} send
 * @param {number} count
 * @param {number} concurrency
 * @returns {Promise<MeasuredRound>}
 */
async function measured(send, count, concurrency) {
  gc();
  const before = await serverCpu();
  const round = await runRound(send, count, concurrency);
  const after = await serverCpu();
  return { ...round, serverBusy: (after.cpuUs - before.cpuUs) / 1000 / (after.uptimeMs - before.uptimeMs) };
}

/**
 * @param {{ bare: import('./clients.mjs').Send, adapter: import('./clients.mjs').Send }} pair
 * @param {NetConfig} config
 */
async function compare(pair, { rounds, count, warmup, concurrency }) {
  for (let i = 0; i < 2; i += 1) {
    await runRound(pair.bare, warmup, concurrency);
    await runRound(pair.adapter, warmup, concurrency);
  }
  /** @type {MeasuredRound[]} */
  const bare = [];
  /** @type {MeasuredRound[]} */
  const adapter = [];
  /** @type {number[]} */
  const ratios = [];
  /** @type {number[]} */
  const cpuRatios = [];
  for (let i = 0; i < rounds; i += 1) {
    const b = await measured(pair.bare, count, concurrency);
    const a = await measured(pair.adapter, count, concurrency);
    bare.push(b);
    adapter.push(a);
    ratios.push(b.rps / a.rps);
    cpuRatios.push(a.clientCpuUsPerRequest / b.clientCpuUsPerRequest);
  }
  return {
    ratio: median(ratios),
    // The middle half of the pair ratios: how far one pair can be from the next on this machine.
    ratioIqr: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    ratios,
    bareRps: median(bare.map((r) => r.rps)),
    adapterRps: median(adapter.map((r) => r.rps)),
    // The same comparison on the client's CPU time per request, a cross-check (the kernel's socket writes make it
    // about as noisy as the wall clock on this kind of machine).
    clientCpuRatio: median(cpuRatios),
    bareClientCpuUs: median(bare.map((r) => r.clientCpuUsPerRequest)),
    adapterClientCpuUs: median(adapter.map((r) => r.clientCpuUsPerRequest)),
    // Share of one core the server used during the rounds: well under 1 means the client was the bottleneck.
    serverBusy: median([...bare, ...adapter].map((r) => r.serverBusy)),
  };
}

/** @type {Record<string, unknown>} */
const results = {};
for (const name of config.adapters) {
  const clients = createClients(name, serverUrl, config.concurrency);
  await clients.check();
  process.stderr.write(`  ${name}: success path...`);
  const success = await compare(clients.success, config);
  process.stderr.write(` x${success.ratio.toFixed(3)}; error path...`);
  const error = await compare(clients.error, config);
  process.stderr.write(` x${error.ratio.toFixed(3)}\n`);
  results[name] = { success, error };
  for (const [controlName, path] of config.control ?? []) {
    if (controlName !== name) continue;
    process.stderr.write(`  ${name}: control, bare vs bare on the ${path} path...`);
    const control = await compare({ bare: clients[path].bare, adapter: clients[path].bare }, config);
    process.stderr.write(` x${control.ratio.toFixed(3)}\n`);
    results.control = { adapter: name, path, ...control };
  }
  clients.close();
}
process.stdout.write(`${JSON.stringify(results)}\n`);
