// @ts-check
// What a browser app and a Node app get from `import { installBceErrors } from '@bce-errors/axios'`, bundled from the
// built package as their bundler would (esbuild, and Vite for the browser app; minified): the Node-only error-body
// guard (the agents' watcher on every request, Node's http/https/zlib) is in the Node bundle and not in the browser
// ones (issue 14).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { viteBundleText } from '../src/vite-bundle.mjs';

/** @param {import('esbuild').Platform} platform */
async function bundleAxios(platform) {
  const result = await build({
    stdin: {
      contents: "export { installBceErrors } from '@bce-errors/axios';",
      resolveDir: new URL('..', import.meta.url).pathname,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    external: ['axios'],
    write: false,
    metafile: true,
    logLevel: 'silent',
    tsconfigRaw: {},
  });
  const [output] = Object.values(result.metafile.outputs);
  return { text: result.outputFiles[0]?.text ?? '', imports: output?.imports.map((entry) => entry.path) ?? [] };
}

// Names of the guard that minification keeps: the agent method it wraps, how it loads Node's modules, and the
// decoder its watcher inflates a compressed error body with.
const GUARD_MARKERS = ['addRequest', 'getBuiltinModule', 'createGunzip'];

describe('@bce-errors/axios bundles', () => {
  it('a browser bundle has no Node error-body guard and imports nothing', async () => {
    const { text, imports } = await bundleAxios('browser');
    expect(text.includes('installBceErrors')).toBe(true);
    // Filtered rather than `not.toContain`, so a failure names the markers instead of printing the whole bundle.
    expect(GUARD_MARKERS.filter((marker) => text.includes(marker))).toEqual([]);
    expect(text.match(/node:[a-z]+/g) ?? []).toEqual([]);
    // The adapter uses axios' types only: the bundle imports nothing, not even axios.
    expect(imports).toEqual([]);
  });

  it('a browser app built with Vite has no Node error-body guard either, and names no path of this machine', async () => {
    const text = await viteBundleText('axiosBrowser', new URL('..', import.meta.url).pathname);
    expect(text.includes('installBceErrors')).toBe(true);
    expect(GUARD_MARKERS.filter((marker) => text.includes(marker))).toEqual([]);
    expect(text.match(/node:[a-z]+/g) ?? []).toEqual([]);
    // A path in the output would make the size depend on where the repository is cloned (CI clones elsewhere).
    expect(text.match(/\/(?:work|home|tmp|root)\/|node_modules/g) ?? []).toEqual([]);
  });

  it('a Node bundle keeps the guard', async () => {
    const { text } = await bundleAxios('node');
    expect(GUARD_MARKERS.filter((marker) => text.includes(marker))).toEqual(GUARD_MARKERS);
  });
});
