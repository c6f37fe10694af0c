// @ts-check
// The results as Markdown tables (printed by `pnpm bench` and pasted into docs/performance.md by --update-docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { PEERS } from './peers.mjs';

/**
 * @typedef {import('./bench.mjs').BenchResults} BenchResults
 * @typedef {import('./bench.mjs').AdapterFigures} AdapterFigures
 * @typedef {import('./budgets.mjs').Budgets} Budgets
 * @typedef {import('./net-bench.mjs').Comparison} Comparison
 * A figure as table text, "n/a" when it is not a number (a section the run skipped, or older results).
 * @typedef {(value: unknown) => string} Format
 */

const ADAPTERS = /** @type {const} */ (['axios', 'got', 'fetch']);
/** @type {(digits: number) => Format} */
const fixed = (digits) => (value) => (typeof value === 'number' ? value.toFixed(digits) : 'n/a');
/** @type {Format} */
const int = (value) => (typeof value === 'number' ? Math.round(value).toLocaleString('en-US') : 'n/a');
/** @type {Format} */
const kib = (value) => (typeof value === 'number' ? `${(value / 1024).toFixed(2)} KiB` : 'n/a');

/**
 * @param {Budgets} budgets
 * @param {string} scope An adapter's name, or "core".
 * @param {string} figure
 * @returns {number | undefined}
 */
function limitOf(budgets, scope, figure) {
  const value =
    scope === 'core'
      ? budgets.core?.[figure]
      : (budgets.adapters?.[scope]?.[figure] ?? budgets.adapters?.['*']?.[figure]);
  return typeof value === 'number' ? value : undefined;
}

/**
 * @param {unknown} value
 * @param {number | undefined} limit
 */
function mark(value, limit) {
  if (typeof value !== 'number' || limit === undefined) return '';
  return value <= limit ? ' ✓' : ' ✗';
}

/**
 * @param {readonly string[]} header
 * @param {readonly (readonly string[])[]} rows
 */
function table(header, rows) {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`];
  for (const cells of rows) lines.push(`| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

/** Issue 6's goal for a bundle (adapter + core, min+gzip), apart from the budget that guards against growth. */
export const BUNDLE_GOAL_BYTES = 4096;

/** @param {readonly unknown[]} values */
function bundleGoalText(values) {
  const measured = values.filter((value) => typeof value === 'number');
  if (measured.length === 0) return 'goal ≤ 4 KiB';
  return `goal ≤ 4 KiB ${measured.every((value) => value <= BUNDLE_GOAL_BYTES) ? 'met' : 'not met'}`;
}

/**
 * @param {BenchResults} results
 * @param {Budgets} budgets
 * @returns {string}
 */
export function renderReport(results, budgets) {
  const a = results.adapters;
  const step = results.settings.heap.perStep;
  const count = (/** @type {number} */ n) => (n % 1000 === 0 ? `${String(n / 1000)}k` : String(n));
  /**
   * @param {string} figure
   * @param {Format} format
   */
  const limitText = (figure, format) => {
    const limits = ADAPTERS.map((name) => limitOf(budgets, name, figure));
    const unique = [...new Set(limits.map(String))];
    return unique.length === 1 && limits[0] !== undefined
      ? `≤ ${format(limits[0])}`
      : limits.map((l) => (l === undefined ? '-' : format(l))).join(' / ');
  };
  /**
   * @param {keyof AdapterFigures} figure
   * @param {Format} format
   * @param {(figures: AdapterFigures | undefined) => string} [extra]
   */
  const perAdapter = (figure, format, extra) =>
    ADAPTERS.map(
      (name) =>
        `${format(a[name]?.[figure])}${mark(a[name]?.[figure], limitOf(budgets, name, figure))}${extra ? extra(a[name]) : ''}`,
    );

  const iqr = (/** @type {Pick<Comparison, 'ratioIqr'> | undefined} */ figures) =>
    figures?.ratioIqr ? `, IQR ${figures.ratioIqr.map(fixed(2)).join('–')}` : '';
  const cpu = (/** @type {Comparison | undefined} */ figures) =>
    figures
      ? `${fixed(3)(figures.clientCpuRatio)} (${fixed(0)(figures.adapterClientCpuUs)} vs ${fixed(0)(figures.bareClientCpuUs)} µs)`
      : 'n/a';
  const control = results.control;
  const adapterRows = [
    [
      'success: bare req/s ÷ adapter req/s, median of round pairs (req/s bare vs adapter)',
      ...perAdapter('successOverheadRatio', fixed(3), (r) =>
        r?.success ? ` (${int(r.success.bareRps)} vs ${int(r.success.adapterRps)}${iqr(r.success)})` : '',
      ),
      limitText('successOverheadRatio', fixed(2)),
    ],
    [
      'success: client CPU per request, adapter ÷ bare (adapter vs bare)',
      ...ADAPTERS.map((name) => cpu(a[name]?.success)),
      'cross-check',
    ],
    [
      'error (404 NoSuchKey): adapter time ÷ bare error path (req/s bare vs adapter)',
      ...perAdapter('errorPathRatio', fixed(3), (r) =>
        r?.error ? ` (${int(r.error.bareRps)} vs ${int(r.error.adapterRps)}${iqr(r.error)})` : '',
      ),
      limitText('errorPathRatio', fixed(2)),
    ],
    [
      'error: client CPU per request, adapter ÷ bare (adapter vs bare)',
      ...ADAPTERS.map((name) => cpu(a[name]?.error)),
      'cross-check',
    ],
    [
      control ? `control: ${control.adapter} bare ÷ bare on the ${control.path} path (should be 1)` : 'control (A/A)',
      ...ADAPTERS.map((name) => (control?.adapter === name ? `${fixed(3)(control.ratio)}${iqr(control)}` : '')),
      'noise',
    ],
    [
      'success hook, in process (ns per response)',
      ...perAdapter('successHookNs', fixed(0)),
      limitText('successHookNs', fixed(0)),
    ],
    [
      '… the same with requestId: false (no x-bce-request-id)',
      ...perAdapter('successHookNsWithoutRequestId', fixed(0)),
      limitText('successHookNsWithoutRequestId', fixed(0)),
    ],
    [
      '… axios: whole axios pipeline over a canned transport, adapter − bare (ns)',
      fixed(0)(a.axios?.successPipelineNs),
      '',
      '',
      'info',
    ],
    [
      'bundle, min+gzip bytes (minified) of the adapter + what it uses of core',
      ...perAdapter('bundleBytes', int, (r) => (r?.bundleMinBytes ? ` (${int(r.bundleMinBytes)})` : '')),
      // The budget is a regression limit just above today's size; the issue's goal is shown beside it.
      `${limitText('bundleBytes', kib)}, ${bundleGoalText(ADAPTERS.map((name) => a[name]?.bundleBytes))}`,
    ],
    [
      '… in a browser app (esbuild --platform=browser: the `browser` condition)',
      `${int(a.axios?.browserBundleBytes)}${mark(a.axios?.browserBundleBytes, limitOf(budgets, 'axios', 'browserBundleBytes'))} (${int(a.axios?.browserBundleMinBytes)})`,
      'as above (Node-only)',
      'as above',
      limitOf(budgets, 'axios', 'browserBundleBytes') === undefined
        ? ''
        : `axios ≤ ${kib(limitOf(budgets, 'axios', 'browserBundleBytes'))}`,
    ],
    [
      '… in a browser app built with Vite (its `build()`, axios external)',
      `${int(a.axios?.viteBundleBytes)}${mark(a.axios?.viteBundleBytes, limitOf(budgets, 'axios', 'viteBundleBytes'))} (${int(a.axios?.viteBundleMinBytes)})`,
      'no browser build',
      `${int(a.fetch?.viteBundleBytes)}${mark(a.fetch?.viteBundleBytes, limitOf(budgets, 'fetch', 'viteBundleBytes'))} (${int(a.fetch?.viteBundleMinBytes)})`,
      ['axios', 'fetch']
        .map((name) => {
          const limit = limitOf(budgets, name, 'viteBundleBytes');
          return limit === undefined ? '' : `${name} ≤ ${kib(limit)}`;
        })
        .filter((text) => text !== '')
        .join(', '),
    ],
    [
      'cold import of dist/index.js (ms, median of spawns)',
      ...perAdapter('importMs', fixed(1)),
      limitText('importMs', fixed(0)),
    ],
    [
      `heap growth after ${count(2 * step)} failing requests (bytes, vs after the warm-up)`,
      ...perAdapter('heapGrowthBytes', int),
      limitText('heapGrowthBytes', kib),
    ],
    [
      `… after the first ${count(step)} / the second ${count(step)} alone${results.settings.heapBaseline ? ` (bare client after ${count(2 * step)})` : ''}`,
      ...ADAPTERS.map((name) => {
        const h = a[name]?.heapGrowth;
        if (!h) return 'n/a';
        const second = h.after20k - h.after10k;
        return `${int(h.after10k)} / ${int(second)}${mark(second, limitOf(budgets, name, 'heapGrowthSecondHalfBytes'))}${h.bareAfter20k === undefined ? '' : ` (bare ${int(h.bareAfter20k)})`}`;
      }),
      `second half ${limitText('heapGrowthSecondHalfBytes', kib)}`,
    ],
  ];

  const c = results.core;
  const coreLimit = (/** @type {string} */ figure) => limitOf(budgets, 'core', figure);
  const coreRows = [
    [
      '`new Error(message)` (the reference: one Error with its stack)',
      `${fixed(2)(c.errorReferenceUs)} µs`,
      'reference',
    ],
    [
      '`parseServiceError`, typical 404 body (bytes)',
      `${fixed(2)(c.parseUs?.typical)} µs = ${fixed(2)(c.parseTypicalVsError)}× the reference${mark(c.parseTypicalVsError, coreLimit('parseTypicalVsError'))}`,
      coreLimit('parseTypicalVsError') === undefined ? '' : `≤ ${coreLimit('parseTypicalVsError')}× the reference`,
    ],
    [
      'the hand-written parse of the same response: decode, `JSON.parse`, one `Error` subclass',
      `${fixed(2)(c.parseUs?.handwrittenTypical)} µs; \`parseServiceError\` = ${fixed(2)(c.parseTypicalVsHandwritten)}× it${mark(c.parseTypicalVsHandwritten, coreLimit('parseTypicalVsHandwritten'))}`,
      coreLimit('parseTypicalVsHandwritten') === undefined
        ? ''
        : `≤ ${coreLimit('parseTypicalVsHandwritten')}× it (issue 14's goal)`,
    ],
    [
      '`parseServiceError`, 64 KiB JSON body',
      `${fixed(1)(c.parseUs?.body64KiB)} µs = ${fixed(2)(c.parse64KiBVsFloor)}× (reference + decode + JSON.parse of it: ${fixed(1)(c.parse64KiBFloorUs)} µs)${mark(c.parse64KiBVsFloor, coreLimit('parse64KiBVsFloor'))}`,
      coreLimit('parse64KiBVsFloor') === undefined ? '' : `≤ ${coreLimit('parse64KiBVsFloor')}×`,
    ],
    ['`parseServiceError`, 64 KiB HTML body (malformed path)', `${fixed(1)(c.parseUs?.body64KiBHtml)} µs`, 'info'],
    ['`new BceServiceError(...)` alone, typical fields', `${fixed(2)(c.parseParts?.serviceErrorTypicalUs)} µs`, 'info'],
    ['`redactText` over the 64 KiB message (one scan)', `${fixed(1)(c.parseParts?.redact64KiBMessageUs)} µs`, 'info'],
    [
      'decode + `JSON.parse`, typical / 64 KiB',
      `${fixed(2)(c.parseParts?.decodeAndJsonTypicalUs)} / ${fixed(1)(c.parseParts?.decodeAndJson64KiBUs)} µs`,
      'info',
    ],
    [
      'bundle `{ parseServiceError, retryPolicy }`, min+gzip (min)',
      `${int(c.bundleBytes)}${mark(c.bundleBytes, coreLimit('bundleBytes'))} (${int(c.bundleMinBytes)})`,
      coreLimit('bundleBytes') === undefined
        ? ''
        : `≤ ${kib(coreLimit('bundleBytes'))}, ${bundleGoalText([c.bundleBytes])}`,
    ],
    [
      'cold import of core dist/index.js',
      `${fixed(1)(c.importMs)} ms${mark(c.importMs, coreLimit('importMs'))}`,
      coreLimit('importMs') === undefined ? '' : `≤ ${coreLimit('importMs')} ms`,
    ],
    [
      'cold import of the clients themselves, for scale: axios / got',
      `${fixed(1)(results.peers?.importMs?.axios)} / ${fixed(1)(results.peers?.importMs?.got)} ms`,
      'info',
    ],
  ];

  const variantCell = (/** @type {{ ratio?: number, vsHandwritten?: number } | undefined} */ figures) =>
    figures === undefined ? 'n/a' : `${fixed(2)(figures.ratio)} (${fixed(2)(figures.vsHandwritten)})`;
  const variantRows = ADAPTERS.flatMap((name) =>
    /** @type {const} */ (['error', 'success']).map((path) => {
      const variants = a[name]?.[path]?.variants;
      const peers = PEERS[name].map(
        ({ key, label }) =>
          `${label} ${variantCell(
            /** @type {Record<string, { ratio?: number, vsHandwritten?: number } | undefined>} */ (variants ?? {})[key],
          )}`,
      );
      return [
        `${name} ${path === 'error' ? '404 error' : '200 success'}`,
        fixed(2)(variants?.handwritten?.ratio),
        peers.length === 0 ? '—' : peers.join(', '),
        variantCell(variants?.adapter),
        variantCell(variants?.java),
        variantCell(variants?.python),
        variantCell(variants?.goWithoutRequestId),
      ];
    }),
  );

  const sizes = (/** @type {unknown} */ gzip, /** @type {unknown} */ min) => `${int(gzip)} (${int(min)})`;
  const peerBundles = /** @type {Record<string, Record<string, number> | undefined>} */ (results.peers?.bundles ?? {});
  const peerBundleRow = (/** @type {import('./peers.mjs').Peer} */ { key, packageName }) => {
    const figures = peerBundles[key];
    return [
      `peer: ${packageName}`,
      sizes(figures?.bundleBytes, figures?.bundleMinBytes),
      sizes(figures?.viteBundleBytes, figures?.viteBundleMinBytes),
    ];
  };
  const bundleRows = [
    [
      '@bce-errors/axios + core (`browser` condition)',
      sizes(a.axios?.browserBundleBytes, a.axios?.browserBundleMinBytes),
      sizes(a.axios?.viteBundleBytes, a.axios?.viteBundleMinBytes),
    ],
    ...PEERS.axios.map(peerBundleRow),
    [
      '@bce-errors/fetch + core',
      sizes(a.fetch?.bundleBytes, a.fetch?.bundleMinBytes),
      sizes(a.fetch?.viteBundleBytes, a.fetch?.viteBundleMinBytes),
    ],
    ...PEERS.fetch.map(peerBundleRow),
  ];

  const m = results.machine;
  const machine =
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}; ` +
    `load average ${m.loadAverageBefore.map(fixed(2)).join(' ')} before, ${m.loadAverageAfter.map(fixed(2)).join(' ')} after. ` +
    `${results.generatedAt}, ${fixed(0)(results.durationSeconds)} s` +
    (results.settings.quick ? ' (--quick: fewer rounds, figures are rough)' : '') +
    (results.settings.preset === 'long' ? " (--long: issue 14's method)" : '') +
    '.';
  const s = results.settings;
  const method =
    `HTTP: ${s.net.rounds} interleaved rounds (bare, hand-written, the peers, go, java, python, go with \`requestId: false\`; the order rotating) of ${s.net.count} requests each, ${s.net.concurrency} in flight, ` +
    `keep-alive, server in its own process (at most ${fixed(2)(results.serverBusy)} of a core busy: the client is the bottleneck). ` +
    `Heap: ${s.heap.warmup} warm-up + 2 × ${s.heap.perStep} failing requests. In process: tinybench, ${String(s.micro.passes)} passes, median.`;
  const parts = (/** @type {readonly { path: string, bytesInOutput: number }[] | undefined} */ sources) =>
    (sources ?? [])
      .slice(0, 10)
      .map(
        (source) =>
          `${source.path.replace(/^packages\/core\/src\//, '').replace(/^packages\/(\w+)\/dist\/index\.js$/, '$1 adapter')} ${int(source.bytesInOutput)}`,
      )
      .join(', ');
  return [
    machine,
    '',
    method,
    '',
    table(['per adapter', 'axios', 'got', 'fetch', 'budget'], adapterRows),
    '',
    "Time per request ÷ the bare client's, median of the rounds (in brackets: ÷ the hand-written interceptor's); " +
      'retries off everywhere. Peers: axios-retry `retries: 0` with the hand-written interceptor; ky `retry: 0` ' +
      '(its HTTPError, the body then read); ofetch `retry: 0` (its FetchError with the parsed body):',
    '',
    table(
      ['client, path', 'hand-written', 'peers', 'go (default)', 'java', 'python', 'go, `requestId: false`'],
      variantRows,
    ),
    '',
    `What a browser app ships, min+gzip bytes (minified), axios external; esbuild ${results.bundlers?.esbuild ?? 'n/a'} --platform=browser and Vite ${results.bundlers?.vite ?? 'n/a'} \`build()\`, same entries:`,
    '',
    table(['browser bundle', 'esbuild', 'Vite'], bundleRows),
    '',
    table(['core', 'value', 'budget'], coreRows),
    '',
    `Largest parts of the axios bundle (minified bytes, before gzip): ${parts(a.axios?.bundle?.sourceBytes)}.`,
  ].join('\n');
}

const START = '<!-- bench:results:start -->';
const END = '<!-- bench:results:end -->';

/** Replaces the generated block of docs/performance.md with the report. */
/**
 * @param {string} path
 * @param {string} report
 */
export function updateDocs(path, report) {
  const text = readFileSync(path, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) throw new Error(`${path}: no ${START} ... ${END} block to update`);
  const generated = `${START}\n<!-- Written by \`pnpm bench --update-docs\`; edit the text around this block, not inside it. -->\n\n${report}\n\n${END}`;
  writeFileSync(path, text.slice(0, start) + generated + text.slice(end + END.length));
}
