// @ts-check
// What per-style entry points could take out of a bundle (issue 14: "style-specific reading and formatting that a
// user never selects must not be in their bundle"). The style is a run-time option of one entry point, so every
// bundle ships the readers, formats and policies of all three styles. This estimates the bundle a one-style entry
// point would give: the bundles of src/bundle.mjs built from the TypeScript source, with core's style checks
// (`style === 'java'`, `switch (style)`) replaced by the answer for one style before esbuild minifies, so that its
// dead-code elimination drops what the other styles use. The figures are an estimate of the reachable size, not of
// a shipped build: a real per-style entry would also need its own option checks and package entries.
//
//   node src/style-size.mjs          prints one row per bundle: all styles, then go, java, python (gzip / min bytes)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildBundle, BUNDLES, coreSourceAliases } from './bundle.mjs';

/** @typedef {import('@bce-errors/core').SdkStyle} SdkStyle */

/** The bundles a one-style entry point would change: the adapters and core's own. */
export const STYLE_BUNDLES = /** @type {const} */ (['axios', 'axiosBrowser', 'got', 'fetch', 'core']);

/** @type {readonly SdkStyle[]} */
export const STYLES = ['go', 'java', 'python'];

/**
 * Core's source with every check of the style variable answered for `style`. Only the two forms core's dispatch is
 * written in are rewritten; a test holds that every one of core's style checks is of these forms.
 * @param {string} source
 * @param {SdkStyle} style
 */
export function answerStyleChecks(source, style) {
  return source
    .replace(/\bstyle (===|!==) '(go|java|python)'/g, (_match, operator, checked) =>
      String((checked === style) === (operator === '===')),
    )
    .replaceAll('switch (style)', `switch ('${style}')`);
}

/**
 * @param {import('./bundle.mjs').BundleName} name
 * @param {SdkStyle | undefined} style `undefined`: every style, as the packages ship.
 * @param {string} resolveDir
 * @param {Record<string, string>} aliases
 * @returns {Promise<{ gzipBytes: number, minBytes: number, code: string }>}
 */
async function styleBundle(name, style, resolveDir, aliases) {
  /** @type {import('esbuild').Plugin} */
  const answerChecks = {
    name: 'answer-style-checks',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /[\\/]packages[\\/]core[\\/]src[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        return { contents: style === undefined ? source : answerStyleChecks(source, style), loader: 'ts' };
      });
    },
  };
  const output = await buildBundle(BUNDLES[name], name, resolveDir, aliases, [answerChecks]);
  const bytes = output.outputFiles[0]?.contents;
  if (bytes === undefined) throw new Error(`style bundle ${name}: esbuild wrote no output`);
  return {
    gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
    minBytes: bytes.byteLength,
    code: new TextDecoder().decode(bytes),
  };
}

/**
 * The size of each bundle with every style, and as a one-style entry point of each style would make it.
 * @param {string} resolveDir The folder the entries' imports resolve from (tools/bench).
 * @param {string} coreDir The folder of @bce-errors/core.
 */
export async function measureStyleBundles(resolveDir, coreDir) {
  const aliases = coreSourceAliases(coreDir);
  /** @type {Record<string, Record<SdkStyle | 'all', { gzipBytes: number, minBytes: number, code: string }>>} */
  const results = {};
  for (const name of STYLE_BUNDLES) {
    const row = /** @type {Record<SdkStyle | 'all', { gzipBytes: number, minBytes: number, code: string }>} */ ({});
    row.all = await styleBundle(name, undefined, resolveDir, aliases);
    for (const style of STYLES) row[style] = await styleBundle(name, style, resolveDir, aliases);
    results[name] = row;
  }
  return results;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const benchDir = fileURLToPath(new URL('..', import.meta.url));
  const results = await measureStyleBundles(benchDir, join(benchDir, '..', '..', 'packages', 'core'));
  console.log('bundle        all styles    go            java          python   (gzip -9 / minified bytes)');
  for (const [name, row] of Object.entries(results)) {
    const cells = ['all', ...STYLES].map((key) => {
      const figures = row[/** @type {SdkStyle | 'all'} */ (key)];
      return `${String(figures.gzipBytes)}/${String(figures.minBytes)}`.padEnd(14);
    });
    console.log(`${name.padEnd(14)}${cells.join('')}`);
  }
}
