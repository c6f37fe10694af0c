import { defineConfig, type Options } from 'tsup';

/**
 * The one build of every published package: ESM and CJS with declarations for both, no bundled dependencies,
 * source maps, and nothing minified (consumers minify; readable stacks matter more here).
 */
export function libraryOptions(overrides: Options = {}): Options {
  return {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'neutral',
    splitting: false,
    treeshake: true,
    ...overrides,
  };
}

/** The tsup config of a package with the one build, optionally adjusted. */
export function defineLibraryConfig(overrides: Options = {}): ReturnType<typeof defineConfig> {
  return defineConfig(libraryOptions(overrides));
}
