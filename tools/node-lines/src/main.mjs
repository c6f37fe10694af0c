#!/usr/bin/env node
// @ts-check
/**
 * `pnpm node-lines [matrix] [--lines 20,22,24]`: the adapter suites and the consumer check on every line but the
 * full-suite one. `pnpm node-lines suite [--line 26]`: the whole `pnpm test` on one line. `pnpm node-lines all`:
 * both (what CI and the README's test command run). `pnpm node-lines provision <major>...`: prints bin folders.
 */
import process from 'node:process';
import { parseArgs } from 'node:util';
import { childEnv } from '@bce-errors/child-processes';
import { formatSeconds, formatSummary } from './format.mjs';
import { FULL_SUITE_LINE, LINE_CHECKS, otherLines, parseLines } from './lines.mjs';
import { provisionNode } from './provision.mjs';
import { assertLineInEffect, REPOSITORY_ROOT, runLineChecks, runWholeSuite } from './run-line.mjs';
import { streamRun, wasInterrupted } from './stream-run.mjs';

const USAGE = `usage: node-lines [matrix] [--lines 20,22,24]
       node-lines suite [--line ${String(FULL_SUITE_LINE)}]
       node-lines all [--line ${String(FULL_SUITE_LINE)}]
       node-lines provision <major>...`;

/** @param {string} message */
function log(message) {
  process.stderr.write(`# node-lines: ${message}\n`);
}

/** @param {number} major */
async function provision(major) {
  const node = await provisionNode(major);
  log(`Node ${String(major)}: ${node.version} (${node.source}) in ${node.binDir}`);
  return node;
}

/**
 * The consumer check packs what `pnpm build` wrote; the whole suite builds, the matrix alone must.
 * @returns {Promise<boolean>}
 */
async function build() {
  const result = await streamRun('pnpm', ['build'], {
    cwd: REPOSITORY_ROOT,
    env: childEnv(),
    timeoutMs: 15 * 60_000,
    prefix: '[build] ',
  });
  return result.code === 0;
}

/** @param {number} fullSuiteLine */
async function wholeSuite(fullSuiteLine) {
  const node = await provision(fullSuiteLine);
  await assertLineInEffect(node);
  const result = await runWholeSuite(node);
  log(
    `pnpm test on ${node.version}: ${result.ok ? 'ok' : `FAIL (${result.note ?? 'failed'})`} in ${formatSeconds(result.ms)}`,
  );
  return result;
}

/** @param {readonly number[]} lines */
async function matrix(lines) {
  /** @type {import('./format.mjs').CheckResult[]} */
  const results = [];
  const started = performance.now();
  if (!(await build())) throw new Error('pnpm build failed');
  for (const line of lines) {
    if (wasInterrupted()) break;
    const node = await provision(line);
    await assertLineInEffect(node);
    results.push(...(await runLineChecks(node, LINE_CHECKS)));
  }
  return { results, ms: performance.now() - started };
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { line: { type: 'string' }, lines: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) {
    console.log(USAGE);
    return 0;
  }
  const [command = 'matrix', ...rest] = positionals;
  const fullSuiteLine = values.line === undefined ? FULL_SUITE_LINE : (parseLines(values.line)[0] ?? FULL_SUITE_LINE);
  switch (command) {
    case 'provision': {
      if (rest.length === 0) throw new Error(`provision needs a Node major\n${USAGE}`);
      for (const line of parseLines(rest.join(','))) console.log((await provision(line)).binDir);
      return 0;
    }
    case 'suite': {
      return (await wholeSuite(fullSuiteLine)).ok ? 0 : 1;
    }
    case 'matrix': {
      const lines = values.lines === undefined ? otherLines(fullSuiteLine) : parseLines(values.lines);
      const { results, ms } = await matrix(lines);
      console.log(formatSummary(results));
      log(`matrix (${lines.map(String).join(', ')}) in ${formatSeconds(ms)}`);
      return results.length > 0 && results.every((result) => result.ok) ? 0 : 1;
    }
    case 'all': {
      // The matrix runs even after a failed suite: CI reports every line at once.
      const suite = await wholeSuite(fullSuiteLine);
      const lines = otherLines(fullSuiteLine);
      const { results, ms } = await matrix(lines);
      console.log(formatSummary([suite, ...results]));
      log(`pnpm test on ${suite.line}: ${formatSeconds(suite.ms)}`);
      log(`matrix (${lines.map(String).join(', ')}): ${formatSeconds(ms)}`);
      return suite.ok && results.length > 0 && results.every((result) => result.ok) ? 0 : 1;
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}\n${USAGE}`);
  }
}

main().then(
  (code) => {
    process.exitCode = wasInterrupted() ? 130 : code;
  },
  (/** @type {unknown} */ error) => {
    log(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  },
);
