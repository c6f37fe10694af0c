// Budgets: bench-budgets.json at the repo root holds an upper limit per figure of bench-results.json.
//
//   { "adapters": { "*": { figure: limit }, "<adapter>": { figure: limit (overrides "*") } },
//     "core": { figure: limit } }
//
// A figure is a key of results.adapters.<name> or results.core (dots reach into objects: "parseUs.typical").
// Only DETERMINISTIC figures (bundle sizes) fail `--check`; the timing and heap figures depend on the machine and
// its load, so they warn, unless `--strict`.

export const DETERMINISTIC = new Set(['bundleBytes', 'bundleMinBytes']);

function read(source, path) {
  return path.split('.').reduce((value, key) => (value === undefined || value === null ? undefined : value[key]), source);
}

/** Every budget with its figure: [{ scope, figure, limit, value, deterministic, ok }]. */
export function evaluateBudgets(budgets, results) {
  const rows = [];
  const adapterBudgets = budgets.adapters ?? {};
  for (const [name, figures] of Object.entries(results.adapters)) {
    const limits = { ...(adapterBudgets['*'] ?? {}), ...(adapterBudgets[name] ?? {}) };
    for (const [figure, limit] of Object.entries(limits)) rows.push(row(name, figure, limit, read(figures, figure)));
  }
  for (const [figure, limit] of Object.entries(budgets.core ?? {})) rows.push(row('core', figure, limit, read(results.core, figure)));
  return rows;
}

function row(scope, figure, limit, value) {
  const deterministic = DETERMINISTIC.has(figure.split('.')[0]);
  // A figure the run did not produce (a section skipped) is reported, and fails only when deterministic.
  const ok = typeof value === 'number' ? value <= limit : undefined;
  return { scope, figure, limit, value, deterministic, ok };
}

/** Failures (exit non-zero with --check) and warnings, as text lines. */
export function judge(rows, { strict }) {
  const failures = [];
  const warnings = [];
  for (const entry of rows) {
    if (entry.ok === true) continue;
    const text =
      entry.ok === undefined
        ? `${entry.scope}.${entry.figure}: not measured in this run (limit ${String(entry.limit)})`
        : `${entry.scope}.${entry.figure} = ${format(entry.value)} exceeds its budget ${format(entry.limit)}`;
    if (entry.deterministic || (strict && entry.ok === false)) failures.push(text);
    else warnings.push(text);
  }
  return { failures, warnings };
}

function format(value) {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
