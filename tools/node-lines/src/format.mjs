// @ts-check
/** The per-line summary table. */

/**
 * @typedef {object} CheckResult
 * @property {string} line The Node version it ran on (`v24.22.3`).
 * @property {string} check
 * @property {import('./counts.mjs').Counts | undefined} counts `undefined` when no count could be read.
 * @property {boolean} ok The command exited 0 and nothing failed.
 * @property {number} ms
 * @property {string} [note] Why it failed without counts (timed out, exit code).
 */

/** @param {number} ms */
export function formatSeconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * One row per check and one total per line: `v24.22.3  axios  ok  412 passed  0 failed  3 skipped  61.2 s`.
 * @param {readonly CheckResult[]} results
 * @returns {string}
 */
export function formatSummary(results) {
  /** @type {string[][]} */
  const rows = [['node', 'check', 'result', 'passed', 'failed', 'skipped', 'time']];
  const lines = [...new Set(results.map((result) => result.line))];
  for (const line of lines) {
    const ofLine = results.filter((result) => result.line === line);
    for (const result of ofLine) {
      rows.push([
        line,
        result.check,
        result.ok ? 'ok' : `FAIL${result.note === undefined ? '' : ` (${result.note})`}`,
        result.counts === undefined ? '-' : String(result.counts.passed),
        result.counts === undefined ? '-' : String(result.counts.failed),
        result.counts === undefined ? '-' : String(result.counts.skipped),
        formatSeconds(result.ms),
      ]);
    }
    const sum = (/** @type {'passed' | 'failed' | 'skipped'} */ key) =>
      String(ofLine.reduce((total, result) => total + (result.counts?.[key] ?? 0), 0));
    rows.push([
      line,
      'all',
      ofLine.every((result) => result.ok) ? 'ok' : 'FAIL',
      sum('passed'),
      sum('failed'),
      sum('skipped'),
      formatSeconds(ofLine.reduce((total, result) => total + result.ms, 0)),
    ]);
  }
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column >= 3 ? cell.padStart(widths[column] ?? 0) : cell.padEnd(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
