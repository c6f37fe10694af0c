// @ts-check
// Bundle size of what an application pays for one import, as a bundler sees the published packages: esbuild,
// minified, ESM, tree-shaken (the packages say "sideEffects": false), peers and node builtins external, then
// gzip -9. The entry imports the named export and re-exports it so it is kept. The peers (src/peers.mjs) are
// bundled the same way, for scale; src/vite-bundle.mjs builds the browser entries again with Vite.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export { version as esbuildVersion } from 'esbuild';

/**
 * @typedef {object} BundleSpec
 * @property {string} entry The source of the entry module.
 * @property {import('esbuild').Platform} platform
 * @property {string[]} external
 *
 * @typedef {keyof typeof BUNDLES} BundleName
 *
 * @typedef {object} BundleFigures
 * @property {number} minBytes
 * @property {number} gzipBytes
 * @property {string[]} imports What the bundle still imports (peers, node builtins).
 * @property {string[]} resolvedFrom The files the bundle was built from.
 * @property {{ path: string, bytesInOutput: number }[]} sourceBytes
 */

/**
 * Each bundle's entry, platform and externals. src/vite-bundle.mjs builds the browser ones from the same entries.
 * @satisfies {Record<string, BundleSpec>}
 */
export const BUNDLES = {
  axios: { entry: "export { installBceErrors } from '@bce-errors/axios';", platform: 'node', external: ['axios'] },
  // The same import in a browser app: the package's `browser` condition, without the Node error-body watcher.
  axiosBrowser: {
    entry: "export { installBceErrors } from '@bce-errors/axios';",
    platform: 'browser',
    external: ['axios'],
  },
  got: { entry: "export { bceErrors } from '@bce-errors/got';", platform: 'node', external: ['got'] },
  fetch: { entry: "export { createBceFetch } from '@bce-errors/fetch';", platform: 'browser', external: [] },
  core: {
    entry: "export { parseServiceError, retryPolicy } from '@bce-errors/core';",
    platform: 'browser',
    external: [],
  },
  // The peers as a browser app imports them, axios external as above: what each adds to an app.
  axiosRetry: { entry: "export { default } from 'axios-retry';", platform: 'browser', external: ['axios'] },
  ky: { entry: "export { default } from 'ky';", platform: 'browser', external: [] },
  ofetch: { entry: "export { ofetch } from 'ofetch';", platform: 'browser', external: [] },
};

/**
 * One bundle, as the bench measures every bundle (src/style-size.mjs adds a plugin that rewrites core's source).
 * @param {BundleSpec} spec
 * @param {string} name
 * @param {string} resolveDir
 * @param {Record<string, string> | undefined} alias
 * @param {import('esbuild').Plugin[]} [plugins]
 */
export async function buildBundle(spec, name, resolveDir, alias, plugins = []) {
  return build({
    stdin: { contents: spec.entry, resolveDir, loader: 'js', sourcefile: `${name}-entry.js` },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: spec.platform,
    // platform 'node' already leaves node builtins external; listed for the record.
    external: [...spec.external, 'node:*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    // Resolve as an application would: the workspace tsconfig maps @bce-errors/core to its TypeScript source.
    tsconfigRaw: {},
    alias,
    plugins,
  });
}

/**
 * An esbuild alias from each entry point of @bce-errors/core ("@bce-errors/core", "@bce-errors/core/adapter", ...,
 * the keys of its package.json `exports`) to its TypeScript source: `dist/<name>.js` is built from `src/<name>.ts`.
 * @param {string} coreDir
 * @returns {Record<string, string>}
 */
export function coreSourceAliases(coreDir) {
  const manifest = /** @type {{ name: string, exports: Record<string, unknown> }} */ (
    JSON.parse(readFileSync(join(coreDir, 'package.json'), 'utf8'))
  );
  /** @type {Record<string, string>} */
  const aliases = {};
  for (const subpath of Object.keys(manifest.exports)) {
    if (!subpath.startsWith('.') || subpath.endsWith('.json')) continue;
    const source = join(coreDir, 'src', `${subpath === '.' ? 'index' : subpath.slice(2)}.ts`);
    if (existsSync(source)) aliases[manifest.name + subpath.slice(1)] = source;
  }
  return aliases;
}

/**
 * Sizes of the bundles built from the published dist/, plus, for reading only, which source files the bytes come
 * from (the same bundle built with @bce-errors/core taken from its TypeScript source: core's dist is bundled).
 * @param {string} resolveDir
 * @param {string} coreDir The folder of @bce-errors/core.
 * @returns {Promise<Record<BundleName, BundleFigures>>}
 */
export async function measureBundles(resolveDir, coreDir) {
  const aliases = coreSourceAliases(coreDir);
  const results = /** @type {Record<BundleName, BundleFigures>} */ ({});
  for (const [name, spec] of /** @type {[BundleName, BundleSpec][]} */ (Object.entries(BUNDLES))) {
    const output = await buildBundle(spec, name, resolveDir, undefined);
    const bytes = output.outputFiles[0]?.contents;
    const [meta] = Object.values(output.metafile.outputs);
    const attribution = await buildBundle(spec, name, resolveDir, aliases);
    const [attributionMeta] = Object.values(attribution.metafile.outputs);
    if (bytes === undefined || meta === undefined || attributionMeta === undefined)
      throw new Error(`bundle ${name}: esbuild wrote no output`);
    results[name] = {
      minBytes: bytes.byteLength,
      gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
      imports: meta.imports.map((entry) => entry.path),
      resolvedFrom: Object.keys(meta.inputs).filter((path) => !path.endsWith('-entry.js')),
      // Minified bytes per source file (before gzip), largest first.
      sourceBytes: Object.entries(attributionMeta.inputs)
        .map(([path, { bytesInOutput }]) => ({ path: path.replace(/^.*?(packages\/)/, '$1'), bytesInOutput }))
        .filter((input) => input.bytesInOutput > 0)
        .sort((a, b) => b.bytesInOutput - a.bytesInOutput),
    };
  }
  return results;
}
