// @ts-check
/** Runs commands on one provisioned Node line: the line checks (the matrix) or the whole `pnpm test`. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseConsumerCheckSummary, readVitestReport } from './counts.mjs';
import { lineEnv } from './line-env.mjs';
import { streamRun, wasInterrupted } from './stream-run.mjs';

/** The workspace root. */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** One adapter suite takes 1-3 minutes on the shared machine; a hang ends here, not at CI's limit. */
const CHECK_TIMEOUT_MS = 15 * 60_000;
/** The whole suite takes about 9 minutes on Node 20. */
const SUITE_TIMEOUT_MS = 40 * 60_000;

/**
 * Fails unless `node` as pnpm's children see it is the provisioned one (a PATH that does not take effect would
 * silently test the machine's Node).
 * @param {import('./provision.mjs').ProvisionedNode} node
 * @param {string} root
 */
export async function assertLineInEffect(node, root = REPOSITORY_ROOT) {
  const result = await streamRun('pnpm', ['exec', 'node', '--version'], {
    cwd: root,
    env: lineEnv(node),
    timeoutMs: 60_000,
    prefix: `[${node.version}] `,
  });
  if (result.code !== 0 || result.tail.trim() !== node.version) {
    throw new Error(`pnpm exec node --version printed ${JSON.stringify(result.tail.trim())}, not ${node.version}`);
  }
}

/**
 * Runs every check on one line, one after another (the machine is shared), and returns one result per check.
 * @param {import('./provision.mjs').ProvisionedNode} node
 * @param {readonly import('./lines.mjs').LineCheck[]} checks
 * @param {{ root?: string }} [options]
 * @returns {Promise<import('./format.mjs').CheckResult[]>}
 */
export async function runLineChecks(node, checks, { root = REPOSITORY_ROOT } = {}) {
  const env = lineEnv(node);
  const reports = await mkdtemp(join(tmpdir(), 'node-lines-'));
  /** @type {import('./format.mjs').CheckResult[]} */
  const results = [];
  try {
    for (const check of checks) {
      if (wasInterrupted()) break;
      const prefix = `[${node.version} ${check.name}] `;
      if (check.kind === 'vitest') {
        const report = join(reports, `${check.name}.json`);
        const result = await streamRun(
          'pnpm',
          [
            '--filter',
            check.filter ?? check.name,
            'exec',
            'vitest',
            'run',
            '--reporter=default',
            '--reporter=json',
            `--outputFile.json=${report}`,
          ],
          { cwd: root, env, timeoutMs: CHECK_TIMEOUT_MS, prefix },
        );
        const counts = await readVitestReport(report);
        results.push(toResult(node, check.name, result, counts));
      } else {
        const result = await streamRun('pnpm', ['--filter', '@bce-errors/consumer-check', 'run', 'check'], {
          cwd: root,
          env,
          timeoutMs: CHECK_TIMEOUT_MS,
          prefix,
        });
        results.push(toResult(node, check.name, result, parseConsumerCheckSummary(result.tail)));
      }
    }
  } finally {
    await rm(reports, { recursive: true, force: true });
  }
  return results;
}

/**
 * Runs the whole `pnpm test` on one line; its pass count is not summed (turbo runs many tools), only its outcome.
 * @param {import('./provision.mjs').ProvisionedNode} node
 * @param {{ root?: string }} [options]
 * @returns {Promise<import('./format.mjs').CheckResult>}
 */
export async function runWholeSuite(node, { root = REPOSITORY_ROOT } = {}) {
  const result = await streamRun('pnpm', ['test'], {
    cwd: root,
    env: lineEnv(node),
    timeoutMs: SUITE_TIMEOUT_MS,
    prefix: `[${node.version}] `,
  });
  return toResult(node, 'pnpm test', result, undefined, { countsExpected: false });
}

/**
 * @param {import('./provision.mjs').ProvisionedNode} node
 * @param {string} check
 * @param {import('./stream-run.mjs').StreamResult} result
 * @param {import('./counts.mjs').Counts | undefined} counts
 * @param {{ countsExpected?: boolean }} [options] A check that ran without reporting its count did not prove anything.
 * @returns {import('./format.mjs').CheckResult}
 */
function toResult(node, check, result, counts, { countsExpected = true } = {}) {
  const ok = result.code === 0 && !result.timedOut && (counts === undefined ? !countsExpected : counts.failed === 0);
  /** @type {string | undefined} */
  let note;
  if (result.timedOut) note = 'timed out';
  else if (result.error !== undefined) note = result.error.message;
  else if (result.code !== 0) note = `exit ${String(result.code)}`;
  else if (counts === undefined && countsExpected) note = 'no pass count reported';
  return { line: node.version, check, counts, ok, ms: result.ms, ...(note === undefined ? {} : { note }) };
}
