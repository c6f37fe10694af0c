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
 * Four test files at a time, for the packages whose files mostly wait (real retry delays, stall limits, sockets, child
 * processes). Vitest starts one worker per core but one, which is a single worker on the 2-core CI machine: an adapter
 * suite then used a quarter of the machine and took 54 s, against 18 s with four workers (60 % of the machine); core
 * 55 s against 33 s. Not for suites that load the machine on purpose (tools/reliability: 10,000 concurrent requests
 * pushed other files' requests past their 400 ms timeout). A root option of vitest: the packages that spread it use
 * `defineConfig`, not `defineProject` (a project of the top-level `pnpm vitest` run ignores it).
 */
export const fourFilesAtATime = { poolOptions: { forks: { minForks: 1, maxForks: 4 } } };

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
      ...fourFilesAtATime,
    },
  };
}
