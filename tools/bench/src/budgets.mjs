// @ts-check
// Budgets: bench-budgets.json at the repo root holds an upper limit per figure of bench-results.json.
//
//   { "adapters": { "*": { figure: limit }, "<adapter>": { figure: limit (overrides "*") } },
//     "core": { figure: limit } }
//
// A figure is a key of results.adapters.<name> or results.core (dots reach into objects: "parseUs.typical").
// Only DETERMINISTIC figures (bundle sizes) fail `--check`; the timing and heap figures depend on the machine and
// its load, so they warn, unless `--strict`.

/**
 * bench-budgets.json.
 * @typedef {object} Budgets
 * @property {Record<string, Record<string, number>>} [adapters] Limits by figure, under an adapter's name or "*".
 * @property {Record<string, number>} [core]
 *
 * One budget with its figure.
 * @typedef {object} BudgetRow
 * @property {string} scope An adapter's name, or "core".
 * @property {string} figure
 * @property {number} limit
 * @property {unknown} value What the run measured; a number unless the figure is missing.
 * @property {boolean} deterministic
 * @property {boolean | undefined} ok Undefined when the run did not produce the figure as a number.
 *
 * The part of bench-results.json the budgets read.
 * @typedef {object} BudgetedResults
 * @property {Record<string, unknown>} adapters
 * @property {unknown} core
 */

const DETERMINISTIC = new Set([
  'bundleBytes',
  'bundleMinBytes',
  'browserBundleBytes',
  'browserBundleMinBytes',
  'viteBundleBytes',
  'viteBundleMinBytes',
]);

/**
 * @param {unknown} source
 * @param {string} path Keys joined with dots.
 * @returns {unknown}
 */
function read(source, path) {
  return path
    .split('.')
    .reduce(
      (/** @type {unknown} */ value, key) =>
        value === undefined || value === null ? undefined : /** @type {Record<string, unknown>} */ (value)[key],
      source,
    );
}

/**
 * Every budget with its figure: [{ scope, figure, limit, value, deterministic, ok }].
 * @param {Budgets} budgets
 * @param {BudgetedResults} results
 * @returns {BudgetRow[]}
 */
export function evaluateBudgets(budgets, results) {
  /** @type {BudgetRow[]} */
  const rows = [];
  const adapterBudgets = budgets.adapters ?? {};
  for (const [name, figures] of Object.entries(results.adapters)) {
    const limits = { ...(adapterBudgets['*'] ?? {}), ...(adapterBudgets[name] ?? {}) };
    for (const [figure, limit] of Object.entries(limits)) rows.push(row(name, figure, limit, read(figures, figure)));
  }
  for (const [figure, limit] of Object.entries(budgets.core ?? {}))
    rows.push(row('core', figure, limit, read(results.core, figure)));
  return rows;
}

/**
 * @param {string} scope
 * @param {string} figure
 * @param {number} limit
 * @param {unknown} value
 * @returns {BudgetRow}
 */
function row(scope, figure, limit, value) {
  const deterministic = DETERMINISTIC.has(figure.split('.')[0] ?? figure);
  // A figure the run did not produce (a section skipped) is reported, and fails only when deterministic.
  const ok = typeof value === 'number' ? value <= limit : undefined;
  return { scope, figure, limit, value, deterministic, ok };
}

/**
 * Failures (exit non-zero with --check) and warnings, as text lines.
 * @param {readonly BudgetRow[]} rows
 * @param {{ strict: boolean }} options
 * @returns {{ failures: string[], warnings: string[] }}
 */
export function judge(rows, { strict }) {
  /** @type {string[]} */
  const failures = [];
  /** @type {string[]} */
  const warnings = [];
  for (const entry of rows) {
    if (entry.ok === true) continue;
    const text =
      entry.ok === undefined
        ? `${entry.scope}.${entry.figure}: not measured in this run (limit ${String(entry.limit)})`
        : `${entry.scope}.${entry.figure} = ${format(/** @type {number} */ (entry.value))} exceeds its budget ${format(entry.limit)}`;
    if (entry.deterministic || (strict && entry.ok === false)) failures.push(text);
    else warnings.push(text);
  }
  return { failures, warnings };
}

/** @param {number} value */
function format(value) {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
