// @ts-check
/**
 * The checks: probe the ESM entries, write the consumer files, run node and tsc on them, and report. Every entry
 * point of a package (its root and every other subpath of `exports`) is checked the same way and reported under
 * its own label (`core`, `core/adapter`).
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import { writeNodeConsumers, writeProbe, writeTsconfigs, writeTypeConsumers } from './consumers.mjs';
import { isIdentifier } from './discover.mjs';
import { describeFailure, pool, run } from './processes.mjs';
import { note, report, seconds } from './report.mjs';

/** @typedef {import('./discover.mjs').Pkg} Pkg */
/** @typedef {import('./discover.mjs').Entry} Entry */
/** @typedef {import('./processes.mjs').RunResult} RunResult */
/** @typedef {{ ok: boolean, summary?: string, details?: string }} CheckResult */

const NODE_TIMEOUT_MS = 60_000;
const TSC_TIMEOUT_MS = 120_000;
const MODES = /** @type {const} */ (['node16', 'bundler']);

/**
 * Sets `esmExports` and `esmFunctions` of each entry point of each package from its ESM build. A failure leaves
 * them undefined; the esm-import check then reports it.
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
    checked
      .flatMap((pkg) => pkg.entries)
      .map((entry) => async () => {
        const result = await run(process.execPath, [probe, entry.specifier], {
          cwd: project,
          timeoutMs: NODE_TIMEOUT_MS,
        });
        if (result.code !== 0) return;
        try {
          /** @type {[string, string][]} */
          const entries = JSON.parse(result.stdout.trim().split('\n').pop() ?? '');
          entry.esmExports = entries.map(([name]) => name).filter((name) => name !== 'default');
          entry.esmFunctions = entries
            .filter(([name, type]) => type === 'function' && isIdentifier(name))
            .map(([name]) => name);
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
 * Runs every `bin` command of the checked packages with `--version` from the consumer project, as `npx <bin>`
 * would after installing the tarball: it must exit 0 and print one line.
 * @param {string} project
 * @param {Pkg[]} checked
 * @param {number} concurrency
 */
export async function runBinChecks(project, checked, concurrency) {
  const bins = checked.flatMap((pkg) =>
    Object.entries(pkg.bins).map(([command, file]) => ({
      pkg,
      command,
      file: path.join(project, 'node_modules', pkg.name, file),
    })),
  );
  const results = await pool(
    bins.map(
      ({ file }) =>
        () =>
          run(process.execPath, [file, '--version'], { cwd: project, timeoutMs: NODE_TIMEOUT_MS }),
    ),
    concurrency,
  );
  bins.forEach(({ pkg, command }, i) => {
    const result = /** @type {RunResult} */ (results[i]);
    const line = result.stdout.trim();
    const ok = result.code === 0 && !result.timedOut && !result.error && line !== '' && !line.includes('\n');
    if (ok) report(pkg.label, `bin ${command}`, true, `${command} --version: ${line}`);
    else {
      const failure = describeFailure(result, NODE_TIMEOUT_MS);
      report(pkg.label, `bin ${command}`, false, `${command} --version: ${failure.summary}`, failure.details);
    }
  });
}

/**
 * Writes the consumer files and runs every check, then reports them per entry point. The two tsc runs (one per
 * module mode) cover all entries of all packages at once, because checking @types/node with skipLibCheck: false
 * dominates their cost; their errors are attributed to entries by file path.
 * @param {string} project
 * @param {Pkg[]} checked  probed already
 * @param {number} concurrency
 */
export async function runChecks(project, checked, concurrency) {
  const checksDir = path.join(project, 'checks');
  const tsRoot = path.join(project, 'ts');
  const entries = checked.flatMap((pkg) => pkg.entries);
  /** @type {{ entry: Entry, check: string, task: () => Promise<CheckResult> }[]} */
  const nodeChecks = [];
  /** @type {Record<(typeof MODES)[number], string[]>} */
  const tsFiles = { node16: [], bundler: [] };
  for (const entry of entries) {
    for (const { check, file } of await writeNodeConsumers(checksDir, entry))
      nodeChecks.push({ entry, check, task: () => runNode(project, file) });
    const files = await writeTypeConsumers(tsRoot, entry);
    for (const mode of MODES) tsFiles[mode].push(...files[mode]);
  }
  await writeTsconfigs(tsRoot, tsFiles);
  const tsc = path.join(project, 'node_modules', 'typescript', 'bin', 'tsc');
  const tscTasks = MODES.map(
    (mode) => () =>
      run(process.execPath, [tsc, '-p', `tsconfig.${mode}.json`, '--pretty', 'false'], {
        cwd: tsRoot,
        timeoutMs: TSC_TIMEOUT_MS,
      }),
  );
  const checksStarted = Date.now();
  /** @type {(() => Promise<unknown>)[]} */
  const tasks = [...tscTasks, ...nodeChecks.map((check) => check.task)];
  const allResults = await pool(tasks, concurrency);
  const tscResults = /** @type {RunResult[]} */ (allResults.slice(0, MODES.length));
  const nodeResults = /** @type {CheckResult[]} */ (allResults.slice(MODES.length));
  note(
    `checks ran in ${seconds(Date.now() - checksStarted)} (tsc ${tscResults.map((result) => seconds(result.ms)).join(' + ')})`,
  );
  for (const entry of entries) {
    nodeChecks.forEach((check, i) => {
      if (check.entry !== entry) return;
      const result = /** @type {CheckResult} */ (nodeResults[i]);
      report(entry.label, check.check, result.ok, result.summary, result.details);
    });
    MODES.forEach((mode, i) => {
      const result = tscTypesResult(/** @type {RunResult} */ (tscResults[i]), entry, entries);
      report(entry.label, `types-${mode}`, result.ok, result.summary, result.details);
    });
  }
}

/**
 * The part of one tsc run over all consumer files that concerns `entry`. An error counts against an entry when
 * it is in its consumer files or in a file its `exports` value points at (`dist/adapter.d.ts`); an error in
 * another installed file of its package (a shared declaration chunk) or in one of its package's peers counts
 * against every entry of that package; any other error (in @types/node, in a compiler option) counts against
 * every entry.
 * @param {{ code: number | null, stdout: string, stderr: string, timedOut: boolean, error?: Error }} result
 * @param {Entry} entry
 * @param {Entry[]} all
 * @returns {{ ok: boolean, summary?: string, details?: string }}
 */
function tscTypesResult(result, entry, all) {
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
    const consumerOf = all.filter((candidate) => file.startsWith(`${candidate.slug}/`));
    if (consumerOf.length > 0) return consumerOf;
    const target = all.filter((candidate) =>
      candidate.targets.some((each) => file.endsWith(`node_modules/${candidate.pkg.name}/${each}`)),
    );
    if (target.length > 0) return target;
    const ofPackage = all.filter((candidate) => file.includes(`node_modules/${candidate.pkg.name}/`));
    if (ofPackage.length > 0) return ofPackage;
    const viaPeer = all.filter((candidate) =>
      Object.keys(candidate.pkg.peers).some((peer) => file.includes(`node_modules/${peer}/`)),
    );
    return viaPeer.length > 0 ? viaPeer : all;
  };
  const mine = blocks.filter((block) => owners(block).includes(entry));
  if (blocks.length === 0) return { ok: false, summary: `tsc exited ${result.code} without any error message` };
  if (mine.length === 0) return { ok: true };
  const errorCount = mine.filter((block) => / error TS\d+/.test(/** @type {string} */ (block[0]))).length;
  return {
    ok: false,
    summary: `${errorCount} error(s), first: ${/** @type {string} */ (/** @type {string[]} */ (mine[0])[0]).trim()}`,
    details: mine.map((block) => block.join('\n')).join('\n'),
  };
}
