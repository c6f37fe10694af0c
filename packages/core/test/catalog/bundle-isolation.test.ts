// Adapters import core; the catalog texts must stay out of a bundle that does not use the catalog.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const CATALOG_EXPORTS = new Set([
  'lookupError',
  'listErrors',
  'catalogEntries',
  'hasCode',
  'renderMessage',
  'suggestErrorCodes',
  'catalogEntryForError',
  'CATALOG_SERVICES',
]);
/** Texts that only the catalog data holds. */
const CATALOG_TEXTS = ['The specified CFS instance does not exist.', 'IAM.0001', 'Invalid mobile number.'];

let library: string | undefined;

/**
 * Bundles `src/index.ts` into one ESM file, as tsup does for dist/index.js, in a directory without a
 * package.json: a consumer's bundler then keeps or drops each statement by itself (no "sideEffects" hint).
 */
async function buildLibrary(): Promise<string> {
  if (library !== undefined) return library;
  const dir = mkdtempSync(join(tmpdir(), 'bce-errors-bundle-'));
  await build({
    entryPoints: [join(SRC, 'index.ts')],
    outfile: join(dir, 'core.js'),
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  library = dir;
  return dir;
}

/** What a consumer's bundle holds when it imports these names of core. */
async function bundle(names: readonly string[]): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { ${names.join(', ')} } from './core.js';\nconsole.log(${names.join(', ')});\n`,
      resolveDir: await buildLibrary(),
      loader: 'js',
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    treeShaking: true,
    logLevel: 'silent',
  });
  return result.outputFiles.map((file) => file.text).join('\n');
}

afterAll(() => {
  if (library !== undefined) rmSync(library, { recursive: true, force: true });
});

describe('the catalog in bundles', () => {
  it('stays out of a bundle of everything else core exports', async () => {
    const others = Object.keys(core).filter((name) => !CATALOG_EXPORTS.has(name));
    expect(others.length).toBeGreaterThan(20);
    const text = await bundle(others);
    expect(text).toContain('BceServiceError');
    for (const catalogText of CATALOG_TEXTS) expect(text).not.toContain(catalogText);
  });

  it('stays out of a bundle that only uses hasCode', async () => {
    const text = await bundle(['hasCode']);
    for (const catalogText of CATALOG_TEXTS) expect(text).not.toContain(catalogText);
  });

  it('is in the bundle once the catalog is used', async () => {
    const text = await bundle(['lookupError']);
    for (const catalogText of CATALOG_TEXTS) expect(text).toContain(catalogText);
  });

  it('is imported by no core module outside src/catalog, src/cli and the index, except through its registry', () => {
    const offenders = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
      .filter((path) => path.endsWith('.ts') && !/^(catalog|cli)[/\\]/.test(path) && path !== 'index.ts')
      .filter((path) =>
        // Type-only imports are erased from the build, so they cost no bytes. `catalog/registry.ts` holds no data:
        // it is how `BceServiceError.catalogEntry` reaches the catalog without importing it.
        /^import (?!type )[^;]*from '\.{1,2}\/(?:\.\.\/)*catalog\/(?!registry\.js')/m.test(
          readFileSync(`${SRC}${path}`, 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
    // The exception holds only while the registry imports nothing at run time.
    expect(readFileSync(`${SRC}catalog/registry.ts`, 'utf8')).not.toMatch(/^import (?!type )/m);
  });
});
