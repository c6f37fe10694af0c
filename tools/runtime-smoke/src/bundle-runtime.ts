import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { SmokeRequest } from './smoke-scenario.js';

/** The two entry points: a script for Deno and Bun, a module worker for workerd. */
type BundleEntry = 'command-line' | 'worker';

const ENTRIES: Record<BundleEntry, string> = {
  'command-line': fileURLToPath(new URL('runtime/command-line-main.ts', import.meta.url)),
  worker: fileURLToPath(new URL('runtime/worker-main.ts', import.meta.url)),
};

/**
 * Bundles the fetch and axios adapters with core and axios from the workspace sources (the `@bce-errors/source`
 * condition) into one ES module in `directory`, the plan baked in. Platform `browser`: axios takes its browser
 * build (no Node modules), as a Deno, Bun or Workers bundler would resolve it; its fetch adapter is chosen
 * explicitly. Returns the file's path.
 */
export async function bundleRuntime(
  entry: BundleEntry,
  plan: readonly SmokeRequest[],
  directory: string,
): Promise<string> {
  const result = await build({
    entryPoints: [ENTRIES[entry]],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    conditions: ['@bce-errors/source'],
    define: { SMOKE_PLAN: JSON.stringify(plan) },
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (output === undefined) throw new Error('esbuild produced no bundle');
  const file = join(directory, `${entry}.mjs`);
  await writeFile(file, output.text);
  return file;
}
