import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killAllChildren } from '@bce-errors/child-processes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleRuntime } from '../src/bundle-runtime.js';
import { commandLineVersion, runCommandLineRuntime } from '../src/run-command-line-runtime.js';
import { runWorkerd, workerdVersion } from '../src/run-workerd.js';
import { runtimeBinary } from '../src/runtime-binaries.js';
import type { RuntimeOutput } from '../src/runtime-output.js';
import { smokeApiOrigin, startSmokeApi, type SmokeApi } from '../src/smoke-api.js';
import { keyOf, planOf, smokeCases, type SmokeCase } from '../src/smoke-cases.js';
import type { RuntimeName } from '../src/smoke-scenario.js';
import { unusedPort } from '../src/unused-port.js';

// maxErrorBodyBytes' default plus the few characters a style adds around the server's message.
const MESSAGE_BOUND = 65_536 + 400;
const RUNTIMES: readonly RuntimeName[] = ['deno', 'bun', 'workerd'];
const casesOf = new Map(RUNTIMES.map((runtime) => [runtime, smokeCases(runtime)] as const));
const outputs = new Map<RuntimeName, RuntimeOutput>();
const versions = new Map<RuntimeName, string>();
let api: SmokeApi | undefined;
let directory = '';

async function runRuntime(runtime: RuntimeName, origin: string, refusedOrigin: string): Promise<void> {
  const binary = runtimeBinary(runtime);
  if (binary === undefined) throw new Error(`no ${runtime} binary for this platform in its npm package`);
  const workDirectory = await mkdtemp(join(directory, `${runtime}-`));
  const plan = planOf(casesOf.get(runtime) ?? [], origin, refusedOrigin);
  if (runtime === 'workerd') {
    versions.set(runtime, await workerdVersion(binary, workDirectory));
    const worker = await bundleRuntime('worker', plan, workDirectory);
    outputs.set(runtime, await runWorkerd(binary, worker, plan, workDirectory));
    return;
  }
  versions.set(runtime, await commandLineVersion(binary, workDirectory));
  const script = await bundleRuntime('command-line', plan, workDirectory);
  outputs.set(runtime, await runCommandLineRuntime(runtime, binary, script, workDirectory));
}

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'bce-runtime-smoke-'));
  api = await startSmokeApi();
  const refusedOrigin = smokeApiOrigin(await unusedPort());
  const { origin } = api;
  // The three runtimes at once: each mostly waits on the API's timeouts and retry delays.
  await Promise.all(RUNTIMES.map((runtime) => runRuntime(runtime, origin, refusedOrigin)));
  if (process.env.RUNTIME_SMOKE_REPORT === '1') {
    for (const runtime of RUNTIMES) {
      console.info(`${runtime}: ${versions.get(runtime) ?? '?'}`);
      const cases = casesOf.get(runtime) ?? [];
      for (const [index, testCase] of cases.entries()) {
        const result = outputs.get(runtime)?.results.get(keyOf(testCase, index));
        console.info(JSON.stringify({ case: testCase.name, adapter: testCase.adapter, style: testCase.style, result }));
      }
    }
  }
});

afterAll(async () => {
  killAllChildren();
  await api?.close();
  if (directory !== '') await rm(directory, { recursive: true, force: true });
});

function check(runtime: RuntimeName, testCase: SmokeCase, index: number): void {
  const output = outputs.get(runtime);
  const key = keyOf(testCase, index);
  const result = output?.results.get(key);
  expect(result, `no result for ${key}:\n${output?.log.slice(0, 4000) ?? 'the runtime did not run'}`).toBeDefined();
  expect(result).toMatchObject(testCase.expected.result);
  if (testCase.expected.requests !== undefined) {
    expect(api?.requests(key), 'requests that reached the API').toBe(testCase.expected.requests);
  }
  if (testCase.expected.boundedMessage === true) {
    expect(result?.messageLength).toBeLessThanOrEqual(MESSAGE_BOUND);
  }
  if (testCase.expected.minimumRequests !== undefined) {
    expect(api?.requests(key), 'requests that reached the API').toBeGreaterThanOrEqual(
      testCase.expected.minimumRequests,
    );
  }
}

describe.each(RUNTIMES)('%s', (runtime) => {
  for (const [index, testCase] of (casesOf.get(runtime) ?? []).entries()) {
    const title = `${testCase.adapter} ${testCase.style}: ${testCase.name}`;
    it(title, () => {
      check(runtime, testCase, index);
    });
  }

  it('reports the runtime version and no unhandled rejection', () => {
    expect(versions.get(runtime)).toMatch(/\d/);
    expect(outputs.get(runtime)?.unhandled).toEqual([]);
  });
});
