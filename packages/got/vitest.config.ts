import { defineProject } from 'vitest/config';
import { workspaceAliases } from '../../vitest.shared.ts';

export default defineProject({
  resolve: { alias: workspaceAliases },
  test: {
    name: '@bce-errors/got',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The scenario suite runs every vector concurrently: retries wait real delays (up to 4.2 s in Java style).
    maxConcurrency: 100,
    testTimeout: 30_000,
  },
});
