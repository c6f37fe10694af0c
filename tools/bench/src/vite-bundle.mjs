// @ts-check
// The browser bundles again, built as a Vite app would build them: Vite's build() API (Rollup, then Vite's default
// minifier, esbuild), production mode, Vite's default browser target and resolve conditions (`browser` first),
// from the same entries as src/bundle.mjs and with the same externals (axios stays external: the figure is what
// the adapter adds to an app that already has axios), then gzip -9. An app build drops an entry's exports unless
// told otherwise, so the entry keeps its signature ('strict'): the bytes are the library's, not an app's own code.
// Each entry is a virtual module, so nothing is written to disk; the output names no path (checked by the test).
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { BUNDLES } from './bundle.mjs';

export { version as viteVersion } from 'vite';

/**
 * The bundles a browser app gets: the two adapters that run in browsers and the browser peers.
 * @typedef {'fetch' | 'axiosBrowser' | 'axiosRetry' | 'ky' | 'ofetch'} ViteBundleName
 *
 * @typedef {object} ViteBundleFigures
 * @property {number} minBytes
 * @property {number} gzipBytes
 * @property {string[]} imports What the bundle still imports (the externals it uses).
 * @property {number} chunks How many chunks Rollup wrote (1: nothing was split off).
 */

/** @type {readonly ViteBundleName[]} */
const VITE_BUNDLES = ['fetch', 'axiosBrowser', 'axiosRetry', 'ky', 'ofetch'];

const VIRTUAL_PREFIX = 'bench-entry:';

/**
 * @param {ViteBundleName} name
 * @param {string} root The folder the entry's imports resolve from.
 */
async function viteBuild(name, root) {
  const spec = BUNDLES[name];
  const request = `${VIRTUAL_PREFIX}${name}`;
  // Rollup's convention for a virtual module: the \0 keeps other plugins from treating it as a file.
  const id = `\0${request}`;
  const output = await build({
    configFile: false,
    envFile: false,
    root,
    mode: 'production',
    logLevel: 'silent',
    publicDir: false,
    plugins: [
      {
        name: 'bench-entry',
        resolveId: (source) => (source === request ? id : undefined),
        load: (loaded) => (loaded === id ? spec.entry : undefined),
      },
    ],
    build: {
      write: false,
      minify: true,
      copyPublicDir: false,
      reportCompressedSize: false,
      // The polyfill belongs to an HTML entry's preloads, not to the library.
      modulePreload: { polyfill: false },
      rollupOptions: { input: request, external: spec.external, preserveEntrySignatures: 'strict' },
    },
  });
  // build() resolves to one output per format: one here (an app build writes ES modules only).
  const outputs = /** @type {import('vite').Rollup.RollupOutput[]} */ (Array.isArray(output) ? output : [output]);
  return outputs.flatMap((result) => result.output).filter((file) => file.type === 'chunk');
}

/**
 * Min and gzip -9 sizes of each browser bundle built with Vite, every chunk counted.
 * @param {string} root The folder the entries' imports resolve from (tools/bench: its node_modules).
 * @returns {Promise<Record<ViteBundleName, ViteBundleFigures>>}
 */
export async function measureViteBundles(root) {
  const results = /** @type {Record<ViteBundleName, ViteBundleFigures>} */ ({});
  for (const name of VITE_BUNDLES) {
    const chunks = await viteBuild(name, root);
    if (chunks.length === 0) throw new Error(`vite bundle ${name}: no chunk written`);
    const bytes = Buffer.from(chunks.map((chunk) => chunk.code).join(''));
    results[name] = {
      minBytes: bytes.byteLength,
      gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
      imports: [...new Set(chunks.flatMap((chunk) => chunk.imports))].filter(
        (file) => !chunks.some((chunk) => chunk.fileName === file),
      ),
      chunks: chunks.length,
    };
  }
  return results;
}

/**
 * The code of one Vite-built bundle, for the tests (what a browser app ships).
 * @param {ViteBundleName} name
 * @param {string} root
 * @returns {Promise<string>}
 */
export async function viteBundleText(name, root) {
  return (await viteBuild(name, root)).map((chunk) => chunk.code).join('');
}
