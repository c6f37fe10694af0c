import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { findImportCycles, formatResult } from './import-cycles.js';

/** Where the check writes; the real one writes to `process.stdout` and `process.stderr`. */
export interface CheckOutput {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

const USAGE = 'usage: import-cycles [--root <dir>] [--packages <glob> ...]\n';

/**
 * Runs the check: `--root` is the workspace root (default: this repository), `--packages` replaces the globs
 * of its `pnpm-workspace.yaml`. Returns the exit code: 0 without a cycle, 1 with one, 2 for a usage error.
 */
export function main(argv: readonly string[], output: CheckOutput): number {
  let values: { root?: string | undefined; packages?: string[] | undefined };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { root: { type: 'string' }, packages: { type: 'string', multiple: true } },
      strict: true,
    }));
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const root = values.root ?? fileURLToPath(new URL('../../../', import.meta.url));
  const result = findImportCycles({ root, globs: values.packages });
  const report = formatResult(result);
  if (result.cycles.length === 0) {
    output.out(report);
    return 0;
  }
  output.err(report);
  return 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  });
}
