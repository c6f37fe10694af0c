import { fileURLToPath } from 'node:url';

// Tests run against the sources of sibling workspace packages, so no build is needed before `vitest`.
export const workspaceAliases = {
  '@bce-errors/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
  '@bce-errors/mock-server': fileURLToPath(new URL('./tools/mock-server/src/index.ts', import.meta.url)),
};

/**
 * The vitest project of an adapter package: sources of the workspace packages, and room for the shared scenario
 * suite, which runs every vector concurrently and waits each style's real retry delays (up to 4.2 s in Java style).
 */
export function adapterProjectConfig(name: string) {
  return {
    resolve: { alias: workspaceAliases },
    test: {
      name,
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      maxConcurrency: 100,
      testTimeout: 30_000,
    },
  };
}
