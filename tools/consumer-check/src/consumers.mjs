// @ts-check
/**
 * Consumer files: copies the committed `fixtures/` into the consumer project, per package.
 *
 * Two fixtures need static syntax and so have placeholders, filled by plain text replacement:
 * `__PACKAGE__` (the package name) and `__NAMES__` (the checked export names, comma-separated identifiers).
 * They are `named.mjs` and `consumer.ts`. The other fixtures read `consumer.json` (written next to them) or
 * are specific to one package (`fixtures/scenarios/<dir>/`).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIdentifier } from './discover.mjs';

/** @typedef {import('./discover.mjs').Pkg} Pkg */
/** @typedef {'node16' | 'bundler'} TsMode */

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Extra behaviour checks for packages whose API this tool knows; every other package gets the generic export
 * checks only. `names` are added to the checked exports. The files in `fixtures/scenarios/<dir>/` are optional:
 * `runtime.cjs` exports a function that the `.mjs` and the `.cjs` consumer call with the module, `types.ts` is
 * type-checked next to the TS consumer files, and `cross-copy.mjs` is the `cross-copy-brand` check.
 * @type {Record<string, { dir: string, names: string[] }>}
 */
const SCENARIOS = {
  '@bce-errors/core': {
    dir: 'core',
    names: ['BceError', 'BceServiceError', 'parseServiceError', 'isBceError', 'isBceServiceError'],
  },
};

/**
 * The exports checked for `pkg`: the configured `named`, else the probed functions, plus its scenario's names.
 * @param {Pkg} pkg
 */
function namesFor(pkg) {
  const scenario = SCENARIOS[pkg.name];
  const base = pkg.named ?? pkg.esmFunctions ?? [];
  return [...new Set([...base, ...(scenario?.names ?? [])])].filter(isIdentifier).sort();
}

/**
 * Copies one fixture, filling `__PACKAGE__` and `__NAMES__`.
 * @param {string} fixture  path under fixtures/
 * @param {string} target
 * @param {Pkg} pkg
 */
async function copyFixture(fixture, target, pkg) {
  const text = await readFile(path.join(FIXTURES, fixture), 'utf8');
  await writeFile(target, text.replaceAll('__PACKAGE__', pkg.name).replaceAll('__NAMES__', namesFor(pkg).join(', ')));
}

/**
 * The scenario fixture `file` of `pkg`, if it has one.
 * @param {Pkg} pkg
 * @param {string} file
 */
function scenarioFixture(pkg, file) {
  const scenario = SCENARIOS[pkg.name];
  const fixture = scenario && path.join('scenarios', scenario.dir, file);
  return fixture !== undefined && existsSync(path.join(FIXTURES, fixture)) ? fixture : undefined;
}

/**
 * Writes `<checksDir>/probe.mjs`; `node probe.mjs <package>` prints the ESM entry's exports and their types.
 * @param {string} checksDir
 */
export async function writeProbe(checksDir) {
  const probe = path.join(checksDir, 'probe.mjs');
  await writeFile(probe, await readFile(path.join(FIXTURES, 'probe.mjs'), 'utf8'));
  return probe;
}

/**
 * Writes the Node consumers of `pkg` into `<checksDir>/<slug>/`.
 * @param {string} checksDir
 * @param {Pkg} pkg  probed already (`esmExports`, `esmFunctions`)
 * @returns {Promise<{ check: string, file: string }[]>} the files to run with node, per check
 */
export async function writeNodeConsumers(checksDir, pkg) {
  const dir = path.join(checksDir, pkg.slug);
  await mkdir(dir, { recursive: true });
  const consumer = { packageName: pkg.name, names: namesFor(pkg), esmExports: pkg.esmExports ?? null };
  await writeFile(path.join(dir, 'consumer.json'), `${JSON.stringify(consumer, null, 2)}\n`);
  for (const fixture of ['named.mjs', 'esm-import.mjs', 'cjs-require.cjs']) await copyFixture(fixture, path.join(dir, fixture), pkg);
  const runtime = scenarioFixture(pkg, 'runtime.cjs');
  if (runtime) await copyFixture(runtime, path.join(dir, 'scenario.cjs'), pkg);
  const checks = [
    { check: 'esm-import', file: path.join(dir, 'esm-import.mjs') },
    { check: 'cjs-require', file: path.join(dir, 'cjs-require.cjs') },
  ];
  const crossCopy = scenarioFixture(pkg, 'cross-copy.mjs');
  if (crossCopy) {
    await copyFixture(crossCopy, path.join(dir, 'cross-copy.mjs'), pkg);
    checks.push({ check: 'cross-copy-brand', file: path.join(dir, 'cross-copy.mjs') });
  }
  return checks;
}

/**
 * Writes the TypeScript consumers of `pkg` into `<tsRoot>/<slug>/`: `consumer.ts` (and the scenario's
 * `types.ts`) as `.mts` and `.cts` for node16 and as `.ts` for bundler.
 * @param {string} tsRoot
 * @param {Pkg} pkg
 * @returns {Promise<Record<TsMode, string[]>>} the files per mode, relative to `tsRoot`
 */
export async function writeTypeConsumers(tsRoot, pkg) {
  await mkdir(path.join(tsRoot, pkg.slug), { recursive: true });
  /** @type {Record<TsMode, string[]>} */
  const files = { node16: [], bundler: [] };
  const types = scenarioFixture(pkg, 'types.ts');
  for (const [fixture, base] of /** @type {const} */ ([['consumer.ts', 'consumer'], [types, 'scenario']])) {
    if (fixture === undefined) continue;
    for (const extension of ['mts', 'cts', 'ts']) {
      const file = `${pkg.slug}/${base}.${extension}`;
      await copyFixture(fixture, path.join(tsRoot, file), pkg);
      files[extension === 'ts' ? 'bundler' : 'node16'].push(file);
    }
  }
  return files;
}

/**
 * Writes `tsconfig.base.json` (from fixtures/) and one `tsconfig.<mode>.json` per mode into `tsRoot`.
 * @param {string} tsRoot
 * @param {Record<TsMode, string[]>} files  per mode, relative to `tsRoot`
 */
export async function writeTsconfigs(tsRoot, files) {
  await writeFile(path.join(tsRoot, 'tsconfig.base.json'), await readFile(path.join(FIXTURES, 'tsconfig.base.json'), 'utf8'));
  for (const mode of /** @type {TsMode[]} */ (['node16', 'bundler'])) {
    const compilerOptions = mode === 'node16' ? { module: 'node16', moduleResolution: 'node16' } : { module: 'esnext', moduleResolution: 'bundler' };
    const config = { extends: './tsconfig.base.json', compilerOptions, files: files[mode] };
    await writeFile(path.join(tsRoot, `tsconfig.${mode}.json`), `${JSON.stringify(config, null, 2)}\n`);
  }
}
