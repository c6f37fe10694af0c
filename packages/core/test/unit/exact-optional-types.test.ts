import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// test/types is type-checked on its own, with `exactOptionalPropertyTypes: true`, which the workspace leaves off.
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const FIXTURE_PROJECT = fileURLToPath(new URL('../types/tsconfig.json', import.meta.url));

it('every options object takes an explicit undefined under exactOptionalPropertyTypes', () => {
  const result = spawnSync(process.execPath, [TSC, '--noEmit', '--pretty', 'false', '-p', FIXTURE_PROJECT], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8',
  });
  const errors = `${result.stdout}${result.stderr}`.split('\n').filter((line) => /error TS\d+/.test(line));
  // Only the proof that the flag is on: no error in exact-optional.ts.
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^test\/types\/flag-is-on\.ts\(\d+,\d+\): error TS2375:/);
});
