// @ts-check
/** The checks: probe the ESM entries, write the consumer files, run node and tsc on them, and report. */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { writeNodeConsumers, writeProbe, writeTsconfigs, writeTypeConsumers } from './consumers.mjs';
import { isIdentifier } from './discover.mjs';
import { describeFailure, pool, run } from './processes.mjs';
import { note, report, seconds } from './report.mjs';

/** @typedef {import('./discover.mjs').Pkg} Pkg */
/** @typedef {import('./processes.mjs').RunResult} RunResult */
/** @typedef {{ ok: boolean, summary?: string, details?: string }} CheckResult */

const NODE_TIMEOUT_MS = 60_000;
const TSC_TIMEOUT_MS = 120_000;
const MODES = /** @type {const} */ (['node16', 'bundler']);

/**
 * Sets `esmExports` and `esmFunctions` of each package from its ESM entry. A failure leaves them undefined;
 * the esm-import check then reports it.
 * @param {string} project
 * @param {Pkg[]} checked
 * @param {number} concurrency
 */
export async function probeExports(project, checked, concurrency) {
  const probeStarted = Date.now();
  const checksDir = path.join(project, 'checks');
  await mkdir(checksDir, { recursive: true });
  const probe = await writeProbe(checksDir);
  await pool(
    checked.map((pkg) => async () => {
      const result = await run(process.execPath, [probe, pkg.name], { cwd: project, timeoutMs: NODE_TIMEOUT_MS });
      if (result.code !== 0) return;
      try {
        /** @type {[string, string][]} */
        const entries = JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
        pkg.esmExports = entries.map(([name]) => name).filter((name) => name !== 'default');
        pkg.esmFunctions = entries.filter(([name, type]) => type === 'function' && isIdentifier(name)).map(([name]) => name);
      } catch {
        // Leave undefined: the esm-import check reports the problem.
      }
    }),
    concurrency,
  );
  note(`probed in ${seconds(Date.now() - probeStarted)}`);
}

/**
 * @param {string} project
 * @param {string} file
 * @returns {Promise<CheckResult>}
 */
async function runNode(project, file) {
  const result = await run(process.execPath, [file], { cwd: project, timeoutMs: NODE_TIMEOUT_MS });
  if (result.code === 0 && !result.error && !result.timedOut) {
    // Passing, but say so when Node warned (e.g. require() of an ES module, experimental before Node 22.12).
    const warning = result.stderr.split('\n').find((line) => /Warning:/.test(line));
    return warning === undefined ? { ok: true } : { ok: true, summary: `node warned: ${warning.trim()}` };
  }
  return { ok: false, ...describeFailure(result, NODE_TIMEOUT_MS) };
}

/**
 * Writes the consumer files and runs every check, then reports them per package. The two tsc runs (one per
 * module mode) cover all packages at once, because checking @types/node with skipLibCheck: false dominates
 * their cost; their errors are attributed to packages by file path.
 * @param {string} project
 * @param {Pkg[]} checked  probed already
 * @param {number} concurrency
 */
export async function runChecks(project, checked, concurrency) {
  const checksDir = path.join(project, 'checks');
  const tsRoot = path.join(project, 'ts');
  /** @type {{ pkg: Pkg, check: string, task: () => Promise<CheckResult> }[]} */
  const nodeChecks = [];
  /** @type {Record<(typeof MODES)[number], string[]>} */
  const tsFiles = { node16: [], bundler: [] };
  for (const pkg of checked) {
    for (const { check, file } of await writeNodeConsumers(checksDir, pkg)) nodeChecks.push({ pkg, check, task: () => runNode(project, file) });
    const files = await writeTypeConsumers(tsRoot, pkg);
    for (const mode of MODES) tsFiles[mode].push(...files[mode]);
  }
  await writeTsconfigs(tsRoot, tsFiles);
  const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  const tscTasks = MODES.map(
    (mode) => () => run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`, '--pretty', 'false'], { cwd: tsRoot, timeoutMs: TSC_TIMEOUT_MS }),
  );
  const checksStarted = Date.now();
  /** @type {(() => Promise<unknown>)[]} */
  const tasks = [...tscTasks, ...nodeChecks.map((check) => check.task)];
  const allResults = await pool(tasks, concurrency);
  const tscResults = /** @type {RunResult[]} */ (allResults.slice(0, MODES.length));
  const nodeResults = /** @type {CheckResult[]} */ (allResults.slice(MODES.length));
  note(`checks ran in ${seconds(Date.now() - checksStarted)} (tsc ${tscResults.map((result) => seconds(result.ms)).join(' + ')})`);
  for (const pkg of checked) {
    nodeChecks.forEach((check, i) => {
      if (check.pkg !== pkg) return;
      const result = /** @type {CheckResult} */ (nodeResults[i]);
      report(pkg.label, check.check, result.ok, result.summary, result.details);
    });
    MODES.forEach((mode, i) => {
      const result = tscTypesResult(/** @type {RunResult} */ (tscResults[i]), pkg, checked);
      report(pkg.label, `types-${mode}`, result.ok, result.summary, result.details);
    });
  }
}

/**
 * The part of one tsc run over all consumer files that concerns `pkg`. An error counts against a package
 * when it is in its consumer files, in its own installed files, or in one of its peers; any other error
 * (in @types/node, in a compiler option) counts against every package.
 * @param {{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error }} result
 * @param {Pkg} pkg
 * @param {Pkg[]} all
 * @returns {{ ok: boolean, summary?: string, details?: string }}
 */
function tscTypesResult(result, pkg, all) {
  if (result.error || result.timedOut) return { ok: false, ...describeFailure(result, TSC_TIMEOUT_MS) };
  if (result.code === 0) return { ok: true };
  /** @type {string[][]} */
  const blocks = [];
  for (const line of `${result.stdout}\n${result.stderr}`.split('\n')) {
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && blocks.length > 0) /** @type {string[]} */ (blocks[blocks.length - 1]).push(line);
    else blocks.push([line]);
  }
  /** @param {string[]} block */
  const owners = (block) => {
    const file = /^(.+?)\(\d+,\d+\): error TS/.exec(/** @type {string} */ (block[0]))?.[1]?.replaceAll('\\', '/');
    if (file === undefined) return all;
    const own = all.filter((candidate) => file.startsWith(`${candidate.slug}/`) || file.includes(`node_modules/${candidate.name}/`));
    if (own.length > 0) return own;
    const viaPeer = all.filter((candidate) => Object.keys(candidate.peers).some((peer) => file.includes(`node_modules/${peer}/`)));
    return viaPeer.length > 0 ? viaPeer : all;
  };
  const mine = blocks.filter((block) => owners(block).includes(pkg));
  if (blocks.length === 0) return { ok: false, summary: `tsc exited ${result.code} without any error message` };
  if (mine.length === 0) return { ok: true };
  const errorCount = mine.filter((block) => / error TS\d+/.test(/** @type {string} */ (block[0]))).length;
  return {
    ok: false,
    summary: `${errorCount} error(s), first: ${/** @type {string} */ (/** @type {string[]} */ (mine[0])[0]).trim()}`,
    details: mine.map((block) => block.join('\n')).join('\n'),
  };
}
