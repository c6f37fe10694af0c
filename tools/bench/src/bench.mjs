#!/usr/bin/env node
// @ts-check
// `pnpm bench`: benchmarks of the built @bce-errors/* packages (what users install), written to
// bench-results.json at the repo root, printed as tables, and checked against bench-budgets.json.
//
//   pnpm bench                   run everything (about 5 minutes on 2 cores), print, write bench-results.json
//   pnpm bench --check           also exit 1 when a deterministic budget (bundle size) is exceeded
//   pnpm bench --check --strict  ... or any budget, timing ones included
//   pnpm bench --update-docs     also rewrite the results block of docs/performance.md
//   pnpm bench --quick           fewer rounds and requests (4 × 300; a smoke test, the figures are rough)
//   pnpm bench --long            issue 14's method: 40 interleaved rounds × 1,000 requests per variant (about
//                                25 minutes on 2 cores; the other sections as in the default run of 12 × 500)
//   pnpm bench --rounds 20 --count 800   set the HTTP rounds and requests per round (beside any of the above)
//   pnpm bench --heap-baseline   also measure the bare clients' heap growth, for comparison (about 30 s more)
//   pnpm bench --no-build        do not build packages whose dist/ is missing
//   pnpm bench --help            this text
//
// Every section but the bundle sizes runs in its own child process, so JIT state, heap and sockets of one
// section do not leak into another.
import { execFileSync, fork, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchSettings, parseBenchArguments } from './bench-arguments.mjs';
import { evaluateBudgets, judge } from './budgets.mjs';
import { PEERS } from './peers.mjs';
import { renderReport, updateDocs } from './report.mjs';

/**
 * @typedef {import('./clients.mjs').Adapter} Adapter
 * @typedef {import('./heap-child.mjs').HeapFigures} HeapFigures
 */

const here = dirname(fileURLToPath(import.meta.url));
const benchDir = dirname(here);
const root = join(benchDir, '..', '..');
const PACKAGES = { core: 'packages/core', axios: 'packages/axios', got: 'packages/got', fetch: 'packages/fetch' };
const ADAPTERS = /** @type {const} */ (['axios', 'got', 'fetch']);

/** @type {import('./bench-arguments.mjs').BenchArguments} */
let options;
try {
  options = parseBenchArguments(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${String(/** @type {Error} */ (error).message)} (pnpm bench --help lists the flags)`);
  process.exit(2);
}
if (options.help) {
  // The usage is the header comment above, without the shebang, `@ts-check` and its last paragraph.
  const lines = readFileSync(fileURLToPath(import.meta.url), 'utf8')
    .split('\n')
    .slice(2);
  const comment = lines.slice(
    0,
    lines.findIndex((line) => !line.startsWith('//')),
  );
  const header = comment.slice(0, comment.lastIndexOf('//'));
  console.log(header.map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}
const settings = benchSettings(options);

const log = (/** @type {string} */ text) => process.stderr.write(`${text}\n`);
const started = performance.now();
/** @type {Record<string, number>} */
const sectionSeconds = {};
let sectionStart = performance.now();
/** @param {string} name */
function endSection(name) {
  const now = performance.now();
  sectionSeconds[name] = Number(((now - sectionStart) / 1000).toFixed(1));
  sectionStart = now;
}

// ---------------------------------------------------------------------------------------------------------------
// The packages' dist/: build what is missing (turbo, cached), warn when a dist is older than its sources.
/** @param {string} dir */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}
const missing = Object.values(PACKAGES).filter((dir) => !existsSync(join(root, dir, 'dist', 'index.js')));
if (missing.length > 0) {
  if (options.noBuild) {
    log(`bench: no dist/ in ${missing.join(', ')}; run \`pnpm build\` first.`);
    process.exit(2);
  }
  log(`bench: no dist/ in ${missing.join(', ')}: building (pnpm exec turbo run build --filter=@bce-errors/bench^...)`);
  execFileSync(
    'pnpm',
    ['exec', 'turbo', 'run', 'build', '--filter=@bce-errors/bench^...', '--output-logs=errors-only'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
}
for (const dir of Object.values(PACKAGES)) {
  if (newestMtime(join(root, dir, 'src')) > statSync(join(root, dir, 'dist', 'index.js')).mtimeMs) {
    log(`bench: warning: ${dir}/dist is older than its src/; run \`pnpm build\` to measure the current code.`);
  }
}

// Another `pnpm build` in the same work tree (tsup cleans dist/ first) makes dist/ vanish for a few seconds: wait
// for it before each child, and run a child that failed meanwhile once more.
async function waitForDist() {
  const deadline = performance.now() + 120_000;
  while (Object.values(PACKAGES).some((dir) => !existsSync(join(root, dir, 'dist', 'index.js')))) {
    if (performance.now() > deadline) throw new Error('bench: dist/ missing for 2 minutes; run `pnpm build`');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Runs a child script and returns the JSON of the last line it printed.
 * @param {string} script
 * @param {string[]} childArgs
 * @param {string[]} [nodeFlags]
 * @returns {Promise<unknown>}
 */
async function runChild(script, childArgs, nodeFlags = []) {
  await waitForDist();
  try {
    return await runChildOnce(script, childArgs, nodeFlags);
  } catch (error) {
    log(
      `bench: ${script} failed (${String(/** @type {Error} */ (error).message)}); waiting for dist/ and running it once more`,
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await waitForDist();
    return runChildOnce(script, childArgs, nodeFlags);
  }
}

/**
 * @param {string} script
 * @param {string[]} childArgs
 * @param {string[]} nodeFlags
 * @returns {Promise<unknown>}
 */
function runChildOnce(script, childArgs, nodeFlags) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeFlags, join(here, script), ...childArgs], {
      cwd: benchDir,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${script} exited with ${String(code)}`));
      else resolve(JSON.parse(output.trim().split('\n').at(-1) ?? ''));
    });
  });
}

const loadAverageBefore = os.loadavg();
const [loadAverage1m = 0] = loadAverageBefore;
if (loadAverage1m > os.cpus().length) {
  log(
    `bench: warning: load average ${loadAverage1m.toFixed(1)} on ${os.cpus().length} cores: other processes compete, timings will be noisy.`,
  );
}

log('bench: bundle sizes (esbuild, minify, gzip -9)');
const { measureBundles, esbuildVersion } = await import('./bundle.mjs');
await waitForDist();
sectionStart = performance.now();
const bundles = await measureBundles(benchDir, join(root, PACKAGES.core));
endSection('bundles');

log('bench: browser app bundles (Vite build, minify, gzip -9)');
const { measureViteBundles, viteVersion } = await import('./vite-bundle.mjs');
await waitForDist();
const viteBundles = await measureViteBundles(benchDir);
endSection('viteBundles');

log(`bench: cold import times (${settings.importSpawns} fresh node processes each)`);
const { measureImports, distUrl } = await import('./import-time.mjs');
await waitForDist();
const imports = measureImports(
  {
    .../** @type {Record<keyof typeof PACKAGES, string>} */ (
      Object.fromEntries(Object.entries(PACKAGES).map(([name, dir]) => [name, distUrl(join(root, dir))]))
    ),
    'peer:axios': 'axios',
    'peer:got': 'got',
  },
  settings.importSpawns,
);
endSection('imports');

log('bench: in-process figures (tinybench)');
const micro = /** @type {import('./micro.mjs').MicroResult} */ (
  await runChild('micro.mjs', [JSON.stringify(settings.micro)])
);
endSection('micro');

log('bench: HTTP rounds against the local server');
const server = fork(join(here, 'server.mjs'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
const { port } = /** @type {{ port: number }} */ (
  await new Promise((resolve, reject) => {
    server.once('message', resolve);
    server.once('error', reject);
    server.once('exit', (code) => reject(new Error(`bench server exited with ${String(code)}`)));
  })
);
const serverUrl = `http://127.0.0.1:${String(port)}`;
/** @type {import('./net-bench.mjs').NetResults} */
let net;
const heap = /** @type {Record<Adapter, { adapter: HeapFigures, bare: HeapFigures | undefined }>} */ ({});
try {
  net = /** @type {import('./net-bench.mjs').NetResults} */ (
    await runChild(
      'net-bench.mjs',
      [serverUrl, JSON.stringify({ adapters: ADAPTERS, ...settings.net })],
      ['--expose-gc'],
    )
  );
  endSection('http');
  log(
    `bench: heap growth (${settings.heap.warmup} warm-up + 2 × ${settings.heap.perStep} failing requests, --expose-gc)`,
  );
  for (const name of ADAPTERS) {
    const measureHeap = async (/** @type {'adapter' | 'bare'} */ variant) =>
      /** @type {HeapFigures} */ (
        await runChild('heap-child.mjs', [serverUrl, name, variant, JSON.stringify(settings.heap)], ['--expose-gc'])
      );
    // The adapter first, then (with --heap-baseline) the bare client.
    const h = {
      adapter: await measureHeap('adapter'),
      bare: settings.heapBaseline ? await measureHeap('bare') : undefined,
    };
    heap[name] = h;
    const bare = h.bare ? ` (bare: ${String(h.bare.growthFirstStep)}, then ${String(h.bare.growthSecondStep)})` : '';
    log(`  ${name}: ${String(h.adapter.growthFirstStep)}, then ${String(h.adapter.growthSecondStep)} bytes${bare}`);
  }
  endSection('heap');
} finally {
  server.disconnect();
}

// ---------------------------------------------------------------------------------------------------------------
/**
 * @param {number} value
 * @param {number} digits
 */
const round = (value, digits) => (typeof value === 'number' ? Number(value.toFixed(digits)) : value);
/** @param {Adapter} name */
function adapterFigures(name) {
  const h = heap[name];
  return {
    successOverheadRatio: round(net[name].success.ratio, 4),
    errorPathRatio: round(net[name].error.ratio, 4),
    // The Go style (the default) against the hand-written interceptor of the same client, in the same rounds.
    successVsHandwritten: round(net[name].success.variants.adapter?.vsHandwritten ?? Number.NaN, 4),
    errorVsHandwritten: round(net[name].error.variants.adapter?.vsHandwritten ?? Number.NaN, 4),
    // The Go style with `requestId: false` (no x-bce-request-id generated), same rounds: what the request id costs.
    successOverheadRatioWithoutRequestId: round(net[name].success.variants.goWithoutRequestId?.ratio ?? Number.NaN, 4),
    errorPathRatioWithoutRequestId: round(net[name].error.variants.goWithoutRequestId?.ratio ?? Number.NaN, 4),
    successHookNs: round(micro.successHookNs[name], 0),
    successHookNsWithoutRequestId: round(micro.successHookNsWithoutRequestId[name], 0),
    ...(name === 'axios' ? { successPipelineNs: round(micro.axiosPipelineNs, 0) } : {}),
    bundleBytes: bundles[name].gzipBytes,
    bundleMinBytes: bundles[name].minBytes,
    ...(name === 'axios'
      ? { browserBundleBytes: bundles.axiosBrowser.gzipBytes, browserBundleMinBytes: bundles.axiosBrowser.minBytes }
      : {}),
    // The browser app built with Vite (axios: its `browser` condition; got has no browser build).
    ...(name === 'got'
      ? {}
      : {
          viteBundleBytes: viteBundles[name === 'axios' ? 'axiosBrowser' : name].gzipBytes,
          viteBundleMinBytes: viteBundles[name === 'axios' ? 'axiosBrowser' : name].minBytes,
        }),
    importMs: round(imports[name].medianMs, 2),
    heapGrowthBytes: h.adapter.growthFirstStep + h.adapter.growthSecondStep,
    heapGrowthSecondHalfBytes: h.adapter.growthSecondStep,
    heapGrowth: {
      after10k: h.adapter.growthFirstStep,
      after20k: h.adapter.growthFirstStep + h.adapter.growthSecondStep,
      bareAfter10k: h.bare?.growthFirstStep,
      bareAfter20k: h.bare === undefined ? undefined : h.bare.growthFirstStep + h.bare.growthSecondStep,
    },
    success: net[name].success,
    error: net[name].error,
    bundle: { imports: bundles[name].imports, sourceBytes: bundles[name].sourceBytes },
  };
}
/** @typedef {ReturnType<typeof adapterFigures>} AdapterFigures */
/**
 * @param {Adapter} name
 * @param {import('./peers.mjs').Peer['key']} key
 */
function peerNetFigures(name, key) {
  /** @param {'success' | 'error'} path */
  const figures = (path) => {
    const variant = net[name][path].variants[key];
    return {
      ratio: round(variant?.ratio ?? Number.NaN, 4),
      vsHandwritten: round(variant?.vsHandwritten ?? Number.NaN, 4),
    };
  };
  return { client: name, success: figures('success'), error: figures('error') };
}
const adapters = /** @type {Record<Adapter, AdapterFigures>} */ ({});
for (const name of ADAPTERS) adapters[name] = adapterFigures(name);
const parseFloorUs = micro.errorReferenceUs + micro.parseParts.decodeAndJson64KiBUs;
const results = {
  schema: 1,
  generatedAt: new Date().toISOString(),
  durationSeconds: 0,
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    node: process.version,
    loadAverageBefore,
    loadAverageAfter: os.loadavg(),
  },
  settings,
  bundlers: { esbuild: esbuildVersion, vite: viteVersion },
  sectionSeconds,
  control: net.control,
  serverBusy: round(
    Math.max(...ADAPTERS.flatMap((name) => [net[name].success.serverBusy, net[name].error.serverBusy])),
    3,
  ),
  adapters,
  core: {
    errorReferenceUs: round(micro.errorReferenceUs, 3),
    parseUs: Object.fromEntries(Object.entries(micro.parseUs).map(([key, value]) => [key, round(value, 3)])),
    parseTypicalVsError: round(micro.parseUs.typical / micro.errorReferenceUs, 3),
    parseTypicalVsHandwritten: round(micro.parseUs.typical / micro.parseUs.handwrittenTypical, 3),
    parse64KiBFloorUs: round(parseFloorUs, 3),
    parse64KiBVsFloor: round(micro.parseUs.body64KiB / parseFloorUs, 3),
    parseParts: Object.fromEntries(Object.entries(micro.parseParts).map(([key, value]) => [key, round(value, 3)])),
    bundleBytes: bundles.core.gzipBytes,
    bundleMinBytes: bundles.core.minBytes,
    importMs: round(imports.core.medianMs, 2),
    bundle: { sourceBytes: bundles.core.sourceBytes },
  },
  peers: {
    importMs: { axios: round(imports['peer:axios'].medianMs, 2), got: round(imports['peer:got'].medianMs, 2) },
    // Each peer's time per request ÷ the bare client's (ratio) and ÷ the hand-written interceptor's, same rounds.
    net: Object.fromEntries(ADAPTERS.flatMap((name) => PEERS[name].map(({ key }) => [key, peerNetFigures(name, key)]))),
    // What each peer adds to a browser app, min+gzip (minified), with esbuild and with Vite, as for the adapters.
    bundles: Object.fromEntries(
      ADAPTERS.flatMap((name) =>
        PEERS[name].map(({ key }) => [
          key,
          {
            bundleBytes: bundles[key].gzipBytes,
            bundleMinBytes: bundles[key].minBytes,
            viteBundleBytes: viteBundles[key].gzipBytes,
            viteBundleMinBytes: viteBundles[key].minBytes,
          },
        ]),
      ),
    ),
  },
  microPerOpNs: Object.fromEntries(Object.entries(micro.perOpNs).map(([key, value]) => [key, round(value, 1)])),
  /** @type {import('./budgets.mjs').BudgetRow[]} Set below, once the figures above are complete. */
  budgets: [],
};
/** @typedef {typeof results} BenchResults What bench-results.json holds. */
results.durationSeconds = round((performance.now() - started) / 1000, 1);

const budgetsPath = join(root, 'bench-budgets.json');
/** @type {import('./budgets.mjs').Budgets} */
const budgets = existsSync(budgetsPath) ? JSON.parse(readFileSync(budgetsPath, 'utf8')) : {};
const rows = evaluateBudgets(budgets, results);
results.budgets = rows;
writeFileSync(join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);

const report = renderReport(results, budgets);
console.log(`\n${report}\n`);
if (options.updateDocs) {
  updateDocs(join(root, 'docs', 'performance.md'), report);
  log('bench: docs/performance.md updated');
}
log(`bench: wrote bench-results.json (${String(results.durationSeconds)} s)`);

const { failures, warnings } = judge(rows, { strict: options.strict });
for (const text of warnings) log(`bench: warning: ${text}`);
for (const text of failures) log(`bench: over budget: ${text}`);
if (options.check && failures.length > 0) {
  log(`bench: --check: ${String(failures.length)} budget(s) exceeded`);
  process.exit(1);
}
