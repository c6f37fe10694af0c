// @ts-check
// What a browser app and a Node app get from `import { installBceErrors } from '@bce-errors/axios'`, bundled from the
// built package as their bundler would (esbuild, minified): the Node-only error-body guard (the agents' watcher on
// every request, Node's http/https/zlib) is in the Node bundle and not in the browser one (issue 14).
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

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

  it('a Node bundle keeps the guard', async () => {
    const { text } = await bundleAxios('node');
    expect(GUARD_MARKERS.filter((marker) => text.includes(marker))).toEqual(GUARD_MARKERS);
  });
});
