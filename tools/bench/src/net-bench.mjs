// @ts-check
// Child process (node --expose-gc): the bare client, the hand-written interceptor a user would write instead, the
// client's best-known peers (src/peers.mjs), the adapter in each style (go, java, python) and the Go style with
// `requestId: false` (goWithoutRequestId) over real HTTP to the bench server, in interleaved rounds (each variant
// once per round, the order rotating). Each round sends `count` requests with `concurrency` in flight and is timed
// on the wall clock; the client's own CPU time and the server's CPU time are recorded too. A variant's
// ratio in a round is bare requests/s / its requests/s; the figure is the median over the rounds (and likewise
// against the hand-written interceptor).
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
 * The figures of one variant against the bare client and against the hand-written interceptor, from the rounds.
 * @param {MeasuredRound[]} rounds
 * @param {MeasuredRound[]} bare
 * @param {MeasuredRound[] | undefined} handwritten
 */
function against(rounds, bare, handwritten) {
  const ratios = rounds.map((round, i) => (bare[i]?.rps ?? Number.NaN) / round.rps);
  const vsHandwritten = handwritten?.map((round, i) => round.rps / (rounds[i]?.rps ?? Number.NaN));
  return {
    ratio: median(ratios),
    ratioIqr: [quantile(ratios, 0.25), quantile(ratios, 0.75)],
    ...(vsHandwritten === undefined
      ? {}
      : {
          vsHandwritten: median(vsHandwritten),
          vsHandwrittenIqr: [quantile(vsHandwritten, 0.25), quantile(vsHandwritten, 0.75)],
        }),
    rps: median(rounds.map((r) => r.rps)),
    clientCpuUs: median(rounds.map((r) => r.clientCpuUsPerRequest)),
  };
}

/**
 * Interleaved rounds of every variant (bare, then the others, the order rotating from round to round so no variant
 * always runs right after another): each variant's ratio is, per round, bare requests/s over its requests/s, the
 * figure the median over the rounds; `vsHandwritten` is the same against the hand-written interceptor.
 * @param {Record<string, import('./clients.mjs').Send> & { bare: import('./clients.mjs').Send, adapter: import('./clients.mjs').Send }} variants
 * @param {NetConfig} config
 */
async function compare(variants, { rounds, count, warmup, concurrency }) {
  const names = Object.keys(variants);
  for (let i = 0; i < 2; i += 1) {
    for (const name of names)
      await runRound(/** @type {import('./clients.mjs').Send} */ (variants[name]), warmup, concurrency);
  }
  /** @type {Record<string, MeasuredRound[]>} */
  const measuredRounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < rounds; i += 1) {
    for (let j = 0; j < names.length; j += 1) {
      const name = /** @type {string} */ (names[(i + j) % names.length]);
      measuredRounds[name]?.push(
        await measured(/** @type {import('./clients.mjs').Send} */ (variants[name]), count, concurrency),
      );
    }
  }
  const bare = measuredRounds.bare ?? [];
  const adapter = measuredRounds.adapter ?? [];
  const handwritten = measuredRounds.handwritten;
  const ratios = bare.map((b, i) => b.rps / (adapter[i]?.rps ?? Number.NaN));
  const cpuRatios = bare.map((b, i) => (adapter[i]?.clientCpuUsPerRequest ?? Number.NaN) / b.clientCpuUsPerRequest);
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
    serverBusy: median(
      Object.values(measuredRounds)
        .flat()
        .map((r) => r.serverBusy),
    ),
    // Every variant but the bare client: `adapter` is the Go style (the default), `java` and `python` the others,
    // `goWithoutRequestId` the Go style with `requestId: false`.
    variants: Object.fromEntries(
      names
        .filter((name) => name !== 'bare')
        .map((name) => [name, against(measuredRounds[name] ?? [], bare, handwritten)]),
    ),
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
