#!/usr/bin/env node
// @ts-check
/**
 * Consumer check: proves that the published `@bce-errors/*` packages work for a real consumer.
 *
 * It packs every publishable workspace package (`packages/<name>/package.json` without `"private": true`)
 * with `pnpm pack`, installs all tarballs plus their peers, `typescript` and `@types/node` with ONE
 * `npm install` into a fresh project in `os.tmpdir()` (outside the workspace), and then checks per package
 * (`pack`) and per entry point (every subpath of its `exports` except `./package.json`: `core`, `core/adapter`):
 *
 *   pack             the tarball exists and its package.json has no `workspace:`/`catalog:`/`link:`/`file:` specs
 *   esm-import       a `.mjs` file gets the named exports through a static re-export and asserts they are functions
 *   cjs-require      a `.cjs` file requires the package, asserts the same and that the CJS export names equal the ESM ones
 *   types-node16     `tsc --noEmit` with module/moduleResolution node16 on a `.mts` and a `.cts` consumer file
 *   types-bundler    `tsc --noEmit` with module esnext + moduleResolution bundler on a `.ts` consumer file
 *   cross-copy-brand (core only) a CJS copy and an ESM copy recognise each other's errors
 *   bin <command>    every `bin` of a checked package, run with `--version` from the consumer project (a package
 *                    with a `bin` and no `exports`/`main`/`module`, such as `bce-errors`, gets only this check)
 *
 * All tsc runs use `strict: true` and `skipLibCheck: false`.
 *
 * Which exports are checked: `bceErrors.consumerCheck.named` in the package's package.json (a string or a list
 * of strings for the root, or an object from subpath to either), else every export of the entry's ESM build
 * whose value is a function or class (at least one required).
 * Peers installed: the package's `peerDependencies`, overridden by `bceErrors.consumerCheck.peers`.
 *
 * Options: `--only <name>` (repeatable; `core` or `@bce-errors/core`) checks only those packages (workspace
 * packages they depend on are still packed and installed); `--keep` keeps the temp dir; `--root <dir>` points
 * at another workspace; `--timeout <seconds>`.
 *
 * It builds nothing: run `pnpm build` first. Output is one `ok <package> <check>` / `FAIL <package> <check>`
 * line per check (details indented below a failure, comments start with `#`), then a last line
 * `N passed, M failed`. Exit code 0 only when nothing failed. The temp dir is deleted at the end
 * (keep it with `--keep`). A global timeout (default 300 s, `--timeout <seconds>`) guarantees it never hangs.
 *
 * This file is the runner. The steps live in discover.mjs, pack.mjs, install.mjs and checks.mjs; the
 * consumer files are committed under ../fixtures/ and copied by consumers.mjs; processes.mjs runs children,
 * report.mjs prints.
 */
import { rmSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { probeExports, runBinChecks, runChecks } from './checks.mjs';
import { discoverPackages, missingEntryFiles, selectPackages } from './discover.mjs';
import { installConsumerProject } from './install.mjs';
import { packAll } from './pack.mjs';
import { killAllChildren } from './processes.mjs';
import { failedCount, note, printSummary, report, seconds } from './report.mjs';

const DEFAULT_TIMEOUT_SECONDS = 300;

/** @param {string[]} args */
function parseCli(args) {
  return parseArgs({
    args,
    options: {
      root: { type: 'string' },
      keep: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      only: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function main() {
  const started = Date.now();
  // `pnpm run check -- --only core` passes the `--` through.
  const args = process.argv.slice(2);
  if (args[0] === '--') args.shift();
  /** @type {ReturnType<typeof parseCli>['values']} */
  let values;
  try {
    values = parseCli(args).values;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
  if (values.help) {
    console.log(
      'usage: node tools/consumer-check/src/consumer-check.mjs [--root <workspace>] [--only <name>]... [--keep] [--timeout <seconds>]',
    );
    process.exit(0);
  }
  const root = path.resolve(values.root ?? fileURLToPath(new URL('../../..', import.meta.url)));
  const timeoutSeconds = values.timeout === undefined ? DEFAULT_TIMEOUT_SECONDS : Number(values.timeout);
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds <= 0) {
    console.error(`--timeout must be a positive number of seconds, got ${values.timeout}`);
    process.exit(2);
  }

  /** @type {string | undefined} */
  let tmp;
  const cleanup = () => {
    killAllChildren();
    if (tmp === undefined) return;
    if (values.keep) note(`kept ${tmp}`);
    else rmSync(tmp, { recursive: true, force: true });
    tmp = undefined;
  };
  const globalTimer = setTimeout(() => {
    report('consumer-check', 'timeout', false, `did not finish within ${timeoutSeconds}s; killed`);
    cleanup();
    printSummary();
    process.exit(1);
  }, timeoutSeconds * 1000);
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  try {
    // 1. Discover, and insist on an existing build.
    const discovered = await discoverPackages(root);
    const { problems } = discovered;
    for (const problem of problems) report(problem.label, 'manifest', false, problem.message);
    const { packages, unknown } = selectPackages(discovered.packages, values.only);
    for (const name of unknown) report(name, 'select', false, `--only ${name} matches no publishable package`);
    if (unknown.length > 0) return 1;
    if (packages.length === 0) {
      report('packages', 'discover', false, `no publishable package under ${path.join(root, 'packages')}`);
      return 1;
    }
    note(`node ${process.version}, ${os.availableParallelism()} CPU(s)`);
    note(`packages: ${packages.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ')}`);
    let missingBuild = false;
    for (const pkg of packages) {
      const missing = missingEntryFiles(pkg);
      if (missing.length > 0) {
        missingBuild = true;
        report(pkg.label, 'dist', false, `missing ${missing.join(', ')}: run pnpm build first`);
      }
    }
    if (missingBuild || problems.length > 0) return 1;

    // 2. Pack into a temp dir outside the workspace.
    tmp = await mkdtemp(path.join(os.tmpdir(), 'bce-consumer-check-'));
    const relativeToRoot = path.relative(root, tmp);
    if (!relativeToRoot.startsWith('..') && !path.isAbsolute(relativeToRoot)) {
      report('consumer-check', 'tmpdir', false, `${tmp} is inside the workspace; set TMPDIR to a directory outside it`);
      return 1;
    }
    const tarballs = path.join(tmp, 'tarballs');
    const project = path.join(tmp, 'project');
    await mkdir(tarballs);
    await mkdir(project);
    // Installing a partial set could silently pull a registry copy of a package that failed to pack.
    if (!(await packAll(packages, tarballs))) return 1;

    // 3. One npm install for everything.
    if (!(await installConsumerProject(project, packages))) return 1;

    // 4. Probe every entry point's ESM build for its export names, then 5. write the consumer files and run every check.
    const concurrency = Math.max(2, os.availableParallelism());
    const checked = packages.filter((pkg) => pkg.checked);
    // A bin-only package (`bce-errors`) has no entry point; with only such packages selected there is nothing to import.
    if (checked.some((pkg) => pkg.entries.length > 0)) {
      await probeExports(project, checked, concurrency);
      await runChecks(project, checked, concurrency);
    }
    await runBinChecks(project, checked, concurrency);
    note(`finished in ${seconds(Date.now() - started)}`);
    return failedCount() > 0 ? 1 : 0;
  } catch (error) {
    report(
      'consumer-check',
      'internal',
      false,
      error instanceof Error ? error.message : String(error),
      error instanceof Error ? error.stack : undefined,
    );
    return 1;
  } finally {
    clearTimeout(globalTimer);
    cleanup();
  }
}

const exitCode = await main();
printSummary();
process.exitCode = exitCode === 0 && failedCount() > 0 ? 1 : exitCode;
