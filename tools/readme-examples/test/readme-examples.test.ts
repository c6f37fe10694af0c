/**
 * Every fenced ```ts / ```typescript / ```js / ```javascript block of every README (the root one,
 * `packages/<name>/README.md` and `tools/<name>/README.md`) is type-checked against the workspace sources and,
 * unless a `<!-- readme-test: typecheck-only -->` or `<!-- readme-test: skip (reason) -->` comment before it says
 * otherwise, run in a child process.
 *
 * Running: the examples name real endpoints (`https://cfs.bj.baidubce.com`). The test rewrites every
 * `http(s)://<host>.baidubce.com` origin in the block's text to a server on 127.0.0.1 and changes nothing else. A
 * block that names an endpoint runs twice:
 * - against the mock server, whose unrouted paths answer `404` with a BCE JSON error (`NoSuchRoute`): the block
 *   must print (to stdout) something that names the code, so the `BceServiceError` branch ran;
 * - against a closed port: the block must print something that names `ConnectionRefused`, so the
 *   `BceClientError` branch ran. An example that swallows a client error prints nothing and fails here.
 * Both runs must exit with 0. A block that names no endpoint (the catalog, the mock server's own example) runs
 * once and must exit with 0.
 */
import { fileURLToPath } from 'node:url';
import { startMockServer, unusedPortUrl, NO_SUCH_ROUTE_CODE, type MockServer } from '@bce-errors/mock-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockDirectory,
  removeBlockDirectory,
  runBlockFile,
  typecheckBlocks,
  writeBlockFile,
  type BlockRun,
} from '../src/check-blocks.js';
import { extractAllBlocks, namesBceEndpoint, rewriteBceOrigins, type ReadmeBlock } from '../src/readme-blocks.js';

const PACKAGE_DIR = fileURLToPath(new URL('../', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIRECTORY = blockDirectory(PACKAGE_DIR);
/** tsx start-up on a loaded 2-core machine, plus Java style's 3 retries (0.6 + 1.2 + 2.4 s) against a closed port. */
const RUN_TIMEOUT_MS = 60_000;
/** The READMEs whose quick start must make a request and handle both error kinds. */
const QUICK_STARTS = [
  'README.md',
  'packages/core/README.md',
  'packages/axios/README.md',
  'packages/got/README.md',
  'packages/fetch/README.md',
];

const blocks = extractAllBlocks(REPO_ROOT);
const checked = blocks.filter((block) => block.mode !== 'skip');
const runnable = blocks.filter((block) => block.mode === 'run');
const where = (block: ReadmeBlock) => `${block.readme}:${String(block.line)}`;
const counts = { runs: 0, blocksRun: new Set<string>() };

function describeRun(run: BlockRun): string {
  return [
    `exit code ${String(run.exitCode)}${run.signal ? ` (${run.signal})` : ''}${run.timedOut ? ', timed out' : ''}`,
    `stdout:\n${run.stdout}`,
    `stderr:\n${run.stderr}`,
  ].join('\n');
}

let server: MockServer;
let closedPort: string;

beforeAll(async () => {
  removeBlockDirectory(DIRECTORY);
  server = await startMockServer();
  closedPort = await unusedPortUrl();
});

afterAll(async () => {
  await server.close();
  removeBlockDirectory(DIRECTORY);
  console.log(
    `README blocks: ${String(blocks.length)} found, ${String(checked.length)} type-checked, ` +
      `${String(counts.blocksRun.size)} run (${String(counts.runs)} runs), ` +
      `${String(blocks.length - checked.length)} skipped, ${String(checked.length - runnable.length)} type-check only`,
  );
});

describe('README examples', () => {
  it('finds the blocks: the root README and every library package has a quick start that runs', () => {
    for (const readme of QUICK_STARTS) {
      expect(
        runnable.some((block) => block.readme === readme && namesBceEndpoint(block.code)),
        `${readme} has a runnable block that makes a request`,
      ).toBe(true);
    }
    for (const block of blocks.filter((candidate) => candidate.mode === 'skip')) {
      expect(block.reason, where(block)).toBeTruthy();
    }
  });

  it('type-checks every block that is not skipped', () => {
    const files = new Map(checked.map((block) => [writeBlockFile(DIRECTORY, block, block.code), block] as const));
    const diagnostics = typecheckBlocks(REPO_ROOT, files);
    expect(diagnostics).toEqual([]);
  });

  it.each(runnable.map((block) => [where(block), block] as const))('runs %s', async (_where, block) => {
    if (!namesBceEndpoint(block.code)) {
      const run = await runBlockFile(PACKAGE_DIR, writeBlockFile(DIRECTORY, block, block.code), RUN_TIMEOUT_MS);
      counts.runs++;
      counts.blocksRun.add(where(block));
      expect(run.exitCode, describeRun(run)).toBe(0);
      return;
    }
    const [service, client] = await Promise.all([
      runBlockFile(
        PACKAGE_DIR,
        writeBlockFile(DIRECTORY, block, rewriteBceOrigins(block.code, server.url), '-service-error'),
        RUN_TIMEOUT_MS,
      ),
      runBlockFile(
        PACKAGE_DIR,
        writeBlockFile(DIRECTORY, block, rewriteBceOrigins(block.code, closedPort), '-client-error'),
        RUN_TIMEOUT_MS,
      ),
    ]);
    counts.runs += 2;
    counts.blocksRun.add(where(block));
    expect(service.exitCode, `against the mock server's 404:\n${describeRun(service)}`).toBe(0);
    expect(service.stdout, `against the mock server's 404:\n${describeRun(service)}`).toContain(NO_SUCH_ROUTE_CODE);
    expect(client.exitCode, `against a closed port:\n${describeRun(client)}`).toBe(0);
    expect(client.stdout, `against a closed port:\n${describeRun(client)}`).toContain('ConnectionRefused');
  });
});
