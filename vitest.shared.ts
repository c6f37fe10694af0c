/**
 * The export condition under which every published workspace package resolves to its TypeScript sources
 * (`"@bce-errors/source": "./src/index.ts"`, first in each `exports` entry). TypeScript turns it on with
 * `customConditions` in tsconfig.base.json; Vitest with the resolve settings below; Node, bundlers and users never
 * set it, so they get `dist`. One mechanism, so a new package needs no alias anywhere.
 */
const SOURCE_CONDITION = '@bce-errors/source';

/** Vite's resolve settings with the source condition in front of Vite's defaults (client and server). */
export const workspaceSources = {
  resolve: { conditions: [SOURCE_CONDITION, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, 'module', 'node', 'development|production'] } },
};

/**
 * The vitest project of an adapter package: sources of the workspace packages, and room for the shared scenario
 * suite, which runs every vector concurrently and waits each style's real retry delays (up to 4.2 s in Java style).
 */
export function adapterProjectConfig(name: string) {
  return {
    ...workspaceSources,
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      maxConcurrency: 100,
      testTimeout: 30_000,
    },
  };
}
