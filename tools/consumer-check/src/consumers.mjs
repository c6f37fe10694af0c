// @ts-check
/**
 * Consumer files: copies the committed `fixtures/` into the consumer project, per entry point (the root of a
 * package and every other subpath of its `exports`).
 *
 * Two fixtures need static syntax and so have placeholders, filled by plain text replacement:
 * `__SPECIFIER__` (what the entry is imported as: `@bce-errors/core`, `@bce-errors/core/adapter`), `__PACKAGE__`
 * (the package name) and `__NAMES__` (the checked export names, comma-separated identifiers). They are
 * `named.mjs` and `consumer.ts`. The other fixtures read `consumer.json` (written next to them) or are specific
 * to one package (`fixtures/scenarios/<dir>/`).
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isIdentifier } from './discover.mjs';

/** @typedef {import('./discover.mjs').Pkg} Pkg */
/** @typedef {import('./discover.mjs').Entry} Entry */
/** @typedef {'node16' | 'bundler'} TsMode */

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/**
 * Extra behaviour checks for packages whose API this tool knows; every other package gets the generic export
 * checks only. They belong to the package's root entry (`.`, else its first entry): `names` are added to its
 * checked exports. The files in `fixtures/scenarios/<dir>/` are optional: `runtime.cjs` exports a function that
 * the root entry's `.mjs` and `.cjs` consumer call with the module and a record from every subpath of the
 * package (`.`, `./adapter`) to that entry's module, loaded the same way; `types.ts` is type-checked next to the
 * TS consumer files, and `cross-copy.mjs` is the `cross-copy-brand` check.
 * @type {Record<string, { dir: string, names: string[] }>}
 */
const SCENARIOS = {
  '@bce-errors/core': {
    dir: 'core',
    names: ['BceError', 'BceServiceError', 'parseServiceError', 'isBceError', 'isBceServiceError'],
  },
};

/**
 * Whether `entry` is the one its package's scenario belongs to: the root, else the first entry.
 * @param {Entry} entry
 */
function ownsScenario(entry) {
  return entry.pkg.entries[0] === entry;
}

/**
 * The exports checked for `entry`: the configured `named`, else the probed functions, plus its scenario's names.
 * @param {Entry} entry
 */
function namesFor(entry) {
  const scenario = ownsScenario(entry) ? SCENARIOS[entry.pkg.name] : undefined;
  const base = entry.named ?? entry.esmFunctions ?? [];
  return [...new Set([...base, ...(scenario?.names ?? [])])].filter(isIdentifier).sort();
}

/**
 * Copies one fixture, filling `__SPECIFIER__`, `__PACKAGE__` and `__NAMES__`.
 * @param {string} fixture  path under fixtures/
 * @param {string} target
 * @param {Entry} entry
 */
async function copyFixture(fixture, target, entry) {
  const text = await readFile(path.join(FIXTURES, fixture), 'utf8');
  await writeFile(
    target,
    text
      .replaceAll('__SPECIFIER__', entry.specifier)
      .replaceAll('__PACKAGE__', entry.pkg.name)
      .replaceAll('__NAMES__', namesFor(entry).join(', ')),
  );
}

/**
 * The scenario fixture `file` of `entry`'s package, if the package has one and `entry` owns it.
 * @param {Entry} entry
 * @param {string} file
 */
function scenarioFixture(entry, file) {
  const scenario = ownsScenario(entry) ? SCENARIOS[entry.pkg.name] : undefined;
  const fixture = scenario && path.join('scenarios', scenario.dir, file);
  return fixture !== undefined && existsSync(path.join(FIXTURES, fixture)) ? fixture : undefined;
}

/**
 * Writes `<checksDir>/probe.mjs`; `node probe.mjs <specifier>` prints the ESM entry's exports and their types.
 * @param {string} checksDir
 */
export async function writeProbe(checksDir) {
  const probe = path.join(checksDir, 'probe.mjs');
  await writeFile(probe, await readFile(path.join(FIXTURES, 'probe.mjs'), 'utf8'));
  return probe;
}

/**
 * Writes the Node consumers of `entry` into `<checksDir>/<slug>/`.
 * @param {string} checksDir
 * @param {Entry} entry  probed already (`esmExports`, `esmFunctions`)
 * @returns {Promise<{ check: string, file: string }[]>} the files to run with node, per check
 */
export async function writeNodeConsumers(checksDir, entry) {
  const dir = path.join(checksDir, entry.slug);
  await mkdir(dir, { recursive: true });
  const consumer = {
    packageName: entry.pkg.name,
    specifier: entry.specifier,
    names: namesFor(entry),
    esmExports: entry.esmExports ?? null,
    entries: Object.fromEntries(entry.pkg.entries.map((each) => [each.subpath, each.specifier])),
  };
  await writeFile(path.join(dir, 'consumer.json'), `${JSON.stringify(consumer, null, 2)}\n`);
  for (const fixture of ['named.mjs', 'esm-import.mjs', 'cjs-require.cjs'])
    await copyFixture(fixture, path.join(dir, fixture), entry);
  const runtime = scenarioFixture(entry, 'runtime.cjs');
  if (runtime) await copyFixture(runtime, path.join(dir, 'scenario.cjs'), entry);
  const checks = [
    { check: 'esm-import', file: path.join(dir, 'esm-import.mjs') },
    { check: 'cjs-require', file: path.join(dir, 'cjs-require.cjs') },
  ];
  const crossCopy = scenarioFixture(entry, 'cross-copy.mjs');
  if (crossCopy) {
    await copyFixture(crossCopy, path.join(dir, 'cross-copy.mjs'), entry);
    checks.push({ check: 'cross-copy-brand', file: path.join(dir, 'cross-copy.mjs') });
  }
  return checks;
}

/**
 * Writes the TypeScript consumers of `entry` into `<tsRoot>/<slug>/`: `consumer.ts` (and, for the entry that owns
 * the package's scenario, its `types.ts`) as `.mts` and `.cts` for node16 and as `.ts` for bundler.
 * @param {string} tsRoot
 * @param {Entry} entry
 * @returns {Promise<Record<TsMode, string[]>>} the files per mode, relative to `tsRoot`
 */
export async function writeTypeConsumers(tsRoot, entry) {
  await mkdir(path.join(tsRoot, entry.slug), { recursive: true });
  /** @type {Record<TsMode, string[]>} */
  const files = { node16: [], bundler: [] };
  const types = scenarioFixture(entry, 'types.ts');
  for (const [fixture, base] of /** @type {const} */ ([
    ['consumer.ts', 'consumer'],
    [types, 'scenario'],
  ])) {
    if (fixture === undefined) continue;
    for (const extension of ['mts', 'cts', 'ts']) {
      const file = `${entry.slug}/${base}.${extension}`;
      await copyFixture(fixture, path.join(tsRoot, file), entry);
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
  await writeFile(
    path.join(tsRoot, 'tsconfig.base.json'),
    await readFile(path.join(FIXTURES, 'tsconfig.base.json'), 'utf8'),
  );
  for (const mode of /** @type {TsMode[]} */ (['node16', 'bundler'])) {
    const compilerOptions =
      mode === 'node16'
        ? { module: 'node16', moduleResolution: 'node16' }
        : { module: 'esnext', moduleResolution: 'bundler' };
    const config = { extends: './tsconfig.base.json', compilerOptions, files: files[mode] };
    await writeFile(path.join(tsRoot, `tsconfig.${mode}.json`), `${JSON.stringify(config, null, 2)}\n`);
  }
}
