import { childEnv, run } from '@bce-errors/child-processes';
import { parseResultLines, type RuntimeOutput } from './runtime-output.js';

/** Deno or Bun: the runtimes that run the bundled script from the command line. */
type CommandLineRuntime = 'deno' | 'bun';

/** The whole plan runs at once; its longest case (a retried 1 s timeout) takes about 4 s. */
const RUN_LIMIT_MS = 45_000;

function argumentsOf(runtime: CommandLineRuntime, script: string): string[] {
  // Deno may reach the loopback address and nothing else: no file, environment or other network access.
  return runtime === 'deno' ? ['run', '--allow-net=127.0.0.1', '--no-prompt', script] : ['run', script];
}

/**
 * Runs the bundled script in Deno or Bun with `directory` as home and cache (nothing is written elsewhere), killed
 * with its process group after 45 s.
 */
export async function runCommandLineRuntime(
  runtime: CommandLineRuntime,
  binary: string,
  script: string,
  directory: string,
): Promise<RuntimeOutput> {
  const env = childEnv({
    extra: {
      HOME: directory,
      DENO_DIR: directory,
      DENO_NO_UPDATE_CHECK: '1',
      BUN_INSTALL_CACHE_DIR: directory,
      BUN_RUNTIME_TRANSPILER_CACHE_PATH: '0',
      NO_COLOR: '1',
    },
  });
  const outcome = await run(binary, argumentsOf(runtime, script), { cwd: directory, env, timeoutMs: RUN_LIMIT_MS });
  const log = `exit ${String(outcome.code)} signal ${String(outcome.signal)} timedOut ${String(outcome.timedOut)}\n${outcome.stdout}\n${outcome.stderr}`;
  return { ...parseResultLines(outcome.stdout), log };
}

/** The runtime's version line (`deno 2.9.6 (...)`, `1.4.5`). */
export async function commandLineVersion(binary: string, directory: string): Promise<string> {
  const outcome = await run(binary, ['--version'], { cwd: directory, env: childEnv(), timeoutMs: 15_000 });
  return outcome.stdout.split('\n')[0]?.trim() ?? '';
}
