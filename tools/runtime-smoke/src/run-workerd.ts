import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { childEnv, killTree, run, start } from '@bce-errors/child-processes';
import type { RuntimeOutput } from './runtime-output.js';
import type { SmokeRequest, SmokeResult } from './smoke-scenario.js';
import { unusedPort } from './unused-port.js';

const READY_LIMIT_MS = 20_000;
const REQUEST_LIMIT_MS = 30_000;

/**
 * The config: the worker on a loopback socket, its outbound fetch through a network service that may reach
 * loopback ("local") and private addresses; workerd's default allows only public ones.
 */
function configOf(workerFile: string, port: number): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .smokeWorker),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${String(port)}", http = (), service = "main")],
);

const smokeWorker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "${basename(workerFile)}")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`;
}

async function waitUntilServing(origin: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + READY_LIMIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`workerd exited:\n${log()}`);
    try {
      await fetch(`${origin}/run?key=`, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`workerd did not listen within ${String(READY_LIMIT_MS)} ms:\n${log()}`);
}

async function resultOf(origin: string, request: SmokeRequest): Promise<SmokeResult | undefined> {
  const response = await fetch(`${origin}/run?key=${encodeURIComponent(request.key)}`, {
    signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
  if (!response.ok) return undefined;
  return (await response.json()) as SmokeResult;
}

/**
 * Serves the bundled worker with workerd on a loopback port and asks it to run each planned request, all at once
 * (one worker invocation each); workerd is killed with its process group when done or failed.
 */
export async function runWorkerd(
  binary: string,
  workerFile: string,
  plan: readonly SmokeRequest[],
  directory: string,
): Promise<RuntimeOutput> {
  const port = await unusedPort();
  const configFile = join(directory, 'config.capnp');
  await writeFile(configFile, configOf(workerFile, port));
  let log = '';
  const child = start(binary, ['serve', configFile, '--verbose'], {
    cwd: directory,
    env: childEnv({ extra: { HOME: directory, NO_COLOR: '1' } }),
    onOutput: (text) => {
      if (log.length < 200_000) log += text;
    },
  });
  try {
    const origin = `http://127.0.0.1:${String(port)}`;
    await waitUntilServing(origin, child, () => log);
    const results = new Map<string, SmokeResult>();
    const answers = await Promise.all(plan.map((request) => resultOf(origin, request)));
    for (const answer of answers) if (answer !== undefined) results.set(answer.key, answer);
    // workerd logs uncaught errors and unhandled rejections of a request on its own output.
    const unhandled = log.split('\n').filter((line) => /uncaught|unhandled/i.test(line));
    return { results, unhandled, log };
  } finally {
    killTree(child);
  }
}

/** workerd's version line (`workerd 2026-11-17`). */
export async function workerdVersion(binary: string, directory: string): Promise<string> {
  const outcome = await run(binary, ['--version'], { cwd: directory, env: childEnv(), timeoutMs: 15_000 });
  return outcome.stdout.trim();
}
