/**
 * `pnpm demo`: builds the packages the demo imports (it runs them as users get them, from `dist`), then runs it.
 * turbo's output is kept back unless the build fails, so that what the terminal shows is the demo (its wide
 * "Packages in scope" line would not fit 100 columns), and stdout carries only the demo (clean JSON with `--json`).
 */
import { spawnSync } from 'node:child_process';

process.stderr.write('Building the packages the demo needs (turbo run build)...\n');
const build = spawnSync('turbo', ['run', 'build', '--filter=@bce-errors/demo^...', '--output-logs=errors-only'], {
  encoding: 'utf8',
  shell: process.platform === 'win32',
  stdio: ['ignore', 'pipe', 'pipe'],
});
if (build.status !== 0) {
  process.stderr.write(`${build.stdout}${build.stderr}`);
  if (build.error) process.stderr.write(`${String(build.error)}\n`);
  process.stderr.write(`The build failed (exit code ${String(build.status)}); the demo did not run.\n`);
  process.exit(1);
}
await import('./demo.js');
