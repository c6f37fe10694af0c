// @ts-check
/** The Node lines the repository supports and tests, and what runs on each. */

/**
 * Every Node major that CI tests; `engines` (`>=20`) and the READMEs claim exactly these.
 * @type {readonly number[]}
 */
export const NODE_LINES = [20, 22, 24, 26];

/**
 * The line that runs the whole `pnpm test` in CI: the newest LTS (Node 26 is LTS since October 2026), the line
 * new users install. The other lines run the adapter checks below.
 */
export const FULL_SUITE_LINE = 26;

/**
 * @typedef {object} LineCheck
 * @property {string} name Shown in the summary.
 * @property {'vitest' | 'consumer-check'} kind How its pass count is read: vitest's JSON report or the consumer
 *   check's `N passed, M failed` line.
 * @property {string} [filter] The workspace package it runs in (`pnpm --filter <filter> exec vitest run`).
 */

/**
 * What proves the packages on a line: core's own tests (the parser, policies, redaction and the SDK vectors, 20 s),
 * each adapter's suite (the shared scenario suite with the real client, its oldest supported version and its
 * specific tests), the conformance scenarios against the mock server, every measured response through the three
 * real clients (fidelity), and the packed tarballs in a fresh project.
 * @type {readonly LineCheck[]}
 */
export const LINE_CHECKS = [
  { name: 'core', kind: 'vitest', filter: '@bce-errors/core' },
  { name: 'axios', kind: 'vitest', filter: '@bce-errors/axios' },
  { name: 'got', kind: 'vitest', filter: '@bce-errors/got' },
  { name: 'fetch', kind: 'vitest', filter: '@bce-errors/fetch' },
  { name: 'conformance', kind: 'vitest', filter: '@bce-errors/conformance' },
  { name: 'fidelity', kind: 'vitest', filter: '@bce-errors/fidelity' },
  { name: 'consumer-check', kind: 'consumer-check' },
];

/**
 * The lines other than the full-suite one, in order: the matrix.
 * @param {number} [fullSuiteLine]
 */
export function otherLines(fullSuiteLine = FULL_SUITE_LINE) {
  return NODE_LINES.filter((line) => line !== fullSuiteLine);
}

/**
 * Parses a comma-separated list of Node majors (`20,22`), each one of NODE_LINES.
 * @param {string} text
 * @returns {number[]}
 */
export function parseLines(text) {
  const lines = text.split(',').map((part) => part.trim().replace(/^v/, ''));
  return lines.map((part) => {
    const line = Number(part);
    if (!/^\d+$/.test(part) || !NODE_LINES.includes(line)) {
      throw new Error(`unknown Node line ${JSON.stringify(part)}: one of ${NODE_LINES.join(', ')}`);
    }
    return line;
  });
}
