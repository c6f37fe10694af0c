import { fileURLToPath } from 'node:url';

// Tests run against the sources of sibling workspace packages, so no build is needed before `vitest`.
export const workspaceAliases = {
  '@bce-errors/core': fileURLToPath(new URL('./packages/core/src/index.ts', import.meta.url)),
  '@bce-errors/mock-server': fileURLToPath(new URL('./tools/mock-server/src/index.ts', import.meta.url)),
};
