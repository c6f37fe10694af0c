import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCatalog, CatalogDecisionError, validateOverrides } from './build-catalog.mjs';
import { DATA_DIR, renderOutputs } from './emit.mjs';
import { readPage } from './read-page.mjs';

/**
 * @typedef {import('./read-page.mjs').PageConfig} PageConfig
 * @typedef {import('./build-catalog.mjs').Overrides} Overrides
 * @typedef {import('./build-catalog.mjs').Catalog} Catalog
 */

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CATALOG_DIR = fileURLToPath(new URL('../', import.meta.url));

/**
 * @typedef {object} GenerateOptions
 * @property {string} [root] The repository root; defaults to this checkout.
 * @property {PageConfig[]} [pages] Defaults to tools/catalog/pages.json.
 * @property {unknown} [overrides] Defaults to tools/catalog/overrides.json.
 *
 * @typedef {object} Generated
 * @property {Catalog} catalog
 * @property {Map<string, string>} files Every output, by path relative to the repository root.
 */

/**
 * Reads the pages, applies the overrides and renders every output in memory; writes nothing.
 * @param {GenerateOptions} [options]
 * @returns {Generated}
 */
export function generateCatalog(options = {}) {
  const root = options.root ?? REPO_ROOT;
  const catalogDir = join(root, relative(REPO_ROOT, CATALOG_DIR));
  const readJson = (/** @type {string} */ name) =>
    /** @type {unknown} */ (JSON.parse(readFileSync(join(catalogDir, name), 'utf8')));
  const pages = options.pages ?? /** @type {{ pages: PageConfig[] }} */ (readJson('pages.json')).pages;
  const overrides = validateOverrides(options.overrides ?? readJson('overrides.json'));

  const sourceDir = join(catalogDir, 'sources');
  const onDisk = readdirSync(sourceDir)
    .filter((name) => name.endsWith('.txt'))
    .sort();
  const listed = pages.map((p) => p.file).sort();
  const unlisted = onDisk.filter((name) => !listed.includes(name));
  const absent = listed.filter((name) => !onDisk.includes(name));
  if (unlisted.length > 0 || absent.length > 0) {
    throw new Error(
      `tools/catalog/pages.json and tools/catalog/sources disagree: not listed ${JSON.stringify(unlisted)}, missing ${JSON.stringify(absent)}`,
    );
  }

  const readings = pages.map((page) => ({
    page,
    reading: readPage(readFileSync(join(sourceDir, page.file), 'utf8'), page),
  }));
  const catalog = buildCatalog(readings, overrides);
  return { catalog, files: renderOutputs(catalog, readings) };
}

/**
 * Which generated files differ from the checked-in ones (including data files that should not exist).
 * @param {Map<string, string>} files
 * @param {string} root
 * @returns {string[]} paths relative to the root
 */
export function staleFiles(files, root) {
  const stale = [...files].filter(([path, content]) => {
    try {
      return readFileSync(join(root, path), 'utf8') !== content;
    } catch {
      return true;
    }
  });
  /** @type {string[]} */
  let dataFiles = [];
  try {
    dataFiles = readdirSync(join(root, DATA_DIR)).map((name) => `${DATA_DIR}/${name}`);
  } catch {
    // no data directory yet: every data file is already stale above
  }
  const extra = dataFiles.filter((path) => !files.has(path));
  return [...stale.map(([path]) => path), ...extra];
}

/**
 * `node src/generate.mjs [--check] [--root <repository root>]` (`--root` lets tests work on a copy).
 * @param {string[]} argv
 * @returns {number} the exit code
 */
function main(argv) {
  const { values } = parseArgs({
    args: argv,
    options: { check: { type: 'boolean', default: false }, root: { type: 'string', default: REPO_ROOT } },
  });
  const { check, root } = values;
  /** @type {Generated} */
  let generated;
  try {
    generated = generateCatalog({ root });
  } catch (error) {
    console.error(error instanceof CatalogDecisionError ? error.message : error);
    return 1;
  }
  const { files, catalog } = generated;
  const counts = catalog.services.map((s) => `${s} ${String(catalog.entriesByService.get(s)?.length ?? 0)}`).join(', ');
  const stale = staleFiles(files, root);
  if (check) {
    if (stale.length === 0) {
      console.log(`The error catalog is up to date (${counts}).`);
      return 0;
    }
    console.error(
      `The generated error catalog is out of date:\n${stale.map((p) => `  ${p}`).join('\n')}\n\n` +
        'Run `pnpm generate` at the repository root and commit the result.',
    );
    return 1;
  }
  for (const path of stale) {
    const target = join(root, path);
    if (!files.has(path)) {
      rmSync(target); // the data directory belongs to the generator
      console.log(`deleted ${path}`);
      continue;
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, files.get(path) ?? '');
    console.log(`wrote ${path}`);
  }
  console.log(
    `Error catalog: ${counts}; ${String(catalog.disagreements.length)} disagreements and ${String(catalog.rowDecisions.length)} rows decided by overrides.json.`,
  );
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = main(process.argv.slice(2));
}
