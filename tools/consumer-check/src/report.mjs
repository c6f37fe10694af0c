// @ts-check
/** Output and bookkeeping: one `ok` / `FAIL` line per check, `#` comments, and the closing `N passed, M failed`. */

let passed = 0;
let failed = 0;

/**
 * @param {string} pkg
 * @param {string} check
 * @param {boolean} ok
 * @param {string} [summary]
 * @param {string} [details]
 */
export function report(pkg, check, ok, summary, details) {
  if (ok) {
    passed += 1;
    console.log(`ok ${pkg} ${check}${summary ? ` (${summary})` : ''}`);
    return;
  }
  failed += 1;
  console.log(`FAIL ${pkg} ${check}${summary ? `: ${summary}` : ''}`);
  if (details) {
    const lines = details.split('\n').filter((line) => line.trim() !== '');
    const shown = lines.slice(0, 25);
    for (const line of shown) console.log(`    ${line}`);
    if (lines.length > shown.length) console.log(`    … ${lines.length - shown.length} more lines`);
  }
}

/** @param {string} text */
export function note(text) {
  console.log(`# ${text}`);
}

/** How many checks have failed so far. */
export function failedCount() {
  return failed;
}

export function printSummary() {
  console.log(`${passed} passed, ${failed} failed`);
}

/** @param {number} ms */
export function seconds(ms) {
  return `${(ms / 1000).toFixed(1)}s`;
}
