// @ts-check
/** Pass counts from what the checks report. */
import { readFile } from 'node:fs/promises';

/**
 * @typedef {object} Counts
 * @property {number} passed
 * @property {number} failed
 * @property {number} skipped Skipped and todo tests.
 */

/**
 * Reads vitest's JSON report (`--reporter=json --outputFile.json=<file>`); `undefined` when there is none (vitest
 * did not get that far) or it is not a report.
 * @param {string} file
 * @returns {Promise<Counts | undefined>}
 */
export async function readVitestReport(file) {
  let report;
  try {
    report = /** @type {unknown} */ (JSON.parse(await readFile(file, 'utf8')));
  } catch {
    return undefined;
  }
  if (typeof report !== 'object' || report === null) return undefined;
  const fields = /** @type {Record<string, unknown>} */ (report);
  const number = (/** @type {string} */ key) => (typeof fields[key] === 'number' ? fields[key] : undefined);
  const passed = number('numPassedTests');
  const failed = number('numFailedTests');
  if (passed === undefined || failed === undefined) return undefined;
  // A suite that fails to load (a syntax error, a missing module) has no failed test but is a failure.
  const failedSuites = number('numFailedTestSuites') ?? 0;
  const skipped = (number('numPendingTests') ?? 0) + (number('numTodoTests') ?? 0);
  return { passed, failed: failed === 0 && failedSuites > 0 ? failedSuites : failed, skipped };
}

/**
 * The consumer check's last summary line, `N passed, M failed`.
 * @param {string} output
 * @returns {Counts | undefined}
 */
export function parseConsumerCheckSummary(output) {
  const matches = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)];
  const last = matches.at(-1);
  if (last === undefined) return undefined;
  return { passed: Number(last[1]), failed: Number(last[2]), skipped: 0 };
}
